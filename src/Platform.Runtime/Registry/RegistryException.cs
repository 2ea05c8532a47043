namespace Platform.Runtime.Registry;

/// <summary>The AWS Step Functions error codes the registry reports, spelled exactly as AWS spells them.</summary>
public static class RegistryErrorCodes
{
    /// <summary>A state machine or alias name breaks the naming rules.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>The definition does not parse or does not validate.</summary>
    public const string InvalidDefinition = "InvalidDefinition";

    /// <summary>An ARN (state machine, version, alias or role) is malformed.</summary>
    public const string InvalidArn = "InvalidArn";

    /// <summary>A paging token was not issued by this listing.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>A state machine with that name exists with a different definition, type or role.</summary>
    public const string StateMachineAlreadyExists = "StateMachineAlreadyExists";

    /// <summary>The state machine or version does not exist.</summary>
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";

    /// <summary>The alias (or another named resource) does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFound";

    /// <summary>The request conflicts with the current state (stale revision, version in use by an alias, alias exists).</summary>
    public const string ConflictException = "ConflictException";

    /// <summary>A parameter is out of range or inconsistent.</summary>
    public const string ValidationException = "ValidationException";
}

/// <summary>A registry request failed; <see cref="ErrorCode"/> is the AWS error code (see <see cref="RegistryErrorCodes"/>).</summary>
public sealed class RegistryException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RegistryException"/> class.</summary>
    public RegistryException()
        : this(RegistryErrorCodes.ValidationException, "The request is not valid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RegistryException"/> class with a validation message.</summary>
    /// <param name="message">What is wrong.</param>
    public RegistryException(string message)
        : this(RegistryErrorCodes.ValidationException, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RegistryException"/> class with a validation message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = RegistryErrorCodes.ValidationException;
    }

    /// <summary>Initializes a new instance of the <see cref="RegistryException"/> class.</summary>
    /// <param name="errorCode">The AWS error code.</param>
    /// <param name="message">What is wrong and where.</param>
    public RegistryException(string errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets the AWS error code, e.g. <c>StateMachineDoesNotExist</c>.</summary>
    public string ErrorCode { get; }
}
