using Platform.Asl.Json;

namespace Platform.Engine.Tasks;

/// <summary>One call of a Task state: what the activity receives.</summary>
public sealed class TaskInvocation
{
    /// <summary>Gets the Task state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>Gets the resource as written in the definition.</summary>
    public required string Resource { get; init; }

    /// <summary>Gets the effective parameters (after InputPath and Parameters).</summary>
    public required JNode Input { get; init; }

    /// <summary>Gets the execution (orchestration instance) id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Gets the attempt number, 0 for the first call, counting every retry of the state.</summary>
    public int Attempt { get; init; }

    /// <summary>Gets a stable id for this invocation, usable for idempotency.</summary>
    public string InvocationId => $"{ExecutionId}/{StateName}/{Attempt}";

    /// <summary>Gets the host's id of this activity call: the same on every redelivery of the call and unique within the
    /// execution (unlike <see cref="InvocationId"/>, which repeats across Map iterations), or null when the host has none.</summary>
    /// <remarks>The durable host sets it to <c>instanceId:sequence</c>; a handler with external side effects can use it as an
    /// idempotency key, because durable tasks run at least once.</remarks>
    public string? ActivityId { get; init; }

    /// <summary>Gets the task token for <c>.waitForTaskToken</c> resources.</summary>
    public string? TaskToken { get; init; }

    /// <summary>Gets the resolved timeout in seconds, if any.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Gets the resolved credentials, if any.</summary>
    public JNode? Credentials { get; init; }
}
