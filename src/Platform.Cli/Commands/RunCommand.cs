using System.CommandLine;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Engine;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;
using Platform.Runtime.InMemory;
using Platform.Runtime.Testing;

namespace Platform.Cli.Commands;

/// <summary><c>platform run &lt;file&gt;</c>: runs a state machine on the in-memory host and prints its output, or its error and cause.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The state machine definition (JSON or YAML)." };
        var input = new Option<string?>("--input", "-i") { HelpName = "json|@file", Description = "The execution input: JSON text, or @path to read it from a file. Default: {}." };
        var context = new Option<string?>("--context") { HelpName = "json|@file", Description = "Fields merged into the Context Object (JSON text or @path), as a test case's context." };
        var mocks = new Option<string?>("--mocks") { HelpName = "file", Description = "A JSON file of task mocks by state name, as a test case's mocks. Unmocked tasks fail: no handlers run from the command line." };
        var history = new Option<bool>("--history") { Description = "Print every history event (AWS's shape) as one JSON object per line before the result." };
        var virtualTime = new Option<bool>("--virtual-time") { Description = "Run on virtual time: Waits and retry back-offs finish at once." };
        var command = new Command("run", "Run a state machine in memory and print its output.") { file, input, context, mocks, history, virtualTime };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RunRequest(
                parseResult.GetValue(file)!,
                parseResult.GetValue(input),
                parseResult.GetValue(context),
                parseResult.GetValue(mocks),
                parseResult.GetValue(history),
                parseResult.GetValue(virtualTime)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var definitionText = InputFiles.ReadText(request.File, "definition file");
        var input = request.Input is null ? JObject.Empty : InputFiles.ReadJsonArgument(request.Input, "--input");
        JObject? contextOverrides = null;
        if (request.Context is not null)
        {
            contextOverrides = InputFiles.ReadJsonArgument(request.Context, "--context") as JObject
                ?? throw new UsageException("--context must be a JSON object");
        }

        IReadOnlyDictionary<string, TaskMock> mocks = new Dictionary<string, TaskMock>(StringComparer.Ordinal);
        if (request.Mocks is not null)
        {
            try
            {
                mocks = TestCaseLoader.LoadMocks(request.Mocks);
            }
            catch (TestCaseFormatException ex)
            {
                throw new UsageException($"invalid --mocks file: {ex.Message}");
            }
        }

        var orchestrator = await CompileAsync(definitionText, request.File, stderr);
        if (orchestrator is null)
        {
            return ExitCodes.UsageError;
        }

        var dispatcher = new MockTaskDispatcher(mocks, new TaskHandlerRegistry());
        var host = new InMemoryHost(dispatcher, new InMemoryHostOptions
        {
            VirtualTime = request.VirtualTime,
            // A run starts its virtual clock at the real time, so the Context Object's times look like a real run's.
            VirtualStart = DateTime.UtcNow,
        });
        var executionInput = new ExecutionInput { Input = input, ContextOverrides = contextOverrides, RecordHistory = request.History };
        var result = await host.RunAsync(orchestrator, executionInput, cancellationToken);

        if (request.History)
        {
            foreach (var historyEvent in result.History)
            {
                await stdout.WriteLineAsync(historyEvent.ToAwsJson().ToJson());
            }
        }

        int exitCode = ExitCodes.Success;
        if (result.Status == ExecutionStatus.Succeeded)
        {
            await stdout.WriteLineAsync((result.Output ?? JNode.Null).ToJson(indented: true));
        }
        else
        {
            await stderr.WriteLineAsync($"execution {ExecutionStatusNames.Of(result.Status)}");
            await stderr.WriteLineAsync($"error: {result.Error ?? "(none)"}");
            await stderr.WriteLineAsync($"cause: {result.Cause ?? "(none)"}");
            exitCode = ExitCodes.Failure;
        }

        foreach (string problem in dispatcher.Problems)
        {
            await stderr.WriteLineAsync($"missing mock: {problem}");
            exitCode = ExitCodes.Failure;
        }

        return exitCode;
    }

    private static async Task<StateMachineOrchestrator?> CompileAsync(string text, string file, TextWriter stderr)
    {
        Platform.Asl.Parsing.ParseResult parsed;
        try
        {
            parsed = AslParser.Parse(text);
        }
        catch (JsonParseException ex)
        {
            throw new UsageException($"{file} is not valid JSON or YAML: line {ex.Line}: {ex.Reason}");
        }

        if (parsed.Definition is null)
        {
            await stderr.WriteLineAsync($"error: {file} is not a valid state machine:");
            foreach (var diagnostic in parsed.Errors)
            {
                await stderr.WriteLineAsync("  " + ValidateCommand.Format(diagnostic));
            }

            return null;
        }

        try
        {
            return new StateMachineOrchestrator(parsed.Definition);
        }
        catch (NotSupportedException ex)
        {
            await stderr.WriteLineAsync($"error: {file} uses a feature this engine does not run: {ex.Message}");
            return null;
        }
    }

    private sealed record RunRequest(string File, string? Input, string? Context, string? Mocks, bool History, bool VirtualTime);
}
