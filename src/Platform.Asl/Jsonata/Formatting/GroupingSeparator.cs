namespace Platform.Asl.Jsonata.Formatting;

/// <summary>A grouping separator and the number of digits to its right.</summary>
internal readonly record struct GroupingSeparator(int Position, string Character);
