using System.CommandLine;
using System.Globalization;
using Platform.Asl.Graph;
using Platform.Asl.Json;
using Platform.Asl.Parsing;

namespace Platform.Cli.Commands;

/// <summary><c>platform graph &lt;file&gt;</c>: draws a state machine as Mermaid, DOT, SVG or the layout JSON the console draws.</summary>
/// <remarks>The drawing goes to standard output, or to <c>--output</c>. An invalid definition prints its diagnostics as
/// <c>validate</c> does and exits 1; warnings of a valid one go to standard error so they never mix with the drawing.</remarks>
internal static class GraphCommand
{
    private static readonly string[] Formats = ["mermaid", "dot", "svg", "json"];

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The state machine definition (JSON or YAML)." };
        var format = new Option<string>("--format", "-f")
        {
            HelpName = "mermaid|dot|svg|json",
            Description = "The output format: a Mermaid flowchart, a Graphviz digraph, an SVG drawing, or the computed layout as JSON.",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { HelpName = "file", Description = "Write the drawing to this file instead of standard output." };
        var command = new Command("graph", "Draw a state machine as Mermaid, DOT, SVG or layout JSON.") { file, format, output };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file)!,
            Parse(parseResult.GetValue(format)!),
            parseResult.GetValue(output),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static GraphFormat Parse(string format) => format switch
    {
        "dot" => GraphFormat.Dot,
        "svg" => GraphFormat.Svg,
        "json" => GraphFormat.Json,
        _ => GraphFormat.Mermaid,
    };

    private static async Task<int> RunAsync(string path, GraphFormat format, string? outputPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string text = InputFiles.ReadText(path, "definition file");
        if (await ValidateCommand.ParseAsync(text, stdout) is not { } parsed)
        {
            return ExitCodes.Failure;
        }

        if (!parsed.IsValid)
        {
            await ValidateCommand.WriteDiagnosticsAsync(parsed, stdout);
            return ExitCodes.Failure;
        }

        foreach (var warning in parsed.Diagnostics)
        {
            await stderr.WriteLineAsync(ValidateCommand.Format(warning));
        }

        string drawing = GraphRenderer.Render(parsed.Definition!, format);
        if (outputPath is null)
        {
            await stdout.WriteAsync(drawing);
            return ExitCodes.Success;
        }

        try
        {
            await File.WriteAllTextAsync(outputPath, drawing, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot write output file {outputPath}: {ex.Message}");
        }

        return ExitCodes.Success;
    }
}
