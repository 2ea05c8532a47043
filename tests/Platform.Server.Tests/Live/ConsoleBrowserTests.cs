using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Asl.Json;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Server.Tests.Live;

/// <summary>The web console in Debian's Chromium (driven by Playwright, no browser download) against a live
/// <c>platform serve</c> with an API key: it asks for the key, starts the <c>approval-callback</c> sample, shows it waiting
/// on its callback (in progress, blue), and, once SendTaskSuccess is sent through the API, turns the graph green and the
/// execution SUCCEEDED without a reload. Leaves a screenshot in <c>TestResults/console-succeeded.png</c>.</summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output)
{
    private const string Key = "live-console-key";
    private const string Machine = "approval-callback";
    private const string ExecutionName = "browser-approval-1";

    /// <summary>How long any one expectation may take to come true (polling is every second; CI machines are slow).</summary>
    private const float ExpectTimeoutMs = 30_000;

    [RequiresToolFact(Tools.Chromium)]
    public async Task Console_CallbackExecution_WaitsInProgress_ThenTurnsGreenLive_WithoutReload()
    {
        Tools.Require(Tools.Chromium);
        await using var server = await LiveServer.StartAsync(Key);
        await using var browser = await Browser.OpenAsync();
        var page = browser.Page;
        await EnterKeyAsync(page, server);

        // The sample's page: its graph, drawn from the layout, and the start form.
        await page.GetByRole(AriaRole.Link, new() { Name = Machine, Exact = true }).ClickAsync();
        var machineGraph = page.Locator("#machine-graph");
        await Expect(machineGraph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("aria-label", "WaitForApproval (Task)");
        await Expect(machineGraph.Locator("g.node[data-state]")).ToHaveCountAsync(4);

        // Input that is not JSON is refused with a precise message, and nothing starts.
        var input = page.GetByLabel("Input (JSON)");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(ExecutionName);
        await input.FillAsync("""{"order": 42,}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await Expect(page.Locator("#start-error")).ToContainTextAsync("InvalidJSON");
        await Expect(page.Locator("#start-error")).ToContainTextAsync("The input is not valid JSON");
        await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new Regex("#/state-machines/"));

        await input.FillAsync("""{"order": 42}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/executions/.*{ExecutionName}$"));
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        // It waits on its callback: the Task in progress (blue), the Pass before it succeeded, the rest not reached.
        var graph = page.Locator("#execution-graph");
        await Expect(page.Locator("#execution-status")).ToHaveAttributeAsync("data-status", "RUNNING");
        await Expect(graph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("data-status", "in-progress");
        await Expect(graph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("aria-label", "WaitForApproval (Task): in progress");
        await Expect(graph.Locator("[data-state='PrepareRequest']")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(graph.Locator("[data-state='Approved']")).ToHaveAttributeAsync("data-status", "not-reached");
        await Expect(page.Locator("#live-note")).ToHaveTextAsync("Live: updates every second");

        // The token the console shows is the one in the history; answer it through the API, not the page.
        using var api = new HttpClient { BaseAddress = new Uri(server.Url) };
        string executionArn = $"arn:aws:states:us-east-1:123456789012:execution:{Machine}:{ExecutionName}";
        string token = await TokenAsync(api, executionArn);
        await Expect(page.Locator("#callback-panel textarea.token")).ToHaveValueAsync(token);
        await CallAsync(api, "SendTaskSuccess", new { taskToken = token, output = """{"approved":true}""" });

        // The page follows by itself: every state on the path green, the end reached, the execution SUCCEEDED.
        await Expect(page.Locator("#execution-status")).ToHaveAttributeAsync("data-status", "SUCCEEDED");
        foreach (string state in new[] { "PrepareRequest", "WaitForApproval", "Approved" })
        {
            await Expect(graph.Locator($"[data-state='{state}']")).ToHaveAttributeAsync("data-status", "succeeded");
        }

        await Expect(graph.Locator("[data-state='Rejected']")).ToHaveAttributeAsync("data-status", "not-reached");
        await Expect(graph.Locator("[data-marker='end'][data-top='true']")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.Locator("#callback-panel")).ToBeHiddenAsync();
        await Expect(page.Locator("#live-note")).ToHaveTextAsync("Ended SUCCEEDED: live updates stopped.");
        await Expect(page.Locator("#history tr[data-event-type='ExecutionSucceeded']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#execution-io")).ToContainTextAsync("\"approved\": true");
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the page updated in place, without a reload");

        string screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-succeeded.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
        output.WriteLine($"Screenshot: {screenshot}");
        Console.WriteLine($"Console screenshot: {screenshot}");

        browser.ScriptErrors.Should().BeEmpty("the console's scripts should neither throw nor break its content security policy");
    }

    [RequiresToolFact(Tools.Chromium)]
    public async Task Console_StopRedriveAnswerFromThePage_ListFilters_AndApiErrorsShown()
    {
        Tools.Require(Tools.Chromium);
        await using var server = await LiveServer.StartAsync(Key);
        using var api = new HttpClient { BaseAddress = new Uri(server.Url) };
        string machineArn = $"arn:aws:states:us-east-1:123456789012:stateMachine:{Machine}";
        var started = await CallAsync(api, "StartExecution", new { stateMachineArn = machineArn, name = "stop-me", input = """{"order":7}""" });
        string executionArn = ((JString)started["executionArn"]!).Value;
        await using var browser = await Browser.OpenAsync();
        var page = browser.Page;
        await EnterKeyAsync(page, server);

        // Stop it from its page, with an error and a cause: ABORTED, the waiting Task aborted, both shown.
        await page.GotoAsync($"{server.Url}/console/#/executions/{Uri.EscapeDataString(executionArn)}");
        var graph = page.Locator("#execution-graph");
        await Expect(graph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("data-status", "in-progress");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redrive" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop…" }).ClickAsync();
        await page.GetByLabel("Error (optional)").FillAsync("Cancelled");
        await page.GetByLabel("Cause (optional)").FillAsync("stopped from the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop execution" }).ClickAsync();
        await Expect(page.Locator("#execution-status")).ToHaveAttributeAsync("data-status", "ABORTED");
        await Expect(graph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("data-status", "aborted");
        await Expect(graph.Locator("[data-marker='end'][data-top='true']")).ToHaveAttributeAsync("data-status", "aborted");
        await Expect(page.Locator("#execution-error")).ToContainTextAsync("Cancelled: stopped from the console");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop…" })).ToBeDisabledAsync();

        // Redrive it (DescribeExecution says REDRIVABLE): the same Task waits again, on a new token, answered from the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive" }).ClickAsync();
        await Expect(page.Locator("#execution-status")).ToHaveAttributeAsync("data-status", "RUNNING");
        await Expect(graph.Locator("[data-state='WaitForApproval']")).ToHaveAttributeAsync("data-status", "in-progress");
        await Expect(page.Locator("#callback-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#execution-facts")).ToContainTextAsync("Redrives1");
        await page.GetByText("Answer from here").ClickAsync();
        await page.GetByLabel("Output (JSON)").FillAsync("""{"approved": "from the page"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send task success" }).ClickAsync();
        await Expect(page.Locator("#execution-status")).ToHaveAttributeAsync("data-status", "SUCCEEDED");
        await Expect(graph.Locator("[data-state='Approved']")).ToHaveAttributeAsync("data-status", "succeeded");

        // The list: by state machine, by status, by name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Executions", Exact = true }).First.ClickAsync();
        var rows = page.Locator("#execution-list tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("State machine").SelectOptionAsync(new SelectOptionValue { Label = Machine });
        await page.GetByLabel("Status").SelectOptionAsync("SUCCEEDED");
        await page.GetByLabel("Name contains").FillAsync("STOP");
        await Expect(page).ToHaveURLAsync(new Regex("status=SUCCEEDED&name=STOP$"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("stop-me");
        await page.GetByLabel("Status").SelectOptionAsync("FAILED");
        await Expect(page.Locator("#executions-summary")).ToHaveTextAsync("No executions matching “STOP” (of 0 read).");
        await Expect(rows).ToHaveCountAsync(0);

        // An API error is shown with its __type and message.
        string missing = executionArn.Replace("stop-me", "never-ran", StringComparison.Ordinal);
        await page.GotoAsync($"{server.Url}/console/#/executions/{Uri.EscapeDataString(missing)}");
        await Expect(page.Locator("main .error")).ToContainTextAsync($"com.amazonaws.states#ExecutionDoesNotExist: Execution Does Not Exist: '{missing}'");
        browser.ScriptErrors.Should().BeEmpty("the console's scripts should neither throw nor break its content security policy");
    }

    /// <summary>The API wants the key: the console says so (with the API's __type) and asks for it, once.</summary>
    private static async Task EnterKeyAsync(IPage page, LiveServer server)
    {
        await page.GotoAsync(server.Url + "/console/");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "API key" })).ToBeVisibleAsync();
        await Expect(page.Locator("#errors")).ToContainTextAsync("com.amazonaws.states#UnrecognizedClientException");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "API key" }).FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        await Expect(page.Locator("#key-status")).ToHaveTextAsync("API key: set for this tab");
        await Expect(page.Locator("#machine-list")).ToContainTextAsync(Machine);
    }

    /// <summary>Chromium with one 1280×800 page, recording what the page's scripts get wrong.</summary>
    private sealed class Browser : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private Browser(IPlaywright playwright, IBrowser browser, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
            page.PageError += (_, error) => ScriptErrors.Add(error);
            page.Console += (_, message) =>
            {
                // Refused requests (the 400 before the key is entered) log too; only policy violations count here.
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    ScriptErrors.Add(message.Text);
                }
            };
        }

        public IPage Page { get; }

        /// <summary>Gets the page's uncaught script errors and content security policy violations.</summary>
        public List<string> ScriptErrors { get; } = [];

        public static async Task<Browser> OpenAsync()
        {
            SetDefaultExpectTimeout(ExpectTimeoutMs);
            var playwright = await Playwright.CreateAsync();
            try
            {
                var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Tools.ChromiumPath, Headless = true });
                var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
                return new Browser(playwright, browser, await context.NewPageAsync());
            }
            catch
            {
                playwright.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }

    private static async Task<string> TokenAsync(HttpClient api, string executionArn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = await CallAsync(api, "GetExecutionHistory", new { executionArn, maxResults = 1000 });
            var scheduled = ((JArray)history["events"]!).Cast<JObject>().FirstOrDefault(e => e["type"] is JString { Value: "TaskScheduled" });
            if (scheduled is not null)
            {
                var parameters = (JObject)JNode.Parse(((JString)((JObject)scheduled["taskScheduledEventDetails"]!)["parameters"]!).Value);
                return ((JString)((JObject)parameters["Payload"]!)["taskToken"]!).Value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no TaskScheduled event in {executionArn} after 30 s: {history}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JObject> CallAsync(HttpClient api, string operation, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        request.Headers.Add("X-Api-Key", Key);
        using var response = await api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, $"{operation} should succeed, but answered {text}");
        return text.Length == 0 ? JObject.Empty : (JObject)JNode.Parse(text);
    }
}
