using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Server.Tests.Support;

/// <summary>A server on a test server (no socket) over a temporary data directory, with a client that speaks the AWS JSON
/// protocol. Disposing it stops the server; <see cref="RestartAsync"/> opens a new one on the same data.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    public const string Role = "arn:aws:iam::123456789012:role/test";

    private readonly Dictionary<string, string?> _settings;
    private readonly TaskHandlerRegistry _handlers;

    private ServerHarness(string directory, Dictionary<string, string?> settings, TaskHandlerRegistry handlers)
    {
        Directory = directory;
        _settings = settings;
        _handlers = handlers;
    }

    public string Directory { get; }

    public PlatformServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts a server; <paramref name="settings"/> are <c>Platform:*</c> keys without the prefix.</summary>
    public static async Task<ServerHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TaskHandlerRegistry? handlers = null)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("platform-server").FullName;
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Platform:DataDirectory"] = Path.Combine(directory, "data"),
            ["Platform:WorkflowsDirectory"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all["Platform:" + key] = value;
        }

        var harness = new ServerHarness(directory, all, handlers ?? DefaultHandlers());
        await harness.OpenAsync();
        return harness;
    }

    /// <summary>Handlers the tests use: Double ({"n"} → {"n": 2n}) and Boom (fails with Custom.Boom).</summary>
    public static TaskHandlerRegistry DefaultHandlers() => new TaskHandlerRegistry()
        .Register("Double", input => (JNode)new JObject(["n"], [JNode.From(((JNumber)((JObject)input)["n"]!).Value * 2)]))
        .Register("Boom", (Func<JNode, TaskOutcome>)(_ => TaskOutcome.Failure("Custom.Boom", "it went boom")));

    public async Task RestartAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await OpenAsync();
    }

    public static string MachineArn(string name) => $"arn:aws:states:{Region}:{Account}:stateMachine:{name}";

    public static string ExecutionArn(string machine, string name) => $"arn:aws:states:{Region}:{Account}:execution:{machine}:{name}";

    /// <summary>Calls an operation; the body is serialized with System.Text.Json (anonymous objects read well in tests).</summary>
    public async Task<ApiResult> CallAsync(string operation, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        string json = body is null ? "{}" : body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + operation);
        configure?.Invoke(request);
        using var response = await Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new ApiResult((int)response.StatusCode, text.Length == 0 ? JObject.Empty : (JObject)JNode.Parse(text));
    }

    /// <summary>Calls an operation that must succeed.</summary>
    public async Task<JObject> OkAsync(string operation, object? body = null)
    {
        var result = await CallAsync(operation, body);
        result.Status.Should().Be(200, $"{operation} should succeed, but answered {result.Body}");
        return result.Body;
    }

    /// <summary>Creates a state machine and returns its ARN.</summary>
    public async Task<string> CreateAsync(string name, string definition, string type = "STANDARD")
    {
        var body = await OkAsync("CreateStateMachine", new { name, definition, roleArn = Role, type });
        return ((JString)body["stateMachineArn"]!).Value;
    }

    /// <summary>Polls DescribeExecution until the execution leaves RUNNING, or fails after the deadline.</summary>
    public async Task<JObject> WaitForEndAsync(string executionArn, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var described = await OkAsync("DescribeExecution", new { executionArn });
            if (((JString)described["status"]!).Value != "RUNNING")
            {
                return described;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{executionArn} still runs after {seconds} s: {described}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Polls the history until an event of <paramref name="type"/> appears, and returns it.</summary>
    public async Task<JObject> WaitForEventAsync(string executionArn, string type, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var history = await OkAsync("GetExecutionHistory", new { executionArn, maxResults = 1000 });
            var found = ((JArray)history["events"]!).Cast<JObject>().FirstOrDefault(e => e["type"] is JString { Value: var t } && t == type);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {type} event in {executionArn} after {seconds} s: {history}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The task token a waiting execution passed in its TaskScheduled parameters as "token" (or "MessageBody.token").</summary>
    public async Task<string> TokenAsync(string executionArn)
    {
        var scheduled = await WaitForEventAsync(executionArn, "TaskScheduled");
        var parameters = (JObject)JNode.Parse(((JString)((JObject)scheduled["taskScheduledEventDetails"]!)["parameters"]!).Value);
        var holder = parameters["MessageBody"] as JObject ?? parameters;
        return ((JString)holder["token"]!).Value;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private async Task OpenAsync()
    {
        Server = PlatformServer.Create(_settings, new PlatformServerOptions { Tasks = _handlers, FullSync = false }, builder => builder.WebHost.UseTestServer());
        await Server.StartAsync();
        Client = Server.App.GetTestClient();
    }
}

/// <summary>An answer: the HTTP status and the JSON body.</summary>
public sealed record ApiResult(int Status, JObject Body)
{
    /// <summary>Gets the error code of an error answer, without AWS's namespace.</summary>
    public string? ErrorCode => Body["__type"] is JString { Value: var type } ? type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..] : null;

    public string Message => (Body["message"] as JString)?.Value ?? string.Empty;

    /// <summary>Asserts an AWS error with this code (HTTP 400 unless told) and returns the message.</summary>
    public string ShouldFailWith(string code, int status = 400)
    {
        Status.Should().Be(status, $"the answer was {Body}");
        ErrorCode.Should().Be(code, $"the answer was {Body}");
        Body["__type"].Should().BeOfType<JString>().Which.Value.Should().StartWith("com.amazonaws.states#");
        Message.Should().NotBeEmpty();
        return Message;
    }
}
