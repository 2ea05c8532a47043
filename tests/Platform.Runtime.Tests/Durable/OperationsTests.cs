using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Stop and list on the durable host.</summary>
public class OperationsTests
{
    private const string LongWait = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"Done"},"Done":{"Type":"Succeed"}}}""";

    private const string Quick = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    [Fact]
    public async Task StopExecution_AbortsAWaitingExecution_WithItsErrorAndCause()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile(LongWait)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await DurableFixture.IdleAsync(host);

        (await host.StopExecutionAsync(id, "Operator.Stop", "maintenance window")).Should().BeTrue();
        var result = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));

        result.Status.Should().Be(DurableStatus.Aborted);
        result.Error.Should().Be("Operator.Stop");
        result.Cause.Should().Be("maintenance window");
        var last = (JObject)host.GetHistory(id)![^1];
        last["type"].Should().Be(JNode.From("ExecutionAborted"));
        last["executionAbortedEventDetails"]!.ToString().Should().Be("""{"error":"Operator.Stop","cause":"maintenance window"}""");
        (await host.StopExecutionAsync(id)).Should().BeFalse("it has already ended");
    }

    [Fact]
    public async Task StopExecution_OfAWaitingCallback_MakesItsTokenStale()
    {
        using var fixture = new DurableFixture();
        string? token = null;
        var handlers = new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", input =>
        {
            token = ((JString)((JObject)input)["token"]!).Value;
            return JObject.Empty;
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await DurableFixture.IdleAsync(host);

        await host.StopExecutionAsync(id);
        (await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30))).Status.Should().Be(DurableStatus.Aborted);

        var late = async () => await host.SendTaskSuccessAsync(token!, JObject.Empty);
        (await late.Should().ThrowAsync<TaskCallbackException>()).Which.Code.Should().Be(TaskCallbackException.TaskTimedOut);
    }

    [Fact]
    public async Task StopExecution_OfAnUnknownExecution_IsFalse()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile(Quick)));

        (await host.StopExecutionAsync("nope")).Should().BeFalse();
    }

    [Fact]
    public async Task ListExecutions_PagesNewestFirst_AndFiltersByMachineAndStatus()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h
            .RegisterStateMachine("Waits", Harness.Compile(LongWait))
            .RegisterStateMachine("Quick", Harness.Compile(Quick)));
        for (int i = 0; i < 5; i++)
        {
            fixture.Clock.SetUtcNow(Harness.Start.AddSeconds(i));
            await host.StartExecutionAsync(i % 2 == 0 ? "Waits" : "Quick", DurableAssertions.Input($$"""{"i":{{i}}}""", "e" + i));
        }

        await DurableFixture.IdleAsync(host);

        var names = new List<string>();
        string? next = null;
        do
        {
            var (page, token) = host.ListExecutions(maxResults: 2, nextToken: next);
            page.Count.Should().BeLessThanOrEqualTo(2);
            names.AddRange(page.Select(e => e.InstanceId[(e.InstanceId.LastIndexOf(':') + 1)..]));
            next = token;
        }
        while (next is not null);

        names.Should().Equal("e4", "e3", "e2", "e1", "e0");
        host.ListExecutions("Quick").Executions.Select(e => e.Input.ToString()).Should().Equal("""{"i":3}""", """{"i":1}""");
        host.ListExecutions(status: DurableStatus.Running).Executions.Should().HaveCount(3);
        host.ListExecutions("Quick", DurableStatus.Succeeded).Executions.Should().HaveCount(2);

        var act = () => host.ListExecutions(nextToken: "not a token");
        act.Should().Throw<ArgumentException>().WithMessage("Invalid pagination token*");
    }

    [Fact]
    public async Task GetHistoryPage_PagesForwardAndBackward()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile(
            """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}""")));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        var all = host.GetHistory(id)!;

        var ids = new List<long>();
        string? next = null;
        do
        {
            var (events, token) = host.GetHistoryPage(id, maxResults: 3, nextToken: next)!.Value;
            ids.AddRange(events.Select(e => (long)((JNumber)e["id"]!).Value));
            next = token;
        }
        while (next is not null);

        ids.Should().Equal(Enumerable.Range(1, all.Count).Select(i => (long)i));
        var (newest, _) = host.GetHistoryPage(id, maxResults: 2, reverseOrder: true)!.Value;
        newest.Select(e => ((JString)e["type"]!).Value).Should().Equal("ExecutionSucceeded", "PassStateExited");
        host.GetHistoryPage("no such execution").Should().BeNull();
        var act = () => host.GetHistoryPage(id, nextToken: "bad");
        act.Should().Throw<ArgumentException>().WithMessage("Invalid pagination token*");
    }
}
