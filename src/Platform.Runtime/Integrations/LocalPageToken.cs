using System.Buffers.Text;
using System.Text;

namespace Platform.Runtime.Integrations;

/// <summary>Opaque continuation tokens of the local adapters: a scope and the last key returned, base64url-encoded.</summary>
internal static class LocalPageToken
{
    private const char Separator = '\n';

    public static string Encode(string scope, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1{Separator}{scope}{Separator}{lastKey}"));

    /// <summary>Returns the last key of the previous page, null for no token, or throws what <paramref name="invalid"/> makes.</summary>
    public static string? Decode(string? token, string scope, Func<string, Exception> invalid)
    {
        if (token is null)
        {
            return null;
        }

        string? text = null;
        if (token.Length is > 0 and <= 8192 && Base64Url.IsValid(token))
        {
            try
            {
                text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            }
            catch (FormatException)
            {
                text = null;
            }
        }

        var parts = text?.Split(Separator, 3);
        return parts is { Length: 3 } && parts[0] == "v1" && parts[1] == scope
            ? parts[2]
            : throw invalid($"The continuation token '{(token.Length > 64 ? token[..64] + "…" : token)}' was not issued for {scope}.");
    }
}
