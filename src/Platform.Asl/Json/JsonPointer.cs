using System.Globalization;
using System.Text;

namespace Platform.Asl.Json;

/// <summary>Builds RFC 6901 JSON pointers, the addresses used in every diagnostic.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Escape(string token) =>
        token.Contains('~', StringComparison.Ordinal) || token.Contains('/', StringComparison.Ordinal)
            ? token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : token;

    /// <summary>Appends a property name to a pointer.</summary>
    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    /// <summary>Appends an array index to a pointer.</summary>
    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Joins tokens into a pointer.</summary>
    public static string Of(params object[] tokens)
    {
        var sb = new StringBuilder();
        foreach (var token in tokens)
        {
            sb.Append('/').Append(token is int i ? i.ToString(CultureInfo.InvariantCulture) : Escape(token.ToString() ?? string.Empty));
        }

        return sb.ToString();
    }
}
