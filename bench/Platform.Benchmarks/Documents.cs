using Platform.Asl.Json;

namespace Platform.Benchmarks;

/// <summary>The documents the benchmarks read: an order like the order-pipeline workload's.</summary>
internal static class Documents
{
    public static readonly JNode Order = JNode.Parse("""
        {
          "id": "o-1001",
          "customer": { "name": "Ada Lovelace", "tier": "gold", "address": { "city": "London", "zip": "NW1" } },
          "items": [
            { "sku": "s1", "qty": 2, "price": 9.5 },
            { "sku": "s2", "qty": 1, "price": 120 },
            { "sku": "s3", "qty": 5, "price": 3.25 },
            { "sku": "s4", "qty": 3, "price": 14 }
          ],
          "notes": "deliver after 5pm"
        }
        """);

    public static readonly JNode Context = JNode.Parse("""
        {
          "Execution": { "Id": "arn:aws:states:us-east-1:123456789012:execution:m:e", "Name": "e", "StartTime": "2026-11-21T10:00:00Z" },
          "State": { "Name": "Price", "EnteredTime": "2026-11-21T10:00:01Z" },
          "Map": { "Item": { "Index": 2, "Value": { "sku": "s3", "qty": 5 } } }
        }
        """);
}
