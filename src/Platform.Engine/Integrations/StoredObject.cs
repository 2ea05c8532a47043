namespace Platform.Engine.Integrations;

/// <summary>An object read from an object store: its properties and its bytes.</summary>
/// <param name="Properties">Its properties.</param>
/// <param name="Content">Its content.</param>
public sealed record StoredObject(ObjectProperties Properties, ReadOnlyMemory<byte> Content);
