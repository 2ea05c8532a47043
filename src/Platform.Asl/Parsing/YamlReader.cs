using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Asl.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Platform.Asl.Parsing;

/// <summary>
/// Converts YAML to <see cref="JNode"/> from the parser's event stream, without recursion, recording the line of every value.
/// </summary>
/// <remarks>
/// Plain scalars resolve by the YAML 1.2 core schema (null, booleans, integers, floats); quoted and block scalars stay
/// strings. Aliases share the anchored value (values are immutable), so alias expansion costs no memory.
/// </remarks>
internal static partial class YamlReader
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>Converts a YAML document; fills <paramref name="lines"/> with the line of each value's pointer.</summary>
    /// <exception cref="InputException">The text is not valid YAML, has several documents, repeats a key or nests too deep.</exception>
    public static JNode Read(string text, int maxDepth, Dictionary<string, int> lines)
    {
        try
        {
            return ReadCore(text, maxDepth, lines);
        }
        catch (YamlException ex)
        {
            int line = (int)ex.Start.Line;
            throw new InputException(AslRules.InputMalformed, string.Empty,
                $"invalid YAML at line {line}, column {ex.Start.Column}: {Reason(ex)}", line);
        }
    }

    private static JNode ReadCore(string text, int maxDepth, Dictionary<string, int> lines)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw new InputException(AslRules.InputMalformed, string.Empty, "invalid YAML at line 1, column 1: the text is empty", 1);
        }

        parser.Consume<DocumentStart>();
        var anchors = new Dictionary<string, JNode>(StringComparer.Ordinal);
        var stack = new Stack<YamlFrame>();
        JNode? root = null;
        while (root is null)
        {
            var ev = parser.Consume<ParsingEvent>();
            int line = (int)ev.Start.Line;
            var parent = stack.Count > 0 ? stack.Peek() : null;
            if (parent?.Object is not null && parent.Key is null && ev is not MappingEnd)
            {
                parent.Key = ev is Scalar keyScalar
                    ? keyScalar.Value
                    : throw new InputException(AslRules.InputMalformed, parent.Pointer, $"invalid YAML at line {line}, column {ev.Start.Column}: mapping keys must be scalars", line);
                if (parent.Object.ContainsKey(parent.Key))
                {
                    string at = JsonPointer.Append(parent.Pointer, parent.Key);
                    throw new InputException(AslRules.InputDuplicateKey, at, $"duplicate key '{parent.Key}' at line {line}, column {ev.Start.Column}", line);
                }

                parent.KeyLine = line;
                continue;
            }

            string pointer = parent is null || ev is MappingEnd or SequenceEnd ? string.Empty
                : parent.Object is not null ? JsonPointer.Append(parent.Pointer, parent.Key!)
                : JsonPointer.Append(parent.Pointer, parent.Array!.Count);
            JNode? value;
            switch (ev)
            {
                case Scalar scalar:
                    lines[pointer] = parent?.Object is not null ? parent.KeyLine : line;
                    value = Resolve(scalar);
                    Remember(anchors, scalar, value);
                    break;
                case AnchorAlias alias:
                    lines[pointer] = parent?.Object is not null ? parent.KeyLine : line;
                    value = anchors.TryGetValue(alias.Value.Value, out var anchored)
                        ? anchored
                        : throw new InputException(AslRules.InputMalformed, pointer, $"invalid YAML at line {line}, column {ev.Start.Column}: unknown alias '*{alias.Value.Value}'", line);
                    break;
                case MappingStart or SequenceStart:
                    if (stack.Count >= maxDepth)
                    {
                        throw new InputException(AslRules.InputTooDeep, pointer, $"nesting is deeper than {maxDepth} levels at line {line}", line);
                    }

                    lines[pointer] = parent?.Object is not null ? parent.KeyLine : line;
                    stack.Push(new YamlFrame(pointer, ((NodeEvent)ev).Anchor, ev is MappingStart ? new JObjectBuilder() : null, ev is MappingStart ? null : []));
                    continue;
                case MappingEnd or SequenceEnd:
                    var done = stack.Pop();
                    value = done.Object is not null ? done.Object.Build() : done.Array!.Count == 0 ? JArray.Empty : new JArray([.. done.Array]);
                    if (!done.Anchor.IsEmpty)
                    {
                        anchors[done.Anchor.Value] = value;
                    }

                    parent = stack.Count > 0 ? stack.Peek() : null;
                    break;
                default:
                    continue;
            }

            if (parent is null)
            {
                root = value;
            }
            else if (parent.Object is not null)
            {
                parent.Object.Set(parent.Key!, value);
                parent.Key = null;
            }
            else
            {
                parent.Array!.Add(value);
            }
        }

        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
        {
            var next = parser.Consume<ParsingEvent>();
            int line = (int)next.Start.Line;
            throw new InputException(AslRules.InputMalformed, string.Empty,
                $"invalid YAML at line {line}, column {next.Start.Column}: a definition must be a single YAML document", line);
        }

        return root;
    }

    private static void Remember(Dictionary<string, JNode> anchors, NodeEvent node, JNode value)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = value;
        }
    }

    private static JNode Resolve(Scalar scalar)
    {
        string text = scalar.Value;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            string tag = scalar.Tag.Value;
            return tag switch
            {
                TagPrefix + "null" => JNode.Null,
                TagPrefix + "bool" when TryBool(text, out bool b) => JNode.From(b),
                TagPrefix + "int" or TagPrefix + "float" when TryNumber(text, out double d) => JNode.From(d),
                _ => JNode.From(text),
            };
        }

        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.IsNonSpecific))
        {
            return JNode.From(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return JNode.Null;
        }

        if (TryBool(text, out bool boolean))
        {
            return JNode.From(boolean);
        }

        return TryNumber(text, out double number) ? JNode.From(number) : JNode.From(text);
    }

    private static bool TryBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    private static bool TryNumber(string text, out double value)
    {
        value = 0;
        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex))
        {
            value = hex;
            return true;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text.AsSpan(2).IndexOfAnyExceptInRange('0', '7') < 0)
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return NumberPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static string Reason(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): "; the position is reported separately.
        string message = ex.Message;
        int cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
