using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>The array functions: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength and ArrayUnique.</summary>
internal static class ArrayIntrinsics
{
    /// <summary>The most items States.ArrayRange may produce.</summary>
    public const int MaxRangeItems = 1000;

    /// <summary>Returns the arguments as an array.</summary>
    public static JNode Array(IntrinsicInvocation call) =>
        call.Arguments.Length == 0 ? JArray.Empty : new JArray(call.Arguments);

    /// <summary>Splits an array into chunks of the given size; the last chunk may be smaller.</summary>
    public static JNode ArrayPartition(IntrinsicInvocation call)
    {
        var array = call.Array(0);
        int size = call.Integer(1);
        if (size <= 0)
        {
            throw call.Fail($"the chunk size (argument 2) must be greater than 0, but was {size}");
        }

        if (array.Count == 0)
        {
            return JArray.Empty;
        }

        var items = array.Items;
        var chunks = new JNode[((array.Count - 1) / size) + 1];
        for (int c = 0; c < chunks.Length; c++)
        {
            int start = c * size;  // c < chunks.Length guarantees start < Count, so no overflow
            chunks[c] = new JArray(items.Slice(start, Math.Min(size, items.Length - start)).ToArray());
        }

        return new JArray(chunks);
    }

    /// <summary>Rejects a literal chunk size below 1.</summary>
    public static IntrinsicProblem? ValidateArrayPartition(IntrinsicCall call) =>
        call.Arguments[1] is IntrinsicLiteral { Value: JNumber size } literal && (!size.IsInteger || size.Value <= 0)
            ? new IntrinsicProblem(literal.Position, $"the chunk size of States.ArrayPartition must be a positive integer, but is {literal.Text}")
            : null;

    /// <summary>Tells whether the array holds a value equal (structurally) to the second argument.</summary>
    public static JNode ArrayContains(IntrinsicInvocation call)
    {
        var array = call.Array(0);
        var value = call.Arguments[1];
        foreach (var item in array.Items)
        {
            if (JNode.DeepEquals(item, value))
            {
                return JNode.True;
            }
        }

        return JNode.False;
    }

    /// <summary>Returns the integers from start to end inclusive, by step.</summary>
    public static JNode ArrayRange(IntrinsicInvocation call)
    {
        int start = call.Integer(0);
        int end = call.Integer(1);
        int step = call.Integer(2);
        if (step == 0)
        {
            throw call.Fail("the step (argument 3) must not be 0");
        }

        long span = (long)end - start;
        long count = (span != 0 && (span > 0) != (step > 0)) ? 0 : (span / step) + 1;
        if (count > MaxRangeItems)
        {
            throw call.Fail($"the range would have {count} items, more than the maximum of {MaxRangeItems}");
        }

        if (count == 0)
        {
            return JArray.Empty;
        }

        var items = new JNode[count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = JNumber.Create(start + ((long)i * step));
        }

        return new JArray(items);
    }

    /// <summary>Rejects a literal step of 0 and literal non-integers.</summary>
    public static IntrinsicProblem? ValidateArrayRange(IntrinsicCall call)
    {
        for (int i = 0; i < call.Arguments.Length; i++)
        {
            if (call.Arguments[i] is IntrinsicLiteral { Value: JNumber n } literal)
            {
                if (!n.IsInteger)
                {
                    return new IntrinsicProblem(literal.Position, $"argument {i + 1} of States.ArrayRange must be an integer, but is {literal.Text}");
                }

                if (i == 2 && n.Value == 0)
                {
                    return new IntrinsicProblem(literal.Position, "the step of States.ArrayRange must not be 0");
                }
            }
        }

        if (call.Arguments is [IntrinsicLiteral { Value: JNumber start }, IntrinsicLiteral { Value: JNumber end }, IntrinsicLiteral { Value: JNumber step }])
        {
            double span = end.Value - start.Value;
            double count = span != 0 && (span > 0) != (step.Value > 0) ? 0 : Math.Floor(span / step.Value) + 1;
            if (count > MaxRangeItems)
            {
                return new IntrinsicProblem(call.Position, $"States.ArrayRange would produce {count} items, more than the maximum of {MaxRangeItems}");
            }
        }

        return null;
    }

    /// <summary>Returns the item at a zero-based index.</summary>
    public static JNode ArrayGetItem(IntrinsicInvocation call)
    {
        var array = call.Array(0);
        int index = call.Integer(1);
        if (index < 0 || index >= array.Count)
        {
            throw call.Fail($"the index {index} is out of bounds for an array of length {array.Count}");
        }

        return array[index];
    }

    /// <summary>Rejects a literal index that is negative or not an integer.</summary>
    public static IntrinsicProblem? ValidateArrayGetItem(IntrinsicCall call) =>
        call.Arguments[1] is IntrinsicLiteral { Value: JNumber index } literal && (!index.IsInteger || index.Value < 0)
            ? new IntrinsicProblem(literal.Position, $"the index of States.ArrayGetItem must be a non-negative integer, but is {literal.Text}")
            : null;

    /// <summary>Returns the number of items.</summary>
    public static JNode ArrayLength(IntrinsicInvocation call) => JNumber.Create(call.Array(0).Count);

    /// <summary>Removes repeated values (compared structurally), keeping the first of each.</summary>
    public static JNode ArrayUnique(IntrinsicInvocation call)
    {
        var array = call.Array(0);
        if (array.Count < 2)
        {
            return array;
        }

        var seen = new HashSet<JNode>(array.Count);
        var unique = new List<JNode>(array.Count);
        foreach (var item in array.Items)
        {
            if (seen.Add(item))
            {
                unique.Add(item);
            }
        }

        return unique.Count == array.Count ? array : new JArray([.. unique]);
    }
}
