namespace Platform.Asl.Graph;

/// <summary>Approximate text widths for a sans-serif font, so boxes fit their labels without measuring real glyphs.</summary>
public static class TextMetrics
{
    /// <summary>Estimates the width of <paramref name="text"/> at <paramref name="fontSize"/> pixels.</summary>
    public static double Width(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        double em = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += rune.Value switch
            {
                'i' or 'l' or 'j' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or ' ' => 0.3,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '-' => 0.4,
                'm' or 'w' or 'M' or 'W' or '@' or '%' => 0.9,
                >= 'A' and <= 'Z' => 0.68,
                < 0x80 => 0.56,
                >= 0x1100 => 1.0, // CJK, emoji and other wide glyphs
                _ => 0.62,
            };
        }

        return em * fontSize;
    }
}
