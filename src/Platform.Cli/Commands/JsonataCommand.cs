using System.CommandLine;
using Platform.Asl.Json;
using Platform.Asl.Jsonata;

namespace Platform.Cli.Commands;

/// <summary><c>platform jsonata &lt;expression&gt;</c>: evaluates a JSONata expression, as a JSONata state would.</summary>
/// <remarks>Prints the result as JSON; an undefined result prints nothing (exit 0); an error prints <c>code: message</c> to
/// stderr (exit 1). Without <c>--input</c> the input is undefined, as JSONata's own command line has it.</remarks>
internal static class JsonataCommand
{
    public static Command Create()
    {
        var expression = new Argument<string>("expression") { Description = "The JSONata expression (without {% %})." };
        var input = new Option<string?>("--input", "-i") { HelpName = "json|@file", Description = "The input document: JSON text, or @path. Default: undefined." };
        var bindings = new Option<string?>("--bindings", "-b") { HelpName = "json|@file", Description = "A JSON object of variables, e.g. {\"x\":1} binds $x." };
        var command = new Command("jsonata", "Evaluate a JSONata expression and print the result.") { expression, input, bindings };
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(expression)!,
            parseResult.GetValue(input),
            parseResult.GetValue(bindings),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string text, string? inputArgument, string? bindingsArgument, TextWriter stdout, TextWriter stderr)
    {
        JNode? input = inputArgument is null ? null : InputFiles.ReadJsonArgument(inputArgument, "--input");
        Dictionary<string, JNode>? bindings = null;
        if (bindingsArgument is not null)
        {
            if (InputFiles.ReadJsonArgument(bindingsArgument, "--bindings") is not JObject variables)
            {
                throw new UsageException("--bindings must be a JSON object of variable names and values");
            }

            bindings = variables.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        try
        {
            var result = JsonataExpression.Compile(text).Evaluate(input, bindings);
            if (result is not null)
            {
                await stdout.WriteLineAsync(result.ToJson(indented: true));
            }

            return ExitCodes.Success;
        }
        catch (JsonataException ex)
        {
            await stderr.WriteLineAsync(ex.Message);  // already "code: message", e.g. "T2001: The left side of ..."
            return ExitCodes.Failure;
        }
    }
}
