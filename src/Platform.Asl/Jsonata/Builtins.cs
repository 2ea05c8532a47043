namespace Platform.Asl.Jsonata;

/// <summary>The built-in function library, bound in a shared read-only frame.</summary>
internal static partial class Builtins
{
    private static readonly Frame Library = CreateLibrary();

    /// <summary>Creates the root scope of one evaluation: the library, then the caller's bindings.</summary>
    public static Frame CreateRootFrame(IReadOnlyDictionary<string, Json.JNode>? bindings = null) => new(Library, bindings);

    private static Frame CreateLibrary()
    {
        var frame = new Frame(null);
        void Def(string name, string signature, Func<CallContext, List<object?>, object?> impl) =>
            frame.Bind(name, new NativeFunction(name, signature, impl));

        RegisterAggregates(Def);
        RegisterStrings(Def);
        RegisterNumbers(Def);
        RegisterArrays(Def);
        RegisterObjects(Def);
        RegisterHigherOrder(Def);
        RegisterMisc(Def);
        RegisterFormatting(Def);
        RegisterStepFunctions(Def);
        return frame;
    }

    internal static object? Arg(List<object?> args, int index) => index < args.Count ? args[index] : null;

    public static object? Append(object? arg1, object? arg2)
    {
        if (arg1 is null)
        {
            return arg2;
        }

        if (arg2 is null)
        {
            return arg1;
        }

        var result = new JList();
        if (arg1 is JList l1)
        {
            result.AddRange(l1);
        }
        else
        {
            result.Add(arg1);
        }

        if (arg2 is JList l2)
        {
            result.AddRange(l2);
        }
        else
        {
            result.Add(arg2);
        }

        return result;
    }

    /// <summary>A stable merge sort; <paramref name="swap"/> tells whether a must come after b.</summary>
    public static List<object?> MergeSort(List<object?> items, Func<object?, object?, bool> swap)
    {
        if (items.Count <= 1)
        {
            return [.. items];
        }

        int middle = items.Count / 2;
        var left = MergeSort(items.GetRange(0, middle), swap);
        var right = MergeSort(items.GetRange(middle, items.Count - middle), swap);
        var merged = new List<object?>(items.Count);
        int i = 0;
        int j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (swap(left[i], right[j]))
            {
                merged.Add(right[j++]);
            }
            else
            {
                merged.Add(left[i++]);
            }
        }

        merged.AddRange(left.Skip(i));
        merged.AddRange(right.Skip(j));
        return merged;
    }

    public static object? DeepClone(object? value)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return value switch
        {
            JList l => new JList(l.Select(DeepClone)),
            JMap m => CloneMap(m),
            _ => value,
        };
    }

    private static JMap CloneMap(JMap m)
    {
        var copy = new JMap();
        foreach (var (k, v) in m)
        {
            copy[k] = DeepClone(v);
        }

        return copy;
    }

    /// <summary>How many arguments a function wants, for the higher-order functions.</summary>
    public static int Arity(object? func) => func switch
    {
        LambdaFunction l => l.Parameters.Count,
        NativeFunction n => n.RequiredArity,
        PartialFunction p => p.Arity,
        _ => 1,
    };

    public static List<object?> HofArgs(object? func, object? a1, object? a2, object? a3)
    {
        int arity = Arity(func);
        var args = new List<object?> { a1 };
        if (arity >= 2)
        {
            args.Add(a2);
        }

        if (arity >= 3)
        {
            args.Add(a3);
        }

        return args;
    }
}
