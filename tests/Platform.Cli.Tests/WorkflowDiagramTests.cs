using System.Text.RegularExpressions;

namespace Platform.Cli.Tests;

/// <summary>Each page of <c>workflows/</c> (<c>&lt;name&gt;.md</c>) shows the diagram that <c>platform graph
/// &lt;name&gt;.asl.json --format mermaid</c> draws today, so a changed workflow or renderer cannot leave a stale one.</summary>
public sealed partial class WorkflowDiagramTests
{
    private static readonly string Workflows = Path.Combine(RepositoryRoot(), "workflows");

    public static TheoryData<string> Pages() => [.. PageNames()];

    private static IEnumerable<string> PageNames() =>
        Directory.GetFiles(Workflows, "*.md").Select(f => Path.GetFileName(f)).Where(f => f != "README.md").Order(StringComparer.Ordinal);

    [Fact]
    public void EveryUseCaseWorkflow_HasAPage()
    {
        PageNames().Should().Contain(["account-opening.md", "circuit-breaker.md", "etl-fan-out.md", "file-validation.md", "order-saga.md"]);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_ShowsTheDiagramPlatformGraphDrawsToday(string page)
    {
        string text = (await File.ReadAllTextAsync(Path.Combine(Workflows, page))).ReplaceLineEndings("\n");
        string definition = Path.Combine(Workflows, Path.GetFileNameWithoutExtension(page) + ".asl.json");
        File.Exists(definition).Should().BeTrue($"{page} describes {Path.GetFileName(definition)}");
        var shown = Mermaid().Matches(text);
        shown.Should().ContainSingle($"{page} shows one Mermaid diagram");

        var drawn = await CliHarness.RunAsync("graph", definition, "--format", "mermaid");

        drawn.ExitCode.Should().Be(0, drawn.Stderr);
        shown[0].Groups["body"].Value.TrimEnd().Should().Be(
            drawn.Stdout.TrimEnd(),
            $"the diagram of {page} must be pasted from 'platform graph workflows/{Path.GetFileName(definition)} --format mermaid'");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```mermaid\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Mermaid();
}
