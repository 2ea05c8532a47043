using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;

namespace Platform.Asl.Parsing;

/// <summary>Paths, payload templates, path-or-intrinsic values and Assign.</summary>
internal sealed partial class Validator
{
    private const string DollarSuffix = ".$";

    /// <summary>Checks a JSONPath; a ResultPath must also be a Reference Path on the input.</summary>
    private bool CheckPath(string pointer, string text, bool isResultPath)
    {
        if (!ExpressionSyntax.TryParsePath(text, out var summary, out var error))
        {
            Error(pointer, AslRules.PathInvalid, $"must be a valid JSONPath, found {ValueText.Quote(text)}: {error}");
            return false;
        }

        if (!isResultPath)
        {
            return true;
        }

        string? problem = summary.Root switch
        {
            PathRoot.Context => "must not start with $$ (the Context Object)",
            PathRoot.Variable => "must not reference a variable",
            _ when !summary.IsReferencePath => "must be a Reference Path (names and indices only)",
            _ => null,
        };
        if (problem is null)
        {
            return true;
        }

        Error(pointer, AslRules.PathResultPath, $"{problem}, found {ValueText.Quote(text)}");
        return false;
    }

    /// <summary>Reads an optional path field that cannot be null (ItemsPath, SecondsPath, ...).</summary>
    private string? ReadPath(ObjectReader reader, string name, bool required = false)
    {
        string? text = ReadString(reader, name, required);
        return text is not null && CheckPath(reader.At(name), text, isResultPath: false) ? text : null;
    }

    /// <summary>Reads InputPath, OutputPath or ResultPath: absent means "$", JSON null stays null.</summary>
    private string? ReadNullablePath(ObjectReader reader, string name, bool isResultPath)
    {
        var node = reader.Get(name);
        switch (node)
        {
            case null:
                return "$";
            case JNull:
                return null;
            case JString s:
                CheckPath(reader.At(name), s.Value, isResultPath);
                return s.Value;
            default:
                TypeError(reader.At(name), "a path (a string) or null", node);
                return "$";
        }
    }

    /// <summary>Checks a value that is a path when it starts with <c>$</c> and an intrinsic function call otherwise.</summary>
    private void CheckPathOrIntrinsic(string pointer, string text)
    {
        if (text.StartsWith('$'))
        {
            CheckPath(pointer, text, isResultPath: false);
        }
        else if (!ExpressionSyntax.IsIntrinsicSyntax(text))
        {
            Error(pointer, AslRules.PathInvalid, $"must be a path or an intrinsic function call, found {ValueText.Quote(text)}");
        }
        else if (!ExpressionSyntax.TryParseIntrinsic(text, out var error))
        {
            Error(pointer, AslRules.IntrinsicInvalid, $"must be a valid intrinsic function call, found {ValueText.Quote(text)}: {error}");
        }
    }

    /// <summary>Reads a path-or-intrinsic field (ErrorPath, CausePath).</summary>
    private string? ReadPathOrIntrinsic(ObjectReader reader, string name)
    {
        string? text = ReadString(reader, name);
        if (text is not null)
        {
            CheckPathOrIntrinsic(reader.At(name), text);
        }

        return text;
    }

    /// <summary>Reads a payload template field (Parameters, ResultSelector, ItemSelector): an object whose <c>.$</c> keys hold paths or intrinsics.</summary>
    private JObject? ReadTemplate(ObjectReader reader, string name)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is not JObject obj)
        {
            TypeError(reader.At(name), "an object (a payload template)", node);
            return null;
        }

        CheckTemplate(obj, reader.At(name));
        return obj;
    }

    /// <summary>Checks a payload template and everything nested in it (<c>.$</c> values and key collisions).</summary>
    private void CheckTemplate(JNode node, string pointer)
    {
        foreach (var problem in ExpressionSyntax.CheckTemplate(node, pointer))
        {
            _diagnostics.Add(problem);
        }
    }

    /// <summary>Reads Assign: an object whose keys are variable names (in JSONPath, <c>name.$</c> keys hold paths or intrinsics).</summary>
    private JObject? ReadAssign(ObjectReader reader, string name, QueryLanguage language)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        string pointer = reader.At(name);
        if (node is not JObject obj)
        {
            TypeError(pointer, "an object (variable names and values)", node);
            return null;
        }

        foreach (var key in obj.Keys)
        {
            bool dynamic = language == QueryLanguage.JSONPath && key.EndsWith(DollarSuffix, StringComparison.Ordinal);
            string? problem = VariableNames.Check(dynamic ? key[..^DollarSuffix.Length] : key);
            if (problem is not null)
            {
                Error(JsonPointer.Append(pointer, key), AslRules.AssignName, problem);
            }
        }

        // In JSONPath, Assign is a payload template whose top-level keys are variable names.
        if (language == QueryLanguage.JSONPath)
        {
            CheckTemplate(obj, pointer);
        }

        return obj;
    }
}
