using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Paths;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>A Map's <c>ItemBatcher</c>: groups the items, so that each iteration (or child execution) gets a batch
/// <c>{"BatchInput": …, "Items": […]}</c> instead of one item.</summary>
/// <remarks>A batch closes when it holds <c>MaxItemsPerBatch</c> items, or when one more item would make its JSON longer
/// than <c>MaxInputBytesPerBatch</c> bytes (UTF-8, BatchInput included); an item that alone passes that size fails the
/// Map with States.Runtime. The limits come from the field, its <c>…Path</c>, or a JSONata expression.</remarks>
internal sealed class MapItemBatcher
{
    private readonly long? _maxItems;
    private readonly long? _maxBytes;
    private readonly JsonPath? _maxItemsPath;
    private readonly JsonPath? _maxBytesPath;
    private readonly JsonataTemplate? _maxItemsExpression;
    private readonly JsonataTemplate? _maxBytesExpression;
    private readonly Template? _batchInput;
    private readonly JsonataTemplate? _jsonataBatchInput;

    private MapItemBatcher(JObject batcher, bool jsonata)
    {
        (_maxItems, _maxItemsExpression) = Limit(batcher["MaxItemsPerBatch"], "ItemBatcher.MaxItemsPerBatch", jsonata);
        (_maxBytes, _maxBytesExpression) = Limit(batcher["MaxInputBytesPerBatch"], "ItemBatcher.MaxInputBytesPerBatch", jsonata);
        _maxItemsPath = (batcher["MaxItemsPerBatchPath"] as JString)?.Value is { } items ? JsonPath.Parse(items) : null;
        _maxBytesPath = (batcher["MaxInputBytesPerBatchPath"] as JString)?.Value is { } bytes ? JsonPath.Parse(bytes) : null;
        if (jsonata)
        {
            _jsonataBatchInput = JsonataTemplate.Compile(batcher["BatchInput"], "ItemBatcher.BatchInput");
        }
        else
        {
            _batchInput = Template.Compile(batcher["BatchInput"]);
        }
    }

    /// <summary>Compiles the state's ItemBatcher, or returns null when it has none.</summary>
    public static MapItemBatcher? Compile(MapState state, bool jsonata) =>
        state.ItemBatcher is { } batcher ? new MapItemBatcher(batcher, jsonata) : null;

    /// <summary>Groups <paramref name="items"/> into batches: JSONPath fields against <paramref name="effective"/>, JSONata
    /// ones with <paramref name="bindings"/>.</summary>
    public JNode[] Batch(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, JNode[] items)
    {
        long maxItems = Resolve(run, effective, bindings, _maxItems, _maxItemsPath, _maxItemsExpression, "MaxItemsPerBatch");
        long maxBytes = Resolve(run, effective, bindings, _maxBytes, _maxBytesPath, _maxBytesExpression, "MaxInputBytesPerBatch");
        JNode? batchInput = bindings is not null ? _jsonataBatchInput?.Evaluate(bindings) : _batchInput?.Evaluate(run, effective);
        if (batchInput is not null and not JObject)
        {
            throw new StatesException(StatesErrors.Runtime, $"The ItemBatcher's BatchInput must be an object, but was: {batchInput}");
        }

        // The bytes of a batch: its JSON without items, plus each item's JSON and a comma between items.
        long frame = Utf8Length(Make(batchInput, JArray.Empty));
        var batches = new List<JNode>();
        var current = new List<JNode>();
        long size = frame;
        foreach (var item in items)
        {
            long itemSize = Utf8Length(item);
            if (frame + itemSize > maxBytes)
            {
                throw new StatesException(StatesErrors.Runtime,
                    $"An item of {itemSize} bytes does not fit in a batch of at most {maxBytes} bytes (MaxInputBytesPerBatch).");
            }

            long grown = size + itemSize + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && (current.Count >= maxItems || grown > maxBytes))
            {
                batches.Add(Make(batchInput, new JArray(current)));
                current = [];
                grown = frame + itemSize;
            }

            current.Add(item);
            size = grown;
        }

        if (current.Count > 0)
        {
            batches.Add(Make(batchInput, new JArray(current)));
        }

        return [.. batches];
    }

    private static JObject Make(JNode? batchInput, JArray items) => batchInput is null
        ? new JObject(["Items"], [items])
        : new JObject(["BatchInput", "Items"], [batchInput, items]);

    private static long Utf8Length(JNode value) => Encoding.UTF8.GetByteCount(value.ToString());

    private static (long? Value, JsonataTemplate? Expression) Limit(JNode? field, string name, bool jsonata) => field switch
    {
        null => (null, null),
        JNumber n => ((long)n.Value, null),
        _ when jsonata && JsonataTemplate.ExpressionText(field) is not null => (null, JsonataTemplate.Compile(field, name)),
        _ => (null, null),
    };

    private static long Resolve(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, long? value, JsonPath? path, JsonataTemplate? expression, string field)
    {
        JNode? found = expression is not null && bindings is not null ? expression.Evaluate(bindings)
            : path is not null ? StateNode.Resolve(run, path, effective)
            : null;
        if (found is null)
        {
            return value ?? long.MaxValue;
        }

        return StateNode.TryInteger(found, out long resolved) && resolved > 0
            ? resolved
            : throw new StatesException(
                expression is not null ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime,
                $"The ItemBatcher's {field} must be a positive integer, but was: {found}");
    }
}
