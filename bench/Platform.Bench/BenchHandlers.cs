using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Bench;

/// <summary>The shared benchmark task handlers (../shared/bench/README.md), with the same semantics in every engine.</summary>
internal static class BenchHandlers
{
    private static readonly JObject Ok = new(["ok"], [JNode.True]);

    public static TaskHandlerRegistry Create() => new TaskHandlerRegistry()
        .Register("CheckName", input => TaskOutcome.Success(new JObject(["ok", "name"], [JNode.True, ((JObject)input)["name"] ?? JNode.Null])))
        .Register("CheckAddress", _ => TaskOutcome.Success(Ok))
        .Register("Price", input =>
        {
            var item = (JObject)input;
            return item["sku"] is JString { Value: "s7" }
                ? TaskOutcome.Failure("NoPrice", "no price")
                : TaskOutcome.Success(JNode.From(((JNumber)item["qty"]!).Value * 2.5));
        })
        .Register("Increment", input =>
        {
            double n = input is JObject o && o["n"] is JNumber number ? number.Value : 0;
            return TaskOutcome.Success(new JObject(["n"], [JNode.From(n + 1)]));
        });
}
