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

    /// <summary>Checks a payload template and everything nested in it.</summary>
    private void CheckTemplate(JNode node, string pointer)
    {
        switch (node)
        {
            case JObject obj:
                foreach (var (key, value) in obj)
                {
                    string at = JsonPointer.Append(pointer, key);
                    if (key.EndsWith(DollarSuffix, StringComparison.Ordinal))
                    {
                        CheckDynamicEntry(obj, key, value, at);
                    }
                    else
                    {
                        CheckTemplate(value, at);
                    }
                }

                break;
            case JArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    CheckTemplate(array[i], JsonPointer.Append(pointer, i));
                }

                break;
        }
    }

    /// <summary>Checks one <c>key.$</c> entry: a string path or intrinsic, and no plain <c>key</c> next to it.</summary>
    private void CheckDynamicEntry(JObject owner, string key, JNode value, string pointer)
    {
        string bare = key[..^DollarSuffix.Length];
        if (owner.ContainsKey(bare))
        {
            Error(pointer, AslRules.TemplateKeyCollision, $"collides with the key {ValueText.Quote(bare)} once '.$' is removed");
        }

        if (value is JString s)
        {
            CheckPathOrIntrinsic(pointer, s.Value);
        }
        else
        {
            Error(pointer, AslRules.TemplateValue,
                $"a key ending in '.$' must hold a path or an intrinsic function call (a string), found {ValueText.Describe(value)}");
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

        foreach (var (key, value) in obj)
        {
            string at = JsonPointer.Append(pointer, key);
            bool dynamic = language == QueryLanguage.JSONPath && key.EndsWith(DollarSuffix, StringComparison.Ordinal);
            string variable = dynamic ? key[..^DollarSuffix.Length] : key;
            string? problem = VariableNames.Check(variable);
            if (problem is not null)
            {
                Error(at, AslRules.AssignName, problem);
            }

            if (dynamic)
            {
                CheckDynamicEntry(obj, key, value, at);
            }
            else if (language == QueryLanguage.JSONPath)
            {
                CheckTemplate(value, at);
            }
        }

        return obj;
    }
}
