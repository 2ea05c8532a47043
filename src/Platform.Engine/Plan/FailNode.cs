using Platform.Asl.Errors;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>Fail: ends with Error and Cause, literal or from a path or an intrinsic (ErrorPath, CausePath).</summary>
internal sealed class FailNode : StateNode
{
    private readonly string? _error;
    private readonly string? _cause;
    private readonly Func<BranchRun, string?>? _errorPath;
    private readonly Func<BranchRun, string?>? _causePath;
    private readonly JsonataTemplate? _errorExpression;
    private readonly JsonataTemplate? _causeExpression;

    public FailNode(FailState state)
        : base(state)
    {
        _error = (state.Error as JString)?.Value;
        _cause = (state.Cause as JString)?.Value;
        if (IsJsonata)
        {
            _errorExpression = state.Error is { } e && JsonataTemplate.ExpressionText(e) is not null ? JsonataTemplate.Compile(e, "Error") : null;
            _causeExpression = state.Cause is { } c && JsonataTemplate.ExpressionText(c) is not null ? JsonataTemplate.Compile(c, "Cause") : null;
        }

        _errorPath = CompileDynamic(state.ErrorPath, "ErrorPath");
        _causePath = CompileDynamic(state.CausePath, "CausePath");
    }

    public override ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        try
        {
            if (_errorExpression is not null || _causeExpression is not null)
            {
                var bindings = JsonataBindings.Create(run, input);
                string? jsonataError = _errorExpression is null ? _error : ((JString)_errorExpression.Evaluate(bindings, JsonKind.String)).Value;
                string? jsonataCause = _causeExpression is null ? _cause : ((JString)_causeExpression.Evaluate(bindings, JsonKind.String)).Value;
                return ValueTask.FromResult(StepResult.Fail(jsonataError, jsonataCause));
            }

            run.SetInput(input);
            string? error = _errorPath is null ? _error : _errorPath(run);
            run.SetInput(input);
            string? cause = _causePath is null ? _cause : _causePath(run);
            return ValueTask.FromResult(StepResult.Fail(error, cause));
        }
        catch (StatesException ex)
        {
            return ValueTask.FromResult(Failure(run, ex));
        }
    }

    private static Func<BranchRun, string?>? CompileDynamic(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (IntrinsicFunction.IsIntrinsicSyntax(text))
        {
            var function = IntrinsicFunction.Parse(text);
            return run => AsString(function.Evaluate(run), text, field);
        }

        var path = JsonPath.Parse(text);
        return run => path.TryEvaluate(run, out var value)
            ? AsString(value, text, field)
            : throw NoResults(path);
    }

    private static string AsString(JNode value, string text, string field) => value is JString s
        ? s.Value
        : throw new StatesException(StatesErrors.Runtime, $"The {field} '{text}' must resolve to a string, but resolved to {value.KindName}: {value}");
}
