namespace Platform.Asl.Jsonata;

/// <summary>A JSONata array during evaluation, carrying the reference implementation's sequence flags.</summary>
internal sealed class JList : List<object?>
{
    private Flags _flags;

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
    public bool Sequence
    {
        get => _flags.HasFlag(Flags.Sequence);
        set => Set(Flags.Sequence, value);
    }

    public bool KeepSingleton
    {
        get => _flags.HasFlag(Flags.KeepSingleton);
        set => Set(Flags.KeepSingleton, value);
    }

    public bool Cons
    {
        get => _flags.HasFlag(Flags.Cons);
        set => Set(Flags.Cons, value);
    }

    public bool OuterWrapper
    {
        get => _flags.HasFlag(Flags.OuterWrapper);
        set => Set(Flags.OuterWrapper, value);
    }

    public bool TupleStream
    {
        get => _flags.HasFlag(Flags.TupleStream);
        set => Set(Flags.TupleStream, value);
    }

    /// <summary>Gets a value indicating whether any sequence flag is set (a plain array has none).</summary>
    public bool HasFlags => _flags != Flags.None;

    /// <summary>Gets or sets the JSON array this list is the shared, read-only view of; such a list must never change.</summary>
    public Platform.Asl.Json.JArray? Source { get; set; }

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

    private void Set(Flags flag, bool value)
    {
        if (Source is not null)
        {
            throw new InvalidOperationException("A shared view of a JSON array must not change.");
        }

        _flags = value ? _flags | flag : _flags & ~flag;
    }

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        Sequence = 1,
        KeepSingleton = 2,
        Cons = 4,
        OuterWrapper = 8,
        TupleStream = 16,
    }
}
