using Platform.Asl.DataFlow;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Server.Triggers;

/// <summary>A routing rule: which events (by source and filters) start which state machine, with what input.</summary>
/// <remarks>Filters left null match everything. Every rule that matches an event starts its own execution.</remarks>
public sealed record TriggerRule
{
    /// <summary>Gets the rule's name (1–40 letters, digits, <c>-</c> and <c>_</c>): it prefixes the execution names it starts.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the kind of event the rule routes.</summary>
    public required TriggerSource Source { get; init; }

    /// <summary>Gets the state machine to start: a name or a state machine (version, alias) ARN.</summary>
    public required string StateMachine { get; init; }

    /// <summary>Gets the blob container the rule listens to (<see cref="TriggerSource.Blob"/>), or null for any.</summary>
    public string? Container { get; init; }

    /// <summary>Gets the prefix blob keys must start with, or null.</summary>
    public string? Prefix { get; init; }

    /// <summary>Gets the suffix blob keys must end with, or null.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the Event Grid event types the rule routes (<see cref="TriggerSource.EventGrid"/>); empty for any.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Gets the prefix the Event Grid subject must start with, or null.</summary>
    public string? SubjectBeginsWith { get; init; }

    /// <summary>Gets the suffix the Event Grid subject must end with, or null.</summary>
    public string? SubjectEndsWith { get; init; }

    /// <summary>Gets the queue the rule listens to (<see cref="TriggerSource.Queue"/>).</summary>
    public string? Queue { get; init; }

    /// <summary>Gets the execution input: a JSONPath payload template over the event document, or null to pass the
    /// document itself.</summary>
    public PayloadTemplate? Input { get; init; }

    /// <summary>The execution input the rule makes of <paramref name="e"/>: its template applied to the event document (or
    /// the document itself), or why the template does not apply.</summary>
    internal (JNode? Input, string? Error) InputFor(TriggerEvent e)
    {
        try
        {
            return (Input is null ? e.Document : Input.Evaluate(new DocumentContext(e.Document)), null);
        }
        catch (StatesException ex)
        {
            return (null, $"the input template of rule '{Name}' does not apply to the event: {ex.Cause}");
        }
    }

    /// <summary>Tells whether the rule routes <paramref name="e"/>.</summary>
    internal bool Matches(TriggerEvent e) => Source switch
    {
        TriggerSource.Blob => e.Container is not null && e.Key is not null
            && (Container is null || Container == e.Container)
            && (Prefix is null || e.Key.StartsWith(Prefix, StringComparison.Ordinal))
            && (Suffix is null || e.Key.EndsWith(Suffix, StringComparison.Ordinal)),
        TriggerSource.EventGrid => e.EventType is not null
            && (EventTypes.Count == 0 || EventTypes.Contains(e.EventType, StringComparer.OrdinalIgnoreCase))
            && (SubjectBeginsWith is null || (e.Subject ?? string.Empty).StartsWith(SubjectBeginsWith, StringComparison.Ordinal))
            && (SubjectEndsWith is null || (e.Subject ?? string.Empty).EndsWith(SubjectEndsWith, StringComparison.Ordinal)),
        TriggerSource.Queue => e.Queue is not null && e.Queue == Queue,
        _ => false,
    };
}

/// <summary>Templates read the event document; <c>$$</c> is empty.</summary>
internal sealed class DocumentContext(JNode document) : EvaluationContext
{
    public override JNode Input => document;

    public override JNode ContextObject => JObject.Empty;

    public override Guid NewGuid() => Guid.NewGuid();
}
