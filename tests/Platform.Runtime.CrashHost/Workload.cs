using System.Globalization;
using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Engine;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;

namespace Platform.Runtime.CrashHost;

/// <summary>The crash test's state machines and their task handlers. Handlers are pure functions of their input (and the
/// attempt number), so every execution's output and ASL history are the same however often the process dies.</summary>
internal static class Workload
{
    /// <summary>The resource of the callback tasks (a service integration, as a queue would take the token).</summary>
    public const string Queue = "arn:aws:states:::sqs:sendMessage";

    /// <summary>How long each handler works, so that kills often land while tasks run.</summary>
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(100);

    /// <summary>Sequential: Task, Wait, Choice, Pass, a Task that fails once and is retried, and a callback.</summary>
    private const string Pipeline = """
        {"StartAt":"Double","States":{
          "Double":{"Type":"Task","Resource":"Double","Parameters":{"v.$":"$.n"},"ResultPath":"$.doubled","Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"Size"},
          "Size":{"Type":"Choice","Choices":[{"Variable":"$.doubled","NumericGreaterThanEquals":10,"Next":"Big"}],"Default":"Small"},
          "Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","Next":"AddTen"},
          "Small":{"Type":"Pass","Result":"small","ResultPath":"$.size","Next":"AddTen"},
          "AddTen":{"Type":"Task","Resource":"FlakyAddTen","Parameters":{"v.$":"$.doubled"},"ResultPath":"$.plus",
                    "Retry":[{"ErrorEquals":["Flaky.Transient"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":1}],"Next":"Approve"},
          "Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"approvals","MessageBody":{"token.$":"$$.Task.Token","value.$":"$.plus"}},
                     "ResultPath":"$.approval","Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    /// <summary>Concurrent: a Parallel of a Task + Wait branch, a Map (MaxConcurrency 2) and a callback, then a Task.</summary>
    private const string FanOut = """
        {"StartAt":"Fan","States":{
          "Fan":{"Type":"Parallel","ResultPath":"$.results","Next":"Total","Branches":[
            {"StartAt":"Square","States":{
              "Square":{"Type":"Task","Resource":"Square","Parameters":{"v.$":"$.n"},"Next":"Nap"},
              "Nap":{"Type":"Wait","Seconds":1,"End":true}}},
            {"StartAt":"Each","States":{
              "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
                      "ItemProcessor":{"StartAt":"Inc","States":{
                        "Inc":{"Type":"Task","Resource":"Inc","Parameters":{"v.$":"$"},"End":true}}}}}},
            {"StartAt":"Ask","States":{
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"fan","MessageBody":{"token.$":"$$.Task.Token","value.$":"$.n"}},"End":true}}}]},
          "Total":{"Type":"Task","Resource":"Sum",
                   "Parameters":{"a.$":"$.results[0]","b.$":"$.results[1]","c.$":"$.results[2].value"},
                   "ResultPath":"$.total","End":true}}}
        """;

    /// <summary>A Choice loop of Tasks.</summary>
    private const string Loop = """
        {"StartAt":"Step","States":{
          "Step":{"Type":"Task","Resource":"Inc","Parameters":{"v.$":"$.count"},"ResultPath":"$.count","Next":"Check"},
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.count","NumericGreaterThanEquals":4,"Next":"Finish"}],"Default":"Step"},
          "Finish":{"Type":"Succeed"}}}
        """;

    /// <summary>The state machine and input of execution <c>e{index}</c>.</summary>
    public static (string Machine, JNode Input) Execution(int index) => (index % 3) switch
    {
        0 => ("Pipeline", JNode.Parse(Invariant($$"""{"n":{{index}}}"""))),
        1 => ("FanOut", JNode.Parse(Invariant($$"""{"n":{{index}},"items":[{{index}},{{index + 1}},{{index + 2}}]}"""))),
        _ => ("Loop", JNode.Parse(Invariant($$"""{"n":{{index}},"count":0}"""))),
    };

    public static void Register(DurableHost host)
    {
        host.RegisterStateMachine("Pipeline", Compile(Pipeline));
        host.RegisterStateMachine("FanOut", Compile(FanOut));
        host.RegisterStateMachine("Loop", Compile(Loop));
    }

    /// <summary>The handlers. Each logs its invocation before it works; the callback resource also hands its token (and the
    /// answer the worker will give) to <paramref name="onToken"/>.</summary>
    public static TaskHandlerRegistry Handlers(EventLog log, string life, Action<string, string, JNode> onToken)
    {
        var registry = new TaskHandlerRegistry();
        registry.Register("Double", Handler(log, life, (input, _) => TaskOutcome.Success(JNode.From(V(input) * 2))));
        registry.Register("Square", Handler(log, life, (input, _) => TaskOutcome.Success(JNode.From(V(input) * V(input)))));
        registry.Register("Inc", Handler(log, life, (input, _) => TaskOutcome.Success(JNode.From(V(input) + 1))));
        registry.Register("FlakyAddTen", Handler(log, life, (input, attempt) => attempt == 0
            ? TaskOutcome.Failure("Flaky.Transient", "the first attempt always fails")
            : TaskOutcome.Success(JNode.From(V(input) + 10))));
        registry.Register("Sum", Handler(log, life, (input, _) =>
        {
            var o = (JObject)input;
            long b = ((JArray)o["b"]!).Sum(item => (long)((JNumber)item).Value);
            return TaskOutcome.Success(JNode.From(Number(o["a"]!) + b + Number(o["c"]!)));
        }));
        registry.RegisterResource(Queue, Handler(log, life, (input, _) =>
        {
            var body = (JObject)((JObject)input)["MessageBody"]!;
            long value = Number(body["value"]!);
            return TaskOutcome.Success(JNode.Parse(Invariant($$"""{"MessageId":"m-{{value}}"}""")));
        }, (invocation, input) =>
        {
            var body = (JObject)((JObject)input)["MessageBody"]!;
            string token = ((JString)body["token"]!).Value;
            var answer = JNode.Parse(Invariant($$"""{"approved":true,"value":{{Number(body["value"]!) * 3}}}"""));
            log.Write("token", life, invocation.ExecutionId, invocation.ActivityId ?? "-", answer.ToJson(), token);
            onToken(invocation.ExecutionId, token, answer);
        }));
        return registry;
    }

    private static DelegateHandler Handler(EventLog log, string life, Func<JNode, int, TaskOutcome> compute, Action<TaskInvocation, JNode>? after = null) =>
        new(async (invocation, cancellationToken) =>
        {
            log.Write(
                "invoke",
                life,
                invocation.ExecutionId,
                invocation.ActivityId ?? "-",
                invocation.StateName,
                invocation.Attempt.ToString(CultureInfo.InvariantCulture),
                DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture));
            await Task.Delay(Work, cancellationToken);
            var outcome = compute(invocation.Input, invocation.Attempt);
            after?.Invoke(invocation, invocation.Input);
            return outcome;
        });

    private static long V(JNode input) => Number(input is JObject o ? o["v"]! : input);

    private static long Number(JNode node) => (long)((JNumber)node).Value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static StateMachineOrchestrator Compile(string asl)
    {
        var parsed = AslParser.Parse(asl);
        return parsed.IsValid
            ? new StateMachineOrchestrator(parsed.Definition!)
            : throw new InvalidOperationException("Invalid definition: " + string.Join("; ", parsed.Diagnostics));
    }

    private sealed class DelegateHandler(Func<TaskInvocation, CancellationToken, ValueTask<TaskOutcome>> handler) : ITaskHandler
    {
        public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => handler(invocation, cancellationToken);
    }
}
