using Platform.Asl.Json;
using Platform.Asl.Paths;
using Platform.Asl.Time;

namespace Platform.Engine.Execution;

/// <summary>One running machine, branch or iteration: its variable scope, its place in the history, and the evaluation
/// context that paths and templates of its current state read (input, Context Object, variables).</summary>
/// <remarks>One instance serves every state of the branch in turn, so a state transition allocates no context.</remarks>
internal sealed class BranchRun : EvaluationContext
{
    private JNode _input = JObject.Empty;
    private JNode? _contextObject;
    private JObject? _contextExecution;
    private JObject? _stateObject;
    private string _stateName = string.Empty;
    private DateTime _enteredTime;
    private int _retryCount = -1;
    private JObject? _mapItem;
    private string? _taskToken;

    public BranchRun(ExecutionRun execution, VariableScope variables, long previousEventId, CancellationToken cancellation)
    {
        Execution = execution;
        Variables = variables;
        LastEventId = previousEventId;
        Cancellation = cancellation;
    }

    public ExecutionRun Execution { get; }

    public VariableScope Variables { get; }

    /// <summary>Gets the token that stops this branch (and, during a Task attempt, also a redrive that restarts the attempt).</summary>
    public CancellationToken Cancellation { get; private set; }

    /// <summary>Gets or sets the id of this branch's last event (the next event's previousEventId).</summary>
    public long LastEventId { get; set; }

    /// <summary>Gets the id of the current state's Entered event (cited in runtime error causes).</summary>
    public long EnteredEventId { get; private set; }

    public string StateName => _stateName;

    public override JNode Input => _input;

    public override JNode ContextObject
    {
        get
        {
            // $$.Execution changes when the host reports a redrive; the cached object follows it.
            var execution = Execution.ExecutionContextObject;
            if (_contextObject is null || !ReferenceEquals(execution, _contextExecution))
            {
                _contextExecution = execution;
                _contextObject = BuildContextObject();
            }

            return _contextObject;
        }
    }

    public DateTime Now => Execution.Context.CurrentUtcDateTime;

    public void SetInput(JNode input) => _input = input;

    /// <summary>Replaces the branch's token for the length of one attempt; returns the one it replaced.</summary>
    public CancellationToken UseCancellation(CancellationToken token)
    {
        var previous = Cancellation;
        Cancellation = token;
        return previous;
    }

    /// <summary>Starts a state: its name, entry time and whether it carries a retry count.</summary>
    public void EnterState(string name, bool retriable, long enteredEventId, DateTime enteredTime)
    {
        _stateName = name;
        _enteredTime = enteredTime;
        _retryCount = retriable ? 0 : -1;
        _mapItem = null;
        _taskToken = null;
        _contextObject = null;
        _stateObject = null;
        EnteredEventId = enteredEventId;
    }

    public void SetRetryCount(int count)
    {
        if (_retryCount != count)
        {
            _retryCount = count;
            _contextObject = null;
            _stateObject = null;
        }
    }

    public void SetMapItem(int index, JNode value)
    {
        _mapItem = new JObject(["Index", "Value"], [JNode.From(index), value]);
        _contextObject = null;
    }

    /// <summary>Sets <c>$$.Task.Token</c> for the current attempt of a <c>.waitForTaskToken</c> task.</summary>
    public void SetTaskToken(string token)
    {
        _taskToken = token;
        _contextObject = null;
    }

    public void ClearMapItem()
    {
        if (_mapItem is not null)
        {
            _mapItem = null;
            _contextObject = null;
        }
    }

    public override bool TryGetVariable(string name, out JNode value) => Variables.TryGet(name, out value);

    public override Guid NewGuid() => Execution.Context.NewGuid();

    /// <summary>Records an event in this branch's thread of history.</summary>
    public long Record(string type, JObject? details)
    {
        // Without history only the event ids count: no need to read the clock.
        var history = Execution.History;
        LastEventId = Execution.Record(type, LastEventId, history.Enabled ? Now : default, details);
        return LastEventId;
    }

    private JNode BuildContextObject()
    {
        // The State part is cached per state (and retry), so a Map that changes only its item rebuilds just the small root.
        _stateObject ??= _retryCount >= 0
            ? new JObject(["EnteredTime", "Name", "RetryCount"], [JNode.From(Rfc3339.Format(_enteredTime)), JNode.From(_stateName), JNode.From(_retryCount)])
            : new JObject(["EnteredTime", "Name"], [JNode.From(Rfc3339.Format(_enteredTime)), JNode.From(_stateName)]);
        int count = 3 + (_mapItem is null ? 0 : 1) + (_taskToken is null ? 0 : 1);
        var keys = new string[count];
        var values = new JNode[count];
        keys[0] = "Execution";
        values[0] = _contextExecution ?? Execution.ExecutionContextObject;
        keys[1] = "StateMachine";
        values[1] = Execution.StateMachineContextObject;
        keys[2] = "State";
        values[2] = _stateObject;
        int next = 3;
        if (_mapItem is not null)
        {
            keys[next] = "Map";
            values[next++] = new JObject(["Item"], [_mapItem]);
        }

        if (_taskToken is not null)
        {
            keys[next] = "Task";
            values[next] = new JObject(["Token"], [JNode.From(_taskToken)]);
        }

        JNode context = new JObject(keys, values);
        return Execution.Info.ContextOverrides is { } overrides ? Merge(context, overrides) : context;
    }

    private static JNode Merge(JNode target, JNode patch)
    {
        if (target is not JObject t || patch is not JObject p)
        {
            return patch;
        }

        foreach (var (key, value) in p)
        {
            t = t.With(key, t.TryGetValue(key, out var existing) ? Merge(existing, value) : value);
        }

        return t;
    }
}
