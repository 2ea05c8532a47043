using System.Globalization;
using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Orders diagnostics by where their pointers sit in the document (a parent before its children).</summary>
internal static class DocumentOrder
{
    /// <summary>Returns the diagnostics sorted by document position; ties keep their reported order.</summary>
    public static List<Diagnostic> Sort(JNode root, IReadOnlyList<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => (Diagnostic: d, Position: Position(root, d.Pointer)))
            .OrderBy(x => x.Position, PointerPositionComparer.Instance)
            .Select(x => x.Diagnostic)];

    /// <summary>Returns the pointer's tokens, longest first, ending with "" (the root), for a prefix lookup.</summary>
    public static IEnumerable<string> SelfAndAncestors(string pointer)
    {
        while (true)
        {
            yield return pointer;
            if (pointer.Length == 0)
            {
                yield break;
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }

    private static int[] Position(JNode root, string pointer)
    {
        var position = new List<int>();
        var node = root;
        if (pointer.Length == 0)
        {
            return [];
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            string token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            int index = node switch
            {
                JObject obj => obj.IndexOf(token),
                JArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < array.Count => i,
                _ => -1,
            };
            if (index < 0)
            {
                position.Add(int.MaxValue);
                break;
            }

            position.Add(index);
            node = node is JObject o ? o.Values[index] : ((JArray)node)[index];
        }

        return [.. position];
    }
}
