namespace Platform.Asl.Jsonata.Formatting;

/// <summary>The case a picture asks for: lower, upper or title.</summary>
internal enum LetterCase
{
    Lower,
    Upper,
    Title,
}
