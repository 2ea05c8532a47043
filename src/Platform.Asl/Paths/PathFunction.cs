namespace Platform.Asl.Paths;

/// <summary>The Jayway functions a path may end with.</summary>
internal enum PathFunction : byte
{
    /// <summary>No function.</summary>
    None,

    /// <summary><c>length()</c>: the number of items, keys or characters.</summary>
    Length,

    /// <summary><c>size()</c>: the same as <c>length()</c>.</summary>
    Size,

    /// <summary><c>min()</c> of the numbers.</summary>
    Min,

    /// <summary><c>max()</c> of the numbers.</summary>
    Max,

    /// <summary><c>avg()</c> of the numbers.</summary>
    Avg,

    /// <summary><c>sum()</c> of the numbers.</summary>
    Sum,

    /// <summary><c>stddev()</c>: the population standard deviation of the numbers.</summary>
    StdDev,

    /// <summary><c>first()</c> item of an array.</summary>
    First,

    /// <summary><c>last()</c> item of an array.</summary>
    Last,

    /// <summary><c>keys()</c> of an object, as an array of strings.</summary>
    Keys,
}
