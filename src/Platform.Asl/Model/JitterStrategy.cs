namespace Platform.Asl.Model;

/// <summary>How retry intervals are randomised.</summary>
public enum JitterStrategy
{
    /// <summary>No jitter: the computed interval is used.</summary>
    None,
    /// <summary>Full jitter: a uniformly random interval between 0 and the computed one.</summary>
    Full,
}
