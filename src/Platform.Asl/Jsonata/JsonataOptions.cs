namespace Platform.Asl.Jsonata;

/// <summary>Limits for one evaluation; a hostile expression ends in a <see cref="JsonataException"/> (code U1001 or D1001).</summary>
public sealed class JsonataOptions
{
    /// <summary>Gets the default options.</summary>
    public static JsonataOptions Default { get; } = new();

    /// <summary>Gets the maximum depth of nested evaluation steps (every sub-expression and call counts, as in JSONata's own harness).</summary>
    public int MaxDepth { get; init; } = 5000;

    /// <summary>Gets the time budget of one evaluation; <see langword="null"/> means none.</summary>
    public TimeSpan? TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the maximum number of items in one constructed array, string length or range.</summary>
    public int MaxResultSize { get; init; } = 10_000_000;
}
