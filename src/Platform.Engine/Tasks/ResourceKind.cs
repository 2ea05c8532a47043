namespace Platform.Engine.Tasks;

/// <summary>How a Task's resource is served, which decides its history events and result shape.</summary>
public enum ResourceKind
{
    /// <summary>A legacy Lambda ARN (<c>arn:aws:lambda:…:function:Name</c>): LambdaFunction* events, the payload is the result.</summary>
    LambdaFunction,
    /// <summary>An optimized integration (<c>arn:aws:states:::service:action</c>): Task* events.</summary>
    ServiceIntegration,
    /// <summary>An activity ARN (<c>arn:aws:states:…:activity:Name</c>): Activity* events.</summary>
    Activity,
    /// <summary>A plain handler name (a local convenience): Task* events.</summary>
    Handler,
}
