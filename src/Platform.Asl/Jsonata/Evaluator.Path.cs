namespace Platform.Asl.Jsonata;

/// <summary>Path evaluation: steps, tuple streams, predicates, grouping and sorting.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluatePath(Node expr, object? input, Frame environment)
    {
        if (expr.SimplePath && TrySimplePath(expr.Steps!, input, environment, out var simple))
        {
            return simple;
        }

        JList inputSequence = input is JList l && expr.Steps![0].Type != "variable" ? l : new JList { input }.AsSequence();
        JList? resultSequence = null;
        bool isTupleStream = false;
        JList? tupleBindings = null;
        var steps = expr.Steps!;
        for (int ii = 0; ii < steps.Count; ii++)
        {
            var step = steps[ii];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (ii == 0 && step.ConsArray)
            {
                resultSequence = AsList(Evaluate(step, inputSequence, environment));
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, environment);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, environment, ii == steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || resultSequence.Count == 0))
            {
                break;
            }

            if (step.Focus is null)
            {
                inputSequence = resultSequence!;
            }
        }

        object? result = resultSequence;
        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                result = tupleBindings;
            }
            else
            {
                var seq = JList.CreateSequence();
                foreach (var t in tupleBindings!)
                {
                    seq.Add(Focus(t));
                }

                result = seq;
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (result is JList { Cons: true, Sequence: false } cons)
            {
                var s = JList.CreateSequence();
                s.Add(cons);
                result = s;
            }

            if (result is JList r)
            {
                if (r.Source is not null)
                {
                    // A shared view of a JSON array never changes: flag a copy instead.
                    r = new JList(r);
                    result = r;
                }

                r.KeepSingleton = true;
            }
        }

        if (expr.Group is not null)
        {
            result = EvaluateGroup(expr.Group, expr.GroupPosition, isTupleStream ? tupleBindings : result, environment);
        }

        return result;
    }

    /// <summary>The common case of a path, walked without building sequences: a variable or name followed by plain field
    /// names (no predicates, stages, focus, index or grouping), while every step yields one non-array value.</summary>
    /// <returns>False when a step meets an array (or an array input): the general algorithm then runs from the start,
    /// which is safe because such steps have no effects.</returns>
    private static bool TrySimplePath(List<Node> steps, object? input, Frame environment, out object? result)
    {
        var first = steps[0];
        object? current;
        if (first.Type == "variable")
        {
            current = EvaluateVariable(first, input, environment);
        }
        else if (input is JList)
        {
            result = null;
            return false;
        }
        else
        {
            current = Lookup(input, (string)first.Value!);
        }

        for (int i = 1; current is not null; i++)
        {
            if (current is JList list)
            {
                // A plain array at the last step is the result as it is (the general algorithm's last-step rule).
                if (i == steps.Count && !list.Sequence)
                {
                    break;
                }

                result = null;
                return false;
            }

            if (i == steps.Count)
            {
                break;
            }

            current = current is JMap map && map.TryGetValue((string)steps[i].Value!, out var next) ? next : null;
        }

        result = current;
        return true;
    }

    private static void AddFlattened(JList into, object? res)
    {
        if (res is not JList list || list.Cons)
        {
            into.Add(res);
        }
        else
        {
            into.AddRange(list);
        }
    }

    private static JList? AsList(object? value) => value switch
    {
        null => null,
        JList l => l,
        _ => JList.CreateSequence(value),
    };

    private JList EvaluateStep(Node expr, JList input, Frame environment, bool lastStep)
    {
        if (expr.Type == "sort")
        {
            var sorted = EvaluateSort(expr, input, environment);
            return expr.Stages is null ? sorted : EvaluateStages(expr.Stages, sorted, environment);
        }

        // Results are flattened into one sequence as they come; the first is held back, because a last step that yields
        // exactly one plain array returns that array itself.
        var resultSequence = JList.CreateSequence();
        object? first = null;
        int produced = 0;
        long total = 0;
        foreach (var item in input)
        {
            var res = Evaluate(expr, item, environment);
            if (expr.Stages is not null)
            {
                foreach (var stage in expr.Stages)
                {
                    res = EvaluateFilter(stage.Expression!, res, environment);
                }
            }

            if (res is null)
            {
                continue;
            }

            total += res is JList counted ? counted.Count : 1;
            CheckSize((int)Math.Min(total, int.MaxValue));
            if (++produced == 1)
            {
                first = res;
                continue;
            }

            if (produced == 2)
            {
                AddFlattened(resultSequence, first);
            }

            AddFlattened(resultSequence, res);
        }

        if (produced == 1)
        {
            if (lastStep && first is JList { Sequence: false } only)
            {
                return only;
            }

            AddFlattened(resultSequence, first);
        }

        CheckSize(resultSequence.Count);
        return resultSequence;
    }

    private JList EvaluateStages(List<Node> stages, JList input, Frame environment)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Type == "filter")
            {
                result = EvaluateFilter(stage.Expression!, result, environment);
            }
            else
            {
                for (int i = 0; i < result.Count; i++)
                {
                    ((JMap)result[i]!)[(string)stage.Value!] = (double)i;
                }
            }
        }

        return result;
    }

    private JList EvaluateTupleStep(Node expr, JList input, JList? tupleBindings, Frame environment)
    {
        JList result;
        if (expr.Type == "sort")
        {
            if (tupleBindings is not null)
            {
                result = EvaluateSort(expr, tupleBindings, environment);
            }
            else
            {
                var sorted = EvaluateSort(expr, input, environment);
                result = JList.CreateSequence();
                result.TupleStream = true;
                for (int i = 0; i < sorted.Count; i++)
                {
                    var tuple = new JMap { ["@"] = sorted[i] };
                    if (expr.Index is not null)
                    {
                        tuple[expr.Index] = (double)i;
                    }

                    result.Add(tuple);
                }
            }

            return expr.Stages is null ? result : EvaluateStages(expr.Stages, result, environment);
        }

        result = JList.CreateSequence();
        result.TupleStream = true;
        if (tupleBindings is null)
        {
            tupleBindings = new JList();
            foreach (var item in input)
            {
                tupleBindings.Add(new JMap { ["@"] = item });
            }
        }

        foreach (JMap binding in tupleBindings.Cast<JMap>())
        {
            var stepEnv = FrameFromTuple(environment, binding);
            var res = Evaluate(expr, Focus(binding), stepEnv);
            if (res is null)
            {
                continue;
            }

            var resList = res as JList ?? new JList { res };
            for (int bb = 0; bb < resList.Count; bb++)
            {
                var tuple = new JMap();
                foreach (var (k, v) in binding)
                {
                    tuple[k] = v;
                }

                if (resList.TupleStream)
                {
                    foreach (var (k, v) in (JMap)resList[bb]!)
                    {
                        tuple[k] = v;
                    }
                }
                else
                {
                    if (expr.Focus is not null)
                    {
                        tuple[expr.Focus] = resList[bb];
                        tuple["@"] = Focus(binding);
                    }
                    else
                    {
                        tuple["@"] = resList[bb];
                    }

                    if (expr.Index is not null)
                    {
                        tuple[expr.Index] = (double)bb;
                    }

                    if (expr.Ancestor is not null)
                    {
                        tuple[expr.Ancestor.Label] = Focus(binding);
                    }
                }

                result.Add(tuple);
            }

            CheckSize(result.Count);
        }

        return expr.Stages is null ? result : EvaluateStages(expr.Stages, result, environment);
    }

    /// <summary>$append, but growing in place a list this evaluation already copied, so grouping n items is O(n), not O(n^2).</summary>
    private static object? AppendOwned(object? data, bool owned, object? item)
    {
        if (!owned || data is not JList list)
        {
            return Builtins.Append(data, item);
        }

        if (item is JList items)
        {
            list.AddRange(items);
        }
        else if (item is not null)
        {
            list.Add(item);
        }

        return list;
    }

    private static object? Focus(object? tuple) => (tuple as JMap)?.GetValueOrDefault("@");

    private static Frame FrameFromTuple(Frame environment, JMap? tuple)
    {
        var frame = new Frame(environment);
        foreach (var (k, v) in tuple ?? [])
        {
            frame.Bind(k, v);
        }

        return frame;
    }

    private JList EvaluateFilter(Node predicate, object? input, Frame environment)
    {
        var results = JList.CreateSequence();
        if (input is JList { TupleStream: true })
        {
            results.TupleStream = true;
        }

        var list = input as JList ?? JList.CreateSequence(input);
        if (predicate.Type == "number")
        {
            int index = (int)Math.Floor((double)predicate.Value!);
            if (index < 0)
            {
                index = list.Count + index;
            }

            if (index >= 0 && index < list.Count)
            {
                var item = list[index];
                if (item is JList arr)
                {
                    return arr;
                }

                results.Add(item);
            }

            return results;
        }

        for (int index = 0; index < list.Count; index++)
        {
            var item = list[index];
            object? context = item;
            var env = environment;
            if (list.TupleStream)
            {
                context = Focus(item);
                env = FrameFromTuple(environment, item as JMap);
            }

            var res = Evaluate(predicate, context, env);
            if (res is double)
            {
                res = new JList { res };
            }

            if (res is JList resList && resList.Count > 0 && Values.IsArrayOfNumbers(resList))
            {
                foreach (double ires in resList.Cast<double>())
                {
                    int ii = (int)Math.Floor(ires);
                    if (ii < 0)
                    {
                        ii = list.Count + ii;
                    }

                    if (ii == index)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (Values.Truthy(res))
            {
                results.Add(item);
            }
        }

        return results;
    }

    /// <summary>An object constructor over one input with distinct literal keys: the group-by algorithm reduces to
    /// evaluating each value in order.</summary>
    private JMap ConstructObject(List<(Node Key, Node Value)> pairs, string[] keys, object? input, Frame environment)
    {
        var result = new JMap(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            var value = Evaluate(pairs[i].Value, input, environment);
            if (value is not null)
            {
                result[keys[i]] = value;
            }
        }

        return result;
    }

    private JMap EvaluateGroup(List<(Node Key, Node Value)> pairs, int position, object? input, Frame environment)
    {
        var result = new JMap();
        var groups = new OrderedDictionary<string, (object? Data, int ExprIndex, bool Owned)>(StringComparer.Ordinal);
        bool reduce = input is JList { TupleStream: true };
        var list = input as JList ?? JList.CreateSequence(input);
        if (list.Count == 0)
        {
            list = new JList { null };
        }

        foreach (var item in list)
        {
            var env = reduce ? FrameFromTuple(environment, item as JMap) : environment;
            for (int pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
            {
                var key = Evaluate(pairs[pairIndex].Key, reduce ? (item as JMap)?.GetValueOrDefault("@") : item, env);
                if (key is null)
                {
                    continue;
                }

                if (key is not string k)
                {
                    throw new JsonataException("T1003", "Key in object structure must evaluate to a string; got: " + Values.Stringify(key), position);
                }

                if (groups.TryGetValue(k, out var entry))
                {
                    if (entry.ExprIndex != pairIndex)
                    {
                        throw new JsonataException("D1009", "Multiple key definitions evaluate to same key: " + k, position);
                    }

                    groups[k] = (AppendOwned(entry.Data, entry.Owned, item), pairIndex, true);
                }
                else
                {
                    groups[k] = (item, pairIndex, false);
                }
            }
        }

        foreach (var (key, entry) in groups)
        {
            object? context = entry.Data;
            var env = environment;
            if (reduce)
            {
                var tuple = ReduceTupleStream(entry.Data);
                context = tuple.GetValueOrDefault("@");
                tuple.Remove("@");
                env = FrameFromTuple(environment, tuple);
            }

            var value = Evaluate(pairs[entry.ExprIndex].Value, context, env);
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static JMap ReduceTupleStream(object? stream)
    {
        if (stream is not JList list)
        {
            var copy = new JMap();
            foreach (var (k, v) in stream as JMap ?? [])
            {
                copy[k] = v;
            }

            return copy;
        }

        var result = new JMap();
        foreach (var (k, v) in list[0] as JMap ?? [])
        {
            result[k] = v;
        }

        var owned = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < list.Count; i++)
        {
            foreach (var (k, v) in list[i] as JMap ?? [])
            {
                result[k] = AppendOwned(result.GetValueOrDefault(k), !owned.Add(k), v);
            }
        }

        return result;
    }

    private JList EvaluateSort(Node expr, JList input, Frame environment)
    {
        bool isTupleSort = input.TupleStream;
        int Compare(object? a, object? b)
        {
            int comp = 0;
            for (int index = 0; comp == 0 && index < expr.Terms!.Count; index++)
            {
                var term = expr.Terms[index];
                var aa = isTupleSort
                    ? Evaluate(term.Expression, Focus(a), FrameFromTuple(environment, a as JMap))
                    : Evaluate(term.Expression, a, environment);
                var bb = isTupleSort
                    ? Evaluate(term.Expression, Focus(b), FrameFromTuple(environment, b as JMap))
                    : Evaluate(term.Expression, b, environment);
                if (aa is null)
                {
                    comp = bb is null ? 0 : 1;
                    continue;
                }

                if (bb is null)
                {
                    comp = -1;
                    continue;
                }

                if (aa is not (string or double) || bb is not (string or double))
                {
                    throw new JsonataException("T2008", "The expressions within an order-by clause must evaluate to numeric or string values", expr.Position);
                }

                if (aa.GetType() != bb.GetType())
                {
                    throw new JsonataException("T2007", "Type mismatch within order-by clause. All values must be of the same type", expr.Position);
                }

                comp = aa is double x ? x.CompareTo((double)bb) : string.CompareOrdinal((string)aa, (string)bb);
                comp = Math.Sign(comp);
                if (term.Descending)
                {
                    comp = -comp;
                }
            }

            return comp;
        }

        var sorted = Builtins.MergeSort(input, (a, b) => Compare(a, b) > 0);
        var result = JList.CreateSequence();
        result.AddRange(sorted);
        result.TupleStream = input.TupleStream;
        return result;
    }
}
