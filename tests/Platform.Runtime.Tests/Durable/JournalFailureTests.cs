using Microsoft.Data.Sqlite;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A failed journal write (a full disk, an I/O error) is retried after a back-off: the execution goes on by itself
/// once the journal takes writes again, without waiting for another event or a restart.</summary>
public class JournalFailureTests
{
    [Fact]
    public async Task A_task_result_that_could_not_be_recorded_is_retried_once_the_journal_recovers()
    {
        using var fixture = new DurableFixture();
        var started = new TaskCompletionSource();
        var proceed = new TaskCompletionSource();
        int calls = 0;
        var handlers = new TaskHandlerRegistry().Register("Work", async (invocation, token) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                started.TrySetResult();
                await proceed.Task.WaitAsync(token);
            }

            return TaskOutcome.Success(new JObject(["ok"], [JNode.True]));
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"Work","Next":"Done"},"Done":{"Type":"Pass","End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The disk "fills up": every write to the history fails until the flag is cleared.
        using var sabotage = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        sabotage.Open();
        Execute(sabotage, """
            CREATE TABLE IF NOT EXISTS test_fail (x INTEGER);
            INSERT INTO test_fail VALUES (1);
            CREATE TRIGGER IF NOT EXISTS test_fail_history BEFORE INSERT ON history WHEN (SELECT COUNT(*) FROM test_fail) > 0
            BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END;
            """);
        proceed.SetResult();
        await WaitForAsync(() => host.LastError?.Message.Contains("injected", StringComparison.Ordinal) == true);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running, "nothing was recorded");

        Execute(sabotage, "DELETE FROM test_fail;");
        var done = host.WaitForCompletionAsync(id);
        for (int step = 0; step < 100 && !done.IsCompleted; step++)
        {
            // The back-off runs on the host's clock: move it on until the retry goes through.
            fixture.Clock.SetUtcNow(fixture.Clock.GetUtcNow().UtcDateTime.AddSeconds(1));
            await Task.WhenAny(done, Task.Delay(20));
        }

        var result = await done.WaitAsync(TimeSpan.FromSeconds(30));
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"ok":true}"""));
        calls.Should().Be(2, "the task whose result was lost runs again (at least once), and only once more");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
