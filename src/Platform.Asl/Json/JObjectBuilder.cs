namespace Platform.Asl.Json;

/// <summary>Builds a <see cref="JObject"/>; a repeated key keeps its first position and takes the last value.</summary>
public sealed class JObjectBuilder
{
    private readonly List<string> _keys;
    private readonly List<JNode> _values;
    private Dictionary<string, int>? _index;

    /// <summary>Creates a builder.</summary>
    public JObjectBuilder(int capacity = 4)
    {
        _keys = new List<string>(capacity);
        _values = new List<JNode>(capacity);
    }

    /// <summary>Gets the number of keys so far.</summary>
    public int Count => _keys.Count;

    /// <summary>Sets a key, returning <see langword="false"/> when the key was already present (its value is replaced).</summary>
    public bool Set(string key, JNode value)
    {
        int i = IndexOf(key);
        if (i >= 0)
        {
            _values[i] = value;
            return false;
        }

        _index?.Add(key, _keys.Count);
        _keys.Add(key);
        _values.Add(value);
        if (_index is null && _keys.Count > 16)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < _keys.Count; k++)
            {
                _index[_keys[k]] = k;
            }
        }

        return true;
    }

    /// <summary>Tells whether <paramref name="key"/> was set.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out int i) ? i : -1;
        }

        for (int k = 0; k < _keys.Count; k++)
        {
            if (string.Equals(_keys[k], key, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Creates the object.</summary>
    public JObject Build() => _keys.Count == 0 ? JObject.Empty : new JObject([.. _keys], [.. _values]);
}
