using BenchmarkDotNet.Attributes;
using Platform.Runtime.Durable;

namespace Platform.Benchmarks;

/// <summary>Journal writes through the group-commit writer: one write awaited at a time (a commit each) against 64
/// concurrent writes (shared commits), with <c>synchronous=FULL</c> and <c>NORMAL</c>.</summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int Concurrent = 64;
    private string _directory = string.Empty;
    private SqliteJournal? _journal;
    private JournalWriter? _writer;
    private long _next;

    [Params(true, false)]
    public bool FullSync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("journal-bench-").FullName;
        _journal = new SqliteJournal(Path.Combine(_directory, "journal.db"), FullSync);
        _writer = new JournalWriter(_journal, maxBatch: 256);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _writer!.DisposeAsync();
        _journal!.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<bool> OneWritePerCommit() => Create();

    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task GroupCommitOf64() => Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => Create()));

    private Task<bool> Create()
    {
        string id = "i" + Interlocked.Increment(ref _next);
        return _writer!.WriteAsync((c, t) => SqliteJournal.ApplyCreate(c, t, id, "bench", """{"input":{}}""", DateTime.UtcNow));
    }
}
