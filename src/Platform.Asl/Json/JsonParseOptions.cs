namespace Platform.Asl.Json;

/// <summary>Limits and strictness for <see cref="JsonParser"/>.</summary>
public sealed record JsonParseOptions
{
    /// <summary>The defaults: depth 512, duplicates take the last value.</summary>
    public static readonly JsonParseOptions Default = new();

    /// <summary>Strict options for definitions: duplicate keys are errors.</summary>
    public static readonly JsonParseOptions Strict = new() { RejectDuplicateKeys = true };

    /// <summary>Gets the deepest nesting accepted.</summary>
    /// <value>512.</value>
    /// <remarks>Deeper documents are refused with a precise error rather than risking the stack of recursive consumers.</remarks>
    public int MaxDepth { get; init; } = 512;

    /// <summary>Gets a value indicating whether a repeated key in one object is an error.</summary>
    /// <value><see langword="false"/>: the last value wins, as in JavaScript.</value>
    public bool RejectDuplicateKeys { get; init; }
}
