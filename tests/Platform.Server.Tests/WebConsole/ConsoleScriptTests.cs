using System.Diagnostics;
using Platform.Server.Tests.Live;

namespace Platform.Server.Tests.WebConsole;

/// <summary>The console's history reading (<c>wwwroot/history.js</c>: which state is in progress, succeeded, failed, caught,
/// aborted, and where a waiting Task's token is), unit-tested by <c>history.test.mjs</c> under <c>node --test</c>.</summary>
public sealed class ConsoleScriptTests
{
    [RequiresToolFact(Tools.Node)]
    public async Task HistoryReading_NodeTests_Pass()
    {
        Tools.Require(Tools.Node);
        string script = Path.Combine(Tools.RepositoryRoot, "tests", "Platform.Server.Tests", "WebConsole", "history.test.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools.RepositoryRoot };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string report = await output + await error;
        process.ExitCode.Should().Be(0, $"every history.js test should pass:\n{report}");
        report.Should().MatchRegex(@"# pass [1-9]\d*").And.Contain("# fail 0");
    }
}
