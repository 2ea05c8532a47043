using Platform.Asl.Json;

namespace Platform.Runtime.Testing;

/// <summary>Finds where two JSON values first differ, for messages that point at the difference instead of printing two blobs.</summary>
internal static class JsonDifference
{
    /// <summary>Returns the JSON pointer of the first difference and the values there (null when absent on that side), or null when equal.</summary>
    public static (string Pointer, JNode? Expected, JNode? Actual)? Find(JNode expected, JNode actual) =>
        JNode.DeepEquals(expected, actual) ? null : Walk(expected, actual, string.Empty);

    private static (string Pointer, JNode? Expected, JNode? Actual) Walk(JNode expected, JNode actual, string pointer)
    {
        if (expected is JObject e && actual is JObject a)
        {
            foreach (var (key, value) in e)
            {
                if (!a.TryGetValue(key, out var other))
                {
                    return (JsonPointer.Append(pointer, key), value, null);
                }

                if (!JNode.DeepEquals(value, other))
                {
                    return Walk(value, other, JsonPointer.Append(pointer, key));
                }
            }

            foreach (var (key, value) in a)
            {
                if (!e.ContainsKey(key))
                {
                    return (JsonPointer.Append(pointer, key), null, value);
                }
            }
        }
        else if (expected is JArray ea && actual is JArray aa)
        {
            int common = Math.Min(ea.Count, aa.Count);
            for (int i = 0; i < common; i++)
            {
                if (!JNode.DeepEquals(ea[i], aa[i]))
                {
                    return Walk(ea[i], aa[i], JsonPointer.Append(pointer, i));
                }
            }

            return (JsonPointer.Append(pointer, common), common < ea.Count ? ea[common] : null, common < aa.Count ? aa[common] : null);
        }

        return (pointer, expected, actual);
    }
}
