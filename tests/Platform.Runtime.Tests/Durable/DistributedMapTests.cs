using System.Collections.Concurrent;
using Platform.Asl.Json;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.InMemory;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Durable;

/// <summary>A <c>DISTRIBUTED</c> Map on the durable host is a Map Run: each item is a child execution with its own journal
/// and history, so the parent's journal holds two events per item instead of every state of every iteration.</summary>
public class DistributedMapTests
{
    private const int Items = 40;

    private static readonly string Machine = """
        {"StartAt":"Prepare","States":{
          "Prepare":{"Type":"Pass","Assign":{"outer":"hidden"},"Next":"Fan"},
          "Fan":{"Type":"Map","Label":"fan","ItemsPath":"$.items","MaxConcurrency":7,
            "ItemSelector":{"n.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"},
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
              "Work":{"Type":"Task","Resource":"Work","Next":"Shape"},
              "Shape":{"Type":"Pass","Parameters":{"n.$":"$.n","doubled.$":"$.doubled","execution.$":"$$.Execution.Id"},"End":true}}},
            "ResultPath":"$.results","Next":"Done"},
          "Done":{"Type":"Pass","End":true}}}
        """;

    [Theory]
    [InlineData(1000)]
    [InlineData(0)]
    public async Task Each_item_runs_as_a_child_execution_and_the_parent_journal_stays_small(int cache)
    {
        var orchestrator = Harness.Compile(Machine);
        using var fixture = new DurableFixture();
        var calls = new CallCounter();
        var host = fixture.Open(Handlers(calls, failOnce: null), h => h.RegisterStateMachine("Machine", orchestrator), cache);
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input(ItemsInput()));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        var results = (JArray)((JObject)result.Output!)["results"]!;
        results.Should().HaveCount(Items);
        var children = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Items; i++)
        {
            var item = (JObject)results[i];
            item["n"].Should().Be(JNode.From(i), "results keep the items' order");
            item["doubled"].Should().Be(JNode.From(2 * i));
            string child = ((JString)item["execution"]!).Value;
            child.Should().StartWith("arn:aws:states:us-east-1:123456789012:execution:Machine/fan:", "a child's $$.Execution.Id is its own, named after the Map Run's label");
            children.Add(child);
        }

        children.Should().HaveCount(Items);
        calls["Work"].Should().Be(Items);

        // The parent's journal: one scheduled and one completed child per item, no task of its own.
        host.Journal.CountHistory(id, HistoryKinds.TaskScheduled).Should().Be(0);
        host.Journal.CountHistory(id, HistoryKinds.SubOrchestrationScheduled).Should().Be(Items);

        // Its ASL history has the Map Run, not the iterations' states.
        var types = host.GetHistory(id)!.Select(e => ((JString)((JObject)e)["type"]!).Value).ToList();
        types.Should().ContainInOrder("MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited");
        types.Should().NotContain(t => t.StartsWith("MapIteration", StringComparison.Ordinal) || t.StartsWith("Task", StringComparison.Ordinal));
        var started = host.GetHistory(id)!.Cast<JObject>().Single(e => ((JString)e["type"]!).Value == "MapRunStarted");
        ((JString)((JObject)started["mapRunStartedEventDetails"]!)["mapRunArn"]!).Value.Should().StartWith("arn:aws:states:us-east-1:123456789012:mapRun:Machine/fan:");

        // AWS lists a Map Run's children by Map Run, not among the state machine's executions.
        host.ListExecutions("Machine").Executions.Should().HaveCount(Items + 1);
        host.ListExecutions("Machine", mapRunChildren: false).Executions.Select(e => e.InstanceId).Should().Equal(id);

        // Each child is an execution with its own whole history.
        string first = ((JString)((JObject)results[0])["execution"]!).Value;
        host.GetExecution(first)!.Status.Should().Be(DurableStatus.Succeeded);
        host.GetHistory(first)!.Select(e => ((JString)((JObject)e)["type"]!).Value).Should().Equal(
            "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    }

    [Fact]
    public async Task The_output_is_the_inline_runs_output_but_for_the_child_execution_ids()
    {
        var orchestrator = Harness.Compile(Machine);
        var inline = await new InMemoryHost(Handlers(new CallCounter(), failOnce: null), new InMemoryHostOptions { VirtualTime = true, VirtualStart = Harness.Start })
            .RunAsync(orchestrator, DurableAssertions.Input(ItemsInput()));

        using var fixture = new DurableFixture();
        var host = fixture.Open(Handlers(new CallCounter(), failOnce: null), h => h.RegisterStateMachine("Machine", orchestrator));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input(ItemsInput()));
        var result = await fixture.DriveAsync(host, id);

        Strip(result.Output!).ToString().Should().Be(Strip(inline.Output!).ToString());

        static JNode Strip(JNode output)
        {
            var o = (JObject)output;
            var results = ((JArray)o["results"]!).Select(r => (JNode)((JObject)r).Without("execution")).ToArray();
            return o.Without("results").With("results", new JArray(results));
        }
    }

    [Fact]
    public async Task A_child_cannot_read_the_parents_variables()
    {
        using var fixture = new DurableFixture();
        var host = fixture.Open(new TaskHandlerRegistry(), h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Assign":{"outer":"hidden"},"Next":"Fan"},
              "Fan":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Read","States":{
                "Read":{"Type":"Pass","Parameters":{"v.$":"$outer"},"End":true}}},
                "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[1]"));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        ((JString)((JObject)result.Output!)["Error"]!).Value.Should().Be("States.ExceedToleratedFailureThreshold");
        var child = host.ListExecutions(status: DurableStatus.Failed).Executions.Single();
        child.InstanceId.Should().StartWith("arn:aws:states:us-east-1:123456789012:execution:Machine/");
        child.Cause.Should().Contain("outer", "the child failed on the variable it cannot see");
    }

    [Fact]
    public async Task A_failed_child_fails_the_map_with_the_threshold_error_unless_it_is_tolerated()
    {
        using var fixture = new DurableFixture();
        var failing = new TaskHandlerRegistry().Register("Work", (invocation, _) =>
        {
            var o = (JObject)invocation.Input;
            return ValueTask.FromResult(((JNumber)o["n"]!).Value == 3 ? TaskOutcome.Failure("Bad.Item", "item 3") : TaskOutcome.Success(o));
        });
        string Definition(string tolerance) => """
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","ItemSelector":{"n.$":"$$.Map.Item.Value"},TOLERANCE
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
                  "Work":{"Type":"Task","Resource":"Work","End":true}}},
                "Catch":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """.Replace("TOLERANCE", tolerance, StringComparison.Ordinal);
        var host = fixture.Open(failing, h => h
            .RegisterStateMachine("Strict", Harness.Compile(Definition(string.Empty)))
            .RegisterStateMachine("Tolerant", Harness.Compile(Definition("\"ToleratedFailureCount\":1,"))));

        string strict = await host.StartExecutionAsync("Strict", DurableAssertions.Input("[1,2,3,4]") with { StateMachineName = "Strict" });
        var caught = await fixture.DriveAsync(host, strict);
        caught.Status.Should().Be(DurableStatus.Succeeded, caught.Cause);
        caught.Output.Should().Be(JNode.Parse("""{"Error":"States.ExceedToleratedFailureThreshold","Cause":"The specified tolerated failure threshold was exceeded"}"""));
        host.GetHistory(strict)!.Cast<JObject>().Should().Contain(e => ((JString)e["type"]!).Value == "MapRunFailed");

        string tolerant = await host.StartExecutionAsync("Tolerant", DurableAssertions.Input("[1,2,3,4]") with { StateMachineName = "Tolerant" });
        var result = await fixture.DriveAsync(host, tolerant);
        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""[{"n":1},{"n":2},{"Error":"Bad.Item","Cause":"item 3"},{"n":4}]"""));
    }

    [Fact]
    public async Task A_redrive_runs_only_the_failed_items_again()
    {
        var orchestrator = Harness.Compile(Machine);
        using var fixture = new DurableFixture();
        var calls = new CallCounter();
        var failOnce = new ConcurrentDictionary<int, bool>();
        failOnce[3] = true;
        failOnce[5] = true;
        var host = fixture.Open(Handlers(calls, failOnce), h => h.RegisterStateMachine("Machine", orchestrator));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input(ItemsInput()));
        var failed = await fixture.DriveAsync(host, id);
        failed.Status.Should().Be(DurableStatus.Failed);
        failed.Error.Should().Be("States.ExceedToleratedFailureThreshold");

        // The children that were still running when the Map Run failed were stopped with it; those that had succeeded stay so.
        await DurableFixture.IdleAsync(host);
        var succeeded = host.ListExecutions(status: DurableStatus.Succeeded).Executions
            .Select(e => (int)((JNumber)((JObject)e.Output!)["n"]!).Value).ToList();
        succeeded.Should().NotBeEmpty();
        var before = succeeded.ToDictionary(n => n, n => calls["ok " + n]);

        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        foreach (int n in succeeded)
        {
            calls["ok " + n].Should().Be(before[n], $"item {n}'s child execution succeeded, so the redrive does not run it again");
        }

        for (int i = 0; i < Items; i++)
        {
            calls["ok " + i].Should().BeGreaterThan(0, $"item {i} succeeded in the end");
        }

        calls["failed 3"].Should().Be(1);
        var results = (JArray)((JObject)result.Output!)["results"]!;
        results.Select(r => ((JObject)r)["doubled"]).Should().Equal(Enumerable.Range(0, Items).Select(i => JNode.From(2 * i)));
        host.GetHistory(id)!.Cast<JObject>().Select(e => ((JString)e["type"]!).Value).Should().ContainInOrder("MapRunFailed", "ExecutionFailed", "ExecutionRedriven", "MapRunSucceeded", "ExecutionSucceeded");
    }

    [Fact]
    public async Task A_map_run_goes_on_after_a_restart_without_running_finished_children_again()
    {
        var orchestrator = Harness.Compile(Machine);
        using var fixture = new DurableFixture();
        var calls = new CallCounter();
        var gate = new SemaphoreSlim(0);
        var blocking = new TaskHandlerRegistry().Register("Work", async (invocation, token) =>
        {
            var o = (JObject)invocation.Input;
            if (((JNumber)o["n"]!).Value >= 10)
            {
                await gate.WaitAsync(token);
            }

            calls.Hit("Work");
            return TaskOutcome.Success(o.With("doubled", JNode.From(((JNumber)o["n"]!).Value * 2)));
        });

        string id;
        await using (var first = fixture.Open(blocking, h => h.RegisterStateMachine("Machine", orchestrator)))
        {
            id = await first.StartExecutionAsync("Machine", DurableAssertions.Input(ItemsInput()));
            for (int wait = 0; wait < 300 && first.Journal.CountHistory(id, HistoryKinds.SubOrchestrationCompleted) < 10; wait++)
            {
                await Task.Delay(10);
            }

            first.Journal.CountHistory(id, HistoryKinds.SubOrchestrationCompleted).Should().BeGreaterThanOrEqualTo(10);
        }

        int finished = calls["Work"];
        gate.Release(1000);
        var second = fixture.Open(blocking, h => h.RegisterStateMachine("Machine", orchestrator));
        var result = await fixture.DriveAsync(second, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        calls["Work"].Should().Be(Items, $"the {finished} items that finished before the restart do not run again");
        ((JArray)((JObject)result.Output!)["results"]!).Should().HaveCount(Items);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_parent_that_ends_stops_its_running_map_run_children(bool stopTheParent)
    {
        using var fixture = new DurableFixture();
        var never = new TaskCompletionSource();
        var handlers = new TaskHandlerRegistry().Register("Work", async (invocation, token) =>
        {
            var o = (JObject)invocation.Input;
            if (((JNumber)o["n"]!).Value == 0 && !stopTheParent)
            {
                return TaskOutcome.Failure("Bad.Item", "item 0");
            }

            await never.Task.WaitAsync(token);
            return TaskOutcome.Success(o);
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","ItemSelector":{"n.$":"$$.Map.Item.Value"},
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
                  "Work":{"Type":"Task","Resource":"Work","End":true}}},"End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[0,1,2,3,4]"));
        if (stopTheParent)
        {
            // The tasks never end, so the host is never idle: wait until every child runs its task.
            for (int wait = 0; wait < 3000 && host.ListExecutions().Executions.Count(e => e.InstanceId != id && e.Status == DurableStatus.Running) < 5; wait++)
            {
                await Task.Delay(10);
            }

            (await host.StopExecutionAsync(id, "Operator.Stop", "enough")).Should().BeTrue();
        }

        var parent = await host.WaitForCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(30));
        parent.Status.Should().Be(stopTheParent ? DurableStatus.Aborted : DurableStatus.Failed);

        var children = host.ListExecutions().Executions.Where(e => e.InstanceId != id).ToList();
        children.Should().HaveCount(5);
        foreach (var child in children.Where(c => c.Status == DurableStatus.Running || c.Error != "Bad.Item"))
        {
            var ended = await host.WaitForCompletionAsync(child.InstanceId).WaitAsync(TimeSpan.FromSeconds(30));
            ended.Status.Should().Be(DurableStatus.Aborted, "a child of a Map Run that was given up is stopped with it");
        }
    }

    [Fact]
    public async Task A_map_run_that_fails_stops_its_running_children_even_when_the_parent_catches_the_failure()
    {
        // AWS aborts a failed Map Run's children still running (MapRunExecutionCounts.aborted). Here a Catch lets the parent
        // go on to a long Wait, so its end, which stops whatever still runs, does not come to do it.
        using var fixture = new DurableFixture();
        var never = new TaskCompletionSource();
        var handlers = new TaskHandlerRegistry().Register("Work", async (invocation, token) =>
        {
            var o = (JObject)invocation.Input;
            if (((JNumber)o["n"]!).Value == 0)
            {
                return TaskOutcome.Failure("Bad.Item", "item 0");
            }

            await never.Task.WaitAsync(token);
            return TaskOutcome.Success(o);
        });
        var host = fixture.Open(handlers, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","ItemSelector":{"n.$":"$$.Map.Item.Value"},
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work","States":{
                  "Work":{"Type":"Task","Resource":"Work","End":true}}},
                "Catch":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"Next":"Later"}],"End":true},
              "Later":{"Type":"Wait","Seconds":3600,"End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[0,1,2,3,4]"));

        // The children end while the parent waits (its clock stands still until the test moves it).
        var children = new List<DurableExecution>();
        for (int wait = 0; wait < 3000 && children.Count < 5; wait++)
        {
            children = host.ListExecutions().Executions.Where(e => e.InstanceId != id).ToList();
            await Task.Delay(10);
        }

        children.Should().HaveCount(5);
        int aborted = 0;
        foreach (var child in children)
        {
            var ended = await host.WaitForCompletionAsync(child.InstanceId).WaitAsync(TimeSpan.FromSeconds(30));
            if (ended.Error == "Bad.Item")
            {
                ended.Status.Should().Be(DurableStatus.Failed);
                continue;
            }

            ended.Status.Should().Be(DurableStatus.Aborted, "a child of a Map Run that failed is stopped with it, though its parent goes on");
            aborted++;
        }

        aborted.Should().Be(4);
        host.GetExecution(id)!.Status.Should().Be(DurableStatus.Running, "the parent caught the failure and waits");

        var parent = await fixture.DriveAsync(host, id);
        parent.Status.Should().Be(DurableStatus.Succeeded, parent.Cause);
        ((JString)((JObject)parent.Output!)["Error"]!).Value.Should().Be("States.ExceedToleratedFailureThreshold");
    }

    [Fact]
    public async Task A_map_run_reads_its_items_once_started_and_batches_them_for_its_children()
    {
        using var objects = new Platform.Runtime.Tests.Integrations.IntegrationFixture();
        objects.Objects.CreateContainer("data");
        await objects.Objects.PutAsync("data", "orders.csv", System.Text.Encoding.UTF8.GetBytes("id,total\n1,10\n2,20\n3,30\n"));
        using var fixture = new DurableFixture();
        var host = fixture.Open(objects.Registry, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","Label":"etl",
                "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
                  "Parameters":{"Bucket":"data","Key.$":"$.key"}},
                "ItemBatcher":{"MaxItemsPerBatch":2},
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Count","States":{
                  "Count":{"Type":"Pass","Parameters":{"rows.$":"States.ArrayLength($.Items)","first.$":"$.Items[0].id"},"End":true}}},
                "Catch":[{"ErrorEquals":["States.ItemReaderFailed"],"Next":"Unreadable"}],"End":true},
              "Unreadable":{"Type":"Pass","End":true}}}
            """)));

        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"key":"orders.csv"}"""));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("""[{"rows":2,"first":"1"},{"rows":1,"first":"3"}]"""));
        host.Journal.CountHistory(id, HistoryKinds.TaskScheduled).Should().Be(1, "the read is one recorded activity");
        host.Journal.CountHistory(id, HistoryKinds.SubOrchestrationScheduled).Should().Be(2, "one child per batch");
        var events = host.GetHistory(id)!.Cast<JObject>().ToList();
        events.Select(e => ((JString)e["type"]!).Value).Should().ContainInOrder("MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded");
        events.Single(e => ((JString)e["type"]!).Value == "MapStateStarted")["mapStateStartedEventDetails"].Should().Be(JNode.Parse("""{"length":0}"""));

        // A missing object fails the Map Run (not the Map before it starts), with the reader's error.
        string missing = await host.StartExecutionAsync("Machine", DurableAssertions.Input("""{"key":"nope.csv"}""", "missing"));
        var caught = await fixture.DriveAsync(host, missing);
        caught.Status.Should().Be(DurableStatus.Succeeded, caught.Cause);
        ((JString)((JObject)caught.Output!)["Error"]!).Value.Should().Be("States.ItemReaderFailed");
        ((JString)((JObject)caught.Output!)["Cause"]!).Value.Should().Contain("S3.NoSuchKeyException");
        host.GetHistory(missing)!.Cast<JObject>().Select(e => ((JString)e["type"]!).Value)
            .Should().ContainInOrder("MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed");
    }

    [Fact]
    public async Task A_map_run_writes_its_children_records_with_their_own_arns()
    {
        using var objects = new Platform.Runtime.Tests.Integrations.IntegrationFixture();
        objects.Objects.CreateContainer("results");
        using var fixture = new DurableFixture();
        var host = fixture.Open(objects.Registry, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map","Label":"etl",
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"runs"}},"End":true}}}
            """)));

        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[1,2,3]"));
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        var details = (JObject)((JObject)result.Output!)["ResultWriterDetails"]!;
        string mapRunArn = ((JString)((JObject)result.Output!)["MapRunArn"]!).Value;
        host.GetHistory(id)!.Cast<JObject>().Single(e => ((JString)e["type"]!).Value == "MapRunStarted")["mapRunStartedEventDetails"]
            .Should().Be(JNode.Parse($$"""{"mapRunArn":"{{mapRunArn}}"}"""), "the written Map Run is the one the history names");
        string manifestKey = ((JString)details["Key"]!).Value;
        var manifest = (JObject)JNode.Parse(File.ReadAllText(Path.Combine([objects.Objects.Root, "results", .. manifestKey.Split('/')])));
        string succeededKey = ((JString)((JObject)((JArray)((JObject)manifest["ResultFiles"]!)["SUCCEEDED"]!)[0])["Key"]!).Value;
        var records = (JArray)JNode.Parse(File.ReadAllText(Path.Combine([objects.Objects.Root, "results", .. succeededKey.Split('/')])));

        var children = host.ListExecutions().Executions.Where(e => e.InstanceId != id).Select(e => e.InstanceId).ToHashSet();
        children.Should().HaveCount(3);
        records.Select(r => ((JString)((JObject)r)["ExecutionArn"]!).Value).Should().BeEquivalentTo(children, "each record names its real child execution");
        records.Select(r => ((JString)((JObject)r)["Input"]!).Value).Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task A_map_run_whose_read_failed_reads_again_when_redriven()
    {
        // The file was not there; once it is, a redrive reads it (the read that failed is made again, not awaited for ever).
        using var objects = new Platform.Runtime.Tests.Integrations.IntegrationFixture();
        objects.Objects.CreateContainer("data");
        using var fixture = new DurableFixture();
        var host = fixture.Open(objects.Registry, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map",
                "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"data","Key":"late.json"}},
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                "End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("{}"));
        var failed = await fixture.DriveAsync(host, id);
        failed.Status.Should().Be(DurableStatus.Failed);
        failed.Error.Should().Be("States.ItemReaderFailed");

        await objects.Objects.PutAsync("data", "late.json", System.Text.Encoding.UTF8.GetBytes("[1,2]"));
        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        result.Output.Should().Be(JNode.Parse("[1,2]"));
    }

    [Fact]
    public async Task A_map_run_whose_result_write_failed_writes_again_when_redriven()
    {
        using var objects = new Platform.Runtime.Tests.Integrations.IntegrationFixture();
        objects.Objects.CreateContainer("results");
        var flaky = new FailFirstPut(objects.Registry);
        using var fixture = new DurableFixture();
        var host = fixture.Open(flaky, h => h.RegisterStateMachine("Machine", Harness.Compile("""
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Map",
                "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"p"}},"End":true}}}
            """)));
        string id = await host.StartExecutionAsync("Machine", DurableAssertions.Input("[1]"));
        var failed = await fixture.DriveAsync(host, id);
        failed.Status.Should().Be(DurableStatus.Failed);
        failed.Error.Should().Be("States.ResultWriterFailed");
        failed.Cause.Should().Contain("store down");

        await host.RedriveExecutionAsync(id);
        var result = await fixture.DriveAsync(host, id);

        result.Status.Should().Be(DurableStatus.Succeeded, result.Cause);
        string key = ((JString)((JObject)((JObject)result.Output!)["ResultWriterDetails"]!)["Key"]!).Value;
        File.Exists(Path.Combine([objects.Objects.Root, "results", .. key.Split('/')])).Should().BeTrue("the manifest was written on the redrive");
    }

    /// <summary>Fails the first object write, as a store that is briefly down would.</summary>
    private sealed class FailFirstPut(ITaskDispatcher inner) : ITaskDispatcher
    {
        private int _puts;

        public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
            invocation.Resource.EndsWith(":putObject", StringComparison.Ordinal) && Interlocked.Increment(ref _puts) == 1
                ? ValueTask.FromResult(TaskOutcome.Failure("S3.S3Exception", "store down"))
                : inner.DispatchAsync(invocation, cancellationToken);
    }

    private static string ItemsInput() => "{\"items\":[" + string.Join(',', Enumerable.Range(0, Items)) + "]}";

    private static TaskHandlerRegistry Handlers(CallCounter calls, ConcurrentDictionary<int, bool>? failOnce) => new TaskHandlerRegistry()
        .Register("Work", (invocation, _) =>
        {
            calls.Hit("Work");
            var o = (JObject)invocation.Input;
            int n = (int)((JNumber)o["n"]!).Value;
            if (failOnce is not null && failOnce.TryRemove(n, out bool _))
            {
                calls.Hit("failed " + n);
                return ValueTask.FromResult(TaskOutcome.Failure("Flaky", $"item {n}"));
            }

            calls.Hit("ok " + n);
            return ValueTask.FromResult(TaskOutcome.Success(o.With("doubled", JNode.From(2 * n))));
        });
}
