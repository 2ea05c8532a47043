using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Platform.Asl.Json;

/// <summary>An immutable JSON object that keeps its keys in insertion order.</summary>
/// <remarks>Small objects are searched linearly; objects with many keys build a hash index on first lookup.</remarks>
public sealed class JObject : JNode, IReadOnlyList<KeyValuePair<string, JNode>>
{
    /// <summary>The empty object.</summary>
    public static readonly JObject Empty = new([], []);

    private const int IndexThreshold = 12;
    private readonly string[] _keys;
    private readonly JNode[] _values;
    private Dictionary<string, int>? _index;

    /// <summary>The JSONata evaluator's read-only view of this object, made on first use and shared (see Jsonata.Values).</summary>
    internal object? JsonataView;

    /// <summary>Creates an object that takes ownership of the arrays; keys must be distinct and the arrays unchanged afterwards.</summary>
    public JObject(string[] keys, JNode[] values)
    {
        if (keys.Length != values.Length)
        {
            throw new ArgumentException("Keys and values differ in length.", nameof(values));
        }

        _keys = keys;
        _values = values;
    }

    /// <inheritdoc />
    public override JsonKind Kind => JsonKind.Object;

    /// <inheritdoc />
    public int Count => _keys.Length;

    /// <summary>Gets the keys in order.</summary>
    public ReadOnlySpan<string> Keys => _keys;

    /// <summary>Gets the values in key order.</summary>
    public ReadOnlySpan<JNode> Values => _values;

    /// <inheritdoc />
    public KeyValuePair<string, JNode> this[int index] => new(_keys[index], _values[index]);

    /// <summary>Gets the value of <paramref name="key"/>, or <see langword="null"/> when the key is absent.</summary>
    public JNode? this[string key] => TryGetValue(key, out var value) ? value : null;

    /// <summary>Creates an object from key/value pairs; a repeated key keeps its first position and its last value.</summary>
    public static JObject FromPairs(IEnumerable<KeyValuePair<string, JNode>> pairs)
    {
        var builder = new JObjectBuilder();
        foreach (var (key, value) in pairs)
        {
            builder.Set(key, value);
        }

        return builder.Build();
    }

    /// <summary>Finds a key.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JNode value)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _values[i];
        return true;
    }

    /// <summary>Tells whether the object has <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Returns the position of <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string key)
    {
        if (_keys.Length <= IndexThreshold)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = _index ??= BuildIndex();
        return index.TryGetValue(key, out int found) ? found : -1;
    }

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/> (replaced in place, or appended).</summary>
    public JObject With(string key, JNode value)
    {
        int i = IndexOf(key);
        if (i >= 0)
        {
            if (ReferenceEquals(_values[i], value))
            {
                return this;
            }

            var values = (JNode[])_values.Clone();
            values[i] = value;
            return new JObject(_keys, values);
        }

        var newKeys = new string[_keys.Length + 1];
        var newValues = new JNode[_values.Length + 1];
        _keys.CopyTo(newKeys, 0);
        _values.CopyTo(newValues, 0);
        newKeys[^1] = key;
        newValues[^1] = value;
        return new JObject(newKeys, newValues);
    }

    /// <summary>Returns a copy without <paramref name="key"/>.</summary>
    public JObject Without(string key)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            return this;
        }

        var keys = new string[_keys.Length - 1];
        var values = new JNode[_values.Length - 1];
        Array.Copy(_keys, 0, keys, 0, i);
        Array.Copy(_keys, i + 1, keys, i, keys.Length - i);
        Array.Copy(_values, 0, values, 0, i);
        Array.Copy(_values, i + 1, values, i, values.Length - i);
        return new JObject(keys, values);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JNode>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, JNode>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < _keys.Length; i++)
        {
            index[_keys[i]] = i;
        }

        return index;
    }

    private protected override int ComputeDepth()
    {
        int depth = 0;
        foreach (var item in _values)
        {
            depth = Math.Max(depth, item.Depth);
        }

        return depth + 1;
    }

    private protected override int ComputeUtf8Size()
    {
        long size = 2 + Math.Max(0, _keys.Length - 1);
        for (int i = 0; i < _keys.Length; i++)
        {
            size += JsonWriter.QuotedUtf8Length(_keys[i]) + 1 + _values[i].Utf8Size;
        }

        return (int)Math.Min(size, int.MaxValue);
    }
}
