namespace Platform.Asl.Jsonata.Formatting;

/// <summary>The variables F&amp;O 4.7.4 derives from a sub-picture.</summary>
internal sealed record NumberPicture(
    IReadOnlyList<int> IntegerPartGroupingPositions,
    int RegularGrouping,
    int MinimumIntegerPartSize,
    int ScalingFactor,
    string Prefix,
    IReadOnlyList<int> FractionalPartGroupingPositions,
    int MinimumFractionalPartSize,
    int MaximumFractionalPartSize,
    int MinimumExponentSize,
    string Suffix,
    string Picture);
