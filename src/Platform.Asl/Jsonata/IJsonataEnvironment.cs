using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>Where an evaluation gets its time and randomness. A binding dictionary that also implements this interface
/// supplies them, so <c>$now()</c>, <c>$millis()</c>, <c>$uuid()</c> and an unseeded <c>$random()</c> can be replay-safe in a
/// durable orchestration; otherwise they use the wall clock and a random GUID.</summary>
public interface IJsonataEnvironment
{
    /// <summary>Gets the time of the evaluation (read once per evaluation).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Returns a new GUID (for <c>$uuid()</c> and as the entropy of an unseeded <c>$random()</c>).</summary>
    Guid NewGuid();
}

/// <summary>Bindings that can answer <c>$variable.member</c> without building the variable's whole object (the engine's
/// <c>$states</c>, whose members are the state's input, Context Object, result and error output).</summary>
public interface IJsonataMemberBindings
{
    /// <summary>Gets member <paramref name="member"/> of the bound variable <paramref name="variable"/>; false when this
    /// source does not know the variable (look it up the ordinary way), true with null when the member is absent.</summary>
    bool TryGetMember(string variable, string member, out JNode? value);
}
