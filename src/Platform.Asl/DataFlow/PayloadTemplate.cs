using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Asl.Paths;

namespace Platform.Asl.DataFlow;

/// <summary>
/// A compiled JSONPath payload template (Parameters, ResultSelector, ItemSelector): keys ending in <c>.$</c> take
/// their value from a path (<c>$…</c>), a Context Object path (<c>$$…</c>), a variable (<c>$name…</c>) or an
/// intrinsic call, and lose the <c>.$</c>; everything else is literal.
/// </summary>
/// <remarks>
/// Compile once per definition, evaluate per state entry. Literal parts are shared with the template, never copied:
/// a template without <c>.$</c> keys evaluates to <see cref="Source"/> itself, and evaluation allocates only the
/// objects and arrays that contain a dynamic value.
/// </remarks>
public sealed class PayloadTemplate
{
    /// <summary>The rule id of a <c>.$</c> value that is not a string.</summary>
    public const string RuleValueType = "PayloadTemplate.ValueType";

    /// <summary>The rule id of a <c>.$</c> path that does not parse.</summary>
    public const string RulePath = "PayloadTemplate.Path";

    /// <summary>The rule id of a <c>.$</c> intrinsic call that does not parse or check.</summary>
    public const string RuleIntrinsic = "PayloadTemplate.Intrinsic";

    /// <summary>The rule id of two keys that are the same once <c>.$</c> is removed.</summary>
    public const string RuleDuplicateKey = "PayloadTemplate.DuplicateKey";

    private const string DynamicSuffix = ".$";

    private readonly TemplateNode _root;

    private PayloadTemplate(JNode source, TemplateNode root)
    {
        Source = source;
        _root = root;
    }

    /// <summary>Gets the template as written.</summary>
    public JNode Source { get; }

    /// <summary>Gets a value indicating whether the template has no dynamic value, so that evaluation returns <see cref="Source"/>.</summary>
    public bool IsLiteral => _root is LiteralTemplateNode;

    /// <summary>Wraps a value whose <c>.$</c> keys must not be evaluated (a Pass state's <c>Result</c>).</summary>
    public static PayloadTemplate Literal(JNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PayloadTemplate(value, new LiteralTemplateNode(value));
    }

    /// <summary>Compiles a template.</summary>
    /// <param name="template">The template (any JSON value).</param>
    /// <param name="pointer">The JSON pointer of the template in its definition, e.g. <c>/States/A/Parameters</c>, which prefixes error pointers.</param>
    /// <exception cref="PayloadTemplateException">A <c>.$</c> value is not a string, or does not parse, or two keys collide.</exception>
    public static PayloadTemplate Compile(JNode template, string pointer = "") =>
        TryCompile(template, pointer, out var compiled, out var errors) ? compiled : throw new PayloadTemplateException(errors);

    /// <summary>Compiles a template, reporting every problem instead of throwing.</summary>
    /// <param name="template">The template (any JSON value).</param>
    /// <param name="pointer">The JSON pointer of the template in its definition, which prefixes error pointers.</param>
    /// <param name="compiled">The compiled template, when there are no errors.</param>
    /// <param name="errors">The problems (empty on success), each with the JSON pointer of the offending key.</param>
    public static bool TryCompile(JNode template, string pointer, [NotNullWhen(true)] out PayloadTemplate? compiled, out IReadOnlyList<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(pointer);
        List<Diagnostic>? found = null;
        var root = CompileNode(template, pointer, ref found);
        if (found is not null)
        {
            compiled = null;
            errors = found;
            return false;
        }

        compiled = new PayloadTemplate(template, root);
        errors = [];
        return true;
    }

    /// <summary>Computes the payload.</summary>
    /// <exception cref="Errors.StatesException">
    /// <c>States.Runtime</c> when a path finds nothing (AWS's cause: "The JSONPath '…' specified for the field '….$' could not
    /// be found in the input '…'"); <c>States.IntrinsicFailure</c> when an intrinsic call fails.
    /// </exception>
    public JNode Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _root is LiteralTemplateNode literal ? literal.Value : _root.Evaluate(context);
    }

    /// <inheritdoc />
    public override string ToString() => Source.ToString();

    private static TemplateNode CompileNode(JNode node, string pointer, ref List<Diagnostic>? errors)
    {
        switch (node)
        {
            case JObject obj:
                return CompileObject(obj, pointer, ref errors);
            case JArray array:
            {
                TemplateNode[]? items = null;
                for (int i = 0; i < array.Count; i++)
                {
                    var item = CompileNode(array[i], JsonPointer.Append(pointer, i), ref errors);
                    if (items is null && item is not LiteralTemplateNode)
                    {
                        items = new TemplateNode[array.Count];
                        for (int k = 0; k < i; k++)
                        {
                            items[k] = new LiteralTemplateNode(array[k]);
                        }
                    }

                    if (items is not null)
                    {
                        items[i] = item;
                    }
                }

                return items is null ? new LiteralTemplateNode(array) : new ArrayTemplateNode(items);
            }

            default:
                return new LiteralTemplateNode(node);
        }
    }

    private static TemplateNode CompileObject(JObject obj, string pointer, ref List<Diagnostic>? errors)
    {
        var keys = new string[obj.Count];
        var values = new TemplateNode[obj.Count];
        bool dynamic = false;
        for (int i = 0; i < obj.Count; i++)
        {
            string key = obj.Keys[i];
            var value = obj.Values[i];
            string keyPointer = JsonPointer.Append(pointer, key);
            if (key.EndsWith(DynamicSuffix, StringComparison.Ordinal))
            {
                keys[i] = key[..^DynamicSuffix.Length];
                values[i] = CompileBinding(key, value, keyPointer, ref errors);
                dynamic = true;
            }
            else
            {
                keys[i] = key;
                values[i] = CompileNode(value, keyPointer, ref errors);
                dynamic |= values[i] is not LiteralTemplateNode;
            }
        }

        if (dynamic)
        {
            CheckCollisions(obj, keys, pointer, ref errors);
        }

        return dynamic ? new ObjectTemplateNode(keys, values) : new LiteralTemplateNode(obj);
    }

    private static TemplateNode CompileBinding(string field, JNode value, string pointer, ref List<Diagnostic>? errors)
    {
        if (value is not JString { Value: var text })
        {
            Add(ref errors, pointer, RuleValueType, $"The value for the field '{field}' must be a string that contains a JSONPath or an intrinsic function call, but is {Describe(value)}");
            return new LiteralTemplateNode(value);
        }

        if (text.StartsWith('$'))
        {
            try
            {
                return new PathTemplateNode(field, JsonPath.Parse(text));
            }
            catch (JsonPathException ex)
            {
                Add(ref errors, pointer, RulePath, $"The value for the field '{field}' must be a valid JSONPath: {ex.Message}");
                return new LiteralTemplateNode(value);
            }
        }

        if (text.Length == 0)
        {
            Add(ref errors, pointer, RuleIntrinsic, $"The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call, but is empty");
            return new LiteralTemplateNode(value);
        }

        try
        {
            return new IntrinsicTemplateNode(field, IntrinsicFunction.Parse(text));
        }
        catch (IntrinsicSyntaxException ex)
        {
            Add(ref errors, pointer, RuleIntrinsic, $"The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call: {ex.Message}");
            return new LiteralTemplateNode(value);
        }
    }

    private static void CheckCollisions(JObject obj, string[] keys, string pointer, ref List<Diagnostic>? errors)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            if (!obj.Keys[i].EndsWith(DynamicSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            for (int k = 0; k < keys.Length; k++)
            {
                if (k != i && string.Equals(keys[k], keys[i], StringComparison.Ordinal))
                {
                    Add(ref errors, JsonPointer.Append(pointer, obj.Keys[i]), RuleDuplicateKey, $"The field '{obj.Keys[i]}' and the field '{obj.Keys[k]}' both produce the key '{keys[i]}'");
                    break;
                }
            }
        }
    }

    private static string Describe(JNode value) => value switch
    {
        JNull => "null",
        JArray => "an array",
        JObject => "an object",
        _ => "a " + value.KindName,
    };

    private static void Add(ref List<Diagnostic>? errors, string pointer, string rule, string message) =>
        (errors ??= []).Add(new Diagnostic(DiagnosticSeverity.Error, pointer, rule, message));
}
