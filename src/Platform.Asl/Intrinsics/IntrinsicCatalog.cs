using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>The 18 intrinsic functions of the Amazon States Language, by name (names are case-sensitive).</summary>
internal static class IntrinsicCatalog
{
    private static readonly FrozenDictionary<string, IntrinsicDefinition> Definitions = Build();

    /// <summary>Gets every function name.</summary>
    public static IEnumerable<string> Names => Definitions.Keys;

    /// <summary>Finds a function by name.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IntrinsicDefinition? definition) =>
        Definitions.TryGetValue(name, out definition);

    private static FrozenDictionary<string, IntrinsicDefinition> Build()
    {
        const int Many = int.MaxValue;
        JsonKind? any = null;
        JsonKind? str = JsonKind.String;
        JsonKind? num = JsonKind.Number;
        JsonKind? arr = JsonKind.Array;
        JsonKind? obj = JsonKind.Object;
        JsonKind? boolean = JsonKind.Boolean;
        IntrinsicDefinition[] all =
        [
            new("States.Format", 1, Many, [str, any], str, StringIntrinsics.Format, StringIntrinsics.ValidateFormat),
            new("States.StringToJson", 1, 1, [str], null, JsonIntrinsics.StringToJson),
            new("States.JsonToString", 1, 1, [any], str, JsonIntrinsics.JsonToString),
            new("States.Array", 0, Many, [any], arr, ArrayIntrinsics.Array),
            new("States.ArrayPartition", 2, 2, [arr, num], arr, ArrayIntrinsics.ArrayPartition, ArrayIntrinsics.ValidateArrayPartition),
            new("States.ArrayContains", 2, 2, [arr, any], boolean, ArrayIntrinsics.ArrayContains),
            new("States.ArrayRange", 3, 3, [num, num, num], arr, ArrayIntrinsics.ArrayRange, ArrayIntrinsics.ValidateArrayRange),
            new("States.ArrayGetItem", 2, 2, [arr, num], null, ArrayIntrinsics.ArrayGetItem, ArrayIntrinsics.ValidateArrayGetItem),
            new("States.ArrayLength", 1, 1, [arr], num, ArrayIntrinsics.ArrayLength),
            new("States.ArrayUnique", 1, 1, [arr], arr, ArrayIntrinsics.ArrayUnique),
            new("States.Base64Encode", 1, 1, [str], str, EncodingIntrinsics.Base64Encode),
            new("States.Base64Decode", 1, 1, [str], str, EncodingIntrinsics.Base64Decode),
            new("States.Hash", 2, 2, [any, str], str, EncodingIntrinsics.Hash, EncodingIntrinsics.ValidateHash),
            new("States.JsonMerge", 3, 3, [obj, obj, boolean], obj, JsonIntrinsics.JsonMerge, JsonIntrinsics.ValidateJsonMerge),
            new("States.MathRandom", 2, 3, [num, num, num], num, MathIntrinsics.MathRandom, MathIntrinsics.ValidateMathRandom),
            new("States.MathAdd", 2, 2, [num, num], num, MathIntrinsics.MathAdd),
            new("States.StringSplit", 2, 2, [str, str], arr, StringIntrinsics.StringSplit),
            new("States.UUID", 0, 0, [], str, IdIntrinsics.Uuid),
        ];
        return all.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
    }
}
