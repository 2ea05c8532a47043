using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Server.UseCases;

/// <summary>The <c>TransformRecord</c> handler of the ETL fan-out workflow: normalises one record
/// <c>{"id", "amount", "currency"}</c> to <c>{"id", "amountCents", "currency"}</c>, and fails a record it cannot read with
/// <c>Transform.InvalidRecord</c> (which the Map's tolerated failure percentage absorbs).</summary>
internal static class EtlRecords
{
    public const string HandlerName = "TransformRecord";

    public static TaskOutcome Transform(JNode input)
    {
        if (input is not JObject record || record["id"] is not (JString or JNumber) || record["id"] is not { } id)
        {
            return TaskOutcome.Failure("Transform.InvalidRecord", $"a record needs an 'id' (string or number), found {Clip(input)}");
        }

        if (record["amount"] is not JNumber amount || double.IsNaN(amount.Value))
        {
            return TaskOutcome.Failure("Transform.InvalidRecord", $"record {id}: 'amount' must be a number, found {Clip(record["amount"])}");
        }

        string currency = record["currency"] is JString { Value: { Length: 3 } code } ? code.ToUpperInvariant() : "EUR";
        return TaskOutcome.Success(new JObject(["id", "amountCents", "currency"], [id, JNode.From((long)Math.Round(amount.Value * 100, MidpointRounding.AwayFromZero)), JNode.From(currency)]));
    }

    private static string Clip(JNode? node)
    {
        string text = node?.ToJson() ?? "nothing";
        return text.Length <= 100 ? text : text[..100] + "…";
    }
}
