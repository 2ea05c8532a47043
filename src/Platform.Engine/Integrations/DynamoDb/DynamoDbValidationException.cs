namespace Platform.Engine.Integrations.DynamoDb;

/// <summary>A request DynamoDB would refuse with <c>ValidationException</c>; the message is DynamoDB's wording.</summary>
internal sealed class DynamoDbValidationException : Exception
{
    public DynamoDbValidationException(string message)
        : base(message)
    {
    }

    public DynamoDbValidationException()
    {
    }

    public DynamoDbValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
