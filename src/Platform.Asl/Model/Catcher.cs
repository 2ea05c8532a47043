using Platform.Asl.Json;

namespace Platform.Asl.Model;

/// <summary>A Catch rule.</summary>
/// <param name="ErrorEquals">The error names it matches.</param>
/// <param name="Next">The state to go to.</param>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next)
{
    /// <summary>Gets where the error output goes in the state input (JSONPath).</summary>
    /// <value>"$".</value>
    public string? ResultPath { get; init; } = "$";

    /// <summary>Gets the Output (JSONata), if any.</summary>
    public JNode? Output { get; init; }

    /// <summary>Gets the Assign object, if any.</summary>
    public JObject? Assign { get; init; }

    /// <summary>Gets the JSON pointer of this catcher.</summary>
    public string Pointer { get; init; } = string.Empty;
}
