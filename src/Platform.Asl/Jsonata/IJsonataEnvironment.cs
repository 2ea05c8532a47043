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
