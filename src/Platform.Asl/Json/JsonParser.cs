using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Platform.Asl.Json;

/// <summary>Parses JSON text into <see cref="JNode"/> values without recursion, with a depth limit and precise errors.</summary>
public static class JsonParser
{
    /// <summary>Parses JSON text.</summary>
    /// <exception cref="JsonParseException">The text is not valid JSON, or breaks a limit.</exception>
    public static JNode Parse(string json, JsonParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        int max = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int length = Encoding.UTF8.GetBytes(json, rented);
            return Parse(rented.AsSpan(0, length), options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses UTF-8 JSON.</summary>
    /// <exception cref="JsonParseException">The text is not valid JSON, or breaks a limit.</exception>
    public static JNode Parse(ReadOnlySpan<byte> utf8, JsonParseOptions? options = null)
    {
        options ??= JsonParseOptions.Default;
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });

        var stack = new Stack<Frame>();
        JNode? root = null;
        string? pendingKey = null;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= options.MaxDepth && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    throw Error(utf8, ref reader, $"nesting is deeper than {options.MaxDepth} levels", stack, pendingKey);
                }

                JNode? value = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        stack.Push(new Frame(pendingKey, new JObjectBuilder(), null));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.StartArray:
                        stack.Push(new Frame(pendingKey, null, []));
                        pendingKey = null;
                        continue;
                    case JsonTokenType.PropertyName:
                        pendingKey = reader.GetString()!;
                        if (options.RejectDuplicateKeys && stack.Peek().Object!.ContainsKey(pendingKey))
                        {
                            throw Error(utf8, ref reader, $"duplicate key '{pendingKey}'", stack, pendingKey);
                        }

                        continue;
                    case JsonTokenType.EndObject:
                    {
                        var frame = stack.Pop();
                        value = frame.Object!.Build();
                        pendingKey = frame.Key;
                        break;
                    }

                    case JsonTokenType.EndArray:
                    {
                        var frame = stack.Pop();
                        value = frame.Array!.Count == 0 ? JArray.Empty : new JArray([.. frame.Array]);
                        pendingKey = frame.Key;
                        break;
                    }

                    case JsonTokenType.String:
                        value = new JString(reader.GetString()!);
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out double d) || !double.IsFinite(d))
                        {
                            throw Error(utf8, ref reader, "number is out of range", stack, pendingKey);
                        }

                        value = JNumber.Create(d);
                        break;
                    case JsonTokenType.True:
                        value = JNode.True;
                        break;
                    case JsonTokenType.False:
                        value = JNode.False;
                        break;
                    case JsonTokenType.Null:
                        value = JNode.Null;
                        break;
                    default:
                        continue;
                }

                if (stack.Count == 0)
                {
                    root = value;
                }
                else
                {
                    var parent = stack.Peek();
                    if (parent.Object is not null)
                    {
                        parent.Object.Set(pendingKey!, value);
                    }
                    else
                    {
                        parent.Array!.Add(value);
                    }

                    pendingKey = null;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new JsonParseException(Describe(ex), (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
        }

        return root ?? throw new JsonParseException("the text is empty", 1, 1);
    }

    /// <summary>Parses JSON text, returning <see langword="null"/> and the error instead of throwing.</summary>
    public static JNode? TryParse(string json, out JsonParseException? error, JsonParseOptions? options = null)
    {
        try
        {
            error = null;
            return Parse(json, options);
        }
        catch (JsonParseException ex)
        {
            error = ex;
            return null;
        }
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json appends "LineNumber: x | BytePositionInLine: y." to its messages; the position is reported separately.
        string message = ex.Message;
        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
        {
            return "the text ends before every object and array is closed";
        }

        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private static JsonParseException Error(ReadOnlySpan<byte> utf8, ref Utf8JsonReader reader, string reason, Stack<Frame> stack, string? key)
    {
        var frames = stack.ToArray();
        Array.Reverse(frames);
        var pointer = new StringBuilder();
        for (int i = 1; i < frames.Length; i++)
        {
            AppendSegment(pointer, frames[i - 1], frames[i].Key);
        }

        if (frames.Length > 0)
        {
            AppendSegment(pointer, frames[^1], key);
        }

        var before = utf8[..(int)reader.TokenStartIndex];
        int line = before.Count((byte)'\n') + 1;
        int lastNewLine = before.LastIndexOf((byte)'\n');
        return new JsonParseException(reason, line, before.Length - lastNewLine, pointer.Length == 0 ? "/" : pointer.ToString());
    }

    private static void AppendSegment(StringBuilder pointer, Frame parent, string? key)
    {
        pointer.Append('/');
        if (parent.Object is not null)
        {
            pointer.Append(JsonPointer.Escape(key ?? string.Empty));
        }
        else
        {
            pointer.Append(parent.Array!.Count);
        }
    }

    private sealed record Frame(string? Key, JObjectBuilder? Object, List<JNode>? Array);
}
