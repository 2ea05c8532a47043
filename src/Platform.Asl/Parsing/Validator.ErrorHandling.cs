using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Retry and Catch.</summary>
internal sealed partial class Validator
{
    private const string StatesAll = "States.ALL";

    private static readonly IReadOnlyDictionary<string, FieldScope> RetrierFields = FieldTable.Fields(
        ("ErrorEquals", FieldScope.Both), ("IntervalSeconds", FieldScope.Both), ("MaxAttempts", FieldScope.Both),
        ("BackoffRate", FieldScope.Both), ("MaxDelaySeconds", FieldScope.Both), ("JitterStrategy", FieldScope.Both),
        ("Comment", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> CatcherFields = FieldTable.Fields(
        ("ErrorEquals", FieldScope.Both), ("Next", FieldScope.Both), ("ResultPath", FieldScope.JsonPath),
        ("Output", FieldScope.Jsonata), ("Assign", FieldScope.Both), ("Comment", FieldScope.Both));

    private List<Retrier> ReadRetry(StateContext context)
    {
        var retriers = new List<Retrier>();
        var array = ReadArray(context.Reader, "Retry", "an array of retriers");
        if (array is null)
        {
            return retriers;
        }

        string pointer = context.Reader.At("Retry");
        for (int i = 0; i < array.Count; i++)
        {
            string at = JsonPointer.Append(pointer, i);
            if (array[i] is JObject obj)
            {
                retriers.Add(ReadRetrier(new ObjectReader(obj, at), context.Language, isLast: i == array.Count - 1));
            }
            else
            {
                TypeError(at, "a retrier (an object)", array[i]);
            }
        }

        return retriers;
    }

    private Retrier ReadRetrier(ObjectReader reader, QueryLanguage language, bool isLast)
    {
        CheckFields(reader, RetrierFields, language, "in a retrier");
        ReadString(reader, "Comment");
        var errors = ReadErrorEquals(reader, isLast, "retrier");
        double? backoff = null;
        var backoffNode = reader.Get("BackoffRate");
        if (backoffNode is JNumber rate)
        {
            if (rate.Value >= 1.0)
            {
                backoff = rate.Value;
            }
            else
            {
                Error(reader.At("BackoffRate"), AslRules.RetryBackoffRate, $"must be >= 1.0, found {rate}");
            }
        }
        else if (backoffNode is not null)
        {
            TypeError(reader.At("BackoffRate"), "a number >= 1.0", backoffNode);
        }

        var jitter = ReadEnum(reader, "JitterStrategy", AslRules.RetryJitterStrategy, "FULL", "NONE");
        return new Retrier(errors)
        {
            IntervalSeconds = (int?)ReadInteger(reader, "IntervalSeconds", 1, 99_999_999, AslRules.RetryIntervalSeconds) ?? 1,
            MaxAttempts = (int?)ReadInteger(reader, "MaxAttempts", 0, 99_999_999, AslRules.RetryMaxAttempts) ?? 3,
            BackoffRate = backoff ?? 2.0,
            MaxDelaySeconds = (int?)ReadInteger(reader, "MaxDelaySeconds", 1, 31_622_400, AslRules.RetryMaxDelaySeconds),
            JitterStrategy = jitter == "FULL" ? JitterStrategy.Full : JitterStrategy.None,
            Pointer = reader.Pointer,
        };
    }

    private List<Catcher> ReadCatch(StateContext context)
    {
        var catchers = new List<Catcher>();
        var array = ReadArray(context.Reader, "Catch", "an array of catchers");
        if (array is null)
        {
            return catchers;
        }

        string pointer = context.Reader.At("Catch");
        for (int i = 0; i < array.Count; i++)
        {
            string at = JsonPointer.Append(pointer, i);
            if (array[i] is not JObject obj)
            {
                TypeError(at, "a catcher (an object)", array[i]);
                continue;
            }

            var reader = new ObjectReader(obj, at);
            CheckFields(reader, CatcherFields, context.Language, "in a catcher");
            ReadString(reader, "Comment");
            var errors = ReadErrorEquals(reader, i == array.Count - 1, "catcher");
            string? next = ReadString(reader, "Next", required: true);
            if (next is not null)
            {
                AddTransition(context, next, reader.At("Next"));
            }

            catchers.Add(new Catcher(errors, next ?? string.Empty)
            {
                ResultPath = ReadNullablePath(reader, "ResultPath", isResultPath: true),
                Output = reader.Get("Output"),
                Assign = ReadAssign(reader, "Assign", context.Language),
                Pointer = at,
            });
        }

        return catchers;
    }

    private List<string> ReadErrorEquals(ObjectReader reader, bool isLast, string kind)
    {
        var names = new List<string>();
        var array = ReadArray(reader, "ErrorEquals", "a non-empty array of error names", required: true);
        if (array is null)
        {
            return names;
        }

        string pointer = reader.At("ErrorEquals");
        if (array.Count == 0)
        {
            Error(pointer, AslRules.ErrorEquals, "must contain at least one error name, found none");
            return names;
        }

        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JString s)
            {
                Error(JsonPointer.Append(pointer, i), AslRules.ErrorEquals, $"must be an error name (a string), found {ValueText.Describe(array[i])}");
                continue;
            }

            names.Add(s.Value);
            if (!string.Equals(s.Value, StatesAll, StringComparison.Ordinal))
            {
                continue;
            }

            if (array.Count > 1)
            {
                Error(JsonPointer.Append(pointer, i), AslRules.ErrorEqualsStatesAll,
                    $"States.ALL must appear alone in ErrorEquals, found it with {array.Count - 1} other error name{(array.Count == 2 ? string.Empty : "s")}");
            }

            if (!isLast)
            {
                Error(JsonPointer.Append(pointer, i), AslRules.ErrorEqualsStatesAll, $"States.ALL may only appear in the last {kind}");
            }
        }

        return names;
    }
}
