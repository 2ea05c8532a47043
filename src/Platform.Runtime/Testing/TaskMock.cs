namespace Platform.Runtime.Testing;

/// <summary>The mocked answers of one Task state, by invocation number.</summary>
/// <param name="StateName">The Task state's name.</param>
/// <param name="Ranges">The entries, ordered by their first invocation; they never overlap.</param>
public sealed record TaskMock(string StateName, IReadOnlyList<MockRange> Ranges)
{
    /// <summary>Finds the response for invocation <paramref name="invocation"/> (zero-based).</summary>
    public MockResponse? Find(int invocation)
    {
        foreach (var range in Ranges)
        {
            if (range.Covers(invocation))
            {
                return range.Response;
            }
        }

        return null;
    }

    /// <summary>Describes the covered invocations, e.g. <c>0, 1-2</c>.</summary>
    public string Coverage => Ranges.Count == 0 ? "none" : string.Join(", ", Ranges);
}
