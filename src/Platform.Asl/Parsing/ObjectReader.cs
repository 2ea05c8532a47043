using Platform.Asl.Json;

namespace Platform.Asl.Parsing;

/// <summary>A view of an object being validated that hides fields already reported as not allowed.</summary>
internal sealed class ObjectReader
{
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);

    /// <summary>Creates a reader for <paramref name="obj"/> located at <paramref name="pointer"/>.</summary>
    public ObjectReader(JObject obj, string pointer)
    {
        Object = obj;
        Pointer = pointer;
    }

    /// <summary>Gets the object.</summary>
    public JObject Object { get; }

    /// <summary>Gets the object's pointer.</summary>
    public string Pointer { get; }

    /// <summary>Hides a field so that later checks skip it.</summary>
    public void Reject(string key) => _rejected.Add(key);

    /// <summary>Gets a field's value, or <see langword="null"/> when it is absent or hidden.</summary>
    public JNode? Get(string key) => _rejected.Contains(key) ? null : Object[key];

    /// <summary>Tells whether a field is present and not hidden.</summary>
    public bool Has(string key) => Get(key) is not null;

    /// <summary>Gets the pointer of a field.</summary>
    public string At(string key) => JsonPointer.Append(Pointer, key);
}
