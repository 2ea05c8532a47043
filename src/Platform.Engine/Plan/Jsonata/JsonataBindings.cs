using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;
using Platform.Asl.Jsonata;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan.Jsonata;

/// <summary>What a JSONata expression sees: <c>$states</c> (input, context, and result or errorOutput where AWS allows
/// them) and the variables visible from the running branch, as of entering the state.</summary>
/// <remarks>Nothing is copied up front: the evaluator looks a name up only when an expression uses it, and
/// <c>$states</c> is built once per state however many fields read it.</remarks>
internal sealed class JsonataBindings : IReadOnlyDictionary<string, JNode>, IJsonataEnvironment, IJsonataMemberBindings
{
    private const string StatesName = "states";
    private readonly BranchRun _run;
    private readonly JNode _input;
    private readonly JNode? _result;
    private readonly JNode? _errorOutput;
    private readonly bool _withContext;
    private JObject? _states;
    private JsonataBindings? _other;

    private JsonataBindings(BranchRun run, JNode input, JNode? result, JNode? errorOutput, bool withContext)
    {
        _run = run;
        _input = input;
        _result = result;
        _errorOutput = errorOutput;
        _withContext = withContext;
    }

    /// <summary>Gets the orchestration's replay-safe time, for $now() and $millis().</summary>
    public DateTimeOffset Now => new(DateTime.SpecifyKind(_run.Now, DateTimeKind.Utc));

    public int Count => AsDictionary().Count;

    public IEnumerable<string> Keys => AsDictionary().Keys;

    public IEnumerable<JNode> Values => AsDictionary().Values;

    public JNode this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public static JsonataBindings Create(BranchRun run, JNode input, JNode? result = null, JNode? errorOutput = null) =>
        new(run, input, result, errorOutput, withContext: true);

    /// <summary>Returns these bindings, or their twin whose <c>$states</c> has no <c>context</c>: the Context Object is
    /// built only for expressions that may read it (see <c>JsonataExpression.MayReadMember</c>).</summary>
    public JsonataBindings For(bool readsContext) =>
        readsContext == _withContext ? this : _other ??= new(_run, _input, _result, _errorOutput, readsContext) { _other = this };

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JNode value)
    {
        if (key == StatesName)
        {
            value = _states ??= BuildStates();
            return true;
        }

        return _run.Variables.TryGet(key, out value);
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Answers <c>$states.input</c> and its kin straight from the state, without building <c>$states</c>.</summary>
    public bool TryGetMember(string variable, string member, out JNode? value)
    {
        if (variable != StatesName)
        {
            value = null;
            return false;
        }

        value = member switch
        {
            "input" => _input,
            "context" => _withContext ? _run.ContextObject : null,
            "result" => _result,
            "errorOutput" => _errorOutput,
            _ => null,
        };
        return true;
    }

    /// <summary>Returns the orchestration's replay-safe GUID, for $uuid() and an unseeded $random().</summary>
    public Guid NewGuid() => _run.NewGuid();

    public IEnumerator<KeyValuePair<string, JNode>> GetEnumerator() => AsDictionary().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private JObject BuildStates()
    {
        // Keys come from a few shared arrays (three optional members give eight shapes); only the values are new.
        int shape = (_withContext ? 1 : 0) | (_result is not null ? 2 : 0) | (_errorOutput is not null ? 4 : 0);
        var keys = StatesKeys[shape];
        var values = new JNode[keys.Length];
        int i = 0;
        values[i++] = _input;
        if (_withContext)
        {
            values[i++] = _run.ContextObject;
        }

        if (_result is not null)
        {
            values[i++] = _result;
        }

        if (_errorOutput is not null)
        {
            values[i] = _errorOutput;
        }

        return new JObject(keys, values);
    }

    private static readonly string[][] StatesKeys = Enumerable.Range(0, 8).Select(shape =>
    {
        var keys = new List<string> { "input" };
        if ((shape & 1) != 0)
        {
            keys.Add("context");
        }

        if ((shape & 2) != 0)
        {
            keys.Add("result");
        }

        if ((shape & 4) != 0)
        {
            keys.Add("errorOutput");
        }

        return keys.ToArray();
    }).ToArray();

    /// <summary>Every visible binding, copied; for callers that enumerate (the evaluator never does).</summary>
    private Dictionary<string, JNode> AsDictionary()
    {
        var all = new Dictionary<string, JNode>(StringComparer.Ordinal);
        _run.Variables.CopyTo(all);
        all[StatesName] = _states ??= BuildStates();
        return all;
    }
}
