using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>Found while writing the crash test: a worker that answers a <c>.waitForTaskToken</c> task as soon as it gets the
/// token (here, from inside the resource call, as a fast queue consumer would) is refused, because the host opens the wait
/// only once the resource call's TaskCompleted is processed. On AWS the token is good from the moment it is issued.</summary>
public class CallbackRaceTests
{
    private const string Asl = """
        {"StartAt":"Ask","States":{
          "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"QueueUrl":"fast","MessageBody":{"token.$":"$$.Task.Token"}},"ResultPath":"$.decision","End":true}}}
        """;

    [Fact]
    public async Task An_answer_sent_while_the_resource_still_runs_is_accepted()
    {
        using var fixture = new DurableFixture();
        DurableHost? host = null;
        Exception? refused = null;
        var handlers = new TaskHandlerRegistry().RegisterResource("arn:aws:states:::sqs:sendMessage", new Handler(async invocation =>
        {
            string token = ((JString)((JObject)((JObject)invocation.Input)["MessageBody"]!)["token"]!).Value;
            try
            {
                await host!.SendTaskSuccessAsync(token, JNode.Parse("\"early\""));
            }
            catch (TaskCallbackException ex)
            {
                refused = ex;
            }

            return TaskOutcome.Success(JNode.Parse("""{"MessageId":"m-1"}"""));
        }));
        host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile(Asl)));

        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        await DurableFixture.IdleAsync(host);

        refused.Should().BeNull("the token was issued and its task has not ended");
        var result = await fixture.DriveAsync(host, id);
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""{"decision":"early"}"""));
    }

    private sealed class Handler(Func<TaskInvocation, Task<TaskOutcome>> run) : ITaskHandler
    {
        public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => await run(invocation);
    }
}
