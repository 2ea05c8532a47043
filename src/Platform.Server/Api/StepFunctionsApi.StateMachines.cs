using Platform.Asl.Json;
using Platform.Runtime.Registry;

namespace Platform.Server.Api;

/// <summary>State machines, versions and aliases: the registry's operations in AWS's JSON shapes.</summary>
internal sealed partial class StepFunctionsApi
{
    private JObject CreateStateMachine(ApiRequest request)
    {
        string name = request.RequiredString("name", 1, RegistryNames.MaxNameLength);
        string definition = request.RequiredString("definition", 1, MaxDefinitionLength);
        string roleArn = Arn(request, "roleArn");
        string? type = request.OptionalEnum("type", "STANDARD", "EXPRESS");
        var result = Registry.CreateStateMachine(new CreateStateMachineRequest(name, definition, roleArn)
        {
            Type = type == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard,
            Publish = request.Bool("publish"),
            VersionDescription = request.OptionalString("versionDescription", 0, StateMachineRegistry.MaxDescriptionLength),
        });
        Executions.EnsureRegistered(name);
        return new ApiResponse()
            .Add("stateMachineArn", result.StateMachineArn)
            .Add("creationDate", result.CreationDate)
            .Add("stateMachineVersionArn", result.StateMachineVersionArn)
            .Build();
    }

    private JObject UpdateStateMachine(ApiRequest request)
    {
        var result = Registry.UpdateStateMachine(new UpdateStateMachineRequest(Arn(request, "stateMachineArn"))
        {
            Definition = request.OptionalString("definition", 1, MaxDefinitionLength),
            RoleArn = request.OptionalString("roleArn", 1, RegistryNames.MaxArnLength),
            Publish = request.Bool("publish"),
            VersionDescription = request.OptionalString("versionDescription", 0, StateMachineRegistry.MaxDescriptionLength),
        });
        return new ApiResponse()
            .Add("updateDate", result.UpdateDate)
            .Add("revisionId", result.RevisionId)
            .Add("stateMachineVersionArn", result.StateMachineVersionArn)
            .Build();
    }

    private JObject DescribeStateMachine(ApiRequest request)
    {
        var description = Registry.DescribeStateMachine(Arn(request, "stateMachineArn"));
        return new ApiResponse()
            .Add("stateMachineArn", description.StateMachineArn)
            .Add("name", description.Name)
            .Add("status", "ACTIVE")
            .Add("definition", description.Definition)
            .Add("roleArn", description.RoleArn)
            .Add("type", TypeName(description.Type))
            .Add("creationDate", description.CreationDate)
            .Add("loggingConfiguration", LoggingConfiguration)
            .Add("tracingConfiguration", TracingConfiguration)
            .Add("revisionId", description.RevisionId)
            .Add("description", description.Description)
            .Build();
    }

    private JObject DescribeStateMachineForExecution(ApiRequest request)
    {
        var (revision, name) = Executions.RevisionOf(Arn(request, "executionArn"));
        return new ApiResponse()
            .Add("stateMachineArn", revision.StateMachineArn)
            .Add("name", name)
            .Add("definition", revision.Definition)
            .Add("roleArn", revision.RoleArn)
            .Add("updateDate", revision.CreatedAt)
            .Add("loggingConfiguration", LoggingConfiguration)
            .Add("tracingConfiguration", TracingConfiguration)
            .Add("revisionId", revision.RevisionId)
            .Build();
    }

    private JObject ListStateMachines(ApiRequest request)
    {
        var page = Registry.ListStateMachines(PageSize(request), NextToken(request));
        var items = page.Items.Select(item => (JNode)new ApiResponse()
            .Add("stateMachineArn", item.StateMachineArn)
            .Add("name", item.Name)
            .Add("type", TypeName(item.Type))
            .Add("creationDate", item.CreationDate)
            .Build());
        return new ApiResponse().Add("stateMachines", new JArray(items)).Add("nextToken", page.NextToken).Build();
    }

    private JObject DeleteStateMachine(ApiRequest request)
    {
        // Running executions go on: each runs the revision the server pinned for it, which the deletion does not touch.
        Registry.DeleteStateMachine(Arn(request, "stateMachineArn"));
        return ApiResponse.Empty;
    }

    private JObject PublishStateMachineVersion(ApiRequest request)
    {
        var result = Registry.PublishStateMachineVersion(
            Arn(request, "stateMachineArn"),
            request.OptionalString("revisionId", 1, 256),
            request.OptionalString("description", 0, StateMachineRegistry.MaxDescriptionLength));
        return new ApiResponse().Add("creationDate", result.CreationDate).Add("stateMachineVersionArn", result.StateMachineVersionArn).Build();
    }

    private JObject ListStateMachineVersions(ApiRequest request)
    {
        var page = Registry.ListStateMachineVersions(Arn(request, "stateMachineArn"), PageSize(request), NextToken(request));
        var items = page.Items.Select(item => (JNode)new ApiResponse()
            .Add("stateMachineVersionArn", item.StateMachineVersionArn)
            .Add("creationDate", item.CreationDate)
            .Build());
        return new ApiResponse().Add("stateMachineVersions", new JArray(items)).Add("nextToken", page.NextToken).Build();
    }

    private JObject DeleteStateMachineVersion(ApiRequest request)
    {
        Registry.DeleteStateMachineVersion(Arn(request, "stateMachineVersionArn"));
        return ApiResponse.Empty;
    }

    private JObject CreateStateMachineAlias(ApiRequest request)
    {
        string name = request.RequiredString("name", 1, RegistryNames.MaxNameLength);
        string? description = request.OptionalString("description", 0, StateMachineRegistry.MaxDescriptionLength);
        var routing = Routing(request) ?? throw ApiRequest.Invalid("Value null at 'routingConfiguration' failed to satisfy constraint: Member must not be null");
        var result = Registry.CreateStateMachineAlias(name, routing, description);
        return new ApiResponse().Add("stateMachineAliasArn", result.StateMachineAliasArn).Add("creationDate", result.CreationDate).Build();
    }

    private JObject DescribeStateMachineAlias(ApiRequest request)
    {
        var alias = Registry.DescribeStateMachineAlias(Arn(request, "stateMachineAliasArn"));
        var routes = alias.RoutingConfiguration.Select(route => (JNode)new ApiResponse()
            .Add("stateMachineVersionArn", route.StateMachineVersionArn)
            .Add("weight", route.Weight)
            .Build());
        return new ApiResponse()
            .Add("stateMachineAliasArn", alias.StateMachineAliasArn)
            .Add("name", alias.Name)
            .Add("description", alias.Description)
            .Add("routingConfiguration", new JArray(routes))
            .Add("creationDate", alias.CreationDate)
            .Add("updateDate", alias.UpdateDate)
            .Build();
    }

    private JObject UpdateStateMachineAlias(ApiRequest request)
    {
        var updated = Registry.UpdateStateMachineAlias(
            Arn(request, "stateMachineAliasArn"),
            Routing(request),
            request.OptionalString("description", 0, StateMachineRegistry.MaxDescriptionLength));
        return new ApiResponse().Add("updateDate", updated).Build();
    }

    private JObject DeleteStateMachineAlias(ApiRequest request)
    {
        Registry.DeleteStateMachineAlias(Arn(request, "stateMachineAliasArn"));
        return ApiResponse.Empty;
    }

    private JObject ListStateMachineAliases(ApiRequest request)
    {
        var page = Registry.ListStateMachineAliases(Arn(request, "stateMachineArn"), PageSize(request), NextToken(request));
        var items = page.Items.Select(item => (JNode)new ApiResponse()
            .Add("stateMachineAliasArn", item.StateMachineAliasArn)
            .Add("creationDate", item.CreationDate)
            .Build());
        return new ApiResponse().Add("stateMachineAliases", new JArray(items)).Add("nextToken", page.NextToken).Build();
    }

    /// <summary>Reads <c>routingConfiguration</c>: 1–2 entries of <c>stateMachineVersionArn</c> and <c>weight</c> (the registry
    /// checks the versions and weights).</summary>
    private static List<RoutingConfigurationEntry>? Routing(ApiRequest request)
    {
        if (request.OptionalArray("routingConfiguration") is not { } array)
        {
            return null;
        }

        if (array.Count is < 1 or > 2)
        {
            throw ApiRequest.Invalid($"Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2 (found {array.Count} entries)");
        }

        var entries = new List<RoutingConfigurationEntry>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            string field = $"routingConfiguration.{i + 1}";
            if (array[i] is not JObject entry)
            {
                throw ApiRequest.WrongType(field, "a structure", array[i]);
            }

            var fields = new ApiRequest(entry);
            entries.Add(new RoutingConfigurationEntry(
                fields.RequiredString("stateMachineVersionArn", 1, RegistryNames.MaxArnLength),
                fields.OptionalInt("weight", 0, 100) ?? throw ApiRequest.Invalid($"Value null at '{field}.member.weight' failed to satisfy constraint: Member must not be null")));
        }

        return entries;
    }
}
