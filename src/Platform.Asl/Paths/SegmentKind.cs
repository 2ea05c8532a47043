namespace Platform.Asl.Paths;

/// <summary>The kinds of step a compiled JSONPath is made of.</summary>
internal enum SegmentKind : byte
{
    /// <summary><c>.name</c> or <c>['name']</c>.</summary>
    Name,

    /// <summary><c>[0]</c> or <c>[-1]</c>.</summary>
    Index,

    /// <summary><c>.*</c> or <c>[*]</c>.</summary>
    Wildcard,

    /// <summary><c>['a','b']</c>.</summary>
    NameUnion,

    /// <summary><c>[0,2]</c>.</summary>
    IndexUnion,

    /// <summary><c>[start:end:step]</c>.</summary>
    Slice,

    /// <summary><c>[?(expression)]</c>.</summary>
    Filter,

    /// <summary><c>..</c> followed by a name, wildcard or bracket step.</summary>
    Descent,

    /// <summary>A function such as <c>.length()</c> at the end of a path.</summary>
    Function,
}
