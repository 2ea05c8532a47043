namespace Platform.Server.Triggers;

/// <summary>Content types of inbox files, by extension.</summary>
internal static class ContentTypes
{
    public static string Of(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JSON" => "application/json",
        ".CSV" => "text/csv",
        ".TXT" => "text/plain",
        ".XML" => "application/xml",
        _ => "application/octet-stream",
    };
}
