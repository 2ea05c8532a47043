namespace Platform.Runtime.Testing;

/// <summary>The invocations (zero-based, inclusive) that one mock entry answers.</summary>
/// <param name="First">The first invocation number.</param>
/// <param name="Last">The last invocation number (equal to <paramref name="First"/> for a single one).</param>
/// <param name="Response">What those invocations answer.</param>
public sealed record MockRange(int First, int Last, MockResponse Response)
{
    /// <summary>Tells whether this entry answers invocation <paramref name="invocation"/>.</summary>
    public bool Covers(int invocation) => invocation >= First && invocation <= Last;

    /// <summary>Returns the key as written in a case file: <c>"0"</c> or <c>"1-2"</c>.</summary>
    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
