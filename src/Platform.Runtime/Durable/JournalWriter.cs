using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Platform.Runtime.Durable;

/// <summary>Group commit: the journal's only writer. Writes from every execution, worker and timer queue on a channel;
/// one loop drains whatever is waiting into a single transaction, so many steps share one fsync.</summary>
/// <remarks>Each write runs under its own savepoint, so one failing write is rolled back and reported alone while the rest
/// of the batch commits. A write's task completes only after its transaction is durable.</remarks>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly SqliteJournal _journal;
    private readonly int _maxBatch;
    private readonly Channel<IWrite> _channel = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _transactions;
    private long _writes;

    public JournalWriter(SqliteJournal journal, int maxBatch)
    {
        _journal = journal;
        _maxBatch = Math.Max(1, maxBatch);
        _loop = Task.Run(RunAsync);
    }

    private interface IWrite
    {
        void Apply(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    /// <summary>Gets how many transactions were committed.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Gets how many writes were committed.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Queues a write and returns its result once it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> apply)
    {
        var write = new Write<T>(apply);
        return _channel.Writer.TryWrite(write)
            ? write.Completion.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(JournalWriter), "The durable host is stopping."));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var connection = _journal.Open(writer: true);
        try
        {
            await RunBatchesAsync(connection);
        }
        finally
        {
            SqliteJournal.Close(connection);
        }
    }

    private async Task RunBatchesAsync(SqliteConnection connection)
    {
        var batch = new List<IWrite>(_maxBatch);
        var failed = new List<(IWrite Write, Exception Error)>();
        while (await _channel.Reader.WaitToReadAsync())
        {
            batch.Clear();
            failed.Clear();
            while (batch.Count < _maxBatch && _channel.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                using var transaction = connection.BeginTransaction();
                for (int i = 0; i < batch.Count; i++)
                {
                    // One savepoint at a time (each is released before the next), so one name and prepared statements do.
                    SqliteJournal.Savepoint(connection);
                    try
                    {
                        batch[i].Apply(connection, transaction);
                        SqliteJournal.ReleaseSavepoint(connection);
                    }
                    catch (Exception ex)
                    {
                        // Whatever one write throws fails that write alone; the batch and the loop go on.
                        SqliteJournal.RollbackToSavepoint(connection);
                        SqliteJournal.ReleaseSavepoint(connection);
                        failed.Add((batch[i], ex));
                    }
                }

                transaction.Commit();
            }
            catch (Exception ex)
            {
                // The transaction itself failed (commit, I/O): every write of the batch fails; the loop must never end early.
                foreach (var write in batch)
                {
                    write.Fail(ex);
                }

                continue;
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _writes, batch.Count - failed.Count);
            foreach (var write in batch)
            {
                var failure = failed.Find(f => ReferenceEquals(f.Write, write));
                if (failure.Write is null)
                {
                    write.Complete();
                }
                else
                {
                    write.Fail(failure.Error);
                }
            }
        }
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, T> apply) : IWrite
    {
        private T _result = default!;

        // Continuations run on the pool, never inside the writer loop.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Apply(SqliteConnection connection, SqliteTransaction transaction) => _result = apply(connection, transaction);

        public void Complete() => Completion.TrySetResult(_result);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
