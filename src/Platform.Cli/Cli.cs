using System.CommandLine;
using Platform.Cli.Commands;

namespace Platform.Cli;

/// <summary>The <c>platform</c> command line: <c>validate</c>, <c>run</c>, <c>test</c>, <c>jsonata</c>, <c>graph</c> and <c>serve</c>, writing to the given writers.</summary>
internal static class Cli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("Validate, run, test and draw Amazon States Language state machines.");
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(JsonataCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());

        // Response files are off: "@path" is how --input and --context read JSON from a file.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'platform --help' for usage.");
            return ExitCodes.UsageError;
        }

        // Exceptions reach this method (not System.CommandLine's handler), so each maps to its documented exit code.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parseResult.CommandResult.Command.Name == ServeCommand.Name)
        {
            // Ctrl+C stops the server gracefully (requests in flight, the journal's last commits); give it more than the default 2 s.
            configuration.ProcessTerminationTimeout = TimeSpan.FromSeconds(15);
        }

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync($"internal error: {ex}");
            return ExitCodes.Failure;
        }
    }
}
