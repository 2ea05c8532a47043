using System.Globalization;
using System.Text;
using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Parses ASL text (JSON or YAML) and validates it, reporting every problem at once.</summary>
public static class AslParser
{
    /// <summary>The largest definition accepted, in UTF-8 bytes (AWS's hard limit of 1 MB).</summary>
    public const int MaxDefinitionBytes = 1024 * 1024;

    /// <summary>The deepest nesting accepted (the JSON parser's limit).</summary>
    public const int MaxDepth = 512;

    /// <summary>Parses and validates a definition written as JSON or YAML.</summary>
    /// <remarks>Text whose first non-blank character is <c>{</c> or <c>[</c> is read as JSON (duplicate keys are errors); anything else as YAML.</remarks>
    public static ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag();
        int size = Encoding.UTF8.GetByteCount(text);
        if (size > MaxDefinitionBytes)
        {
            return TooLarge(diagnostics, size, "bytes");
        }

        bool isJson = IsJson(text);
        var yamlLines = isJson ? null : new Dictionary<string, int>(StringComparer.Ordinal);
        JNode root;
        try
        {
            root = isJson ? ReadJson(text) : YamlReader.Read(text, MaxDepth, yamlLines!);
        }
        catch (InputException ex)
        {
            return new ParseResult(null, [new Diagnostic(DiagnosticSeverity.Error, ex.Pointer, ex.Rule, ex.Message) { Line = ex.Line }]);
        }

        if (!isJson && root.Utf8Size > MaxDefinitionBytes)
        {
            return TooLarge(diagnostics, root.Utf8Size, "bytes once YAML aliases are expanded");
        }

        var result = Validate(root, diagnostics);
        if (result.Diagnostics.Count == 0)
        {
            return result;
        }

        var wanted = result.Diagnostics.SelectMany(d => DocumentOrder.SelfAndAncestors(d.Pointer)).ToHashSet(StringComparer.Ordinal);
        var lines = yamlLines ?? JsonLineLocator.Locate(text, wanted);
        return result with { Diagnostics = [.. result.Diagnostics.Select(d => d with { Line = LineOf(lines, d.Pointer) })] };
    }

    /// <summary>Validates a definition already parsed as JSON.</summary>
    public static ParseResult Parse(JNode definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var diagnostics = new DiagnosticBag();
        if (NestingDepth.Exceeds(definition, MaxDepth))
        {
            diagnostics.Error(string.Empty, AslRules.InputTooDeep, $"the definition nests deeper than {MaxDepth} levels");
            return new ParseResult(null, diagnostics.Items);
        }

        return definition.Utf8Size > MaxDefinitionBytes
            ? TooLarge(diagnostics, definition.Utf8Size, "bytes as JSON")
            : Validate(definition, diagnostics);
    }

    private static ParseResult Validate(JNode root, DiagnosticBag diagnostics)
    {
        StateMachineDefinition? definition = new Validator(diagnostics).Validate(root);
        if (definition is not null && !diagnostics.HasErrors)
        {
            VariableScopes.Check(definition, diagnostics);
        }

        return new ParseResult(diagnostics.HasErrors ? null : definition, DocumentOrder.Sort(root, diagnostics.Items));
    }

    private static ParseResult TooLarge(DiagnosticBag diagnostics, int size, string unit)
    {
        diagnostics.Error(string.Empty, AslRules.InputTooLarge,
            $"the definition must be at most {MaxDefinitionBytes.ToString(CultureInfo.InvariantCulture)} bytes (1 MB), found {size.ToString(CultureInfo.InvariantCulture)} {unit}");
        return new ParseResult(null, diagnostics.Items);
    }

    private static bool IsJson(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    private static JNode ReadJson(string text)
    {
        try
        {
            return JsonParser.Parse(text, JsonParseOptions.Strict with { MaxDepth = MaxDepth });
        }
        catch (JsonParseException ex)
        {
            string pointer = ex.Pointer is null or "/" ? string.Empty : ex.Pointer;
            string rule = ex.Reason.StartsWith("duplicate key", StringComparison.Ordinal) ? AslRules.InputDuplicateKey
                : ex.Reason.StartsWith("nesting is deeper", StringComparison.Ordinal) ? AslRules.InputTooDeep
                : AslRules.InputMalformed;
            string message = rule == AslRules.InputMalformed
                ? $"invalid JSON at line {ex.Line}, column {ex.Column}: {ex.Reason}"
                : $"{ex.Reason} at line {ex.Line}, column {ex.Column}";
            throw new InputException(rule, rule == AslRules.InputMalformed ? string.Empty : pointer, message, (int)ex.Line);
        }
    }

    private static int LineOf(Dictionary<string, int> lines, string pointer)
    {
        foreach (var candidate in DocumentOrder.SelfAndAncestors(pointer))
        {
            if (lines.TryGetValue(candidate, out int line))
            {
                return line;
            }
        }

        return 0;
    }
}
