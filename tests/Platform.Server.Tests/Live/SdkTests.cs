using System.Diagnostics;

namespace Platform.Server.Tests.Live;

/// <summary>@aws-sdk/client-sfn (through <c>sdk/sfn-sdk.mjs</c>) against a live <c>platform serve</c>: the operations the
/// AWS CLI test does not cover, and the error codes as the SDK reads them.</summary>
public sealed class SdkTests
{
    [RequiresToolFact(Tools.NodeSdk)]
    public async Task NodeSdk_EveryOtherOperationAndErrorCodes()
    {
        Tools.Require(Tools.NodeSdk);
        const string Key = "live-sdk-key";
        await using var server = await LiveServer.StartAsync(Key);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools.SdkDirectory };
        start.ArgumentList.Add(Path.Combine(Tools.SdkDirectory, "sfn-sdk.mjs"));
        start.ArgumentList.Add(server.Url);
        start.ArgumentList.Add(Key);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        string report = await output + await error;
        process.ExitCode.Should().Be(0, $"every SDK check should pass:\n{report}\nserver output:\n{server.Output}");
        report.Should().Contain("ok - StartSyncExecution").And.Contain("all SDK checks passed").And.NotContain("not ok");
    }
}
