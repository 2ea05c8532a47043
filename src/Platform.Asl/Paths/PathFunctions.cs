using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;

namespace Platform.Asl.Paths;

/// <summary>The Jayway functions a path may end with; a function that does not fit its input finds nothing.</summary>
internal static class PathFunctions
{
    /// <summary>Maps a function name to the function, or <see cref="PathFunction.None"/>.</summary>
    public static PathFunction Lookup(string name) => name switch
    {
        "length" => PathFunction.Length,
        "size" => PathFunction.Size,
        "min" => PathFunction.Min,
        "max" => PathFunction.Max,
        "avg" => PathFunction.Avg,
        "sum" => PathFunction.Sum,
        "stddev" => PathFunction.StdDev,
        "first" => PathFunction.First,
        "last" => PathFunction.Last,
        "keys" => PathFunction.Keys,
        _ => PathFunction.None,
    };

    /// <summary>Applies a function.</summary>
    public static bool TryApply(PathFunction function, JNode input, [NotNullWhen(true)] out JNode? result)
    {
        result = function switch
        {
            PathFunction.Length or PathFunction.Size => input switch
            {
                JArray a => JNode.From(a.Count),
                JObject o => JNode.From(o.Count),
                JString s => JNode.From(s.Value.Length),
                _ => null,
            },
            PathFunction.First => input is JArray { Count: > 0 } first ? first[0] : null,
            PathFunction.Last => input is JArray { Count: > 0 } last ? last[^1] : null,
            PathFunction.Keys => input is JObject keys ? new JArray(ToStrings(keys.Keys)) : null,
            _ => Aggregate(function, input),
        };
        return result is not null;
    }

    private static JNode[] ToStrings(ReadOnlySpan<string> keys)
    {
        var items = new JNode[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            items[i] = JNode.From(keys[i]);
        }

        return items;
    }

    /// <summary>Numeric aggregates over the numbers of an array (other items are skipped, as in Jayway); none at all finds nothing.</summary>
    private static JNumber? Aggregate(PathFunction function, JNode input)
    {
        if (input is not JArray array)
        {
            return null;
        }

        int count = 0;
        double sum = 0, sumSquares = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var item in array.Items)
        {
            if (item is JNumber n)
            {
                count++;
                sum += n.Value;
                sumSquares += n.Value * n.Value;
                min = Math.Min(min, n.Value);
                max = Math.Max(max, n.Value);
            }
        }

        if (count == 0)
        {
            return null;
        }

        double value = function switch
        {
            PathFunction.Min => min,
            PathFunction.Max => max,
            PathFunction.Sum => sum,
            PathFunction.Avg => sum / count,
            PathFunction.StdDev => Math.Sqrt(Math.Max(0, (sumSquares / count) - (sum / count * (sum / count)))),
            _ => double.NaN,
        };
        return double.IsFinite(value) ? JNode.From(value) : null;
    }
}
