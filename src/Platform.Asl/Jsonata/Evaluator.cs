using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Platform.Asl.Jsonata;

/// <summary>Evaluates a compiled tree for one call; holds that call's limits (depth, time).</summary>
internal sealed partial class Evaluator
{
    private readonly JsonataOptions _options;
    private long _started;
    private DateTimeOffset? _timestamp;
    private int _depth;
    private int _ticks;

    public Evaluator(JsonataOptions options, IJsonataEnvironment? environment = null)
    {
        _options = options;
        Environment = environment;
    }

    /// <summary>Gets the caller's source of time and randomness, if it gave one.</summary>
    public IJsonataEnvironment? Environment { get; }

    /// <summary>Returns a new GUID from the environment, or a random one.</summary>
    public Guid NewGuid() => Environment?.NewGuid() ?? Guid.NewGuid();

    /// <summary>Gets the time of this evaluation: the same value for every $now() and $millis() in it.</summary>
    public DateTimeOffset Timestamp => _timestamp ??= Environment?.Now ?? DateTimeOffset.UtcNow;

    public JsonataOptions Options => _options;

    public object? Evaluate(Node expr, object? input, Frame environment)
    {
        Enter();
        try
        {
            object? result = expr.Kind switch
            {
                NodeKind.Path => EvaluatePath(expr, input, environment),
                NodeKind.Binary => EvaluateBinary(expr, input, environment),
                NodeKind.Unary => EvaluateUnary(expr, input, environment),
                NodeKind.Name => Lookup(input, (string)expr.Value!),
                NodeKind.Literal => expr.Value,
                NodeKind.Value => expr.Value ?? Json.JNode.Null,
                NodeKind.Wildcard => EvaluateWildcard(input),
                NodeKind.Parent => environment.Lookup(expr.Slot!.Label),
                NodeKind.Descendant => EvaluateDescendants(input),
                NodeKind.Condition => EvaluateCondition(expr, input, environment),
                NodeKind.Block => EvaluateBlock(expr, input, environment),
                NodeKind.Bind => EvaluateBind(expr, input, environment),
                NodeKind.Regex => EvaluateRegex(expr),
                NodeKind.Function => EvaluateFunction(expr, input, environment, null, false),
                NodeKind.Variable => EvaluateVariable(expr, input, environment),
                NodeKind.Lambda => EvaluateLambda(expr, input, environment),
                NodeKind.Partial => EvaluatePartial(expr, input, environment),
                NodeKind.Apply => EvaluateApply(expr, input, environment),
                NodeKind.Transform => EvaluateTransform(expr, environment),
                _ => throw new JsonataException("S0206", "Unknown expression type: " + expr.Type, expr.Position),
            };

            if (expr.Predicate is not null)
            {
                foreach (var p in expr.Predicate)
                {
                    result = EvaluateFilter(p.Expression!, result, environment);
                }
            }

            if (expr.Group is not null && expr.Kind != NodeKind.Path)
            {
                result = EvaluateGroup(expr.Group, expr.GroupPosition, result, environment);
            }

            if (result is string { Length: > 100_000 } big)
            {
                CheckSize(big.Length);
            }
            else if (result is JList { Count: > 100_000 } large)
            {
                CheckSize(large.Count);
            }

            if (result is JList { Sequence: true, TupleStream: false } seq)
            {
                if (expr.KeepArray)
                {
                    seq.KeepSingleton = true;
                }

                if (seq.Count == 0)
                {
                    result = null;
                }
                else if (seq.Count == 1)
                {
                    result = seq.KeepSingleton ? seq : seq[0];
                }
            }

            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private void Enter()
    {
        _depth++;
        if (_depth > _options.MaxDepth)
        {
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.", -1);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException("U1001", "Stack overflow error: the expression nests too deeply", -1);
        }

        CheckTime();
    }

    /// <summary>Checks the time budget every 256 steps. The clock starts at the first check, so the many short
    /// evaluations (fewer than 256 steps) never read it; the budget is late by at most those first steps.</summary>
    public void CheckTime()
    {
        if ((++_ticks & 255) == 0 && _options.TimeLimit is { } limit)
        {
            if (_started == 0)
            {
                _started = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(_started) > limit)
            {
                throw new JsonataException("U1001", "Expression evaluation timeout: Check for infinite loop", -1);
            }
        }
    }

    public void CheckSize(int size)
    {
        if (size > _options.MaxResultSize)
        {
            throw new JsonataException("D2014", "The size of the result exceeds the maximum allowed", -1);
        }
    }

    private object? EvaluateCondition(Node expr, object? input, Frame environment)
    {
        var condition = Evaluate(expr.Condition!, input, environment);
        if (Values.Truthy(condition))
        {
            return Evaluate(expr.Then!, input, environment);
        }

        return expr.Else is null ? null : Evaluate(expr.Else, input, environment);
    }

    private object? EvaluateBlock(Node expr, object? input, Frame environment)
    {
        var frame = new Frame(environment);
        object? result = null;
        foreach (var e in expr.Expressions!)
        {
            result = Evaluate(e, input, frame);
        }

        return result;
    }

    private object? EvaluateBind(Node expr, object? input, Frame environment)
    {
        var value = Evaluate(expr.Rhs!, input, environment);
        environment.Bind((string)expr.Lhs!.Value!, value);
        return value;
    }

    private static object? EvaluateVariable(Node expr, object? input, Frame environment)
    {
        string name = (string)expr.Value!;
        if (name.Length == 0)
        {
            return input is JList { OuterWrapper: true } l ? l[0] : input;
        }

        return environment.Lookup(name);
    }

    private static RegexFunction EvaluateRegex(Node expr)
    {
        var literal = (RegexLiteral)expr.Value!;
        return new RegexFunction(literal.Regex);
    }

    private static LambdaFunction EvaluateLambda(Node expr, object? input, Frame environment) => new LambdaFunction
    {
        Body = expr.Body!,
        Input = input,
        Environment = environment,
        Parameters = expr.Arguments!.ConvertAll(a => (string)a.Value!),
        Signature = expr.Signature,
        Thunk = expr.Thunk,
    };

    public static object? Lookup(object? input, string key)
    {
        if (input is JList list)
        {
            var result = JList.CreateSequence();
            foreach (var item in list)
            {
                var res = Lookup(item, key);
                if (res is JList inner)
                {
                    result.AddRange(inner);
                }
                else if (res is not null)
                {
                    result.Add(res);
                }
            }

            return result;
        }

        if (input is JMap map)
        {
            return map.TryGetValue(key, out var v) ? v : null;
        }

        return null;
    }

    private static JList EvaluateWildcard(object? input)
    {
        var results = JList.CreateSequence();
        if (input is JList { OuterWrapper: true } ow && ow.Count > 0)
        {
            input = ow[0];
        }

        IEnumerable<object?> values = input switch
        {
            JMap m => m.Values,
            JList l => l,
            _ => [],
        };
        foreach (var value in values)
        {
            if (value is JList arr)
            {
                Flatten(arr, results);
            }
            else if (value is not null)
            {
                results.Add(value);
            }
        }

        return results;
    }

    private static void Flatten(object? value, JList into)
    {
        if (value is JList l)
        {
            foreach (var v in l)
            {
                Flatten(v, into);
            }
        }
        else if (value is not null)
        {
            into.Add(value);
        }
    }

    private static object? EvaluateDescendants(object? input)
    {
        if (input is null)
        {
            return null;
        }

        var results = JList.CreateSequence();
        RecurseDescendants(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void RecurseDescendants(object? input, JList results)
    {
        if (input is JList l)
        {
            foreach (var v in l)
            {
                RecurseDescendants(v, results);
            }

            return;
        }

        if (input is not null)
        {
            results.Add(input);
        }

        if (input is JMap m)
        {
            foreach (var v in m.Values)
            {
                RecurseDescendants(v, results);
            }
        }
    }
}
