using Platform.Asl.Json;

namespace Platform.Cli.Commands;

/// <summary>Reads the files and inline JSON that commands take, turning every problem into a precise <see cref="UsageException"/>.</summary>
internal static class InputFiles
{
    /// <summary>Reads a text file.</summary>
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{what} not found: {path}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {what} {path}: {ex.Message}");
        }
    }

    /// <summary>Parses a JSON option value: inline JSON text, or <c>@path</c> to read it from a file.</summary>
    public static JNode ReadJsonArgument(string value, string option)
    {
        bool fromFile = value.StartsWith('@');
        string text = fromFile ? ReadText(value[1..], $"{option} file") : value;
        try
        {
            return JsonParser.Parse(text);
        }
        catch (JsonParseException ex)
        {
            string source = fromFile ? $"{option} file {value[1..]}" : option;
            throw new UsageException($"{source} is not valid JSON: line {ex.Line}, column {ex.Column}: {ex.Reason}");
        }
    }
}
