using System.Globalization;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Asl.Time;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>Wait: a durable timer to Seconds/Timestamp (or their Path forms) from the effective input.</summary>
internal sealed class WaitNode : StateNode
{
    private readonly long? _seconds;
    private readonly DateTimeOffset? _timestamp;
    private readonly JsonPath? _secondsPath;
    private readonly JsonPath? _timestampPath;
    private readonly JsonataTemplate? _secondsExpression;
    private readonly JsonataTemplate? _timestampExpression;

    public WaitNode(WaitState state)
        : base(state)
    {
        if (state.Seconds is JNumber n && n.TryGetInt64(out long s))
        {
            _seconds = s;
        }

        if (state.Timestamp is JString t && Rfc3339.TryParse(t.Value, out var ts))
        {
            _timestamp = ts;
        }

        if (IsJsonata)
        {
            _secondsExpression = state.Seconds is { } sec && JsonataTemplate.ExpressionText(sec) is not null ? JsonataTemplate.Compile(sec, "Seconds") : null;
            _timestampExpression = state.Timestamp is { } tsv && JsonataTemplate.ExpressionText(tsv) is not null ? JsonataTemplate.Compile(tsv, "Timestamp") : null;
        }

        _secondsPath = state.SecondsPath is null ? null : JsonPath.Parse(state.SecondsPath);
        _timestampPath = state.TimestampPath is null ? null : JsonPath.Parse(state.TimestampPath);
    }

    public override async ValueTask<StepResult> ExecuteAsync(JNode input, BranchRun run)
    {
        JNode effective;
        DateTime fireAt;
        try
        {
            effective = InputPath.Select(run, input);
            fireAt = ResolveFireAt(run, effective);
        }
        catch (StatesException ex)
        {
            return Failure(run, ex);
        }

        if (fireAt > run.Now)
        {
            await run.Execution.Context.CreateTimer(fireAt, run.Cancellation);
        }

        try
        {
            if (IsJsonata)
            {
                return FinishJsonata(run, Next, input, input, JsonataOutput, JsonataAssign);
            }

            var output = OutputPath.Select(run, effective);
            var assigned = EvaluateAssign(Assign, run, effective);
            ApplyAssign(run, assigned);
            return StepResult.Continue(Next, output, assigned);
        }
        catch (StatesException ex)
        {
            return Failure(run, ex);
        }
    }

    private DateTime ResolveFireAt(BranchRun run, JNode effective)
    {
        if (_secondsExpression is not null || _timestampExpression is not null)
        {
            var bindings = JsonataBindings.Create(run, effective);
            if (_secondsExpression is not null)
            {
                var value = _secondsExpression.Evaluate(bindings, JsonKind.Number);
                if (value is not JNumber n || !n.TryGetInt64(out long s) || s < 0)
                {
                    throw new StatesException(StatesErrors.QueryEvaluationError, $"The Seconds field must be a non-negative integer, but was: {value}");
                }

                return Deadline(run.Now, s);
            }

            var text = ((JString)_timestampExpression!.Evaluate(bindings, JsonKind.String)).Value;
            return Rfc3339.TryParse(text, out var at)
                ? at.UtcDateTime
                : throw new StatesException(
                    StatesErrors.QueryEvaluationError,
                    $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {text}");
        }

        if (_seconds is { } seconds)
        {
            return Deadline(run.Now, seconds);
        }

        if (_timestamp is { } timestamp)
        {
            return timestamp.UtcDateTime;
        }

        if (_secondsPath is not null)
        {
            var value = Resolve(run, _secondsPath, effective);
            if (value is not JNumber n || !n.TryGetInt64(out long s))
            {
                throw new StatesException(StatesErrors.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {_secondsPath.Text} == {Text(value)}");
            }

            if (s < 0)
            {
                throw new StatesException(StatesErrors.Runtime, $"The SecondsPath parameter references a negative value: {_secondsPath.Text} == {Text(value)}");
            }

            return Deadline(run.Now, s);
        }

        var stamp = Resolve(run, _timestampPath!, effective);
        if (stamp is not JString str || !Rfc3339.TryParse(str.Value, out var parsed))
        {
            throw new StatesException(
                StatesErrors.Runtime,
                $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {_timestampPath!.Text} == {Text(stamp)}");
        }

        return parsed.UtcDateTime;
    }


    private static string Text(JNode value) => value is JString s ? s.Value : value is JNumber n ? n.ToString() : value.ToString();
}
