using System.Collections;

namespace Platform.Asl.Json;

/// <summary>An immutable JSON array.</summary>
public sealed class JArray : JNode, IReadOnlyList<JNode>
{
    /// <summary>The empty array.</summary>
    public static readonly JArray Empty = new([]);

    private readonly JNode[] _items;

    /// <summary>The JSONata evaluator's read-only view of this array, made on first use and shared (see Jsonata.Values).</summary>
    internal object? JsonataView;

    /// <summary>Creates an array that takes ownership of <paramref name="items"/>; the caller must not change it afterwards.</summary>
    public JArray(JNode[] items) => _items = items;

    /// <summary>Creates an array from a sequence.</summary>
    public JArray(IEnumerable<JNode> items) => _items = [.. items];

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Array;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>Gets the items as a span, without copying.</summary>
    public ReadOnlySpan<JNode> Items => _items;

    /// <inheritdoc />
    public JNode this[int index] => _items[index];

    /// <summary>Returns a copy with the item at <paramref name="index"/> replaced.</summary>
    public JArray SetItem(int index, JNode value)
    {
        var copy = (JNode[])_items.Clone();
        copy[index] = value;
        return new JArray(copy);
    }

    /// <inheritdoc />
    public IEnumerator<JNode> GetEnumerator() => ((IEnumerable<JNode>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private protected override int ComputeDepth()
    {
        int depth = 0;
        foreach (var item in _items)
        {
            depth = Math.Max(depth, item.Depth);
        }

        return depth + 1;
    }

    private protected override int ComputeUtf8Size()
    {
        long size = 2 + Math.Max(0, _items.Length - 1);
        foreach (var item in _items)
        {
            size += item.Utf8Size;
        }

        return (int)Math.Min(size, int.MaxValue);
    }
}
