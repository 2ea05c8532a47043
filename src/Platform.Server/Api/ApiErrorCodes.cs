namespace Platform.Server.Api;

/// <summary>The error codes the API answers with, spelled as AWS Step Functions spells them.</summary>
public static class ApiErrorCodes
{
    /// <summary>The namespace AWS puts before the code in <c>__type</c>; SDKs strip it.</summary>
    public const string TypePrefix = "com.amazonaws.states#";

    /// <summary>A parameter is missing, out of range or inconsistent.</summary>
    public const string ValidationException = "ValidationException";

    /// <summary>The body is not JSON, not an object, or a field has the wrong JSON type.</summary>
    public const string SerializationException = "SerializationException";

    /// <summary>The <c>X-Amz-Target</c> header names no operation of this API.</summary>
    public const string UnknownOperationException = "UnknownOperationException";

    /// <summary>An AWS Step Functions operation that this server does not implement.</summary>
    public const string UnsupportedOperation = "UnsupportedOperation";

    /// <summary>The request carries no API key, or a wrong one.</summary>
    public const string UnrecognizedClientException = "UnrecognizedClientException";

    /// <summary>A page other than the API refused for lack of a valid API key.</summary>
    public const string AccessDeniedException = "AccessDeniedException";

    /// <summary>An execution ARN names no execution.</summary>
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";

    /// <summary>The execution name is taken (by an ended execution, or a running one with another input).</summary>
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";

    /// <summary>The execution input is not JSON.</summary>
    public const string InvalidExecutionInput = "InvalidExecutionInput";

    /// <summary>The output given to SendTaskSuccess is not JSON.</summary>
    public const string InvalidOutput = "InvalidOutput";

    /// <summary>An ARN is malformed.</summary>
    public const string InvalidArn = "InvalidArn";

    /// <summary>A name breaks the naming rules.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>A definition does not parse or validate.</summary>
    public const string InvalidDefinition = "InvalidDefinition";

    /// <summary>A task token or page token is not valid.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>StartSyncExecution on a Standard state machine.</summary>
    public const string StateMachineTypeNotSupported = "StateMachineTypeNotSupported";

    /// <summary>A server fault: a bug, reported as such.</summary>
    public const string InternalFailure = "InternalFailure";

    /// <summary>RedriveExecution of an execution that cannot be redriven (running, succeeded, Express, too old).</summary>
    public const string ExecutionNotRedrivable = "ExecutionNotRedrivable";
}
