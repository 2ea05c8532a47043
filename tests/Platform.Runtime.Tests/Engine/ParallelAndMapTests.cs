using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Engine.Tasks;

namespace Platform.Runtime.Tests.Engine;

public class ParallelAndMapTests
{
    [Fact]
    public void Parallel_BranchFails_StopsTheOthersAndFailsWithItsError()
    {
        var result = Harness.Run("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Long","States":{"Long":{"Type":"Wait","Seconds":100,"Next":"After"},"After":{"Type":"Pass","End":true}}},
              {"StartAt":"Bad","States":{"Bad":{"Type":"Fail","Error":"Boom","Cause":"branch 2"}}}]}}}
            """);
        result.ShouldFailWith("Boom", "branch 2");
        result.EventTypes().Should().NotContain("PassStateEntered");
        result.EventTypes().Should().Contain(["ParallelStateStarted", "ParallelStateFailed", "WaitStateAborted"]);
    }

    [Fact]
    public void Parallel_ParametersAndResultSelector_ShapeInputAndResult()
    {
        var result = Harness.Run("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Parameters":{"v.$":"$.n"},"ResultSelector":{"first.$":"$[0].v","count.$":"States.ArrayLength($)"},"ResultPath":"$.r","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
            """, "{\"n\":5}");
        result.ShouldSucceedWith("{\"n\":5,\"r\":{\"first\":5,\"count\":2}}");
    }

    [Fact]
    public void Map_ItemSelectorWithContext_BuildsEachIterationInput()
    {
        var result = Harness.Run("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, "{\"k\":\"K\",\"items\":[\"a\",\"b\"]}");
        result.ShouldSucceedWith("[{\"i\":0,\"v\":\"a\",\"k\":\"K\"},{\"i\":1,\"v\":\"b\",\"k\":\"K\"}]");
    }

    [Fact]
    public void Map_LegacyIteratorAndParameters_StillWork()
    {
        var result = Harness.Run("""
            {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"x.$":"$$.Map.Item.Value"},"Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1,2,3]");
        result.ShouldSucceedWith("[{\"x\":1},{\"x\":2},{\"x\":3}]");
    }

    [Fact]
    public async Task Map_MaxConcurrency_LimitsIterationsInFlight()
    {
        int inFlight = 0;
        int peak = 0;
        var twoRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = new TaskHandlerRegistry().Register("Work", async (inv, ct) =>
        {
            // The first call waits until a second one is in flight, so the limit is reached deterministically.
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now >= 2)
            {
                twoRunning.TrySetResult();
            }

            await twoRunning.Task.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            Interlocked.Decrement(ref inFlight);
            return TaskOutcome.Success(inv.Input);
        });
        var result = await Harness.RunAsync(
            """{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"Work","End":true}}},"End":true}}}""",
            "[1,2,3,4,5,6]",
            handlers,
            virtualTime: false);
        result.ShouldSucceedWith("[1,2,3,4,5,6]");
        peak.Should().Be(2);

        static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }

    [Fact]
    public void Map_IterationFails_MapFailsWithTheIterationError()
    {
        var result = Harness.Run("""
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Ok"},
              "Bad":{"Type":"Fail","Error":"Two","Cause":"item two"},"Ok":{"Type":"Pass","End":true}}},"End":true}}}
            """, "[1,2,3]");
        result.ShouldFailWith("Two", "item two");
        result.EventTypes().Should().Contain(["MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed", "MapStateFailed"]);
    }

    [Theory]
    [InlineData("\"ToleratedFailureCount\":1", true)]
    [InlineData("\"ToleratedFailureCount\":0", false)]
    [InlineData("\"ToleratedFailurePercentage\":34", true)]
    [InlineData("\"ToleratedFailurePercentage\":33", false)]
    public void Map_ToleratedFailures_DecideBetweenResultAndThreshold(string tolerance, bool succeeds)
    {
        var result = Harness.Run(
            "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\"," + tolerance + ",\"ItemProcessor\":{\"StartAt\":\"C\",\"States\":{" +
            "\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":2,\"Next\":\"Bad\"}],\"Default\":\"Ok\"}," +
            "\"Bad\":{\"Type\":\"Fail\",\"Error\":\"Two\",\"Cause\":\"c\"},\"Ok\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}}}",
            "[1,2,3]");
        if (succeeds)
        {
            result.ShouldSucceedWith("[1,{\"Error\":\"Two\",\"Cause\":\"c\"},3]");
        }
        else
        {
            result.ShouldFailWith("States.ExceedToleratedFailureThreshold");
        }
    }

    [Fact]
    public void Map_ItemsNotAnArray_IsARuntimeError()
    {
        var result = Harness.Run("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.x","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""", "{\"x\":5}");
        result.ShouldFailWith("States.Runtime", "Map state input must be an array but was: 5");
    }

    [Fact]
    public void Map_HugeArray_RunsEveryItemInOrder()
    {
        string items = "[" + string.Join(",", Enumerable.Range(0, 20_000)) + "]";
        var result = Harness.Run(
            """{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"ResultSelector":{"n.$":"States.ArrayLength($)","last.$":"$[19999]"},"End":true}}}""",
            items);
        result.ShouldSucceedWith("{\"n\":20000,\"last\":19999}");
    }

    [Fact]
    public void Map_VariablesFromOuterScope_AreReadableInIterations()
    {
        var result = Harness.Run("""
            {"StartAt":"Set","States":{"Set":{"Type":"Pass","Assign":{"factor":10},"Next":"M"},
             "M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$","f.$":"$factor"},"End":true}}},"End":true}}}
            """, "[1,2]");
        result.ShouldSucceedWith("[{\"v\":1,\"f\":10},{\"v\":2,\"f\":10}]");
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        _ = JNode.Null;
    }
}
