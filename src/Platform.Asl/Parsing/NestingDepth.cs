using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Measures nesting without recursion, so that a value built in code cannot overflow the validator's stack.</summary>
internal static class NestingDepth
{
    /// <summary>Tells whether <paramref name="root"/> nests containers deeper than <paramref name="max"/> levels.</summary>
    public static bool Exceeds(JNode root, int max)
    {
        // A shared subtree is walked again only when reached deeper than before, so aliased values stay cheap.
        var deepest = new Dictionary<JNode, int>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(JNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node is not JObject and not JArray)
            {
                continue;
            }

            if (depth > max)
            {
                return true;
            }

            if (deepest.TryGetValue(node, out int seen) && seen >= depth)
            {
                continue;
            }

            deepest[node] = depth;
            if (node is JObject obj)
            {
                foreach (var child in obj.Values)
                {
                    pending.Push((child, depth + 1));
                }
            }
            else
            {
                foreach (var child in ((JArray)node).Items)
                {
                    pending.Push((child, depth + 1));
                }
            }
        }

        return false;
    }
}
