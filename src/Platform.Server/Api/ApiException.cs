namespace Platform.Server.Api;

/// <summary>A request the API refuses, with AWS's error code; answered as <c>{"__type": "...#Code", "message": "..."}</c>.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">AWS's error code (see <see cref="ApiErrorCodes"/>).</param>
    /// <param name="message">What is wrong, where and why.</param>
    /// <param name="statusCode">The HTTP status (AWS answers 400 for every client error of this API).</param>
    public ApiException(string code, string message, int statusCode = 400)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>Creates a ValidationException.</summary>
    public ApiException()
        : this(ApiErrorCodes.ValidationException, "The request is not valid.")
    {
    }

    /// <summary>Creates a ValidationException.</summary>
    public ApiException(string message)
        : this(ApiErrorCodes.ValidationException, message)
    {
    }

    /// <summary>Creates a ValidationException.</summary>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ApiErrorCodes.ValidationException;
        StatusCode = 400;
    }

    /// <summary>Gets AWS's error code, e.g. <c>ExecutionDoesNotExist</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the HTTP status code.</summary>
    public int StatusCode { get; }
}
