namespace Platform.Asl.Paths.Filters;

/// <summary>The relational operators of Jayway filters.</summary>
internal enum FilterOperator : byte
{
    /// <summary><c>==</c>, with number/string coercion.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>===</c>: equal and of the same JSON kind.</summary>
    StrictEqual,

    /// <summary><c>!==</c>.</summary>
    StrictNotEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>=~</c>: matches a regular expression.</summary>
    Matches,

    /// <summary><c>in</c>: the left value is an item of the right array.</summary>
    In,

    /// <summary><c>nin</c>: not <c>in</c>.</summary>
    NotIn,

    /// <summary><c>contains</c>: the left array has the right value, or the left string contains the right string.</summary>
    Contains,

    /// <summary><c>subsetof</c>: every item of the left array is in the right array.</summary>
    SubsetOf,

    /// <summary><c>anyof</c>: some item of the left array is in the right array.</summary>
    AnyOf,

    /// <summary><c>noneof</c>: no item of the left array is in the right array.</summary>
    NoneOf,

    /// <summary><c>size</c>: the left array or string has the right length.</summary>
    Size,

    /// <summary><c>empty</c>: the left array, object or string is empty (right <c>true</c>) or not (right <c>false</c>).</summary>
    Empty,

    /// <summary><c>exists</c>: the left path has a value (right <c>true</c>) or not (right <c>false</c>).</summary>
    Exists,
}
