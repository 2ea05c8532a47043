namespace Platform.Asl.Jsonata;

/// <summary>A node of the JSONata syntax tree; one loose shape for every kind, as in the reference implementation.</summary>
/// <remarks>Nodes are mutated only while parsing; a compiled tree is read-only and shared between threads.</remarks>
internal sealed class Node
{
    public Node(string type, object? value, int position)
    {
        Type = type;
        Value = value;
        Position = position;
    }

    /// <summary>Gets or sets the parser symbol (operator text, or "(name)", "(literal)", "(regex)", "(end)").</summary>
    public string Id { get; set; } = string.Empty;

    public string Type { get; set; }

    public object? Value { get; set; }

    public int Position { get; set; }

    public Node? Lhs { get; set; }

    public Node? Rhs { get; set; }

    public Node? Expression { get; set; }

    public List<Node>? Expressions { get; set; }

    public List<Node>? Steps { get; set; }

    public List<Node>? Arguments { get; set; }

    public List<(Node Key, Node Value)>? Pairs { get; set; }

    public List<(Node Key, Node Value)>? Group { get; set; }

    public int GroupPosition { get; set; }

    public List<(bool Descending, Node Expression)>? Terms { get; set; }

    public Node? Condition { get; set; }

    public Node? Then { get; set; }

    public Node? Else { get; set; }

    public Node? Pattern { get; set; }

    public Node? Update { get; set; }

    public Node? Delete { get; set; }

    public Node? Procedure { get; set; }

    public Node? Body { get; set; }

    public Signature? Signature { get; set; }

    public List<Node>? Predicate { get; set; }

    public List<Node>? Stages { get; set; }

    public bool KeepArray { get; set; }

    public bool ConsArray { get; set; }

    public bool KeepSingletonArray { get; set; }

    public bool Tuple { get; set; }

    public bool Thunk { get; set; }

    public string? Focus { get; set; }

    public string? Index { get; set; }

    public AncestorSlot? Slot { get; set; }

    public AncestorSlot? Ancestor { get; set; }

    public List<AncestorSlot>? SeekingParent { get; set; }

    public string Text => Value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => Platform.Asl.Json.JNumber.Format(d),
        _ => Value.ToString() ?? string.Empty,
    };
}
