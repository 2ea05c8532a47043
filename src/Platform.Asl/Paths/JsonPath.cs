using System.Diagnostics.CodeAnalysis;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;

namespace Platform.Asl.Paths;

/// <summary>A compiled JSONPath with Jayway semantics, as AWS Step Functions evaluates paths.</summary>
/// <remarks>
/// <para>Instances are immutable and thread-safe; parse once and evaluate many times. Paths made only of names and single
/// indices evaluate in a loop without allocating.</para>
/// <para>A definite path yields its single value (JSON <c>null</c> included) or nothing. An indefinite path (wildcard,
/// slice, union of indices, filter, descent) always succeeds, yielding an array of the matches in document order, empty
/// when nothing matches, as AWS does (<c>$.items[1:]</c> on <c>{}</c> gives <c>[]</c>).</para>
/// <para>Syntax: roots <c>$</c>, <c>$$</c> and <c>$name</c>; <c>.name</c> (any characters but <c>.</c>, <c>[</c>,
/// <c>(</c> and whitespace), <c>['name']</c> and <c>["name"]</c> (taken as written, as AWS does: a backslash only keeps
/// the next character from closing the name), <c>[0]</c>, <c>[-1]</c>, <c>.*</c>, <c>[*]</c>, <c>..x</c>,
/// <c>[0,2]</c>, <c>['a','b']</c>, <c>[start:end:step]</c> (Python semantics) and <c>[?(...)]</c> filters with
/// <c>@</c> and <c>$</c> paths, <c>== != === !== &lt; &lt;= &gt; &gt;= =~ in nin contains subsetof anyof noneof size empty
/// exists</c>, <c>&amp;&amp; || !</c>, parentheses and literals (numbers, quoted strings, <c>true false null</c>, JSON
/// arrays and objects, <c>/regex/flags</c>). A path may end with one of the functions <c>length() size() min() max()
/// avg() sum() stddev() first() last() keys()</c>.</para>
/// <para>Jayway rules kept: <c>==</c> equates a number with a string holding it; a missing value makes every comparison
/// false except <c>!=</c>, <c>!==</c> and <c>nin</c>; <c>=~</c> must match the whole string; a filter on an object
/// tests the object itself; a union of names as the last step merges those names into one object.</para>
/// </remarks>
public sealed class JsonPath
{
    private readonly PathSegment[] _segments;
    private readonly bool _isSimple;
    private string? _normalizedText;

    private JsonPath(string text, ParsedPath parsed)
    {
        Text = text;
        Root = parsed.Root;
        VariableName = parsed.VariableName;
        _segments = parsed.Segments;
        _isSimple = PathEvaluator.IsSimple(_segments);
        IsDefinite = PathEvaluator.IsDefinite(_segments);
        IsReferencePath = parsed.Root == PathRoot.Input && IsReference(_segments);
    }

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    /// <summary>Gets what the path starts from.</summary>
    public PathRoot Root { get; }

    /// <summary>Gets the variable name for <see cref="PathRoot.Variable"/> paths.</summary>
    public string? VariableName { get; }

    /// <summary>Gets a value indicating whether the path selects at most one value (no wildcard, filter, slice, index union or descent).</summary>
    /// <remarks>
    /// As in Jayway, a union of names as the last step (<c>$['a','b']</c>) yields one merged object, and a trailing
    /// function yields one value after a definite prefix (<c>$.a.length()</c>) or a leading descent (<c>$..price.sum()</c>);
    /// after another indefinite prefix it is applied to each match (<c>$.a[*].length()</c> is a list).
    /// </remarks>
    public bool IsDefinite { get; }

    /// <summary>Gets a value indicating whether the path is a Reference Path (names and indices only), as ResultPath requires.</summary>
    /// <remarks>Only <c>$</c>-rooted paths of names and non-negative single indices qualify.</remarks>
    public bool IsReferencePath { get; }

    /// <summary>Gets the number of steps after the root.</summary>
    public int SegmentCount => _segments.Length;

    /// <summary>Gets the path in Jayway's bracket notation, e.g. <c>$['a']['b'][0]</c>, as AWS's messages print it.</summary>
    public string NormalizedText => _normalizedText ??= BuildNormalizedText();

    /// <summary>Parses a path.</summary>
    /// <exception cref="JsonPathException">The text is not a valid path.</exception>
    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonPath(text, JsonPathParser.Parse(text));
    }

    /// <summary>Parses a path, returning the error instead of throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        try
        {
            path = Parse(text);
            error = null;
            return true;
        }
        catch (JsonPathException ex)
        {
            path = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Evaluates against a document. A definite path yields its value or nothing; an indefinite one yields an array of matches.</summary>
    /// <exception cref="StatesException"><c>States.Runtime</c> when a filter's regular expression times out.</exception>
    public bool TryEvaluate(JNode document, [NotNullWhen(true)] out JNode? result)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _isSimple
            ? PathEvaluator.TryEvaluateSimple(_segments, document, out result)
            : PathEvaluator.TryEvaluate(_segments, IsDefinite, isSimple: false, document, document, out result);
    }

    /// <summary>Evaluates against the root this path names (input, Context Object or variable).</summary>
    /// <remarks>A variable that does not exist finds nothing, even for an indefinite path.</remarks>
    public bool TryEvaluate(EvaluationContext context, [NotNullWhen(true)] out JNode? result)
    {
        ArgumentNullException.ThrowIfNull(context);
        JNode root;
        switch (Root)
        {
            case PathRoot.Input:
                root = context.Input;
                break;
            case PathRoot.Context:
                root = context.ContextObject;
                break;
            default:
                if (!context.TryGetVariable(VariableName!, out root))
                {
                    result = null;
                    return false;
                }

                break;
        }

        return TryEvaluate(root, out result);
    }

    /// <summary>Returns a copy of <paramref name="document"/> with <paramref name="value"/> stored at this Reference Path, creating objects on the way.</summary>
    /// <remarks>
    /// Only the objects and arrays along the path are copied; everything else is shared. Missing names are created as
    /// objects; an index must address an existing item (arrays are never created or grown). Stepping into a value that is
    /// not an object (for a name) or an array (for an index) fails.
    /// </remarks>
    /// <exception cref="StatesException"><c>States.ResultPathMatchFailure</c> when the path cannot be applied.</exception>
    /// <exception cref="InvalidOperationException">The path is not a Reference Path.</exception>
    public JNode Assign(JNode document, JNode value)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsReferencePath)
        {
            throw new InvalidOperationException($"'{Text}' is not a Reference Path; only '$'-rooted names and non-negative indices can be assigned.");
        }

        if (_segments.Length == 0)
        {
            return value;
        }

        var containers = new JNode[_segments.Length];
        JNode? current = document;
        for (int i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind == SegmentKind.Name)
            {
                if (current is null)
                {
                    containers[i] = JObject.Empty;
                }
                else if (current is JObject obj)
                {
                    containers[i] = obj;
                    current = obj.TryGetValue(segment.Name, out var child) ? child : null;
                }
                else
                {
                    throw ResultPathMatchFailure(document);
                }
            }
            else if (current is JArray array && segment.Index < array.Count)
            {
                containers[i] = array;
                current = array[segment.Index];
            }
            else
            {
                throw ResultPathMatchFailure(document);
            }
        }

        JNode updated = value;
        for (int i = _segments.Length - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            updated = segment.Kind == SegmentKind.Name
                ? ((JObject)containers[i]).With(segment.Name, updated)
                : ((JArray)containers[i]).SetItem(segment.Index, updated);
        }

        return updated;
    }

    /// <summary>Returns the path as written.</summary>
    public override string ToString() => Text;

    private static bool IsReference(PathSegment[] segments)
    {
        foreach (var s in segments)
        {
            if (!(s.Kind == SegmentKind.Name || (s.Kind == SegmentKind.Index && s.Index >= 0)))
            {
                return false;
            }
        }

        return true;
    }

    private StatesException ResultPathMatchFailure(JNode document) =>
        new(StatesErrors.ResultPathMatchFailure, $"Unable to apply ReferencePath {Text} to input {document}");

    private string BuildNormalizedText()
    {
        var sb = new StringBuilder(Text.Length + 8);
        sb.Append(Root switch
        {
            PathRoot.Context => "$$",
            PathRoot.Variable => "$" + VariableName,
            _ => "$",
        });
        foreach (var segment in _segments)
        {
            segment.AppendNormalized(sb);
        }

        return sb.ToString();
    }
}
