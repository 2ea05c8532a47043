using Microsoft.Data.Sqlite;
using Platform.Runtime.Durable;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A busy database is waited out on every path of the journal, including the first read on a new connection.</summary>
public class JournalBusyTests
{
    [Fact]
    public async Task A_read_on_a_new_connection_waits_for_a_lock_another_connection_holds_instead_of_failing()
    {
        // CI once failed two conformance cases with "database is locked": a new read connection prepares its first statement,
        // which reads the schema, and SQLite can report a busy database there while another connection holds a lock. Only
        // the steps of a statement were retried, not its preparation.
        using var fixture = new DurableFixture();
        using var journal = new SqliteJournal(fixture.DatabasePath, fullSync: false);

        // The journal's first connection idles in Microsoft.Data.Sqlite's pool, holding the file open; close it, so the next
        // read opens a new connection, and the foreign one below can lock the file.
        SqliteConnection.ClearAllPools();

        // A foreign connection in exclusive locking mode from its first access keeps every other connection from reading.
        using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.DatabasePath, Pooling = false, DefaultTimeout = 1 }.ToString());
        blocker.Open();
        using (var exclusive = blocker.CreateCommand())
        {
            exclusive.CommandText = "PRAGMA locking_mode=EXCLUSIVE;";
            exclusive.ExecuteNonQuery();
            exclusive.CommandText = "SELECT COUNT(*) FROM instances;";
            exclusive.ExecuteScalar().Should().Be(0L);
        }

        var read = Task.Run(() => journal.GetInstance("none"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        read.IsCompleted.Should().BeFalse("the read must wait for the lock, not fail at once ({0})", read.Exception?.InnerException?.Message ?? "it did not fail");

        blocker.Close();
        (await read.WaitAsync(TimeSpan.FromSeconds(20))).Should().BeNull();
    }
}
