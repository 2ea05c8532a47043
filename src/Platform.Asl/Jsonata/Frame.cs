using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>A scope of variable bindings, chained to its enclosing scope.</summary>
/// <remarks>The root frame of an evaluation may read the caller's bindings lazily: a name is looked up (and its JSON
/// converted, see <see cref="Values.FromJson"/>) only when the expression uses it.</remarks>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly IReadOnlyDictionary<string, JNode>? _external;
    private Dictionary<string, object?>? _bindings;

    public Frame(Frame? parent) => _parent = parent;

    public Frame(Frame parent, IReadOnlyDictionary<string, JNode>? external)
    {
        _parent = parent;
        _external = external;
    }

    public void Bind(string name, object? value) => (_bindings ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = value;

    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._bindings is not null && frame._bindings.TryGetValue(name, out var value))
            {
                return value;
            }

            if (frame._external is not null && frame._external.TryGetValue(name, out var json))
            {
                return Values.FromJson(json);
            }
        }

        return null;
    }
}
