namespace Platform.Asl.Errors;

/// <summary>The predefined ASL error names.</summary>
public static class StatesErrors
{
    /// <summary>Matches every error except the terminal ones.</summary>
    public const string All = "States.ALL";

    /// <summary>A heartbeat was missed.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>A task, or the execution, ran longer than allowed.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A task failed; as a matcher, everything except a timeout.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>Insufficient privileges.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>ResultPath could not be applied.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>A path in a payload template failed.</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>A Parallel branch failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No Choice rule matched and there is no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>An intrinsic function failed.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>Map failures exceeded the tolerated threshold.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>A Map ItemReader failed.</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>A Map ResultWriter failed.</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";

    /// <summary>A JSONata query failed.</summary>
    public const string QueryEvaluationError = "States.QueryEvaluationError";

    /// <summary>A payload exceeded 256 KiB; terminal.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>An unprocessable runtime error; terminal.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>The largest payload, in UTF-8 bytes.</summary>
    public const int MaxPayloadBytes = 262_144;
}
