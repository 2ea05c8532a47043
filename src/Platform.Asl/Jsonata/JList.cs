namespace Platform.Asl.Jsonata;

/// <summary>A JSONata array during evaluation, carrying the reference implementation's sequence flags.</summary>
internal sealed class JList : List<object?>
{
    public JList()
    {
    }

    public JList(int capacity)
        : base(capacity)
    {
    }

    public JList(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>Gets or sets a value indicating whether this is a result sequence (unwrapped when it holds one item).</summary>
    public bool Sequence { get; set; }

    public bool KeepSingleton { get; set; }

    public bool Cons { get; set; }

    public bool OuterWrapper { get; set; }

    public bool TupleStream { get; set; }

    public JList AsSequence()
    {
        Sequence = true;
        return this;
    }

    public static JList CreateSequence() => new() { Sequence = true };

    public static JList CreateSequence(object? item)
    {
        var list = new JList { Sequence = true };
        if (item is not null)
        {
            list.Add(item);
        }

        return list;
    }
}
