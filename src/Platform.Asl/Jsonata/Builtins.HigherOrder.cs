namespace Platform.Asl.Jsonata;

/// <summary>Higher-order functions.</summary>
internal static partial class Builtins
{
    private static void RegisterHigherOrder(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("map", "<af>", (ctx, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            var result = JList.CreateSequence();
            for (int i = 0; i < l.Count; i++)
            {
                var res = ctx.Evaluator.Apply(a[1], HofArgs(a[1], l[i], (double)i, l), null, ctx.Environment);
                if (res is not null)
                {
                    result.Add(res);
                }
            }

            return result;
        });
        def("filter", "<af>", (ctx, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            var result = JList.CreateSequence();
            for (int i = 0; i < l.Count; i++)
            {
                if (Values.Truthy(ctx.Evaluator.Apply(a[1], HofArgs(a[1], l[i], (double)i, l), null, ctx.Environment)))
                {
                    result.Add(l[i]);
                }
            }

            return result;
        });
        def("single", "<af?>", (ctx, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            bool found = false;
            object? result = null;
            for (int i = 0; i < l.Count; i++)
            {
                bool pass = Arg(a, 1) is null || Values.Truthy(ctx.Evaluator.Apply(a[1], HofArgs(a[1], l[i], (double)i, l), null, ctx.Environment));
                if (pass)
                {
                    if (found)
                    {
                        throw new JsonataException("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.", -1);
                    }

                    result = l[i];
                    found = true;
                }
            }

            return found ? result : throw new JsonataException("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.", -1);
        });
        def("reduce", "<afj?:j>", (ctx, a) =>
        {
            if (a[0] is not JList l)
            {
                return null;
            }

            var func = a[1];
            int arity = Arity(func);
            if (arity < 2)
            {
                throw new JsonataException("D3050", "The second argument of reduce function must be a function with at least two arguments", -1);
            }

            object? result = Arg(a, 2);
            int index = 0;
            if (result is null && l.Count > 0)
            {
                result = l[0];
                index = 1;
            }

            for (; index < l.Count; index++)
            {
                var args = new List<object?> { result, l[index] };
                if (arity >= 3)
                {
                    args.Add((double)index);
                }

                if (arity >= 4)
                {
                    args.Add(l);
                }

                result = ctx.Evaluator.Apply(func, args, null, ctx.Environment);
            }

            return result;
        });
        def("each", "<o-f:a>", (ctx, a) =>
        {
            if (a[0] is not JMap m)
            {
                return null;
            }

            var result = JList.CreateSequence();
            foreach (var (k, v) in m)
            {
                var res = ctx.Evaluator.Apply(a[1], HofArgs(a[1], v, k, m), null, ctx.Environment);
                if (res is not null)
                {
                    result.Add(res);
                }
            }

            return result;
        });
        def("sift", "<o-f?:o>", (ctx, a) =>
        {
            if (a[0] is not JMap m)
            {
                return null;
            }

            var result = new JMap();
            foreach (var (k, v) in m)
            {
                if (Values.Truthy(ctx.Evaluator.Apply(a[1], HofArgs(a[1], v, k, m), null, ctx.Environment)))
                {
                    result[k] = v;
                }
            }

            return result.Count == 0 ? null : result;
        });
    }

    private static void RegisterMisc(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("boolean", "<x-:b>", (_, a) => Values.Boolean(a[0]));
        def("not", "<x-:b>", (_, a) => a[0] is null ? null : !Values.Truthy(a[0]));
        def("error", "<s?:x>", (_, a) => throw new JsonataException("D3137", Arg(a, 0) as string ?? "$error() function evaluated", -1));
        def("assert", "<bs?:x>", (_, a) => a[0] is false
            ? throw new JsonataException("D3141", Arg(a, 1) as string ?? "$assert() statement failed", -1)
            : null);
        def("now", "<s?s?:s>", (ctx, _) => ctx.Evaluator.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        def("millis", "<:n>", (ctx, _) => (double)ctx.Evaluator.Timestamp.ToUnixTimeMilliseconds());
    }
}
