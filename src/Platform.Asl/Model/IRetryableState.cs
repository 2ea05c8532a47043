namespace Platform.Asl.Model;

/// <summary>A state with Retry and Catch (Task, Parallel, Map).</summary>
public interface IRetryableState
{
    /// <summary>Gets the retriers in order.</summary>
    IReadOnlyList<Retrier> Retry { get; }

    /// <summary>Gets the catchers in order.</summary>
    IReadOnlyList<Catcher> Catch { get; }
}
