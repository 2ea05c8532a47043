using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Definition-time checks of the JSONata expressions in JSONata states, as AWS makes them when a state machine is
/// created: syntax (INVALID_JSONATA_EXPRESSION) and references that cannot work (UNSUPPORTED_JSONATA_EXPRESSION).</summary>
internal sealed partial class Validator
{
    private const string InvalidJsonata = "INVALID_JSONATA_EXPRESSION: ";
    private const string UnsupportedJsonata = "UNSUPPORTED_JSONATA_EXPRESSION: ";

    /// <summary>Checks every JSONata string (whole value or nested in objects and arrays) of every field of a JSONata state
    /// that accepts JSONata.</summary>
    private void CheckJsonataExpressions(StateContext context)
    {
        var reader = context.Reader;
        var topLevel = context.Type is StateType.Task or StateType.Map or StateType.Parallel ? StatesAccess.Result : StatesAccess.None;
        CheckJsonataField(reader, "Output", topLevel);
        CheckJsonataField(reader, "Assign", topLevel);
        switch (context.Type)
        {
            case StateType.Task:
                CheckJsonataFields(reader, "Arguments", "TimeoutSeconds", "HeartbeatSeconds", "Credentials");
                break;
            case StateType.Parallel:
                CheckJsonataFields(reader, "Arguments");
                break;
            case StateType.Map:
                CheckJsonataFields(reader, "Items", "ItemSelector", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage");
                CheckJsonataChild(reader, "ItemReader", "Arguments");
                if (ChildReader(reader, "ItemReader") is { } itemReader)
                {
                    CheckJsonataChild(itemReader, "ReaderConfig", "MaxItems");
                }

                CheckJsonataChild(reader, "ItemBatcher", "BatchInput", "MaxItemsPerBatch", "MaxInputBytesPerBatch");
                CheckJsonataChild(reader, "ResultWriter", "Arguments");
                break;
            case StateType.Wait:
                CheckJsonataFields(reader, "Seconds", "Timestamp");
                break;
            case StateType.Fail:
                CheckJsonataFields(reader, "Error", "Cause");
                break;
            case StateType.Choice:
                foreach (var rule in ChildReaders(reader, "Choices"))
                {
                    CheckJsonataFields(rule, "Condition", "Output", "Assign");
                }

                break;
        }

        foreach (var catcher in ChildReaders(reader, "Catch"))
        {
            CheckJsonataField(catcher, "Output", StatesAccess.ErrorOutput);
            CheckJsonataField(catcher, "Assign", StatesAccess.ErrorOutput);
        }
    }

    private void CheckJsonataFields(ObjectReader reader, params string[] names)
    {
        foreach (string name in names)
        {
            CheckJsonataField(reader, name, StatesAccess.None);
        }
    }

    private void CheckJsonataChild(ObjectReader reader, string child, params string[] names)
    {
        if (ChildReader(reader, child) is { } childReader)
        {
            CheckJsonataFields(childReader, names);
        }
    }

    private static ObjectReader? ChildReader(ObjectReader reader, string name) =>
        reader.Get(name) is JObject obj ? new ObjectReader(obj, reader.At(name)) : null;

    private static IEnumerable<ObjectReader> ChildReaders(ObjectReader reader, string name)
    {
        if (reader.Get(name) is not JArray array)
        {
            yield break;
        }

        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JObject obj)
            {
                yield return new ObjectReader(obj, JsonPointer.Append(reader.At(name), i));
            }
        }
    }

    private void CheckJsonataField(ObjectReader reader, string name, StatesAccess access)
    {
        if (reader.Get(name) is { } value)
        {
            CheckJsonataValue(value, reader.At(name), access);
        }
    }

    private void CheckJsonataValue(JNode value, string pointer, StatesAccess access)
    {
        switch (value)
        {
            case JString s when JsonataText.IsExpression(s.Value):
                CheckJsonataExpression(s.Value, pointer, access);
                break;
            case JObject obj:
                foreach (var (key, child) in obj)
                {
                    CheckJsonataValue(child, JsonPointer.Append(pointer, key), access);
                }

                break;
            case JArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    CheckJsonataValue(array[i], JsonPointer.Append(pointer, i), access);
                }

                break;
        }
    }

    private void CheckJsonataExpression(string text, string pointer, StatesAccess access)
    {
        // The same text the engine compiles: what lies between {% and %}, trimmed.
        JsonataExpression expression;
        try
        {
            expression = JsonataExpression.Compile(text[2..^2].Trim());
        }
        catch (JsonataException ex)
        {
            Error(pointer, AslRules.JsonataInvalid, $"{InvalidJsonata}{ex.Code}: {ex.Description}");
            return;
        }

        foreach (string reference in JsonataAnalysis.TopLevelContextReferences(expression))
        {
            Error(pointer, AslRules.JsonataUnsupported, reference == "$$"
                ? $"{UnsupportedJsonata}Reference to '$$' is not supported."
                : $"{UnsupportedJsonata}Reference to '{reference}' at the top level is not supported.");
        }

        foreach (string member in JsonataAnalysis.StatesMembers(expression))
        {
            if (member == "result" && access != StatesAccess.Result)
            {
                Error(pointer, AslRules.JsonataUnsupported,
                    $"{UnsupportedJsonata}Reference to '$states.result' is not supported here; it is only available in the top-level Output and Assign of Task, Map and Parallel states.");
            }
            else if (member == "errorOutput" && access != StatesAccess.ErrorOutput)
            {
                Error(pointer, AslRules.JsonataUnsupported,
                    $"{UnsupportedJsonata}Reference to '$states.errorOutput' is not supported here; it is only available in the Output and Assign of a Catcher.");
            }
        }
    }

    /// <summary>Which optional members of <c>$states</c> a field may read (<c>input</c> and <c>context</c> are always readable).</summary>
    private enum StatesAccess
    {
        /// <summary>Neither <c>result</c> nor <c>errorOutput</c>.</summary>
        None,

        /// <summary><c>result</c>: the top-level Output and Assign of Task, Map and Parallel states.</summary>
        Result,

        /// <summary><c>errorOutput</c>: a Catcher's Output and Assign.</summary>
        ErrorOutput,
    }
}
