using Platform.Asl.Json;
using YamlDotNet.Core;

namespace Platform.Asl.Parsing;

/// <summary>A mapping or sequence being read by <see cref="YamlReader"/>.</summary>
internal sealed class YamlFrame
{
    /// <summary>Creates a frame for a mapping (<paramref name="obj"/>) or a sequence (<paramref name="array"/>).</summary>
    public YamlFrame(string pointer, AnchorName anchor, JObjectBuilder? obj, List<JNode>? array)
    {
        Pointer = pointer;
        Anchor = anchor;
        Object = obj;
        Array = array;
    }

    /// <summary>Gets the pointer of the container.</summary>
    public string Pointer { get; }

    /// <summary>Gets the container's anchor, if any.</summary>
    public AnchorName Anchor { get; }

    /// <summary>Gets the mapping being built, for a mapping.</summary>
    public JObjectBuilder? Object { get; }

    /// <summary>Gets the items read so far, for a sequence.</summary>
    public List<JNode>? Array { get; }

    /// <summary>Gets or sets the key whose value comes next (mappings), or <see langword="null"/> when a key comes next.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the line of <see cref="Key"/>.</summary>
    public int KeyLine { get; set; }
}
