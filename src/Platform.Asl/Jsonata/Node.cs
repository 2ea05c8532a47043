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

    /// <summary>Gets a value indicating whether this is a path of plain steps: a variable or name, then field names, with
    /// no predicate, stage, focus, index, grouping or array flag anywhere (see Evaluator.TrySimplePath).</summary>
    public bool SimplePath
    {
        get
        {
            if (_simplePath == 0)
            {
                _simplePath = IsSimplePath() ? 1 : 2;
            }

            return _simplePath == 1;
        }
    }

    private int _simplePath;

    private NodeKind _kind;

    /// <summary>Gets the node type as an enum, for the evaluator's dispatch (computed once, after parsing has settled it).</summary>
    public NodeKind Kind
    {
        get
        {
            if (_kind == NodeKind.Unknown)
            {
                _kind = Type switch
                {
                    "path" => NodeKind.Path,
                    "binary" => NodeKind.Binary,
                    "unary" => NodeKind.Unary,
                    "name" => NodeKind.Name,
                    "string" or "number" => NodeKind.Literal,
                    "value" => NodeKind.Value,
                    "wildcard" => NodeKind.Wildcard,
                    "parent" => NodeKind.Parent,
                    "descendant" => NodeKind.Descendant,
                    "condition" => NodeKind.Condition,
                    "block" => NodeKind.Block,
                    "bind" => NodeKind.Bind,
                    "regex" => NodeKind.Regex,
                    "function" => NodeKind.Function,
                    "variable" => NodeKind.Variable,
                    "lambda" => NodeKind.Lambda,
                    "partial" => NodeKind.Partial,
                    "apply" => NodeKind.Apply,
                    "transform" => NodeKind.Transform,
                    _ => NodeKind.Other,
                };
            }

            return _kind;
        }
    }

    private string[]? _constantKeys;
    private bool _constantKeysKnown;

    /// <summary>Gets the keys of an object constructor whose keys are all distinct string literals, else null.</summary>
    public string[]? ConstantKeys
    {
        get
        {
            if (!Volatile.Read(ref _constantKeysKnown))
            {
                if (Pairs is { } pairs && pairs.TrueForAll(p => p.Key.Type == "string" && p.Key.Value is string && p.Key.Predicate is null && p.Key.Group is null))
                {
                    var keys = pairs.ConvertAll(p => (string)p.Key.Value!).ToArray();
                    if (keys.Distinct(StringComparer.Ordinal).Count() == keys.Length)
                    {
                        _constantKeys = keys;
                    }
                }

                Volatile.Write(ref _constantKeysKnown, true);
            }

            return _constantKeys;
        }
    }

    private bool IsSimplePath()
    {
        if (Type != "path" || Steps is not { Count: > 0 } steps || KeepSingletonArray || KeepArray || Group is not null || Tuple)
        {
            return false;
        }

        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            bool plainType = i == 0 ? step.Type is "variable" or "name" : step.Type == "name";
            if (!plainType || step.Value is not string || step.Predicate is not null || step.Stages is not null || step.Group is not null
                || step.Focus is not null || step.Index is not null || step.Tuple || step.KeepArray || step.ConsArray
                || step.KeepSingletonArray || step.Ancestor is not null || step.SeekingParent is not null || step.Slot is not null)
            {
                return false;
            }
        }

        return true;
    }

    public string Text => Value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => Platform.Asl.Json.JNumber.Format(d),
        _ => Value.ToString() ?? string.Empty,
    };
}

/// <summary>The node types the evaluator dispatches on.</summary>
internal enum NodeKind : byte
{
    Unknown,
    Path,
    Binary,
    Unary,
    Name,
    Literal,
    Value,
    Wildcard,
    Parent,
    Descendant,
    Condition,
    Block,
    Bind,
    Regex,
    Function,
    Variable,
    Lambda,
    Partial,
    Apply,
    Transform,
    Other,
}
