namespace Platform.Asl.Jsonata;

/// <summary>Array and object functions.</summary>
internal static partial class Builtins
{
    private static void RegisterArrays(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("append", "<xx:a>", (_, a) => Append(a[0], Arg(a, 1)));
        def("reverse", "<a:a>", (_, a) => a[0] is JList l ? (l.Count <= 1 ? l : new JList(Enumerable.Reverse(l))) : null);
        def("sort", "<af?:a>", (ctx, a) => Sort(ctx, a[0] as JList, Arg(a, 1)));
        def("distinct", "<x:x>", (ctx, a) =>
        {
            if (a[0] is not JList l || l.Count <= 1)
            {
                return a[0];
            }

            // Scalars are compared through a hash set; only arrays and objects need pairwise deep comparison.
            var result = JList.CreateSequence();
            var scalars = new HashSet<object>();
            var containers = new List<object>();
            foreach (var item in l)
            {
                ctx.Evaluator.CheckTime();
                if (item is JList or JMap)
                {
                    if (!containers.Exists(r => Values.DeepEquals(r, item)))
                    {
                        containers.Add(item);
                        result.Add(item);
                    }
                }
                else if (item is not null && scalars.Add(item))
                {
                    result.Add(item);
                }
            }

            return result;
        });
        def("shuffle", "<a:a>", (ctx, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            var copy = new JList(l);
            for (int i = copy.Count - 1; i > 0; i--)
            {
                // Draws from the evaluation's GUID source, so a replaying orchestration shuffles the same way.
                int j = (int)(UnitInterval(ctx.Evaluator.NewGuid()) * (i + 1));
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            return copy;
        });
        def("zip", "<a+>", (_, a) =>
        {
            var result = new JList();
            if (a.Count == 0)
            {
                return result;
            }

            int length = a.Min(x => x is JList l ? l.Count : 0);
            for (int i = 0; i < length; i++)
            {
                result.Add(new JList(a.Select(x => ((JList)x!)[i])));
            }

            return result;
        });
    }

    private static JList? Sort(CallContext ctx, JList? arr, object? comparator)
    {
        if (arr is null)
        {
            return null;
        }

        if (arr.Count <= 1)
        {
            return arr;
        }

        Func<object?, object?, bool> swap;
        if (comparator is null)
        {
            if (arr.TrueForAll(v => v is double))
            {
                swap = (x, y) => (double)x! > (double)y!;
            }
            else if (arr.TrueForAll(v => v is string))
            {
                swap = (x, y) => string.CompareOrdinal((string)x!, (string)y!) > 0;
            }
            else
            {
                throw new JsonataException("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function", -1);
            }
        }
        else
        {
            swap = (x, y) => Values.Truthy(ctx.Evaluator.Apply(comparator, [x, y], null, ctx.Environment));
        }

        return new JList(MergeSort(arr, swap));
    }

    private static void RegisterObjects(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("keys", "<x-:a<s>>", (_, a) => Keys(a[0]));
        def("lookup", "<x-s:x>", (_, a) => Arg(a, 1) is string key ? Evaluator.Lookup(a[0], key) : null);
        def("exists", "<x:b>", (_, a) => a[0] is not null);
        def("spread", "<x-:a<o>>", (_, a) => Spread(a[0]));
        def("merge", "<a<o>:o>", (_, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            int size = 0;
            foreach (var item in l)
            {
                size += ((JMap)item!).Count;
            }

            var result = new JMap(size);
            foreach (var item in l)
            {
                var m = (JMap)item!;
                foreach (var (k, v) in m)
                {
                    result[k] = v;
                }
            }

            return result;
        });
        def("type", "<x:s>", (_, a) => a[0] is null ? null : Values.TypeName(a[0]));
        def("clone", "<(oa)-:o>", (_, a) => DeepClone(a[0]));
    }

    private static JList Keys(object? arg)
    {
        var result = JList.CreateSequence();
        if (arg is JList l)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in l)
            {
                foreach (string k in Keys(item).Cast<string>())
                {
                    if (seen.Add(k))
                    {
                        result.Add(k);
                    }
                }
            }
        }
        else if (arg is JMap m)
        {
            result.AddRange(m.Keys);
        }

        return result;
    }

    private static object? Spread(object? arg)
    {
        if (arg is JList l)
        {
            object? result = JList.CreateSequence();
            foreach (var item in l)
            {
                result = Append(result, Spread(item));
            }

            return result;
        }

        if (arg is JMap m)
        {
            var result = JList.CreateSequence();
            foreach (var (k, v) in m)
            {
                result.Add(new JMap { [k] = v });
            }

            return result;
        }

        return arg;
    }
}
