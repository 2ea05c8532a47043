using System.Globalization;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Engine.Execution;
using Platform.Engine.Plan.Jsonata;

namespace Platform.Engine.Plan;

/// <summary>How one item of a Map ended, for its <c>ResultWriter</c>: the child execution (real in a Map Run, named the same
/// way inline), its input, and its outcome. Only a Map that succeeds writes, so every item ran.</summary>
internal readonly record struct MapItemRecord(string ExecutionArn, string Name, string StateMachineArn, JNode Input, BranchOutcome Outcome, DateTime StartDate, DateTime StopDate);

/// <summary>A Map's <c>ResultWriter</c>: writes the iterations' results to object storage and returns where, or, with a
/// <c>WriterConfig</c> alone, returns them transformed.</summary>
/// <remarks>
/// <para>With <c>Resource</c> <c>arn:aws:states:::s3:putObject</c> and <c>Bucket</c>/<c>Prefix</c>, the results go to
/// <c>&lt;Prefix&gt;/&lt;map run id&gt;/</c> as AWS lays them out: <c>SUCCEEDED_0.json</c> and <c>FAILED_0.json</c> (tolerated
/// failures), each only when it has entries, and <c>manifest.json</c>
/// (<c>DestinationBucket</c>, <c>MapRunArn</c>, <c>ResultFiles</c> with each file's <c>Key</c> and <c>Size</c>). The Map's
/// result is then <c>{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}</c>, the key the manifest's.</para>
/// <para>Entries follow <c>WriterConfig.Transformation</c>: <c>NONE</c> (the default with a Resource) writes AWS's
/// DescribeExecution-like record per child (Input and Output as JSON text); <c>COMPACT</c> (the default without one)
/// writes the succeeded children's outputs, and <c>FLATTEN</c> those outputs with arrays spread; failed and pending entries
/// are records in every mode, inline too. <c>OutputType</c> <c>JSONL</c> writes one entry per line (the files keep AWS's
/// names). Only a Map that succeeds (tolerated failures included) writes: a failing one writes nothing, so that a redrive
/// finds the failure that ended the execution last in its journal.</para>
/// <para>The writes are activities through the host's S3 integration, like the reader's reads. A write that fails is
/// <c>States.ResultWriterFailed</c>.</para>
/// </remarks>
internal sealed class MapResultWriter
{
    private const string PutObject = "arn:aws:states:::s3:putObject";

    private readonly string _stateName;
    private readonly bool _writes;
    private readonly Template? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly bool _lines;
    private readonly string _transformation;

    private MapResultWriter(MapState state, JObject writer, bool jsonata)
    {
        _stateName = state.Name;
        string? resource = (writer["Resource"] as JString)?.Value;
        if (resource is not null && resource != PutObject)
        {
            throw new NotSupportedException(
                $"Map state '{state.Name}' ({state.Pointer}/ResultWriter/Resource) writes its results with '{resource}'; this engine writes them with {PutObject}.");
        }

        _writes = resource is not null;
        if (jsonata)
        {
            _arguments = JsonataTemplate.Compile(writer["Arguments"], "ResultWriter.Arguments");
        }
        else
        {
            _parameters = Template.Compile(writer["Parameters"]);
        }

        var config = writer["WriterConfig"] as JObject;
        _lines = (config?["OutputType"] as JString)?.Value == "JSONL";
        _transformation = (config?["Transformation"] as JString)?.Value ?? (_writes ? "NONE" : "COMPACT");
    }

    /// <summary>Compiles the state's ResultWriter, or returns null when it has none.</summary>
    /// <exception cref="NotSupportedException">A resource this engine does not write with.</exception>
    public static MapResultWriter? Compile(MapState state, bool jsonata) =>
        state.ResultWriter is { } writer ? new MapResultWriter(state, writer, jsonata) : null;

    /// <summary>Writes (or, with a WriterConfig alone, transforms) the results of a Map that succeeded, and returns the
    /// Map's result.</summary>
    public async ValueTask<JNode> WriteAsync(BranchRun run, JNode effective, IReadOnlyDictionary<string, JNode>? bindings, string mapRunArn, IReadOnlyList<MapItemRecord> items)
    {
        if (!_writes)
        {
            return new JArray(items.SelectMany(Entries));
        }

        var arguments = bindings is not null ? _arguments?.Evaluate(bindings) ?? JObject.Empty : _parameters?.Evaluate(run, effective) ?? JObject.Empty;
        if (arguments is not JObject target || target["Bucket"] is not JString { Value.Length: > 0 } bucket)
        {
            throw new StatesException(StatesErrors.ResultWriterFailed, $"The ResultWriter's {(bindings is null ? "Parameters" : "Arguments")} must name a Bucket, but were: {arguments}");
        }

        string prefix = (target["Prefix"] as JString)?.Value ?? string.Empty;
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        string folder = prefix + mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..] + "/";
        var files = new (string Status, JNode[] Entries)[]
        {
            ("FAILED", [.. items.Where(i => i.Outcome.Failed).Select(Record)]),
            ("PENDING", []), // items never started: only a failing Map has them, and it writes nothing
            ("SUCCEEDED", [.. items.Where(i => !i.Outcome.Failed).SelectMany(Entries)]),
        };

        var listed = new JNode[files.Length];
        for (int f = 0; f < files.Length; f++)
        {
            var (status, entries) = files[f];
            if (entries.Length == 0)
            {
                listed[f] = JArray.Empty;
                continue;
            }

            string key = folder + status + "_0.json";
            string body = _lines ? string.Join('\n', entries.Select(e => e.ToString())) : new JArray(entries).ToString();
            await PutAsync(run, bucket.Value, key, body);
            listed[f] = new JArray([new JObject(["Key", "Size"], [JNode.From(key), JNode.From(Encoding.UTF8.GetByteCount(body))])]);
        }

        string manifestKey = folder + "manifest.json";
        var manifest = new JObject(
            ["DestinationBucket", "MapRunArn", "ResultFiles"],
            [bucket, JNode.From(mapRunArn), new JObject(["FAILED", "PENDING", "SUCCEEDED"], listed)]);
        await PutAsync(run, bucket.Value, manifestKey, manifest.ToString());
        return new JObject(
            ["MapRunArn", "ResultWriterDetails"],
            [JNode.From(mapRunArn), new JObject(["Bucket", "Key"], [bucket, JNode.From(manifestKey)])]);
    }

    /// <summary>AWS's record of a child execution (the DescribeExecution fields, in their order).</summary>
    private static JNode Record(MapItemRecord item)
    {
        var input = JNode.From(item.Input.ToString());
        var included = new JObject(["Included"], [JNode.True]);

        var outcome = item.Outcome;
        string status = outcome.Aborted ? "ABORTED" : outcome.Failed ? "FAILED" : "SUCCEEDED";
        var keys = new List<string>();
        var values = new List<JNode>();
        void Add(string key, JNode value)
        {
            keys.Add(key);
            values.Add(value);
        }

        if (outcome.Failed && !outcome.Aborted)
        {
            Add("Cause", JNode.From(outcome.Cause ?? string.Empty));
            Add("Error", JNode.From(outcome.Error ?? string.Empty));
        }

        Add("ExecutionArn", JNode.From(item.ExecutionArn));
        Add("Input", input);
        Add("InputDetails", included);
        Add("Name", JNode.From(item.Name));
        if (!outcome.Failed)
        {
            Add("Output", JNode.From(outcome.Output!.ToString()));
            Add("OutputDetails", included);
        }

        Add("RedriveCount", JNode.From(0));
        Add("RedriveStatus", JNode.From(outcome.Failed ? "REDRIVABLE" : "NOT_REDRIVABLE"));
        if (!outcome.Failed)
        {
            Add("RedriveStatusReason", JNode.From("Execution is SUCCEEDED and cannot be redriven"));
        }

        Add("StartDate", JNode.From(Date(item.StartDate)));
        Add("StateMachineArn", JNode.From(item.StateMachineArn));
        Add("Status", JNode.From(status));
        Add("StopDate", JNode.From(Date(item.StopDate)));
        return new JObject([.. keys], [.. values]);
    }

    private static string Date(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>What an item gives under the Transformation: its record (NONE, and a failed item in every mode), its
    /// output (COMPACT), or its output's elements when that is an array (FLATTEN).</summary>
    private IEnumerable<JNode> Entries(MapItemRecord item) =>
        _transformation == "NONE" || item.Outcome.Failed ? [Record(item)]
        : _transformation == "FLATTEN" && item.Outcome.Output is JArray array ? array
        : [item.Outcome.Output!];

    private async ValueTask PutAsync(BranchRun run, string bucket, string key, string body)
    {
        var request = new JObject(["Bucket", "Key", "Body", "ContentType"], [JNode.From(bucket), JNode.From(key), JNode.From(body), JNode.From("application/json")]);
        var outcome = await MapStorageCall.CallAsync(run, _stateName, "putObject", request);
        if (!outcome.IsSuccess)
        {
            throw new StatesException(StatesErrors.ResultWriterFailed, $"The ResultWriter could not write s3://{bucket}/{key}: {outcome.Error}: {outcome.Cause}");
        }
    }
}
