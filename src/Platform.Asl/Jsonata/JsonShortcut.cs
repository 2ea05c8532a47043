using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>An expression of a few common shapes, evaluated straight on the bound JSON without the evaluator: a variable
/// path (<c>$states.input.customer.name</c>), a literal, an object constructor with constant keys
/// (<c>{'price': $states.result}</c>), and <c>$merge</c> of an array constructor of those
/// (<c>$merge([$states.input, {'price': $states.result}])</c>, the JSONata form of a JSONPath <c>ResultPath</c>).</summary>
/// <remarks>
/// <para>Nothing converts to the evaluator's values and back: a merge copies the members of the objects it reads, so an
/// unchanged member keeps its JSON node (and the size and depth already computed for it).</para>
/// <para>A shortcut gives up (false) wherever JSONata's own rules could give a different answer, and the caller then runs
/// the evaluator: an unbound variable (it may name a built-in function), an array before the last field of a path (paths
/// map over arrays), a <c>$merge</c> item that is not an object (arrays are flattened, anything else is an error), and a
/// variable named <c>merge</c> that hides the function. Every shape it accepts reads only variables and literals, never
/// the context item, so the answer does not depend on the input either.</para>
/// </remarks>
internal abstract class JsonShortcut
{
    /// <summary>Evaluates; false when the evaluator must decide. <paramref name="result"/> null means undefined.</summary>
    public abstract bool TryEvaluate(IReadOnlyDictionary<string, JNode> bindings, out JNode? result);

    /// <summary>Returns the shortcut for <paramref name="ast"/>, or null when it has another shape.</summary>
    public static JsonShortcut? For(Node ast) => Plain(ast) ? Build(ast) : null;

    private static JsonShortcut? Build(Node ast)
    {
        switch (ast.Kind)
        {
            case NodeKind.Variable when ast.Value is string name && IsBindingName(name):
                return new VariablePath(name, []);
            case NodeKind.Path when ast.SimplePath && ast.Steps![0] is { Kind: NodeKind.Variable, Value: string first } && IsBindingName(first):
                return new VariablePath(first, ast.Steps.Skip(1).Select(step => (string)step.Value!).ToArray());
            case NodeKind.Literal when ast.Value is string text:
                return new Literal(JNode.From(text));
            case NodeKind.Literal when ast.Value is double number && double.IsFinite(number):
                return new Literal(JNode.From(number));
            case NodeKind.Value when ast.Value is bool flag:
                return new Literal(JNode.From(flag));
            case NodeKind.Value when ast.Value is null:
                return new Literal(JNode.Null);
            case NodeKind.Unary when ast.Value as string == "{" && ast.ConstantKeys is { } keys:
                var values = new JsonShortcut[keys.Length];
                for (int i = 0; i < keys.Length; i++)
                {
                    var value = ast.Pairs![i].Value;
                    if (!Plain(value) || Build(value) is not { } shortcut)
                    {
                        return null;
                    }

                    values[i] = shortcut;
                }

                return new ObjectConstructor(keys, values);
            case NodeKind.Function when ast.Procedure is { Kind: NodeKind.Variable, Value: "merge" } procedure && Plain(procedure)
                && ast.Arguments is [{ Kind: NodeKind.Unary, Value: "[", ConsArray: false } array] && Plain(array):
                var items = new JsonShortcut[array.Expressions!.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    var item = array.Expressions[i];
                    if (!Plain(item) || (item.Kind == NodeKind.Unary && item.Value as string == "[") || Build(item) is not { } shortcut)
                    {
                        return null;
                    }

                    items[i] = shortcut;
                }

                return new Merge(items);
            default:
                return null;
        }
    }

    // No predicate, stage, grouping, focus, index or array-keeping: nothing the evaluator would apply after the node itself.
    private static bool Plain(Node node) =>
        node.Predicate is null && node.Stages is null && node.Group is null && !node.KeepArray && !node.Tuple
        && node.Focus is null && node.Index is null;

    // "" is the context item ($) and "$" the root ($$): neither comes from the bindings.
    private static bool IsBindingName(string name) => name.Length > 0 && name != "$";

    /// <summary><c>$name</c> or <c>$name.field.field</c>: read through JSON objects.</summary>
    private sealed class VariablePath(string variable, string[] fields) : JsonShortcut
    {
        public override bool TryEvaluate(IReadOnlyDictionary<string, JNode> bindings, out JNode? result)
        {
            result = null;
            JNode? node;
            int start = 0;
            if (fields.Length > 0 && bindings is IJsonataMemberBindings members && members.TryGetMember(variable, fields[0], out node))
            {
                if (node is null)
                {
                    return true;
                }

                start = 1;
            }
            else if (!bindings.TryGetValue(variable, out node))
            {
                return false;
            }

            for (int i = start; i < fields.Length; i++)
            {
                if (node is JObject obj)
                {
                    if (!obj.TryGetValue(fields[i], out node!))
                    {
                        return true;
                    }
                }
                else
                {
                    // A path maps over an array; over a scalar it is undefined.
                    return node is not JArray;
                }
            }

            result = node;
            return true;
        }
    }

    private sealed class Literal(JNode value) : JsonShortcut
    {
        public override bool TryEvaluate(IReadOnlyDictionary<string, JNode> bindings, out JNode? result)
        {
            result = value;
            return true;
        }
    }

    /// <summary><c>{'a': x, 'b': y}</c> with distinct constant keys; an undefined value leaves its key out.</summary>
    private sealed class ObjectConstructor(string[] keys, JsonShortcut[] values) : JsonShortcut
    {
        public override bool TryEvaluate(IReadOnlyDictionary<string, JNode> bindings, out JNode? result)
        {
            result = null;
            var outKeys = new string[keys.Length];
            var outValues = new JNode[keys.Length];
            int count = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (!values[i].TryEvaluate(bindings, out var value))
                {
                    return false;
                }

                if (value is not null)
                {
                    outKeys[count] = keys[i];
                    outValues[count++] = value;
                }
            }

            if (count < keys.Length)
            {
                Array.Resize(ref outKeys, count);
                Array.Resize(ref outValues, count);
            }

            result = count == 0 ? JObject.Empty : new JObject(outKeys, outValues);
            return true;
        }
    }

    /// <summary><c>$merge([a, b, ...])</c> of objects: later members replace earlier ones in place, new ones are appended.</summary>
    private sealed class Merge(JsonShortcut[] items) : JsonShortcut
    {
        public override bool TryEvaluate(IReadOnlyDictionary<string, JNode> bindings, out JNode? result)
        {
            result = null;
            if (bindings.ContainsKey("merge"))
            {
                return false;
            }

            JObject? merged = null;
            foreach (var item in items)
            {
                if (!item.TryEvaluate(bindings, out var value))
                {
                    return false;
                }

                if (value is null)
                {
                    continue;
                }

                if (value is not JObject obj)
                {
                    return false;
                }

                merged = merged is null ? obj : Combine(merged, obj);
            }

            result = merged ?? JObject.Empty;
            return true;
        }

        private static JObject Combine(JObject first, JObject second)
        {
            if (second.Count == 0)
            {
                return first;
            }

            if (first.Count == 0)
            {
                return second;
            }

            var keys = new string[first.Count + second.Count];
            var values = new JNode[keys.Length];
            first.Keys.CopyTo(keys);
            first.Values.CopyTo(values);
            int count = first.Count;
            for (int i = 0; i < second.Count; i++)
            {
                var (key, value) = second[i];
                int at = first.IndexOf(key);
                if (at >= 0)
                {
                    values[at] = value;
                }
                else
                {
                    keys[count] = key;
                    values[count++] = value;
                }
            }

            if (count < keys.Length)
            {
                Array.Resize(ref keys, count);
                Array.Resize(ref values, count);
            }

            return new JObject(keys, values);
        }
    }
}
