using System.Collections.Concurrent;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Runtime.CrashHost;
using Platform.Runtime.Durable;

// The crash test's child process (see docs/durable-runtime.md, "Crash test"):
//   start <directory> <count> [--exit-when-done]
// opens a durable host on <directory>/journal.db (FullSync), starts executions e0..e<count-1> unless they exist, answers
// callback tokens, prints READY once the host runs and ALL-ENDED once every execution has ended, and then exits (--exit-when-done) or keeps running.
// Everything it does is logged to <directory>/events.log so the test can check it after SIGKILLs and restarts.
if (args.Length < 3 || args[0] != "start" || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
{
    await Console.Error.WriteLineAsync("usage: start <directory> <count> [--exit-when-done]");
    return 2;
}

string directory = args[1];
bool exitWhenDone = args.Contains("--exit-when-done");
Directory.CreateDirectory(directory);
string life = Guid.NewGuid().ToString("N")[..12];
using var log = new EventLog(Path.Combine(directory, "events.log"));
log.Write("life", life, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture));

// Tokens seen by earlier lives and not known to be answered: a kill may have struck between the token and its answer.
var pending = new ConcurrentDictionary<string, (string Instance, JNode Answer)>(StringComparer.Ordinal);
var lines = EventLog.Read(log.Path);
var accepted = lines.Where(l => l[0] == "accepted").Select(l => l[2]).ToHashSet(StringComparer.Ordinal);
foreach (var line in lines.Where(l => l[0] == "token" && !accepted.Contains(l[5])))
{
    pending.TryAdd(line[5], (line[2], JNode.Parse(line[4])));
}

await using var host = new DurableHost(
    Workload.Handlers(log, life, (instance, token, answer) => pending.TryAdd(token, (instance, answer))),
    // Few workers: tasks queue up, so the host is busy (and a kill lands on running tasks) for most of its run.
    new DurableHostOptions { DatabasePath = Path.Combine(directory, "journal.db"), FullSync = true, MaxConcurrentActivities = 4 });
Workload.Register(host);
host.Start();
Console.WriteLine("READY");

for (int i = 0; i < count; i++)
{
    string id = "e" + i.ToString(CultureInfo.InvariantCulture);
    var (machine, input) = Workload.Execution(i);
    try
    {
        await host.StartExecutionAsync(machine, new ExecutionInput { StateMachineName = machine, Name = id, Input = input }, id);
        log.Write("started", life, id);
    }
    catch (InvalidOperationException) when (host.GetExecution(id) is not null)
    {
        // Started by an earlier life: starting is idempotent.
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

bool announced = false;
while (!stop.IsCancellationRequested)
{
    await AnswerAsync();
    if (!announced && Enumerable.Range(0, count).All(i => host.GetExecution("e" + i.ToString(CultureInfo.InvariantCulture))?.Status is { } s && s != DurableStatus.Running))
    {
        announced = true;
        log.Write("all-ended", life);
        Console.WriteLine("ALL-ENDED");
        if (exitWhenDone)
        {
            break;
        }
    }

    try
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }
}

return host.LastError is null ? 0 : 1;

// The worker's side of the callbacks: answer each token once. A refusal while the execution runs is retried (an earlier
// life's answer may still be on its way, or the wait already ended); a refusal after it ended means an earlier life's
// answer got through.
async Task AnswerAsync()
{
    foreach (var (token, (instance, answer)) in pending)
    {
        try
        {
            await host.SendTaskSuccessAsync(token, answer);
            log.Write("accepted", life, token);
            pending.TryRemove(token, out _);
        }
        catch (TaskCallbackException ex) when (ex.Code == TaskCallbackException.TaskTimedOut)
        {
            if (host.GetExecution(instance)?.Status is { } status && status != DurableStatus.Running)
            {
                log.Write("refused", life, ex.Code, token);
                pending.TryRemove(token, out _);
            }
        }
        catch (TaskCallbackException ex)
        {
            log.Write("error", life, ex.Code, token);
            pending.TryRemove(token, out _);
        }
    }
}
