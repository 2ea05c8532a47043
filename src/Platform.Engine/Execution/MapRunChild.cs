namespace Platform.Engine.Execution;

/// <summary>What makes an execution a child of a distributed Map's Map Run: it runs that Map state's <c>ItemProcessor</c>
/// (of its parent's definition) on one item, as an execution of its own.</summary>
/// <remarks>
/// AWS names a Map Run <c>arn:aws:states:…:mapRun:&lt;machine&gt;/&lt;label&gt;:&lt;id&gt;</c> and its children
/// <c>arn:aws:states:…:execution:&lt;machine&gt;/&lt;label&gt;:&lt;id&gt;</c>: the child's <see cref="ExecutionInput.StateMachineName"/>
/// is <c>&lt;machine&gt;/&lt;label&gt;</c>, so its <c>$$.Execution.Id</c> and <c>$$.StateMachine.Id</c> read as AWS's do. A host
/// that pins executions to a definition revision pins the child to its parent's (<see cref="ParentExecutionArn"/>).
/// </remarks>
public sealed record MapRunChild
{
    /// <summary>Gets the JSON pointer of the Map state in the definition (for example <c>/States/Process</c>).</summary>
    public required string MapState { get; init; }

    /// <summary>Gets the ARN of the top-level execution this child descends from: the Map's own execution, or, for a Map Run
    /// inside a Map Run's child, that child's top-level execution (the one a registry pinned to a revision).</summary>
    public required string ParentExecutionArn { get; init; }

    /// <summary>Gets the ARN of the Map Run.</summary>
    public required string MapRunArn { get; init; }
}
