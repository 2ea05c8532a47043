using System.Text.Json;
using System.Xml.Linq;

namespace Platform.Cli.Tests;

public sealed class GraphCommandTests : IDisposable
{
    private const string Definition = """
        {
          "StartAt": "Charge",
          "States": {
            "Charge": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Failed" } ],
              "Next": "Tier"
            },
            "Tier": {
              "Type": "Choice",
              "Choices": [ { "Variable": "$.tier", "StringEquals": "gold", "Next": "Done" } ],
              "Default": "Charge"
            },
            "Done": { "Type": "Succeed" },
            "Failed": { "Type": "Fail", "Error": "ChargeFailed" }
          }
        }
        """;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Graph_DefaultsToMermaidOnStdout()
    {
        string file = _cli.Write("machine.json", Definition);

        var result = await CliHarness.RunAsync("graph", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("flowchart TD\n");
        result.StdoutLines.Should().Contain("    m_s1{\"Tier\"}")
            .And.Contain("    m_s1 -->|\"$.tier == #quot;gold#quot;\"| m_s2")
            .And.Contain("    m_s0 -.->|\"States.ALL\"| m_s3");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Graph_Dot()
    {
        string file = _cli.Write("machine.json", Definition);

        var result = await CliHarness.RunAsync("graph", file, "--format", "dot");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("digraph \"state machine\" {");
        result.StdoutLines.Should().Contain("    m_s0 -> m_s3 [label=\"States.ALL\", style=dashed];")
            .And.Contain("    m_s1 -> m_s0 [label=\"Default\"];");
    }

    [Fact]
    public async Task Graph_Svg_ToAFile()
    {
        string file = _cli.Write("machine.json", Definition);
        string output = _cli.PathOf("machine.svg");

        var result = await CliHarness.RunAsync("graph", file, "-f", "svg", "--output", output);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().BeEmpty();
        var svg = XDocument.Load(output);
        svg.Root!.Name.LocalName.Should().Be("svg");
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Should().Contain(["Charge", "Tier", "Done", "Failed"]);
    }

    [Fact]
    public async Task Graph_Json_IsTheLayout()
    {
        string file = _cli.Write("machine.json", Definition);

        var result = await CliHarness.RunAsync("graph", file, "--format", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("label").GetString())
            .Should().Equal("Start", "Charge", "Tier", "Done", "Failed", "End");
        json.RootElement.GetProperty("edges").EnumerateArray().Should().Contain(e => e.GetProperty("backEdge").GetBoolean());
    }

    [Fact]
    public async Task Graph_IsTheSameEveryRun()
    {
        string file = _cli.Write("machine.json", Definition);

        foreach (string format in new[] { "mermaid", "dot", "svg", "json" })
        {
            var first = await CliHarness.RunAsync("graph", file, "--format", format);
            var second = await CliHarness.RunAsync("graph", file, "--format", format);
            second.Stdout.Should().Be(first.Stdout, format);
        }
    }

    [Fact]
    public async Task Graph_SampleWorkflow()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Platform.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("No Platform.sln above the test binaries.");
        }

        string file = Path.Combine(root.FullName, "workflows", "hello-world.asl.json");

        var result = await CliHarness.RunAsync("graph", file, "--format", "svg");

        result.ExitCode.Should().Be(0, result.ToString());
        XDocument.Parse(result.Stdout).Root!.Name.LocalName.Should().Be("svg");
    }

    [Fact]
    public async Task Graph_InvalidDefinition_PrintsDiagnosticsAndExitsOne()
    {
        string file = _cli.Write("bad.json", """
            {
              "StartAt": "Nope",
              "States": {
                "A": { "Type": "Pass", "Next": "B" }
              }
            }
            """);

        var result = await CliHarness.RunAsync("graph", file);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines[0].Should().StartWith("error /StartAt: ");
        result.StdoutLines[^1].Should().Be("invalid: 2 errors, 0 warnings");
    }

    [Fact]
    public async Task Graph_Warnings_GoToStderr()
    {
        string file = _cli.Write("warn.json", """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true }, "C": { "Type": "Pass", "End": true } } }""");

        var result = await CliHarness.RunAsync("graph", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().StartWith("flowchart TD\n");
        result.Stderr.Should().StartWith("warning /States/C: ");
    }

    [Fact]
    public async Task Graph_UnknownFormat_IsAUsageError()
    {
        string file = _cli.Write("machine.json", Definition);

        var result = await CliHarness.RunAsync("graph", file, "--format", "png");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("png");
    }

    [Fact]
    public async Task Graph_MissingFile_ExitsTwo()
    {
        var result = await CliHarness.RunAsync("graph", _cli.PathOf("missing.json"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("definition file not found");
    }
}
