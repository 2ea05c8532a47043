using System.Globalization;
using System.Text;

namespace Platform.Engine.Integrations;

/// <summary>The naming rules of table stores, shared by every adapter so that what works locally works on Azure.</summary>
public static class TableKeys
{
    /// <summary>The longest key, in characters (Azure Table storage allows 1 KiB).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Returns why <paramref name="key"/> cannot be a partition or sort key, or null when it can.</summary>
    public static string? Validate(string? key)
    {
        if (key is null)
        {
            return "the key is null";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"the key is {key.Length} characters long, over the limit of {MaxKeyLength}";
        }

        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return $"the key contains {Describe(c)} at position {i}, which table keys cannot hold (use TableKeys.Escape)";
            }
        }

        return null;
    }

    /// <summary>Returns why <paramref name="table"/> cannot name a table, or null when it can: 3 to 63 letters and digits,
    /// starting with a letter (Azure's rule; DynamoDB allows more, so the DynamoDB integration maps its names).</summary>
    public static string? ValidateTableName(string? table)
    {
        if (string.IsNullOrEmpty(table))
        {
            return "the table name is empty";
        }

        if (table.Length is < 3 or > 63)
        {
            return $"the table name '{table}' is {table.Length} characters long; it must have 3 to 63";
        }

        if (!char.IsAsciiLetter(table[0]))
        {
            return $"the table name '{table}' must start with a letter";
        }

        foreach (char c in table)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return $"the table name '{table}' contains {Describe(c)}; only letters and digits are allowed";
            }
        }

        return null;
    }

    /// <summary>Escapes any string into a valid key, reversibly: '%', the forbidden characters and control characters
    /// become <c>%XX</c> (or <c>%uXXXX</c>).</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? builder = null;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 8);
                builder.Append(c <= 0xFF ? string.Create(CultureInfo.InvariantCulture, $"%{(int)c:X2}") : string.Create(CultureInfo.InvariantCulture, $"%u{(int)c:X4}"));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 5 < value.Length && value[i + 1] == 'u'
                && int.TryParse(value.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int wide))
            {
                builder.Append((char)wide);
                i += 5;
            }
            else if (value[i] == '%' && i + 2 < value.Length
                && int.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int narrow))
            {
                builder.Append((char)narrow);
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}")
        : $"'{c}'";
}
