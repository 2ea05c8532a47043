using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Typed field readers: each reports a wrong type or value and returns <see langword="null"/> for it.</summary>
internal sealed partial class Validator
{
    private void Required(ObjectReader reader, string name) =>
        Error(reader.Pointer, AslRules.FieldRequired, $"missing required field '{name}'");

    private void TypeError(string pointer, string expected, JNode found) =>
        Error(pointer, AslRules.FieldType, $"must be {expected}, found {ValueText.Describe(found)}");

    private T? TypeError<T>(string pointer, string expected, JNode found)
    {
        TypeError(pointer, expected, found);
        return default;
    }

    private string? ReadString(ObjectReader reader, string name, bool required = false) =>
        Read<JString>(reader, name, "a string", required)?.Value;

    private JObject? ReadObject(ObjectReader reader, string name, bool required = false) =>
        Read<JObject>(reader, name, "an object", required);

    private JArray? ReadArray(ObjectReader reader, string name, string expected, bool required = false) =>
        Read<JArray>(reader, name, expected, required);

    /// <summary>Reads a field of one JSON kind: absent gives null (an error when required), another kind is a type error.</summary>
    private T? Read<T>(ObjectReader reader, string name, string expected, bool required)
        where T : JNode
    {
        var node = reader.Get(name);
        switch (node)
        {
            case null:
                if (required)
                {
                    Required(reader, name);
                }

                return null;
            case T typed:
                return typed;
            default:
                TypeError(reader.At(name), expected, node);
                return null;
        }
    }

    /// <summary>Reads an integer field in [<paramref name="min"/>, <paramref name="max"/>]; out of range reports <paramref name="rule"/>.</summary>
    private long? ReadInteger(ObjectReader reader, string name, long min, long max, string rule)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        return CheckInteger(reader.At(name), node, min, max, rule, jsonataAllowed: false) && ((JNumber)node).TryGetInt64(out long value)
            ? value
            : null;
    }

    /// <summary>Reads a field that is an integer, or (in JSONata states) a JSONata expression; returns it as written.</summary>
    private JNode? ReadIntegerOrJsonata(ObjectReader reader, string name, long min, long max, string rule, QueryLanguage language)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        return CheckInteger(reader.At(name), node, min, max, rule, language == QueryLanguage.JSONata) ? node : null;
    }

    private bool CheckInteger(string pointer, JNode node, long min, long max, string rule, bool jsonataAllowed)
    {
        if (jsonataAllowed && JsonataText.IsExpression(node))
        {
            return true;
        }

        string expected = IntegerRange(min, max);
        if (node is not JNumber number)
        {
            if (jsonataAllowed && node is JString)
            {
                Error(pointer, AslRules.JsonataExpected, $"must be {expected} or a JSONata expression {{% ... %}}, found {ValueText.Describe(node)}");
            }
            else
            {
                TypeError(pointer, expected, node);
            }

            return false;
        }

        if (!number.IsInteger || number.Value < min || number.Value > max)
        {
            bool tooLargeForUnboundedText = number.IsInteger && number.Value > max && max >= int.MaxValue;
            Error(pointer, rule, tooLargeForUnboundedText
                ? $"must be at most {Integer(max)}, found {number}"
                : $"must be {expected}, found {number}");
            return false;
        }

        return true;
    }

    private static string IntegerRange(long min, long max) => (min, max) switch
    {
        (1, >= int.MaxValue) => "a positive integer",
        (0, >= int.MaxValue) => "a non-negative integer",
        _ => $"an integer between {Integer(min)} and {Integer(max)}",
    };

    /// <summary>Reads a number field in [<paramref name="min"/>, <paramref name="max"/>], or a JSONata expression in JSONata states.</summary>
    private JNode? ReadNumberOrJsonata(ObjectReader reader, string name, double min, double max, string rule, QueryLanguage language)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        string pointer = reader.At(name);
        bool jsonata = language == QueryLanguage.JSONata;
        if (jsonata && JsonataText.IsExpression(node))
        {
            return node;
        }

        string expected = $"a number between {Format(min)} and {Format(max)}";
        if (node is not JNumber number)
        {
            if (jsonata && node is JString)
            {
                Error(pointer, AslRules.JsonataExpected, $"must be {expected} or a JSONata expression {{% ... %}}, found {ValueText.Describe(node)}");
            }
            else
            {
                TypeError(pointer, expected, node);
            }

            return null;
        }

        if (number.Value < min || number.Value > max)
        {
            Error(pointer, rule, $"must be {expected}, found {number}");
            return null;
        }

        return node;
    }

    /// <summary>Reads a string that must be one of <paramref name="allowed"/>.</summary>
    private string? ReadEnum(ObjectReader reader, string name, string rule, params string[] allowed)
    {
        var node = reader.Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is JString s && allowed.Contains(s.Value, StringComparer.Ordinal))
        {
            return s.Value;
        }

        string choices = allowed.Length == 2 ? $"{allowed[0]} or {allowed[1]}" : $"one of {string.Join(", ", allowed)}";
        if (node is JString)
        {
            Error(reader.At(name), rule, $"must be {choices}, found {ValueText.Describe(node)}");
        }
        else
        {
            TypeError(reader.At(name), choices, node);
        }

        return null;
    }

    /// <summary>Reports <paramref name="second"/> when both it and <paramref name="first"/> are present.</summary>
    private void Exclusive(ObjectReader reader, string first, string second)
    {
        if (reader.Has(first) && reader.Has(second))
        {
            Error(reader.At(second), AslRules.FieldExclusive, $"cannot be used together with {first}");
        }
    }

    /// <summary>Reads a value that must be an object, or (in JSONata states) a JSONata expression.</summary>
    private JNode? ReadObjectOrJsonata(ObjectReader reader, string name, QueryLanguage language)
    {
        var node = reader.Get(name);
        if (node is null or JObject || (language == QueryLanguage.JSONata && JsonataText.IsExpression(node)))
        {
            return node;
        }

        if (language == QueryLanguage.JSONata)
        {
            Error(reader.At(name), AslRules.JsonataExpected, $"must be an object or a JSONata expression {{% ... %}}, found {ValueText.Describe(node)}");
        }
        else
        {
            TypeError(reader.At(name), "an object", node);
        }

        return null;
    }

    /// <summary>Reads a string field that, in JSONata states, may also be a JSONata expression (any string is accepted).</summary>
    private JNode? ReadStringNode(ObjectReader reader, string name)
    {
        var node = reader.Get(name);
        if (node is null or JString)
        {
            return node;
        }

        TypeError(reader.At(name), "a string", node);
        return null;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
