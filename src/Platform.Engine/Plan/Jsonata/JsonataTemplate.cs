using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan.Jsonata;

/// <summary>A JSONata-enabled field compiled once: every <c>{% … %}</c> string inside it (at any depth) is an expression;
/// everything else is literal and shared.</summary>
/// <remarks>Errors follow AWS: States.QueryEvaluationError naming the expression and the field path
/// (e.g. <c>Output/result</c>, <c>Arguments/items[0]</c>).</remarks>
internal abstract class JsonataTemplate
{
    /// <summary>Compiles a field value, or returns null for an absent field.</summary>
    public static JsonataTemplate? Compile(JNode? value, string field) => value is null ? null : CompileNode(value, field);

    /// <summary>Returns the inner text of a <c>{% … %}</c> string, or null when the string is a literal.</summary>
    public static string? ExpressionText(JNode value) =>
        value is JString { Value: var s } && s.Length >= 4 && s.StartsWith("{%", StringComparison.Ordinal) && s.EndsWith("%}", StringComparison.Ordinal)
            ? s[2..^2].Trim()
            : null;

    /// <summary>Evaluates the field with the given bindings (<c>$states</c> and the visible variables).</summary>
    public abstract JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings);

    /// <summary>Evaluates and checks the result's JSON kind, failing with AWS's "unexpected result type" message.</summary>
    public JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings, JsonKind expected)
    {
        var value = Evaluate(bindings);
        if (value.Kind == expected || (expected == JsonKind.Number && value.Kind == JsonKind.Number))
        {
            return value;
        }

        string expectedName = expected == JsonKind.Boolean ? "boolean" : expected.ToString().ToLowerInvariant();
        throw new StatesException(
            StatesErrors.QueryEvaluationError,
            $"{Describe()} returned an unexpected result type. Expected '{expectedName}', but was '{value.KindName}' for value: {value}");
    }

    /// <summary>Describes the field for messages: the expression and its field, or the field alone for literals.</summary>
    protected virtual string Describe() => "The field";

    private static JsonataTemplate CompileNode(JNode value, string field)
    {
        if (ExpressionText(value) is { } text)
        {
            return new ExpressionTemplate(text, field);
        }

        switch (value)
        {
            case JObject obj when HasExpression(obj):
            {
                var keys = obj.Keys.ToArray();
                var children = new JsonataTemplate[keys.Length];
                for (int i = 0; i < keys.Length; i++)
                {
                    children[i] = CompileNode(obj.Values[i], field + "/" + keys[i]);
                }

                return new ObjectTemplate(keys, children);
            }

            case JArray array when HasExpression(array):
            {
                var children = new JsonataTemplate[array.Count];
                for (int i = 0; i < children.Length; i++)
                {
                    children[i] = CompileNode(array[i], $"{field}[{i}]");
                }

                return new ArrayTemplate(children);
            }

            default:
                return new LiteralTemplate(value);
        }
    }

    private static bool HasExpression(JNode value) => value switch
    {
        JString => ExpressionText(value) is not null,
        JObject o => o.Values.ToArray().Any(HasExpression),
        JArray a => a.Any(HasExpression),
        _ => false,
    };

    private sealed class LiteralTemplate(JNode value) : JsonataTemplate
    {
        public override JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings) => value;
    }

    private sealed class ObjectTemplate(string[] keys, JsonataTemplate[] children) : JsonataTemplate
    {
        public override JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings)
        {
            var values = new JNode[children.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = children[i].Evaluate(bindings);
            }

            return new JObject(keys, values);
        }
    }

    private sealed class ArrayTemplate(JsonataTemplate[] children) : JsonataTemplate
    {
        public override JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings)
        {
            var values = new JNode[children.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = children[i].Evaluate(bindings);
            }

            return new JArray(values);
        }
    }

    private sealed class ExpressionTemplate : JsonataTemplate
    {
        protected override string Describe() => $"The JSONata expression '{_text}' specified for the field '{_field}'";

        private readonly string _text;
        private readonly string _field;
        private readonly JsonataExpression? _expression;
        private readonly JsonataException? _syntaxError;
        private readonly bool _readsContext;

        public ExpressionTemplate(string text, string field)
        {
            _text = text;
            _field = field;
            try
            {
                _expression = JsonataExpression.Compile(text);
                _readsContext = _expression.MayReadMember("states", "context");
            }
            catch (JsonataException ex)
            {
                _syntaxError = ex;
            }
        }

        public override JNode Evaluate(IReadOnlyDictionary<string, JNode> bindings)
        {
            JNode? result;
            try
            {
                result = (_expression ?? throw _syntaxError!).Evaluate(null, bindings is JsonataBindings own ? own.For(_readsContext) : bindings);
            }
            catch (JsonataException ex)
            {
                throw new StatesException(StatesErrors.QueryEvaluationError, $"{Describe()} threw an error during evaluation. {ex.Message}");
            }

            return result ?? throw new StatesException(StatesErrors.QueryEvaluationError, $"{Describe()} returned nothing (undefined).");
        }
    }
}
