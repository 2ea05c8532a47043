namespace Platform.Engine.History;

/// <summary>AWS Step Functions history event type names used by the engine.</summary>
public static class HistoryEventTypes
{
#pragma warning disable CS1591 // Each constant is the AWS event type of the same name.
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionSucceeded = "ExecutionSucceeded";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionTimedOut = "ExecutionTimedOut";
    public const string ExecutionAborted = "ExecutionAborted";
    public const string ExecutionRedriven = "ExecutionRedriven";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskStarted = "TaskStarted";
    public const string TaskSucceeded = "TaskSucceeded";
    public const string TaskFailed = "TaskFailed";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string TaskSubmitted = "TaskSubmitted";
    public const string LambdaFunctionScheduled = "LambdaFunctionScheduled";
    public const string LambdaFunctionStarted = "LambdaFunctionStarted";
    public const string LambdaFunctionSucceeded = "LambdaFunctionSucceeded";
    public const string LambdaFunctionFailed = "LambdaFunctionFailed";
    public const string LambdaFunctionTimedOut = "LambdaFunctionTimedOut";
    public const string ActivityScheduled = "ActivityScheduled";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivitySucceeded = "ActivitySucceeded";
    public const string ActivityFailed = "ActivityFailed";
    public const string ActivityTimedOut = "ActivityTimedOut";
    public const string ParallelStateStarted = "ParallelStateStarted";
    public const string ParallelStateSucceeded = "ParallelStateSucceeded";
    public const string ParallelStateFailed = "ParallelStateFailed";
    public const string ParallelStateAborted = "ParallelStateAborted";
    public const string MapStateStarted = "MapStateStarted";
    public const string MapStateSucceeded = "MapStateSucceeded";
    public const string MapStateFailed = "MapStateFailed";
    public const string MapStateAborted = "MapStateAborted";
    public const string MapRunStarted = "MapRunStarted";
    public const string MapRunSucceeded = "MapRunSucceeded";
    public const string MapRunFailed = "MapRunFailed";
    public const string MapRunAborted = "MapRunAborted";
    public const string MapIterationStarted = "MapIterationStarted";
    public const string MapIterationSucceeded = "MapIterationSucceeded";
    public const string MapIterationFailed = "MapIterationFailed";
    public const string MapIterationAborted = "MapIterationAborted";
    public const string WaitStateAborted = "WaitStateAborted";
#pragma warning restore CS1591
}
