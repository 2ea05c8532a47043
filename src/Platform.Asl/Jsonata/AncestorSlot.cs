namespace Platform.Asl.Jsonata;

/// <summary>Where a parent operator (%) finds its value: the tuple label bound by the step it resolves to.</summary>
internal sealed class AncestorSlot
{
    public required string Label { get; set; }

    public int Level { get; set; }

    public int Index { get; init; }
}
