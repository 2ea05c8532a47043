using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>A JSONata object during evaluation (ordered, and mutable while it is built or transformed); also a tuple.</summary>
/// <remarks>
/// <para>A map made from JSON (see <see cref="Values.FromJson"/>) is a read-only view of its <see cref="JObject"/>: it copies
/// nothing, converts a member only when it is read, and throws if anything tries to change it.</para>
/// <para>Other maps keep keys and values in two arrays, searched linearly while small, with a hash index beyond that.</para>
/// </remarks>
internal sealed class JMap : IReadOnlyDictionary<string, object?>
{
    private const int IndexThreshold = 8;
    private readonly JObject? _source;
    private string[] _keys;
    private object?[] _values;
    private int _count;
    private Dictionary<string, int>? _index;

    public JMap()
        : this(4)
    {
    }

    public JMap(int capacity)
    {
        _keys = capacity == 0 ? [] : new string[capacity];
        _values = capacity == 0 ? [] : new object?[capacity];
    }

    /// <summary>Creates the read-only view of <paramref name="source"/>.</summary>
    public JMap(JObject source)
    {
        _source = source;
        _keys = [];
        _values = [];
    }

    /// <summary>Gets or sets the JSON object this map is the shared, read-only view of, or that it was converted to once
    /// finished (after which it must not change either).</summary>
    public JObject? Source { get; set; }

    public int Count => _source?.Count ?? _count;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Key;
            }
        }
    }

    public IEnumerable<object?> Values
    {
        get
        {
            foreach (var pair in this)
            {
                yield return pair.Value;
            }
        }
    }

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set
        {
            ThrowIfShared();
            int i = IndexOf(key);
            if (i >= 0)
            {
                _values[i] = value;
                return;
            }

            if (_count == _keys.Length)
            {
                int size = Math.Max(4, _count * 2);
                Array.Resize(ref _keys, size);
                Array.Resize(ref _values, size);
            }

            _keys[_count] = key;
            _values[_count] = value;
            _index?.Add(key, _count);
            _count++;
            if (_index is null && _count > IndexThreshold)
            {
                BuildIndex();
            }
        }
    }

    public bool ContainsKey(string key) => _source is { } source ? source.TryGetValue(key, out _) : IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_source is { } source)
        {
            if (source.TryGetValue(key, out var json))
            {
                value = Jsonata.Values.FromJson(json);
                return true;
            }

            value = null;
            return false;
        }

        int i = IndexOf(key);
        if (i >= 0)
        {
            value = _values[i];
            return true;
        }

        value = null;
        return false;
    }

    public object? GetValueOrDefault(string key) => TryGetValue(key, out var value) ? value : null;

    public bool Remove(string key)
    {
        ThrowIfShared();
        int i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        Array.Copy(_keys, i + 1, _keys, i, _count - i - 1);
        Array.Copy(_values, i + 1, _values, i, _count - i - 1);
        _count--;
        _keys[_count] = null!;
        _values[_count] = null;
        if (_index is not null)
        {
            BuildIndex();
        }

        return true;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out int at) ? at : -1;
        }

        var keys = _keys;
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void BuildIndex()
    {
        var index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (int i = 0; i < _count; i++)
        {
            index[_keys[i]] = i;
        }

        _index = index;
    }

    private void ThrowIfShared()
    {
        if (_source is not null || Source is not null)
        {
            throw new InvalidOperationException("A shared view of a JSON object must not change.");
        }
    }

    /// <summary>Enumerates the members in order, converting a view's members as it goes.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        private readonly JMap _map;
        private int _position;

        internal Enumerator(JMap map)
        {
            _map = map;
            _position = -1;
        }

        public readonly KeyValuePair<string, object?> Current => _map._source is { } source
            ? new(source.Keys[_position], Jsonata.Values.FromJson(source.Values[_position]))
            : new(_map._keys[_position], _map._values[_position]);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_position < _map.Count;

        public void Reset() => _position = -1;

        public readonly void Dispose()
        {
        }
    }
}
