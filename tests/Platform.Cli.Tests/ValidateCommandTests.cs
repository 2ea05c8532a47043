namespace Platform.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Validate_ValidDefinition_ExitsZero()
    {
        string file = _cli.Write("ok.json", """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }""");

        var result = await CliHarness.RunAsync("validate", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("valid\n");
    }

    [Fact]
    public async Task Validate_Warnings_AreAllowed()
    {
        string file = _cli.Write("warn.json", """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true }, "C": { "Type": "Pass", "End": true } } }""");

        var result = await CliHarness.RunAsync("validate", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines[0].Should().StartWith("warning /States/C: ");
        result.StdoutLines[^1].Should().Be("valid (1 warning)");
    }

    [Fact]
    public async Task Validate_InvalidDefinition_PrintsEveryErrorWithItsPointerAndExitsOne()
    {
        string file = _cli.Write("bad.json", """
            {
              "StartAt": "Nope",
              "States": {
                "A": { "Type": "Pass", "Next": "B" }
              }
            }
            """);

        var result = await CliHarness.RunAsync("validate", file);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines.Should().HaveCount(3);
        result.StdoutLines[0].Should().StartWith("error /StartAt: ").And.EndWith("(line 2)");
        result.StdoutLines[1].Should().StartWith("error /States/A/Next: ").And.EndWith("(line 4)");
        result.StdoutLines[2].Should().Be("invalid: 2 errors, 0 warnings");
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var result = await CliHarness.RunAsync("validate", _cli.PathOf("missing.json"));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("definition file not found");
    }

    [Fact]
    public async Task Validate_WithoutFile_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("validate");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("Run 'platform --help' for usage.");
    }
}
