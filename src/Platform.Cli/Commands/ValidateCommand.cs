using System.CommandLine;
using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Parsing;

namespace Platform.Cli.Commands;

/// <summary><c>platform validate &lt;file&gt;</c>: prints every diagnostic of a definition; exit 1 when it has errors.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The state machine definition (JSON or YAML)." };
        var command = new Command("validate", "Check a state machine definition and print every error and warning.") { file };
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(file)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Formats a diagnostic as <c>error|warning &lt;pointer&gt;: &lt;message&gt;</c>, with <c>(line N)</c> when known.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        string severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        string line = diagnostic.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $" (line {diagnostic.Line})") : string.Empty;
        return $"{severity} {diagnostic}{line}";
    }

    private static async Task<int> RunAsync(string path, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = InputFiles.ReadText(path, "definition file");
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }

        if (await ParseAsync(text, stdout) is not { } parsed)
        {
            return ExitCodes.Failure;
        }

        await WriteDiagnosticsAsync(parsed, stdout);
        return parsed.IsValid ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Prints every diagnostic, then the verdict line (<c>valid</c>, or <c>invalid: N errors, M warnings</c>).</summary>
    /// <summary>Parses and validates a definition; text that is not JSON or YAML is reported (as <c>validate</c> reports
    /// it) and gives null.</summary>
    public static async Task<Platform.Asl.Parsing.ParseResult?> ParseAsync(string text, TextWriter stdout)
    {
        try
        {
            return AslParser.Parse(text);
        }
        catch (JsonParseException ex)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error /: not valid JSON or YAML: {ex.Reason} (line {ex.Line})"));
            await stdout.WriteLineAsync("invalid: 1 error");
            return null;
        }
    }

    public static async Task WriteDiagnosticsAsync(Platform.Asl.Parsing.ParseResult parsed, TextWriter stdout)
    {
        foreach (var diagnostic in parsed.Diagnostics)
        {
            await stdout.WriteLineAsync(Format(diagnostic));
        }

        int errors = parsed.Errors.Count();
        int warnings = parsed.Diagnostics.Count - errors;
        if (!parsed.IsValid)
        {
            await stdout.WriteLineAsync($"invalid: {Count(errors, "error")}, {Count(warnings, "warning")}");
            return;
        }

        await stdout.WriteLineAsync(warnings == 0 ? "valid" : $"valid ({Count(warnings, "warning")})");
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
