using System.Globalization;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>A Map's <c>ItemReader</c>: reads the items from object storage instead of the state's input.</summary>
/// <remarks>
/// <para><c>arn:aws:states:::s3:getObject</c> reads one object and parses it by <c>ReaderConfig.InputType</c> (a JSON array,
/// JSON Lines, or CSV whose rows become objects of strings keyed by the header); <c>arn:aws:states:::s3:listObjectsV2</c>
/// lists a bucket (every page) and makes each object an item <c>{Etag, Key, LastModified, Size, StorageClass}</c>, the
/// date in epoch seconds (our reading of AWS's documentation: recordings hide those two). <c>MaxItems</c> keeps the first
/// items only. The rules for CSV rows, MaxItems and a JSON object that is not an array follow LocalStack's recordings of
/// AWS; ItemsPath is ignored when a reader is set, as there.</para>
/// <para>The reads are activities through the host's object storage integration (<see cref="MapStorageCall"/>: the SDK
/// integration's <c>aws-sdk:s3</c> actions, so the local folder store and Azure Blob storage both serve them). A failed
/// read or a file that does not parse fails the Map with <c>States.ItemReaderFailed</c>.</para>
/// </remarks>
internal sealed class MapItemReader
{
    private const string GetObject = "arn:aws:states:::s3:getObject";
    private const string ListObjects = "arn:aws:states:::s3:listObjectsV2";

    /// <summary>The most items a reader reads (AWS stops at 100,000,000).</summary>
    private const long MaxReadItems = 100_000_000;

    private readonly string _stateName;
    private readonly bool _list;
    private readonly Template? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly string? _inputType;
    private readonly bool _headersInFirstRow;
    private readonly string[]? _headers;
    private readonly char _delimiter;
    private readonly long? _maxItems;
    private readonly JsonPath? _maxItemsPath;
    private readonly JsonataTemplate? _maxItemsExpression;

    private MapItemReader(MapState state, JObject reader, bool jsonata)
    {
        _stateName = state.Name;
        string resource = (reader["Resource"] as JString)?.Value ?? string.Empty;
        _list = resource == ListObjects;
        if (resource != GetObject && !_list)
        {
            throw new NotSupportedException(
                $"Map state '{state.Name}' ({state.Pointer}/ItemReader/Resource) reads items from '{resource}'; this engine reads them with " +
                $"{GetObject} (a JSON, JSONL or CSV object) and {ListObjects} (the objects of a bucket).");
        }

        if (jsonata)
        {
            _arguments = JsonataTemplate.Compile(reader["Arguments"], "ItemReader.Arguments");
        }
        else
        {
            _parameters = Template.Compile(reader["Parameters"]);
        }

        var config = reader["ReaderConfig"] as JObject;
        _inputType = (config?["InputType"] as JString)?.Value;
        if (!_list && _inputType is not ("JSON" or "JSONL" or "CSV"))
        {
            throw new NotSupportedException(
                $"Map state '{state.Name}' ({state.Pointer}/ItemReader/ReaderConfig/InputType) reads an object as " +
                $"{(_inputType is null ? "nothing (InputType is missing)" : _inputType)}; this engine parses JSON, JSONL and CSV objects.");
        }

        _headersInFirstRow = (config?["CSVHeaderLocation"] as JString)?.Value != "GIVEN";
        _headers = config?["CSVHeaders"] is JArray headers ? [.. headers.Select(h => ((JString)h).Value)] : null;
        _delimiter = ((config?["CSVDelimiter"] as JString)?.Value) switch
        {
            "PIPE" => '|',
            "SEMICOLON" => ';',
            "SPACE" => ' ',
            "TAB" => '\t',
            _ => ',',
        };
        var maxItems = config?["MaxItems"];
        if (jsonata && maxItems is not null && JsonataTemplate.ExpressionText(maxItems) is not null)
        {
            _maxItemsExpression = JsonataTemplate.Compile(maxItems, "ItemReader.ReaderConfig.MaxItems");
        }
        else if (maxItems is JNumber n)
        {
            _maxItems = (long)n.Value;
        }

        _maxItemsPath = (config?["MaxItemsPath"] as JString)?.Value is { } path ? JsonPath.Parse(path) : null;
    }

    /// <summary>Compiles the state's ItemReader, or returns null when it has none.</summary>
    /// <exception cref="NotSupportedException">A resource or input type this engine does not read.</exception>
    public static MapItemReader? Compile(MapState state, bool jsonata) =>
        state.ItemReader is { } reader ? new MapItemReader(state, reader, jsonata) : null;

    /// <summary>Resolves what to read and how many items: JSONPath fields against <paramref name="effective"/>, JSONata ones
    /// with <paramref name="bindings"/> (as on AWS, a MaxItemsPath that is not an integer fails the state before any read).</summary>
    public (JObject Request, long Limit) Prepare(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings)
    {
        var arguments = bindings is not null
            ? _arguments?.Evaluate(bindings) ?? JObject.Empty
            : _parameters?.Evaluate(run, effective) ?? JObject.Empty;
        if (arguments is not JObject request)
        {
            throw new StatesException(StatesErrors.Runtime, $"The ItemReader's {(bindings is null ? "Parameters" : "Arguments")} must be an object, but were: {arguments}");
        }

        return (request, MaxItems(run, effective, bindings));
    }

    /// <summary>Reads the items <see cref="Prepare"/> resolved; a failed read or parse is States.ItemReaderFailed.</summary>
    public async ValueTask<JArray> ReadAsync(BranchRun run, (JObject Request, long Limit) read)
    {
        if (read.Limit < 0)
        {
            throw new StatesException(StatesErrors.ItemReaderFailed, "field MaxItems must be positive");
        }

        return _list ? await ListAsync(run, read.Request, read.Limit) : Parse(await ReadObjectAsync(run, read.Request), read.Limit);
    }

    private long MaxItems(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings)
    {
        JNode? value = _maxItemsExpression is not null && bindings is not null ? _maxItemsExpression.Evaluate(bindings)
            : _maxItemsPath is not null ? StateNode.Resolve(run, _maxItemsPath, effective)
            : null;
        if (value is null)
        {
            return _maxItems is > 0 ? Math.Min(_maxItems.Value, MaxReadItems) : MaxReadItems;
        }

        // As recorded on AWS: a value that is not an integer is the state's runtime error, a negative one the reader's, 0 is
        // no limit, and no more than 100,000,000 items are read.
        if (!StateNode.TryInteger(value, out long max))
        {
            throw new StatesException(_maxItemsPath is null && bindings is not null ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime, _maxItemsPath is not null
                ? $"The MaxItemsPath field refers to value \"{(value is JString text ? text.Value : value.ToString())}\" which is not a valid integer: {_maxItemsPath.Text}"
                : $"The ItemReader's MaxItems must be an integer, but was: {value}");
        }

        return max switch
        {
            < 0 => -1, // the reader's failure, once a Map Run has started (ReadAsync)
            0 => MaxReadItems,
            _ => Math.Min(max, MaxReadItems),
        };
    }

    private async ValueTask<string> ReadObjectAsync(BranchRun run, JObject request)
    {
        var result = await CallAsync(run, request);
        // A byte order mark is not part of the text (a CSV's first header would keep it).
        return result["Body"] is JString body
            ? body.Value.TrimStart('\uFEFF')
            : throw new StatesException(StatesErrors.ItemReaderFailed, "The object read for the ItemReader has no text body.");
    }

    private async ValueTask<JArray> ListAsync(BranchRun run, JObject request, long limit)
    {
        var items = new List<JNode>();
        while (true)
        {
            var page = await CallAsync(run, request);
            if (page["Contents"] is JArray contents)
            {
                foreach (var entry in contents)
                {
                    if (items.Count >= limit)
                    {
                        return new JArray(items);
                    }

                    items.Add(entry is JObject listed
                        ? ListItem(listed)
                        : throw new StatesException(StatesErrors.ItemReaderFailed, $"The bucket listing for the ItemReader has an entry that is not an object: {entry}"));
                }
            }

            if (page["IsTruncated"] is not JBool { Value: true } || page["NextContinuationToken"] is not JString next || items.Count >= limit)
            {
                return new JArray(items);
            }

            request = request.With("ContinuationToken", next);
        }
    }

    /// <summary>AWS's item for a listed object: the S3 SDK's fields, <c>Etag</c> spelled so and the date in epoch seconds.</summary>
    private static JObject ListItem(JObject entry)
    {
        JNode modified = entry["LastModified"] is JString text
            && DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? JNode.From(date.ToUnixTimeSeconds())
            : entry["LastModified"] ?? JNode.Null;
        return new JObject(
            ["Etag", "Key", "LastModified", "Size", "StorageClass"],
            [entry["ETag"] ?? JNode.Null, entry["Key"] ?? JNode.Null, modified, entry["Size"] ?? JNode.Null, entry["StorageClass"] ?? JNode.From("STANDARD")]);
    }

    /// <summary>Runs one read (<see cref="MapStorageCall"/>) and returns its result.</summary>
    private async ValueTask<JObject> CallAsync(BranchRun run, JObject request)
    {
        string action = _list ? "listObjectsV2" : "getObject";
        var outcome = await MapStorageCall.CallAsync(run, _stateName, action, request);
        if (!outcome.IsSuccess)
        {
            throw new StatesException(StatesErrors.ItemReaderFailed, $"The ItemReader could not read from s3:{action}: {outcome.Error}: {outcome.Cause}");
        }

        return outcome.Result as JObject
            ?? throw new StatesException(StatesErrors.ItemReaderFailed, $"The ItemReader's read returned {outcome.Result}, not an object.");
    }

    private JArray Parse(string body, long limit) => _inputType switch
    {
        "JSON" => ParseJson(body, limit),
        "JSONL" => ParseJsonLines(body, limit),
        _ => ParseCsv(body, limit),
    };

    private static JArray ParseJson(string body, long limit)
    {
        JNode parsed;
        try
        {
            parsed = JNode.Parse(body);
        }
        catch (JsonParseException ex)
        {
            throw new StatesException(StatesErrors.ItemReaderFailed, $"The ItemReader's JSON object is not valid JSON: {ex.Message}");
        }

        if (parsed is not JArray items)
        {
            throw new StatesException(StatesErrors.ItemReaderFailed, "Attempting to map over non-iterable node.");
        }

        return items.Count <= limit ? items : new JArray(items.Take((int)limit));
    }

    private static JArray ParseJsonLines(string body, long limit)
    {
        var items = new List<JNode>();
        int line = 0;
        foreach (var text in body.Split('\n'))
        {
            line++;
            if (items.Count >= limit)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                items.Add(JNode.Parse(text));
            }
            catch (JsonParseException ex)
            {
                throw new StatesException(StatesErrors.ItemReaderFailed, $"The ItemReader's JSONL object has invalid JSON on line {line}: {ex.Message}");
            }
        }

        return new JArray(items);
    }

    private JArray ParseCsv(string body, long limit)
    {
        var rows = CsvRows(body, _delimiter);
        string[] headers;
        int first = 0;
        if (_headersInFirstRow)
        {
            if (rows.Count == 0)
            {
                throw new StatesException(StatesErrors.ItemReaderFailed, "The ItemReader's CSV object is empty: it has no header row.");
            }

            headers = rows[0];
            first = 1;
        }
        else
        {
            headers = _headers ?? throw new StatesException(StatesErrors.ItemReaderFailed, "CSVHeaderLocation GIVEN needs CSVHeaders.");
        }

        if (headers.Distinct(StringComparer.Ordinal).Count() != headers.Length)
        {
            throw new StatesException(StatesErrors.ItemReaderFailed, "CSV headers cannot contain duplicates.");
        }

        var items = new List<JNode>();
        for (int r = first; r < rows.Count && items.Count < limit; r++)
        {
            // As recorded on AWS: fields past the headers are dropped, missing ones are empty strings.
            var row = rows[r];
            var values = new JNode[headers.Length];
            for (int c = 0; c < headers.Length; c++)
            {
                values[c] = JNode.From(c < row.Length ? row[c] : string.Empty);
            }

            items.Add(new JObject(headers, values));
        }

        return new JArray(items);
    }

    /// <summary>Splits CSV text into rows of fields (RFC 4180: quoted fields may hold the delimiter, quotes doubled, and
    /// line breaks); empty lines are skipped, and a line of spaces is a row (as on AWS).</summary>
    internal static List<string[]> CsvRows(string text, char delimiter)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                any = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                any = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRow();
            }
            else
            {
                field.Append(c);
                any = true;
            }
        }

        EndRow();
        return rows;

        void EndRow()
        {
            if (any || field.Length > 0)
            {
                fields.Add(field.ToString());
                rows.Add([.. fields]);
            }

            fields.Clear();
            field.Clear();
            any = false;
        }
    }
}
