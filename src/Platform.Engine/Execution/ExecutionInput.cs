using Platform.Asl.Json;

namespace Platform.Engine.Execution;

/// <summary>What starts an execution: its input and the identity fields of the Context Object.</summary>
public sealed record ExecutionInput
{
    /// <summary>Gets the execution input.</summary>
    /// <value><c>{}</c>.</value>
    public JNode Input { get; init; } = JObject.Empty;

    /// <summary>Gets the execution name.</summary>
    public string Name { get; init; } = "execution";

    /// <summary>Gets the state machine name.</summary>
    public string StateMachineName { get; init; } = "StateMachine";

    /// <summary>Gets the region used in ARNs.</summary>
    /// <value>us-east-1.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the account used in ARNs.</summary>
    /// <value>123456789012.</value>
    public string Account { get; init; } = "123456789012";

    /// <summary>Gets the role ARN reported in the Context Object.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Gets how many times the execution was redriven.</summary>
    public int RedriveCount { get; init; }

    /// <summary>Gets extra fields merged (deeply) into the Context Object, e.g. from a test case's <c>context</c>.</summary>
    public JObject? ContextOverrides { get; init; }

    /// <summary>Gets a value indicating whether history events are kept.</summary>
    /// <value><see langword="true"/>.</value>
    public bool RecordHistory { get; init; } = true;

    /// <summary>Gets the recorder this run records its history events into, or null to make a new one (enabled when
    /// <see cref="RecordHistory"/> is).</summary>
    /// <remarks>A host that shows the history of running executions passes its own and reads it while the run goes on. A
    /// recorder serves one run: a replay that starts the run again needs a new one.</remarks>
    public History.HistoryRecorder? HistoryRecorder { get; init; }

    /// <summary>Gets the most history events an execution may have before it fails with States.Runtime, or null for the host's default.</summary>
    /// <value>null: the host decides (25,000, AWS's Standard quota, unless the host says otherwise).</value>
    /// <remarks>Also what ends a runaway loop of states. Express workflows have no such quota on AWS; the in-memory host raises it.</remarks>
    public int? MaxHistoryEvents { get; init; }

    /// <summary>Gets the workflow type: Express refuses callbacks (<c>.waitForTaskToken</c>) as AWS does; Standard waits.</summary>
    /// <value><see cref="WorkflowType.Express"/>.</value>
    public WorkflowType Type { get; init; } = WorkflowType.Express;

    /// <summary>Gets the codec that signs the task tokens of <c>.waitForTaskToken</c> tasks (a Standard host provides it).</summary>
    public Tasks.TaskTokens? TaskTokens { get; init; }

    /// <summary>Gets where this execution continues, when it is the continuation of a longer one (see
    /// <see cref="ExecutionContinuation"/>); null for a new execution.</summary>
    public ExecutionContinuation? Continuation { get; init; }

    /// <summary>Gets after how many history events the top-level machine continues as new, between two states, to keep
    /// the orchestration's journal short; null or 0 never does (the in-memory host, whose context cannot).</summary>
    public int? ContinueAsNewAfterEvents { get; init; }

    /// <summary>Gets a value indicating whether a <c>DISTRIBUTED</c> Map runs each item as a child execution (a Map Run,
    /// through <see cref="Orchestration.OrchestrationContext.CallSubOrchestratorAsync{TResult}"/>), as AWS does, so the
    /// iterations' states are recorded in the children's journals and histories instead of this execution's; false runs
    /// them inline (the in-memory host, whose context has no children).</summary>
    public bool MapRunChildren { get; init; }

    /// <summary>Gets what this execution is when it is a child execution of a distributed Map's Map Run, or null.</summary>
    public MapRunChild? MapRun { get; init; }

    /// <summary>The AWS quota of history events for a Standard execution.</summary>
    public const int StandardMaxHistoryEvents = 25_000;

    /// <summary>Gets the state machine ARN.</summary>
    public string StateMachineArn => $"arn:aws:states:{Region}:{Account}:stateMachine:{StateMachineName}";

    /// <summary>Gets the execution ARN.</summary>
    public string ExecutionArn => $"arn:aws:states:{Region}:{Account}:execution:{StateMachineName}:{Name}";

    /// <summary>Gets the role ARN, defaulting to one derived from the state machine name.</summary>
    public string EffectiveRoleArn => RoleArn ?? $"arn:aws:iam::{Account}:role/{StateMachineName}-role";
}

/// <summary>AWS's two workflow types.</summary>
public enum WorkflowType
{
    /// <summary>In memory, at-least-once, no callbacks.</summary>
    Express,

    /// <summary>Durable, exactly-once transitions, callbacks and long waits.</summary>
    Standard,
}
