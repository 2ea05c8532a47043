using Platform.Engine.Integrations.Services;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations;

/// <summary>Registers the built-in service integrations into a <see cref="TaskHandlerRegistry"/>.</summary>
/// <remarks>
/// Each integration is registered for its base resource; the registry routes <c>.waitForTaskToken</c> forms to it, and the
/// integration refuses patterns it does not support. Resources (see <c>docs/integrations.md</c>):
/// <list type="bullet">
/// <item><c>arn:aws:states:::aws-sdk:s3:getObject|putObject|listObjectsV2|headObject|deleteObject</c> → <see cref="IntegrationServices.ObjectStore"/></item>
/// <item><c>arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem</c> → <see cref="IntegrationServices.TableStore"/></item>
/// <item><c>arn:aws:states:::sqs:sendMessage</c> → <see cref="IntegrationServices.Queue"/></item>
/// <item><c>arn:aws:states:::events:putEvents</c> → <see cref="IntegrationServices.Events"/></item>
/// <item><c>arn:aws:states:::http:invoke</c> → <see cref="IntegrationServices.Http"/></item>
/// </list>
/// </remarks>
public static class BuiltInIntegrations
{
    /// <summary>Gets every resource the built-in integrations serve (request-response form).</summary>
    public static IReadOnlyList<string> Resources { get; } =
    [
        .. S3Integration.Actions.Select(a => "arn:aws:states:::aws-sdk:s3:" + a),
        .. DynamoDbIntegration.Actions.Select(a => "arn:aws:states:::dynamodb:" + a),
        "arn:aws:states:::sqs:sendMessage",
        "arn:aws:states:::events:putEvents",
        "arn:aws:states:::http:invoke",
    ];

    /// <summary>Registers every built-in integration on <paramref name="services"/>.</summary>
    /// <returns>The registry, for chaining.</returns>
    public static TaskHandlerRegistry AddBuiltInIntegrations(this TaskHandlerRegistry registry, IntegrationServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        var s3 = new S3Integration(services.ObjectStore);
        foreach (string action in S3Integration.Actions)
        {
            registry.RegisterResource("arn:aws:states:::aws-sdk:s3:" + action, s3);
        }

        var dynamo = new DynamoDbIntegration(services.TableStore, services.DynamoDbTables);
        foreach (string action in DynamoDbIntegration.Actions)
        {
            registry.RegisterResource("arn:aws:states:::dynamodb:" + action, dynamo);
        }

        registry.RegisterResource("arn:aws:states:::sqs:sendMessage", new SqsIntegration(services.Queue));
        registry.RegisterResource("arn:aws:states:::events:putEvents", new EventBridgeIntegration(services.Events, services.TimeProvider));
#pragma warning disable CA2000 // The registry keeps the integration (and its HttpClient) for its lifetime.
        registry.RegisterResource("arn:aws:states:::http:invoke", new HttpInvokeIntegration(services.Http, services.TimeProvider));
#pragma warning restore CA2000
        return registry;
    }
}
