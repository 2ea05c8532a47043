using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;

namespace Platform.Asl.Paths;

/// <summary>Applies compiled segments to a document: a tight loop for name/index paths, a list-at-a-time walk for the rest.</summary>
/// <remarks>Nothing here recurses on the document: recursive descent uses an explicit stack, so any depth is safe.</remarks>
internal static class PathEvaluator
{
    /// <summary>Tells whether the segments are only names and single indices (the allocation-free case).</summary>
    public static bool IsSimple(PathSegment[] segments)
    {
        foreach (var s in segments)
        {
            if (!s.IsSingle)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tells whether the segments yield one value rather than a list.</summary>
    /// <remarks>
    /// Names and single indices, optionally ended by a Jayway name merge (<c>['a','b']</c>). A trailing function keeps the
    /// prefix's answer, except after a leading <c>..</c>, where Jayway applies it once to all the matches.
    /// </remarks>
    public static bool IsDefinite(PathSegment[] segments)
    {
        int count = segments.Length;
        if (count > 0 && segments[^1].Kind == SegmentKind.Function)
        {
            if (segments[0].Kind == SegmentKind.Descent)
            {
                return true;
            }

            count--;
        }

        for (int i = 0; i < count; i++)
        {
            var s = segments[i];
            if (s.IsSingle || (i == count - 1 && s.Kind == SegmentKind.NameUnion))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Evaluates the segments from <paramref name="start"/>; <paramref name="root"/> is what <c>$</c> means inside filters.</summary>
    public static bool TryEvaluate(PathSegment[] segments, bool isDefinite, bool isSimple, JNode start, JNode root, [NotNullWhen(true)] out JNode? result)
    {
        if (isSimple)
        {
            return TryEvaluateSimple(segments, start, out result);
        }

        return TryEvaluateGeneral(segments, isDefinite, start, root, out result);
    }

    /// <summary>Follows names and indices without allocating.</summary>
    public static bool TryEvaluateSimple(PathSegment[] segments, JNode start, [NotNullWhen(true)] out JNode? result)
    {
        JNode current = start;
        for (int i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s.Kind == SegmentKind.Name)
            {
                if (current is not JObject obj || !obj.TryGetValue(s.Name, out var next))
                {
                    result = null;
                    return false;
                }

                current = next;
            }
            else
            {
                if (current is not JArray array)
                {
                    result = null;
                    return false;
                }

                int index = s.Index < 0 ? array.Count + s.Index : s.Index;
                if ((uint)index >= (uint)array.Count)
                {
                    result = null;
                    return false;
                }

                current = array[index];
            }
        }

        result = current;
        return true;
    }

    private static bool TryEvaluateGeneral(PathSegment[] segments, bool isDefinite, JNode start, JNode root, [NotNullWhen(true)] out JNode? result)
    {
        var current = new List<JNode> { start };
        var next = new List<JNode>();
        bool definiteSoFar = true;
        for (int i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            bool isLast = i == segments.Length - 1;
            if (segment.Kind == SegmentKind.Function)
            {
                return TryApplyFunction(segment.Function, current, definiteSoFar, segments[0].Kind == SegmentKind.Descent, out result);
            }

            next.Clear();
            foreach (var node in current)
            {
                Apply(segment, node, root, isLast, next);
            }

            (current, next) = (next, current);
            definiteSoFar &= segment.IsSingle || (isLast && segment.Kind == SegmentKind.NameUnion);
            if (current.Count == 0 && isDefinite)
            {
                break;
            }
        }

        if (isDefinite)
        {
            if (current.Count == 1)
            {
                result = current[0];
                return true;
            }

            result = null;
            return false;
        }

        result = current.Count == 0 ? JArray.Empty : new JArray([.. current]);
        return true;
    }

    /// <summary>
    /// Jayway's tail functions: after a definite prefix, applied to its value; after a leading <c>..</c>, applied once to
    /// the array of matches (<c>$..price.sum()</c>); after any other indefinite prefix, applied to each match, yielding
    /// the array of the results that exist.
    /// </summary>
    private static bool TryApplyFunction(PathFunction function, List<JNode> matches, bool definitePrefix, bool startsWithDescent, [NotNullWhen(true)] out JNode? result)
    {
        if (definitePrefix)
        {
            if (matches.Count == 1 && PathFunctions.TryApply(function, matches[0], out result))
            {
                return true;
            }

            result = null;
            return false;
        }

        if (startsWithDescent)
        {
            return PathFunctions.TryApply(function, new JArray([.. matches]), out result);
        }

        var results = new List<JNode>(matches.Count);
        foreach (var match in matches)
        {
            if (PathFunctions.TryApply(function, match, out var value))
            {
                results.Add(value);
            }
        }

        result = new JArray([.. results]);
        return true;
    }

    private static void Apply(PathSegment segment, JNode node, JNode root, bool isLast, List<JNode> output)
    {
        switch (segment.Kind)
        {
            case SegmentKind.Name:
                if (node is JObject obj && obj.TryGetValue(segment.Name, out var value))
                {
                    output.Add(value);
                }

                break;
            case SegmentKind.Index:
                if (node is JArray array)
                {
                    AddIndex(array, segment.Index, output);
                }

                break;
            case SegmentKind.Wildcard:
                AddChildren(node, output);
                break;
            case SegmentKind.NameUnion:
                if (node is JObject unionObj)
                {
                    AddNames(unionObj, segment.Names, isLast, output);
                }

                break;
            case SegmentKind.IndexUnion:
                if (node is JArray unionArray)
                {
                    foreach (int index in segment.Indices)
                    {
                        AddIndex(unionArray, index, output);
                    }
                }

                break;
            case SegmentKind.Slice:
                if (node is JArray sliceArray)
                {
                    AddSlice(sliceArray, segment, output);
                }

                break;
            case SegmentKind.Filter:
                AddFiltered(node, root, segment, output);
                break;
            case SegmentKind.Descent:
                Descend(segment.Inner!, node, root, isLast, output);
                break;
            default:
                throw new InvalidOperationException($"Segment {segment.Kind} cannot be applied here.");
        }
    }

    private static void AddIndex(JArray array, int index, List<JNode> output)
    {
        int effective = index < 0 ? array.Count + index : index;
        if ((uint)effective < (uint)array.Count)
        {
            output.Add(array[effective]);
        }
    }

    private static void AddChildren(JNode node, List<JNode> output)
    {
        switch (node)
        {
            case JObject obj:
                foreach (var v in obj.Values)
                {
                    output.Add(v);
                }

                break;
            case JArray array:
                foreach (var item in array.Items)
                {
                    output.Add(item);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Jayway: a union of names as the last step merges the present ones into one object; elsewhere it yields each value.</summary>
    private static void AddNames(JObject obj, string[] names, bool isLast, List<JNode> output)
    {
        if (isLast)
        {
            var builder = new JObjectBuilder(names.Length);
            foreach (string name in names)
            {
                if (obj.TryGetValue(name, out var v))
                {
                    builder.Set(name, v);
                }
            }

            output.Add(builder.Build());
            return;
        }

        foreach (string name in names)
        {
            if (obj.TryGetValue(name, out var v))
            {
                output.Add(v);
            }
        }
    }

    /// <summary>Python slice semantics: negative bounds count from the end, bounds are clamped, the step may be negative.</summary>
    private static void AddSlice(JArray array, PathSegment segment, List<JNode> output)
    {
        long n = array.Count;
        long step = segment.SliceStep ?? 1;
        if (step > 0)
        {
            long start = Clamp(Normalize(segment.SliceStart ?? 0, n), 0, n);
            long end = Clamp(Normalize(segment.SliceEnd ?? n, n), 0, n);
            for (long i = start; i < end; i += step)
            {
                output.Add(array[(int)i]);
            }
        }
        else
        {
            long start = segment.SliceStart is int s ? Clamp(Normalize(s, n), -1, n - 1) : n - 1;
            long end = segment.SliceEnd is int e ? Clamp(Normalize(e, n), -1, n - 1) : -1;
            for (long i = start; i > end; i += step)
            {
                output.Add(array[(int)i]);
            }
        }
    }

    private static long Normalize(long index, long length) => index < 0 ? length + index : index;

    private static long Clamp(long value, long min, long max) => value < min ? min : value > max ? max : value;

    /// <summary>Jayway: a filter tests each item of an array, and an object as a whole.</summary>
    private static void AddFiltered(JNode node, JNode root, PathSegment segment, List<JNode> output)
    {
        var filter = segment.Filter!;
        switch (node)
        {
            case JArray array:
                foreach (var item in array.Items)
                {
                    if (filter.Matches(item, root))
                    {
                        output.Add(item);
                    }
                }

                break;
            case JObject:
                if (filter.Matches(node, root))
                {
                    output.Add(node);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Applies <paramref name="inner"/> at <paramref name="start"/> and every node below it, in document (pre-)order, without recursion.</summary>
    private static void Descend(PathSegment inner, JNode start, JNode root, bool isLast, List<JNode> output)
    {
        ApplyDescentTarget(inner, start, root, isLast, output);
        if (start is not (JObject or JArray))
        {
            return;
        }

        var stack = new List<(JNode Container, int Next)> { (start, 0) };
        while (stack.Count > 0)
        {
            var (container, next) = stack[^1];
            JNode child;
            if (container is JObject obj)
            {
                if (next >= obj.Count)
                {
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                child = obj.Values[next];
            }
            else
            {
                var array = (JArray)container;
                if (next >= array.Count)
                {
                    stack.RemoveAt(stack.Count - 1);
                    continue;
                }

                child = array[next];
            }

            stack[^1] = (container, next + 1);
            ApplyDescentTarget(inner, child, root, isLast, output);
            if (child is JObject or JArray)
            {
                stack.Add((child, 0));
            }
        }
    }

    private static void ApplyDescentTarget(PathSegment inner, JNode node, JNode root, bool isLast, List<JNode> output)
    {
        switch (inner.Kind)
        {
            case SegmentKind.Name:
            case SegmentKind.Wildcard:
            case SegmentKind.Index:
            case SegmentKind.IndexUnion:
            case SegmentKind.Slice:
                Apply(inner, node, root, isLast, output);
                break;
            case SegmentKind.NameUnion:
                // Jayway's scan only visits objects that have every listed name.
                if (node is JObject obj && HasAll(obj, inner.Names))
                {
                    AddNames(obj, inner.Names, isLast, output);
                }

                break;
            case SegmentKind.Filter:
                // Every node of the subtree (the start included) that satisfies the filter.
                if (inner.Filter!.Matches(node, root))
                {
                    output.Add(node);
                }

                break;
            default:
                throw new InvalidOperationException($"Segment {inner.Kind} cannot follow '..'.");
        }
    }

    private static bool HasAll(JObject obj, string[] names)
    {
        foreach (string name in names)
        {
            if (!obj.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }
}
