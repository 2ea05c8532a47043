using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Server.UseCases;

/// <summary>The <c>ValidateFile</c> handler of the file-validation workflow: checks an uploaded file's format, size and
/// schema (records of <c>id</c>, <c>name</c>, <c>amount</c>, as CSV with that header or a JSON array of objects).</summary>
/// <remarks>Input <c>{"key", "size", "body"}</c>; result <c>{"valid", "format", "records", "reason"}</c>. An invalid file
/// is a result, not a failure: the workflow quarantines it. A malformed input is <c>FileValidation.InvalidInput</c>.</remarks>
internal static class FileValidation
{
    public const string HandlerName = "ValidateFile";

    /// <summary>The largest file accepted.</summary>
    public const long MaxBytes = 1024 * 1024;

    private static readonly string[] Columns = ["id", "name", "amount"];

    public static TaskOutcome Validate(JNode input)
    {
        if (input is not JObject o || o["key"] is not JString { Value: var key } || o["body"] is not JString { Value: var body })
        {
            return TaskOutcome.Failure("FileValidation.InvalidInput", $"ValidateFile needs an object with the strings 'key' and 'body' (and the number 'size'), found {input.ToJson()[..Math.Min(200, input.ToJson().Length)]}");
        }

        long size = o["size"] is JNumber n ? (long)n.Value : System.Text.Encoding.UTF8.GetByteCount(body);
        string extension = Path.GetExtension(key).ToUpperInvariant();
        if (size > MaxBytes)
        {
            return Result(false, extension.TrimStart('.').ToLowerInvariant(), 0, $"the file is {size} bytes; at most {MaxBytes} are accepted");
        }

        return extension switch
        {
            ".CSV" => Csv(body),
            ".JSON" => Json(body),
            _ => Result(false, "unknown", 0, $"the file '{key}' is neither .csv nor .json"),
        };
    }

    private static TaskOutcome Csv(string body)
    {
        string[] lines = body.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != string.Join(',', Columns))
        {
            return Result(false, "csv", 0, $"line 1 must be the header '{string.Join(',', Columns)}', found '{lines[0]}'");
        }

        for (int i = 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            if (fields.Length != Columns.Length)
            {
                return Result(false, "csv", i - 1, $"line {i + 1} has {fields.Length} fields; {Columns.Length} are expected ({string.Join(',', Columns)})");
            }

            if (fields[0].Trim().Length == 0)
            {
                return Result(false, "csv", i - 1, $"line {i + 1}: 'id' is empty");
            }

            if (!decimal.TryParse(fields[2], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                return Result(false, "csv", i - 1, $"line {i + 1}: 'amount' must be a number, found '{fields[2]}'");
            }
        }

        return Result(true, "csv", lines.Length - 1, null);
    }

    private static TaskOutcome Json(string body)
    {
        var parsed = JsonParser.TryParse(body, out var error);
        if (parsed is not JArray records)
        {
            return Result(false, "json", 0, parsed is null ? $"the file is not JSON: {error?.Message}" : $"the file must be a JSON array of records, found {parsed.KindName}");
        }

        for (int i = 0; i < records.Count; i++)
        {
            string? why = records[i] is not JObject r ? $"is {records[i].KindName}, not an object"
                : r["id"] is not (JString or JNumber) ? "has no 'id' (a string or number)"
                : r["name"] is not JString ? "has no string 'name'"
                : r["amount"] is not JNumber ? "has no number 'amount'"
                : null;
            if (why is not null)
            {
                return Result(false, "json", i, $"record [{i}] {why}");
            }
        }

        return Result(true, "json", records.Count, null);
    }

    private static TaskOutcome Result(bool valid, string format, int records, string? reason) => TaskOutcome.Success(new JObject(
        ["valid", "format", "records", "reason"],
        [JNode.From(valid), JNode.From(format), JNode.From(records), reason is null ? JNode.Null : JNode.From(reason)]));
}
