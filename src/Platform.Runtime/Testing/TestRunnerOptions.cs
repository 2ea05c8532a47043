using Platform.Engine.Tasks;

namespace Platform.Runtime.Testing;

/// <summary>How <see cref="TestCaseRunner"/> selects and runs cases.</summary>
public sealed record TestRunnerOptions
{
    /// <summary>Gets the tag filter: a case runs when it has any of these tags (case-insensitive); empty runs every case.</summary>
    public IReadOnlyCollection<string> Tags { get; init; } = [];

    /// <summary>Gets the wall-clock budget of one case; a case still running then fails, and the suite goes on.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how many cases run at once.</summary>
    /// <value><see cref="Environment.ProcessorCount"/>.</value>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets the dispatcher of Task states that a case does not mock (for example registered handlers).</summary>
    /// <value><see langword="null"/>: unmocked tasks fail with the engine's "no handler" error.</value>
    public ITaskDispatcher? Handlers { get; init; }

    /// <summary>Gets a value indicating whether cases run on the durable (SQLite) host, as Standard executions, instead of
    /// the in-memory host; both on virtual time.</summary>
    public bool Durable { get; init; }

    /// <summary>Gets what hears of each finished case (how many are done, of how many, and how many failed).</summary>
    public IProgress<TestRunProgress>? Progress { get; init; }
}

/// <summary>How far a test run is.</summary>
/// <param name="Done">Cases finished.</param>
/// <param name="Total">Cases to run.</param>
/// <param name="Failed">Cases finished that failed.</param>
public readonly record struct TestRunProgress(int Done, int Total, int Failed);
