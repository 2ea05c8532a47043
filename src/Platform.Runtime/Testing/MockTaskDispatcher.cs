using Platform.Engine.Tasks;

namespace Platform.Runtime.Testing;

/// <summary>Serves Task invocations from mocks, by state name and invocation number; unmocked states go to an inner dispatcher.</summary>
/// <remarks>
/// Invocations are counted per state name over the whole execution, so every retry and every Map iteration takes the next
/// number. An invocation of a mocked state that no entry covers fails the task with <see cref="MissingMockError"/> and is
/// remembered in <see cref="Problems"/>, so the runner can fail the case even when the definition catches the error.
/// </remarks>
public sealed class MockTaskDispatcher : ITaskDispatcher
{
    /// <summary>The error name of a task whose invocation has no mock entry.</summary>
    public const string MissingMockError = "Platform.MockMissing";

    private readonly IReadOnlyDictionary<string, TaskMock> _mocks;
    private readonly ITaskDispatcher _inner;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly Lock _lock = new();

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="mocks">The mocks by Task state name.</param>
    /// <param name="inner">Serves unmocked states; by default an empty <see cref="TaskHandlerRegistry"/>, which fails them with the engine's "no handler" error.</param>
    public MockTaskDispatcher(IReadOnlyDictionary<string, TaskMock> mocks, ITaskDispatcher? inner = null)
    {
        ArgumentNullException.ThrowIfNull(mocks);
        _mocks = mocks;
        _inner = inner ?? new TaskHandlerRegistry();
    }

    /// <summary>Gets the invocations that had no mock entry, as messages, in the order they happened.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Gets how many times the mocked state <paramref name="stateName"/> was invoked.</summary>
    public int InvocationCount(string stateName)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(stateName);
        }
    }

    /// <inheritdoc />
    public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);

        // A run past its time budget is abandoned; stopping at the next task keeps a runaway loop from spinning forever.
        cancellationToken.ThrowIfCancellationRequested();
        if (!_mocks.TryGetValue(invocation.StateName, out var mock))
        {
            return _inner.DispatchAsync(invocation, cancellationToken);
        }

        int number;
        lock (_lock)
        {
            number = _counts.GetValueOrDefault(invocation.StateName);
            _counts[invocation.StateName] = number + 1;
        }

        var response = mock.Find(number);
        if (response is not null)
        {
            return ValueTask.FromResult(response.ToOutcome());
        }

        string problem = $"state '{invocation.StateName}' was invoked {number + 1} time(s) but its mocks cover invocations {mock.Coverage} only (no entry for invocation {number})";
        lock (_lock)
        {
            _problems.Add(problem);
        }

        return ValueTask.FromResult(TaskOutcome.Failure(MissingMockError, problem));
    }
}
