using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Engine.Tasks;
using Platform.Runtime.Registry;
using Platform.Server.Executions;

namespace Platform.Server.Api;

/// <summary>ValidateStateMachineDefinition and TestState.</summary>
internal sealed partial class StepFunctionsApi
{
    /// <summary>ValidateStateMachineDefinition: pure, so hosts without a registry (the Azure Functions app) answer it too.</summary>
    internal static JObject ValidateStateMachineDefinition(ApiRequest request)
    {
        string definition = request.RequiredString("definition", 1, MaxDefinitionLength);
        _ = request.OptionalEnum("type", "STANDARD", "EXPRESS");
        bool warnings = request.OptionalEnum("severity", "ERROR", "WARNING") == "WARNING";
        int maxResults = request.OptionalInt("maxResults", 0, 100) is { } max and > 0 ? max : 100;

        IReadOnlyList<Diagnostic> diagnostics;
        if (string.IsNullOrWhiteSpace(definition))
        {
            diagnostics = [new Diagnostic(DiagnosticSeverity.Error, string.Empty, "MISSING_DESCRIPTION", "the definition is empty")];
        }
        else
        {
            try
            {
                diagnostics = AslParser.Parse(definition).Diagnostics;
            }
            catch (JsonParseException ex)
            {
                diagnostics = [new Diagnostic(DiagnosticSeverity.Error, string.Empty, AslRules.InputMalformed, $"not valid JSON or YAML: {ex.Reason}") { Line = (int)ex.Line }];
            }
        }

        bool failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var shown = diagnostics.Where(d => warnings || d.Severity == DiagnosticSeverity.Error).ToList();
        var items = shown.Take(maxResults).Select(d => (JNode)new ApiResponse()
            .Add("severity", d.Severity == DiagnosticSeverity.Error ? "ERROR" : "WARNING")
            .Add("code", DiagnosticCode(d))
            .Add("message", d.Line > 0 ? $"{d.Message} (line {d.Line})" : d.Message)
            .Add("location", d.Pointer.Length == 0 ? "/" : d.Pointer)
            .Build());
        return new ApiResponse()
            .Add("result", failed ? "FAIL" : "OK")
            .Add("diagnostics", new JArray(items))
            .Add("truncated", shown.Count > maxResults)
            .Build();
    }

    /// <summary>AWS's diagnostic code for one of the validator's rules (errors without a code of their own are AWS's
    /// SCHEMA_VALIDATION_FAILED; warnings keep the rule's name).</summary>
    private static string DiagnosticCode(Diagnostic diagnostic) => diagnostic.Rule switch
    {
        "MISSING_DESCRIPTION" => "MISSING_DESCRIPTION",
        AslRules.InputMalformed or AslRules.InputDuplicateKey or AslRules.InputTooDeep => "INVALID_JSON_DESCRIPTION",
        AslRules.StateNameDuplicate => "DUPLICATE_STATE_NAME",
        AslRules.StateNameLength => "INVALID_STATE_NAME",
        AslRules.JsonataInvalid => "INVALID_JSONATA_EXPRESSION",
        AslRules.JsonataUnsupported => "UNSUPPORTED_JSONATA_EXPRESSION",
        AslRules.StateUnreachable => "UNREACHABLE_STATE",
        _ when diagnostic.Severity == DiagnosticSeverity.Error => "SCHEMA_VALIDATION_FAILED",
        _ => diagnostic.Rule.Replace('.', '_').ToUpperInvariant(),
    };

    private Task<JObject> TestStateAsync(ApiRequest request) => TestStateAsync(request, _backend.Tasks);

    /// <summary>TestState with <paramref name="tasks"/> serving the state's tasks (unless the request mocks them).</summary>
    internal static async Task<JObject> TestStateAsync(ApiRequest request, ITaskDispatcher tasks)
    {
        string definition = request.RequiredString("definition", 1, MaxDefinitionLength);
        _ = request.OptionalString("roleArn", 1, RegistryNames.MaxArnLength);
        if (request.OptionalString("variables") is not null)
        {
            throw new ApiException(ApiErrorCodes.ValidationException, "TestState: 'variables' is not supported by this server yet; assign them in an earlier state or in the state itself.");
        }

        var input = ExecutionService.ParseInput(request.OptionalPayload("input", ExecutionService.MaxPayloadBytes), "input", ApiErrorCodes.InvalidExecutionInput);
        JObject? context = null;
        if (request.OptionalPayload("context", ExecutionService.MaxPayloadBytes) is { } contextText)
        {
            context = ExecutionService.ParseInput(contextText, "context", ApiErrorCodes.ValidationException) as JObject
                ?? throw ApiRequest.Invalid("Value at 'context' failed to satisfy constraint: Member must be a JSON object");
        }

        return await new TestStateRunner(tasks).RunAsync(new TestStateRequest(
            definition,
            request.OptionalString("stateName", 1, RegistryNames.MaxNameLength),
            input,
            request.OptionalEnum("inspectionLevel", "INFO", "DEBUG", "TRACE") ?? "INFO",
            request.OptionalString("roleArn"),
            context,
            Mock(request.OptionalObject("mock"))));
    }

    /// <summary>TestState's <c>mock</c>: <c>result</c> (JSON text) or <c>errorOutput</c> (<c>error</c>, <c>cause</c>) answers
    /// every task invocation of the run instead of the handlers.</summary>
    private static MockDispatcher? Mock(JObject? mock)
    {
        if (mock is null)
        {
            return null;
        }

        var fields = new ApiRequest(mock);
        string? result = fields.OptionalPayload("result", ExecutionService.MaxPayloadBytes);
        var error = fields.OptionalObject("errorOutput");
        if ((result is null) == (error is null))
        {
            throw ApiRequest.Invalid("Value at 'mock' failed to satisfy constraint: exactly one of 'result' and 'errorOutput' must be given");
        }

        if (result is not null)
        {
            return new MockDispatcher(TaskOutcome.Success(ExecutionService.ParseInput(result, "mock.result", ApiErrorCodes.ValidationException)));
        }

        var errorFields = new ApiRequest(error!);
        return new MockDispatcher(TaskOutcome.Failure(errorFields.OptionalString("error", 0, MaxErrorLength) ?? string.Empty, errorFields.OptionalString("cause", 0, MaxCauseLength)));
    }

    private sealed class MockDispatcher(TaskOutcome outcome) : ITaskDispatcher
    {
        public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken) => ValueTask.FromResult(outcome);
    }
}
