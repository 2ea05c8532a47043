using System.Globalization;
using System.Text;

namespace Platform.Asl.Parsing;

/// <summary>Checks variable names: at most 80 characters, Unicode ID_Start then ID_Continue (UAX #31), not <c>states</c>.</summary>
internal static class VariableNames
{
    /// <summary>The longest variable name allowed.</summary>
    public const int MaxLength = 80;

    /// <summary>Returns what is wrong with <paramref name="name"/> as a message, or <see langword="null"/> when it is valid.</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0)
        {
            return "a variable name cannot be empty";
        }

        int length = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (length == 0 ? !IsIdStart(rune) : !IsIdContinue(rune))
            {
                return length == 0
                    ? $"a variable name must start with a letter (Unicode ID_Start), found {ValueText.Quote(name)}"
                    : $"a variable name may only contain letters, digits and '_' (Unicode ID_Continue), found '{rune}' in {ValueText.Quote(name)}";
            }

            length++;
        }

        if (length > MaxLength)
        {
            return $"a variable name must be at most {MaxLength} characters, found {length}";
        }

        return string.Equals(name, "states", StringComparison.Ordinal) ? "the variable name \"states\" is reserved" : null;
    }

    private static bool IsIdStart(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        _ => rune.Value is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C,
    };

    private static bool IsIdContinue(Rune rune) => IsIdStart(rune) || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation => true,
        _ => rune.Value is 0x00B7 or 0x0387 or (>= 0x1369 and <= 0x1371) or 0x19DA or 0x200C or 0x200D,
    };
}
