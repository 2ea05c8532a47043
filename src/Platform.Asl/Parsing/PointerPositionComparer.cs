namespace Platform.Asl.Parsing;

/// <summary>Compares document positions (index paths) lexicographically, a prefix first.</summary>
internal sealed class PointerPositionComparer : IComparer<int[]>
{
    /// <summary>The shared instance.</summary>
    public static readonly PointerPositionComparer Instance = new();

    /// <inheritdoc />
    public int Compare(int[]? x, int[]? y)
    {
        x ??= [];
        y ??= [];
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            int c = x[i].CompareTo(y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
