using System.Text;
using System.Text.Json;
using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>Finds the source lines of JSON pointers by scanning the text once (only done when there are diagnostics).</summary>
internal static class JsonLineLocator
{
    /// <summary>Returns the 1-based line of every value (and member) in <paramref name="json"/>, keyed by pointer.</summary>
    public static Dictionary<string, int> Locate(string json, IReadOnlySet<string> wanted)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        byte[] utf8 = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1024 });
        var containers = new Stack<(string Pointer, bool IsObject, int Index)>();
        string? pendingPointer = null;
        int line = 1;
        long scanned = 0;
        try
        {
            while (reader.Read())
            {
                long start = reader.TokenStartIndex;
                line += utf8.AsSpan((int)scanned, (int)(start - scanned)).Count((byte)'\n');
                scanned = start;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pendingPointer = JsonPointer.Append(containers.Peek().Pointer, reader.GetString()!);
                    Record(found, wanted, pendingPointer, line);
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }

                string pointer;
                if (containers.Count == 0)
                {
                    pointer = string.Empty;
                    Record(found, wanted, pointer, line);
                }
                else if (containers.Peek().IsObject)
                {
                    pointer = pendingPointer!;
                }
                else
                {
                    var (parent, isObject, index) = containers.Pop();
                    containers.Push((parent, isObject, index + 1));
                    pointer = JsonPointer.Append(parent, index);
                    Record(found, wanted, pointer, line);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push((pointer, reader.TokenType == JsonTokenType.StartObject, 0));
                }
            }
        }
        catch (JsonException)
        {
            // The text was parsed before; a failure here only loses line numbers.
        }

        return found;
    }

    private static void Record(Dictionary<string, int> found, IReadOnlySet<string> wanted, string pointer, int line)
    {
        if (wanted.Contains(pointer))
        {
            found.TryAdd(pointer, line);
        }
    }
}
