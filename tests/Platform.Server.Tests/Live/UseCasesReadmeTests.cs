using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Server.Tests.Live;

/// <summary>Runs the README's "## Use cases" section as a newcomer would: every <c>bash</c> block, in order, in one shell,
/// against a live <c>platform serve</c> with <c>workflows/appsettings.json</c> and a clean data folder; each block must
/// exit 0, and the <c>text</c> block shown after it must appear in what it printed.</summary>
public sealed partial class UseCasesReadmeTests
{
    private const string Section = "## Use cases";
    private const string ReadmeUrl = "http://localhost:8083";
    private const string ReadmePartnerPort = "8090";

    [RequiresCommandsFact("bash", "curl", "aws", "python3")]
    public async Task Readme_UseCases_CommandsRunAndPrintWhatTheReadmeShows()
    {
        var blocks = Blocks(await File.ReadAllTextAsync(Path.Combine(Tools.RepositoryRoot, "README.md")));
        blocks.Should().HaveCountGreaterThan(5, "the section has runnable bash blocks");
        blocks.Where(b => b.Expected is not null).Should().HaveCountGreaterThan(5, "most blocks show their output");

        await using var server = await LiveServer.StartAsync(apiKey: null, Path.Combine(Tools.RepositoryRoot, "workflows", "appsettings.json"), ".platform-data");
        string partnerPort = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Localize(string text) => text.Replace(ReadmeUrl, server.Url.TrimEnd('/'), StringComparison.Ordinal)
            .Replace(ReadmePartnerPort, partnerPort, StringComparison.Ordinal);

        var script = new StringBuilder("set -eo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
        for (int i = 0; i < blocks.Count; i++)
        {
            script.Append(Localize(blocks[i].Commands)).Append('\n').Append("echo '").Append(Marker(i)).Append("'\n");
        }

        var (exitCode, output) = await RunBashAsync(script.ToString(), server.Directory, TimeSpan.FromMinutes(5));

        var outputs = output.Split('\n').ToList();
        for (int i = 0; i < blocks.Count; i++)
        {
            int end = outputs.FindIndex(l => l.TrimEnd() == Marker(i));
            end.Should().BeGreaterThanOrEqualTo(0,
                $"block {i + 1} of the README's use cases must exit 0 (bash exited {exitCode}):\n{blocks[i].Commands}\nIts output:\n{string.Join('\n', outputs)}\nServer:\n{server.Output}");
            var printed = outputs.Take(end).ToList();
            outputs = outputs.Skip(end + 1).ToList();
            if (blocks[i].Expected is { } expected)
            {
                ShouldAppearInOrder(Localize(expected), printed, blocks[i].Commands);
            }
        }

        exitCode.Should().Be(0, output);
    }

    [Fact]
    public void Blocks_TakeTheBashBlocksOfTheSection_EachWithTheTextBlockAfterIt()
    {
        const string Readme = """
            ## Before
            ```bash
            echo not-this-one
            ```
            ## Use cases
            ```sh
            dotnet run (not run: sh)
            ```
            ```bash
            echo one
            ```
            ```text
            one
            ```
            ```bash
            echo two
            ```
            ## After
            ```bash
            echo nor-this-one
            ```
            """;

        Blocks(Readme.ReplaceLineEndings("\n")).Should().Equal(new Block("echo one\n", "one\n"), new Block("echo two\n", null));
    }

    [Theory]
    [InlineData("SUCCEEDED\t{\"a\":1}", "SUCCEEDED {\"a\":1}", true)]
    [InlineData("{\"id\":…,\"bus\":\"n\"}", "{\"id\":\"8f\",\"bus\":\"n\"}", true)]
    [InlineData("{\"id\":…,\"bus\":\"n\"}", "{\"id\":\"8f\",\"bus\":\"m\"}", false)]
    [InlineData("FAILED", "SUCCEEDED", false)]
    public void Matches_TreatsTheEllipsisAsAnyTextAndWhitespaceRunsAsOne(string shown, string printed, bool matches) =>
        Matches(shown, printed).Should().Be(matches);

    private static string Marker(int block) => $"@@ use-case block {block + 1} done @@";

    /// <summary>The section's <c>bash</c> blocks, each with the <c>text</c> block that follows it before the next <c>bash</c> block.</summary>
    private static List<Block> Blocks(string readme)
    {
        int start = readme.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"README.md has a '{Section}' section");
        int end = readme.IndexOf("\n## ", start + Section.Length + 1, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        var result = new List<Block>();
        foreach (Match fence in Fence().Matches(section))
        {
            string language = fence.Groups["lang"].Value;
            string body = fence.Groups["body"].Value;
            if (language == "bash")
            {
                result.Add(new Block(body, null));
            }
            else if (language == "text" && result.Count > 0 && result[^1].Expected is null)
            {
                result[^1] = result[^1] with { Expected = body };
            }
        }

        return result;
    }

    private static void ShouldAppearInOrder(string expected, List<string> printed, string commands)
    {
        int next = 0;
        foreach (string line in expected.Split('\n').Where(l => l.Trim().Length > 0))
        {
            int found = printed.FindIndex(next, p => Matches(line, p));
            found.Should().BeGreaterThanOrEqualTo(0,
                $"the README shows\n  {line}\nafter\n{commands}\nbut it printed (from line {next + 1}):\n{string.Join('\n', printed)}");
            next = found + 1;
        }
    }

    /// <summary>Whether a printed line is the line the README shows: <c>…</c> stands for any text, and runs of whitespace
    /// (tabs in the AWS CLI's text output) compare as one space.</summary>
    private static bool Matches(string shown, string printed)
    {
        string pattern = string.Join(".*", Normalize(shown).Split('…').Select(Regex.Escape));
        return Regex.IsMatch(Normalize(printed), "^" + pattern + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(5));
    }

    private static string Normalize(string line) => Whitespace().Replace(line.Trim(), " ");

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script, string directory, TimeSpan timeout)
    {
        string file = Path.Combine(directory, "use-cases.sh");
        await File.WriteAllTextAsync(file, script);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the README's use cases still ran after {timeout.TotalMinutes} minutes; output so far:\n{Text()}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^```(?<lang>[a-z]*)\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record Block(string Commands, string? Expected);
}

/// <summary>A fact that runs shell commands: skipped, naming the missing ones, when any is not on the PATH, except under CI
/// (the <c>CI</c> variable set), where the test runs and fails.</summary>
public sealed class RequiresCommandsFactAttribute : FactAttribute
{
    public RequiresCommandsFactAttribute(params string[] commands)
    {
        string[] missing = [.. commands.Where(c => !OnPath(c))];
        if (Environment.GetEnvironmentVariable("CI") is null && missing.Length > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on the PATH (the AWS CLI: 'sudo apt-get install -y awscli', which brings python3; curl: 'sudo apt-get install -y curl'; or bash .ci/run, which installs them)";
        }
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));
}
