using System.Collections.Concurrent;
using Platform.Asl.Errors;
using Platform.Asl.Json;

namespace Platform.Engine.Tasks;

/// <summary>Task handlers registered by name, and the routing of AWS resources onto them.</summary>
/// <remarks>
/// <c>arn:aws:lambda:…:function:Name</c>, <c>arn:aws:states:::lambda:invoke</c> with <c>FunctionName</c> = Name (any ARN form),
/// <c>arn:aws:states:…:activity:Name</c> and the plain name <c>Name</c> all reach handler <c>Name</c>, so AWS definitions run
/// unchanged. <c>lambda:invoke</c> results are wrapped as AWS wraps them (<c>Payload</c>, <c>StatusCode</c>, …). Other resources
/// (service integrations) are served by handlers registered for the exact resource.
/// </remarks>
public sealed class TaskHandlerRegistry : ITaskDispatcher
{
    private readonly ConcurrentDictionary<string, ITaskHandler> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITaskHandler> _byResource = new(StringComparer.Ordinal);

    /// <summary>Gets the registered handler names.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Registers a handler class under a name.</summary>
    public TaskHandlerRegistry Register(string name, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        _byName[name] = handler;
        return this;
    }

    /// <summary>Registers an asynchronous delegate under a name.</summary>
    public TaskHandlerRegistry Register(string name, Func<TaskInvocation, CancellationToken, ValueTask<TaskOutcome>> handler) =>
        Register(name, new DelegateTaskHandler(handler));

    /// <summary>Registers a synchronous delegate returning an outcome (success or failure value).</summary>
    public TaskHandlerRegistry Register(string name, Func<JNode, TaskOutcome> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(name, new DelegateTaskHandler((inv, _) => ValueTask.FromResult(handler(inv.Input))));
    }

    /// <summary>Registers a synchronous delegate returning the result; exceptions become failures.</summary>
    public TaskHandlerRegistry Register(string name, Func<JNode, JNode> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(name, new DelegateTaskHandler((inv, _) => ValueTask.FromResult(TaskOutcome.Success(handler(inv.Input)))));
    }

    /// <summary>Registers a handler for an exact resource (a service integration such as <c>arn:aws:states:::sqs:sendMessage</c>).</summary>
    public TaskHandlerRegistry RegisterResource(string resource, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(handler);
        _byResource[resource] = handler;
        return this;
    }

    /// <summary>Registers a synchronous delegate for an exact resource; exceptions become failures.</summary>
    public TaskHandlerRegistry RegisterResource(string resource, Func<JNode, JNode> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RegisterResource(resource, new DelegateTaskHandler((inv, _) => ValueTask.FromResult(TaskOutcome.Success(handler(inv.Input)))));
    }

    /// <summary>Tells whether a handler is registered under <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Tells whether <see cref="DispatchAsync"/> would reach a handler for this invocation (rather than fail it
    /// with the "no task handler" error), by the same routing: exact resource, resource without its integration pattern,
    /// then the handler name (for <c>lambda:invoke</c>, the one its <c>FunctionName</c> names).</summary>
    public bool HasHandlerFor(TaskInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (_byResource.ContainsKey(invocation.Resource)
            || (WithoutPattern(invocation.Resource) is { } plain && _byResource.ContainsKey(plain)))
        {
            return true;
        }

        var info = ResourceInfo.Parse(invocation.Resource);
        return info.Kind switch
        {
            ResourceKind.LambdaFunction or ResourceKind.Activity or ResourceKind.Handler => _byName.ContainsKey(info.Name),
            ResourceKind.ServiceIntegration when info.IsLambdaInvoke =>
                invocation.Input is JObject { } parameters && parameters["FunctionName"] is JString functionName
                && _byName.ContainsKey(ResourceInfo.FunctionNameOf(functionName.Value)),
            _ => false,
        };
    }

    /// <inheritdoc />
    public ValueTask<TaskOutcome> DispatchAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var info = ResourceInfo.Parse(invocation.Resource);
        // A resource with an integration pattern (".waitForTaskToken", ".sync", ".sync:2") reaches its base resource's handler.
        if (_byResource.TryGetValue(invocation.Resource, out var exact)
            || (WithoutPattern(invocation.Resource) is { } plain && _byResource.TryGetValue(plain, out exact)))
        {
            return Invoke(exact, invocation, cancellationToken);
        }

        switch (info.Kind)
        {
            case ResourceKind.LambdaFunction:
            case ResourceKind.Activity:
            case ResourceKind.Handler:
                return _byName.TryGetValue(info.Name, out var named)
                    ? Invoke(named, invocation, cancellationToken)
                    : ValueTask.FromResult(Missing(invocation, info.Name));
            case ResourceKind.ServiceIntegration when info.IsLambdaInvoke:
                return InvokeLambdaAsync(invocation, cancellationToken);
            default:
                return ValueTask.FromResult(TaskOutcome.Failure(
                    StatesErrors.Runtime,
                    $"No task handler is registered for resource '{invocation.Resource}' (state '{invocation.StateName}')."));
        }
    }

    private static string? WithoutPattern(string resource)
    {
        foreach (string suffix in (ReadOnlySpan<string>)[".waitForTaskToken", ".sync:2", ".sync"])
        {
            if (resource.EndsWith(suffix, StringComparison.Ordinal))
            {
                return resource[..^suffix.Length];
            }
        }

        return null;
    }

    private static TaskOutcome Missing(TaskInvocation invocation, string name) =>
        TaskOutcome.Failure(
            StatesErrors.Runtime,
            $"No task handler named '{name}' is registered (state '{invocation.StateName}', resource '{invocation.Resource}').");

    private static ValueTask<TaskOutcome> Invoke(ITaskHandler handler, TaskInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            var pending = handler.InvokeAsync(invocation, cancellationToken);
            return pending.IsCompletedSuccessfully ? pending : Await(pending);
        }
        catch (Exception ex)
        {
            return ValueTask.FromResult(TaskOutcome.FromException(ex));
        }

        static async ValueTask<TaskOutcome> Await(ValueTask<TaskOutcome> pending)
        {
            try
            {
                return await pending;
            }
            catch (Exception ex)
            {
                return TaskOutcome.FromException(ex);
            }
        }
    }

    private ValueTask<TaskOutcome> InvokeLambdaAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Input is not JObject parameters || parameters["FunctionName"] is not JString functionName)
        {
            return ValueTask.FromResult(TaskOutcome.Failure(
                "Lambda.InvalidParameterValueException",
                $"The 'FunctionName' parameter of state '{invocation.StateName}' must be a string naming a function."));
        }

        string name = ResourceInfo.FunctionNameOf(functionName.Value);
        if (!_byName.TryGetValue(name, out var handler))
        {
            return ValueTask.FromResult(TaskOutcome.Failure(
                "Lambda.ResourceNotFoundException",
                $"Function not found: {functionName.Value} (no task handler named '{name}' is registered)."));
        }

        var payloadInvocation = new TaskInvocation
        {
            StateName = invocation.StateName,
            Resource = invocation.Resource,
            Input = parameters["Payload"] ?? JObject.Empty,
            ExecutionId = invocation.ExecutionId,
            Attempt = invocation.Attempt,
            ActivityId = invocation.ActivityId,
            TaskToken = invocation.TaskToken,
            TimeoutSeconds = invocation.TimeoutSeconds,
            Credentials = invocation.Credentials,
        };
        var pending = Invoke(handler, payloadInvocation, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Wrap(pending.Result, invocation))
            : AwaitWrap(pending, invocation);

        static async ValueTask<TaskOutcome> AwaitWrap(ValueTask<TaskOutcome> pending, TaskInvocation invocation) => Wrap(await pending, invocation);
    }

    private static TaskOutcome Wrap(TaskOutcome outcome, TaskInvocation invocation)
    {
        if (!outcome.IsSuccess)
        {
            return outcome;
        }

        var metadata = new JObject(["HttpStatusCode"], [JNode.From(200)]);
        var response = new JObject(["RequestId"], [JNode.From(invocation.InvocationId)]);
        return TaskOutcome.Success(new JObject(
            ["ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"],
            [JNode.From("$LATEST"), outcome.Result!, metadata, response, JNode.From(200)]));
    }

    private sealed class DelegateTaskHandler(Func<TaskInvocation, CancellationToken, ValueTask<TaskOutcome>> handler) : ITaskHandler
    {
        public ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => handler(invocation, cancellationToken);
    }
}
