namespace Platform.Asl.Jsonata;

/// <summary>Function calls, partial application, chaining and the transform operator.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateFunction(Node expr, object? input, Frame environment, object? applyTo, bool hasApplyTo)
    {
        var proc = Evaluate(expr.Procedure!, input, environment);
        string? procName = expr.Procedure!.Type == "path" ? expr.Procedure.Steps![0].Value as string : expr.Procedure.Value as string;
        if (proc is null && expr.Procedure.Type == "path" && environment.Lookup(procName ?? string.Empty) is not null)
        {
            throw new JsonataException("T1005", $"Attempted to invoke a non-function. Did you mean ${procName}?", expr.Position, procName);
        }

        var args = new List<object?>();
        if (hasApplyTo)
        {
            args.Add(applyTo);
        }

        foreach (var arg in expr.Arguments!)
        {
            args.Add(Evaluate(arg, input, environment));
        }

        try
        {
            return Apply(proc, args, input, environment);
        }
        catch (JsonataException e) when (Annotate(e, expr.Position, procName))
        {
            throw;
        }
    }

    /// <summary>Adds a position and token to an error on its way up; an exception filter, so nothing is caught or rethrown.</summary>
    private static bool Annotate(JsonataException e, int position, string? token)
    {
        if (e.Position < 0)
        {
            e.Position = position;
        }

        e.Token ??= token;
        return false;
    }

    public object? Apply(object? proc, List<object?> args, object? input, Frame environment)
    {
        var result = ApplyInner(proc, args, input, environment);
        while (result is LambdaFunction { Thunk: true } thunk)
        {
            CheckTime();
            var call = thunk.Body;
            var next = Evaluate(call.Procedure!, thunk.Input, thunk.Environment);
            var evaluatedArgs = new List<object?>();
            foreach (var a in call.Arguments!)
            {
                evaluatedArgs.Add(Evaluate(a, thunk.Input, thunk.Environment));
            }

            result = ApplyInner(next, evaluatedArgs, input, environment);
        }

        return result;
    }

    private object? ApplyInner(object? proc, List<object?> args, object? input, Frame environment)
    {
        if (proc is not JFunction fn)
        {
            throw new JsonataException("T1006", "Attempted to invoke a non-function", -1);
        }

        var validated = fn.Signature is null ? args : fn.Signature.Validate(args, input);
        switch (fn)
        {
            case LambdaFunction lambda:
                var env = new Frame(lambda.Environment);
                for (int i = 0; i < lambda.Parameters.Count; i++)
                {
                    env.Bind(lambda.Parameters[i], i < validated.Count ? validated[i] : null);
                }

                return Evaluate(lambda.Body, lambda.Input, env);

            case NativeFunction native:
                return native.Implementation(new CallContext(this, input, environment), validated);
            case PartialFunction partial:
                var full = new List<object?>();
                int next = 0;
                for (int i = 0; i < partial.Arguments.Count; i++)
                {
                    full.Add(partial.Holes[i] ? (next < validated.Count ? validated[next++] : null) : partial.Arguments[i]);
                }

                return Apply(partial.Target, full, input, environment);
            case RegexFunction regex:
                return Builtins.RegexMatch(regex.Regex, validated.Count > 0 ? validated[0] as string : null, 0);
            default:
                throw new JsonataException("T1006", "Attempted to invoke a non-function", -1);
        }
    }

    private PartialFunction EvaluatePartial(Node expr, object? input, Frame environment)
    {
        var args = new List<object?>();
        var holes = new List<bool>();
        foreach (var arg in expr.Arguments!)
        {
            bool hole = arg.Type == "operator" && arg.Value as string == "?";
            holes.Add(hole);
            args.Add(hole ? null : Evaluate(arg, input, environment));
        }

        var proc = Evaluate(expr.Procedure!, input, environment);
        string? procName = expr.Procedure!.Type == "path" ? expr.Procedure.Steps![0].Value as string : expr.Procedure.Value as string;
        if (proc is null && expr.Procedure.Type == "path" && environment.Lookup(procName ?? string.Empty) is not null)
        {
            throw new JsonataException("T1007", $"Attempted to partially apply a non-function. Did you mean ${procName}?", expr.Position, procName);
        }

        if (proc is not JFunction fn)
        {
            throw new JsonataException("T1008", "Attempted to partially apply a non-function", expr.Position, procName);
        }

        return new PartialFunction(fn, args, holes);
    }

    private object? EvaluateApply(Node expr, object? input, Frame environment)
    {
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (expr.Rhs!.Type == "function")
        {
            return EvaluateFunction(expr.Rhs, input, environment, lhs, true);
        }

        var func = Evaluate(expr.Rhs, input, environment);
        if (func is not JFunction f)
        {
            throw new JsonataException("T2006", "The right side of the function application operator ~> must be a function", expr.Position);
        }

        if (lhs is JFunction g)
        {
            return new NativeFunction("chain", "<x?:x>", (ctx, a) => ctx.Evaluator.Apply(f, [ctx.Evaluator.Apply(g, a, null, environment)], null, environment));
        }

        return Apply(f, [lhs], null, environment);
    }

    private NativeFunction EvaluateTransform(Node expr, Frame environment) =>
        new("transform", "<(oa):o>", (ctx, args) => Transform(expr, args[0], environment));

    private object? Transform(Node expr, object? obj, Frame environment)
    {
        if (obj is null)
        {
            return null;
        }

        var result = Builtins.DeepClone(obj);
        var matches = Evaluate(expr.Pattern!, result, environment);
        if (matches is null)
        {
            return result;
        }

        var list = matches as JList ?? [matches];
        foreach (var match in list)
        {
            var update = Evaluate(expr.Update!, match, environment);
            if (update is not null)
            {
                if (update is not JMap updates)
                {
                    throw new JsonataException("T2011", "The insert/update clause of the transform expression must evaluate to an object", expr.Update!.Position);
                }

                // Only objects inside the clone change. A pattern that reaches outside it (a variable's JSON, which is shared and
                // read-only) matches nothing to change: the result, the clone, is the same either way.
                if (match is JMap { Source: null } target)
                {
                    foreach (var (k, v) in updates)
                    {
                        target[k] = v;
                    }
                }
            }

            if (expr.Delete is not null)
            {
                var deletions = Evaluate(expr.Delete, match, environment);
                if (deletions is not null)
                {
                    var dl = deletions as JList ?? [deletions];
                    if (!Values.IsArrayOfStrings(dl))
                    {
                        throw new JsonataException("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings", expr.Delete.Position);
                    }

                    if (match is JMap { Source: null } target)
                    {
                        foreach (string key in dl.Cast<string>())
                        {
                            target.Remove(key);
                        }
                    }
                }
            }
        }

        return result;
    }
}
