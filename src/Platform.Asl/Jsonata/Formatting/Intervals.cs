namespace Platform.Asl.Jsonata.Formatting;

/// <summary>Detects regular grouping: every position is a multiple of one interval, with none missing.</summary>
internal static class Intervals
{
    /// <summary>The interval when the positions are regular, otherwise 0.</summary>
    public static int Regular(IReadOnlyList<int> positions)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var factor = positions.Aggregate(Gcd);
        if (factor <= 0)
        {
            return 0;
        }

        for (var index = 1; index <= positions.Count; index++)
        {
            if (!positions.Contains(index * factor))
            {
                return 0;
            }
        }

        return factor;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
