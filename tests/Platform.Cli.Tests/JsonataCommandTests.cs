using Platform.Asl.Json;

namespace Platform.Cli.Tests;

public sealed class JsonataCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Jsonata_WithInput_PrintsTheResultAsJson()
    {
        var result = await CliHarness.RunAsync("jsonata", "$sum(items.(qty * price))", "--input", """{"items":[{"qty":2,"price":1.5},{"qty":1,"price":4}]}""");

        result.ExitCode.Should().Be(0, result.ToString());
        JNode.Parse(result.Stdout).Should().Be(JNode.From(7));
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Jsonata_InputFromAFileAndBindings_AreUsed()
    {
        string input = _cli.Write("input.json", """{"name":"Ada"}""");

        var result = await CliHarness.RunAsync("jsonata", "greeting & ', ' & name & $suffix", "--input", "@" + input, "--bindings", """{"suffix":"!"}""");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("\", Ada!\"\n", result.ToString());
    }

    [Fact]
    public async Task Jsonata_UndefinedResult_PrintsNothingAndExitsZero()
    {
        var result = await CliHarness.RunAsync("jsonata", "missing.field", "--input", "{}");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Jsonata_NoInput_IsUndefined()
    {
        var result = await CliHarness.RunAsync("jsonata", "$exists($)");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Trim().Should().Be("false");
    }

    [Theory]
    [InlineData("'a' + 1", "T2001: The left side")]
    [InlineData("1 + 'a'", "T2002: The right side")]
    [InlineData("(1 + ", "S0")]
    [InlineData("$eval('1')", "T1006: ")]
    public async Task Jsonata_Error_PrintsCodeAndMessageToStderrAndExitsOne(string expression, string prefix)
    {
        var result = await CliHarness.RunAsync("jsonata", expression);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().StartWith(prefix);
    }

    [Fact]
    public async Task Jsonata_BindingsNotAnObject_IsAUsageError()
    {
        var result = await CliHarness.RunAsync("jsonata", "1", "--bindings", "[1]");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--bindings must be a JSON object");
    }
}
