using System.Collections.Frozen;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>The fields each state type accepts (ASL section 1.2 and 1.6), with the query language each belongs to.</summary>
internal static class FieldTable
{
    private static readonly FrozenDictionary<StateType, FrozenDictionary<string, FieldScope>> States = Build();

    /// <summary>Gets the fields of a state type.</summary>
    public static FrozenDictionary<string, FieldScope> For(StateType type) => States[type];

    /// <summary>Gets the fields of a machine (top level, Parallel branch or Map processor).</summary>
    public static FrozenDictionary<string, FieldScope> Machine(MachineKind kind) => kind switch
    {
        MachineKind.Root => Fields(("StartAt", FieldScope.Both), ("States", FieldScope.Both), ("Comment", FieldScope.Both),
            ("Version", FieldScope.Both), ("TimeoutSeconds", FieldScope.Both), ("QueryLanguage", FieldScope.Both)),
        MachineKind.Branch => Fields(("StartAt", FieldScope.Both), ("States", FieldScope.Both), ("Comment", FieldScope.Both)),
        _ => Fields(("StartAt", FieldScope.Both), ("States", FieldScope.Both), ("Comment", FieldScope.Both), ("ProcessorConfig", FieldScope.Both)),
    };

    /// <summary>Creates a field table.</summary>
    public static FrozenDictionary<string, FieldScope> Fields(params (string Name, FieldScope Scope)[] fields) =>
        fields.ToFrozenDictionary(f => f.Name, f => f.Scope, StringComparer.Ordinal);

    private static FrozenDictionary<StateType, FrozenDictionary<string, FieldScope>> Build()
    {
        const FieldScope B = FieldScope.Both, P = FieldScope.JsonPath, A = FieldScope.Jsonata;
        (string, FieldScope)[] common = [("Type", B), ("Comment", B), ("QueryLanguage", B)];
        (string, FieldScope)[] io = [("InputPath", P), ("OutputPath", P), ("Output", A)];
        (string, FieldScope)[] assign = [("Assign", B)];
        (string, FieldScope)[] flow = [("Next", B), ("End", B)];
        (string, FieldScope)[] errors = [("Retry", B), ("Catch", B)];
        (string, FieldScope)[] result = [("ResultSelector", P), ("ResultPath", P)];

        var table = new Dictionary<StateType, FrozenDictionary<string, FieldScope>>
        {
            [StateType.Pass] = Fields([.. common, .. io, .. assign, .. flow, ("Result", P), ("ResultPath", P), ("Parameters", P)]),
            [StateType.Task] = Fields([.. common, .. io, .. assign, .. flow, .. errors, .. result, ("Resource", B), ("Parameters", P),
                ("Arguments", A), ("TimeoutSeconds", B), ("TimeoutSecondsPath", P), ("HeartbeatSeconds", B),
                ("HeartbeatSecondsPath", P), ("Credentials", B)]),
            [StateType.Choice] = Fields([.. common, .. io, .. assign, ("Choices", B), ("Default", B)]),
            [StateType.Wait] = Fields([.. common, .. io, .. assign, .. flow, ("Seconds", B), ("SecondsPath", P), ("Timestamp", B),
                ("TimestampPath", P)]),
            [StateType.Succeed] = Fields([.. common, .. io]),
            [StateType.Fail] = Fields([.. common, ("Error", B), ("ErrorPath", P), ("Cause", B), ("CausePath", P)]),
            [StateType.Parallel] = Fields([.. common, .. io, .. assign, .. flow, .. errors, .. result, ("Branches", B),
                ("Parameters", P), ("Arguments", A)]),
            [StateType.Map] = Fields([.. common, .. io, .. assign, .. flow, .. errors, .. result, ("ItemProcessor", B), ("Iterator", B),
                ("ItemsPath", P), ("Items", A), ("ItemSelector", B), ("Parameters", P), ("MaxConcurrency", B),
                ("MaxConcurrencyPath", P), ("ToleratedFailureCount", B), ("ToleratedFailureCountPath", P),
                ("ToleratedFailurePercentage", B), ("ToleratedFailurePercentagePath", P), ("Label", B), ("ItemReader", B),
                ("ItemBatcher", B), ("ResultWriter", B)]),
        };
        return table.ToFrozenDictionary();
    }
}
