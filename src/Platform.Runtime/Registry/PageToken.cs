using System.Buffers.Text;
using System.Text;

namespace Platform.Runtime.Registry;

/// <summary>Opaque paging tokens: the listing kind, its scope (e.g. the state machine) and the last key returned, base64url-encoded.</summary>
internal static class PageToken
{
    private const char Separator = '\n';

    public static string Encode(string kind, string scope, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1{Separator}{kind}{Separator}{scope}{Separator}{lastKey}"));

    /// <summary>Returns the last key of the previous page, or null for the first page.</summary>
    /// <exception cref="RegistryException">InvalidToken when the token was not issued by this listing.</exception>
    public static string? Decode(string? token, string kind, string scope)
    {
        if (token is null)
        {
            return null;
        }

        string? text = null;
        if (token.Length is > 0 and <= 4096 && Base64Url.IsValid(token))
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

        var parts = text?.Split(Separator, 4);
        if (parts is not { Length: 4 } || parts[0] != "v1" || parts[1] != kind || parts[2] != scope)
        {
            throw new RegistryException(RegistryErrorCodes.InvalidToken, $"Invalid Token: '{token}' was not issued by this {kind} listing.");
        }

        return parts[3];
    }

    /// <summary>Checks maxResults (null or 0 means the default of 100) and returns the page size.</summary>
    public static int PageSize(int? maxResults)
    {
        if (maxResults is null or 0)
        {
            return 100;
        }

        if (maxResults is < 0 or > 1000)
        {
            throw new RegistryException(RegistryErrorCodes.ValidationException,
                $"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000.");
        }

        return maxResults.Value;
    }
}
