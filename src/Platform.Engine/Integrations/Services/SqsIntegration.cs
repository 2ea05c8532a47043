using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary><c>arn:aws:states:::sqs:sendMessage</c> (and <c>.waitForTaskToken</c>) on an <see cref="IMessageQueue"/>:
/// AWS's parameters and result (<c>MD5OfMessageBody</c>, <c>MessageId</c>, …), errors named <c>SQS.*</c>.</summary>
/// <remarks>For <c>.waitForTaskToken</c> the definition puts <c>$$.Task.Token</c> into the body, as on AWS; whoever consumes
/// the queue answers with SendTaskSuccess or SendTaskFailure.</remarks>
internal sealed class SqsIntegration(IMessageQueue? queue) : ITaskHandler
{
    private static readonly string[] Fields = ["QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageGroupId", "MessageDeduplicationId"];

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var request = IntegrationRequest.Read(invocation, Fields, IntegrationPattern.WaitForTaskToken);
        if (request.Resource.Name != "sendMessage")
        {
            throw request.Invalid($"The SQS action '{request.Resource.Name}' is not built in; supported: sendMessage.");
        }

        var queues = queue ?? throw request.Invalid("The sqs:sendMessage integration has no queue configured (IntegrationServices.Queue).");
        string url = request.RequireString("QueueUrl");
        string name = QueueName(url);
        string body = request.Parameters["MessageBody"] switch
        {
            null => throw request.Invalid("The 'MessageBody' parameter of sqs:sendMessage is required, found none."),
            JString s => s.Value,
            var json => json.ToString(),
        };
        if (body.Length == 0)
        {
            return Failure("SQS.AmazonSQSException", "The request must contain the parameter MessageBody.", "MissingParameter", invocation);
        }

        bool fifo = name.EndsWith(".fifo", StringComparison.Ordinal);
        int delay = request.OptionalInt("DelaySeconds", 0, 900) ?? 0;
        string? group = request.OptionalString("MessageGroupId");
        string? dedup = request.OptionalString("MessageDeduplicationId");
        if (fifo && group is null)
        {
            return Failure("SQS.AmazonSQSException", "The request must contain the parameter MessageGroupId.", "MissingParameter", invocation);
        }

        if (!fifo && (group is not null || dedup is not null))
        {
            return Failure("SQS.AmazonSQSException",
                $"The request include parameter {(group is not null ? "MessageGroupId" : "MessageDeduplicationId")} that is not valid for this queue type", "InvalidParameterValue", invocation);
        }

        if (fifo && delay != 0)
        {
            return Failure("SQS.AmazonSQSException",
                "Value " + delay + " for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", "InvalidParameterValue", invocation);
        }

        var attributes = Attributes(request);

        // FIFO queues here deduplicate by content unless given an id (SQS's ContentBasedDeduplication).
        dedup ??= fifo ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) : null;
        SentMessage sent;
        try
        {
            sent = await queues.SendAsync(name, new QueueMessage
            {
                Body = body,
                Attributes = attributes,
                Delay = TimeSpan.FromSeconds(delay),
                GroupId = group,
                DeduplicationId = dedup,
            }, cancellationToken);
        }
        catch (QueueException ex) when (ex.Code == QueueError.InvalidQueueName)
        {
            return Failure("SQS.QueueDoesNotExistException", $"The specified queue does not exist for this wsdl version. ({ex.Message})", "AWS.SimpleQueueService.NonExistentQueue", invocation);
        }
        catch (QueueException ex) when (ex.Code == QueueError.MessageTooLarge)
        {
            return Failure("SQS.AmazonSQSException", $"One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes. ({ex.Message})", "InvalidParameterValue", invocation);
        }

        var result = new JObjectBuilder(6);
        if (attributes is { Count: > 0 })
        {
            result.Set("MD5OfMessageAttributes", JNode.From(AttributesDigest(attributes)));
        }

        result.Set("MD5OfMessageBody", JNode.From(Md5Hex(Encoding.UTF8.GetBytes(body))));
        result.Set("MessageId", JNode.From(sent.MessageId));
        if (fifo)
        {
            result.Set("SequenceNumber", JNode.From(sent.SequenceNumber.ToString("D20", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return TaskOutcome.Success(AwsResults.WithSdkMetadata(result, invocation));
    }

    /// <summary>The queue a QueueUrl names: the last path segment of <c>https://sqs.&lt;region&gt;.amazonaws.com/&lt;account&gt;/&lt;name&gt;</c>,
    /// or the name itself.</summary>
    public static string QueueName(string url)
    {
        string trimmed = url.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }

    private static Dictionary<string, QueueMessageAttribute>? Attributes(IntegrationRequest request)
    {
        var map = request.OptionalObject("MessageAttributes");
        if (map is null)
        {
            return null;
        }

        if (map.Count > 10)
        {
            throw request.Invalid($"sqs:sendMessage accepts at most 10 MessageAttributes, found {map.Count}.");
        }

        var result = new Dictionary<string, QueueMessageAttribute>(StringComparer.Ordinal);
        foreach (var (name, raw) in map)
        {
            if (raw is not JObject attribute || attribute["DataType"] is not JString { Value: var type })
            {
                throw request.Invalid($"The message attribute '{name}' of sqs:sendMessage must be an object with a string 'DataType' (String, Number or Binary).");
            }

            string kind = type.Split('.')[0];
            string? value = kind switch
            {
                "String" or "Number" => (attribute["StringValue"] as JString)?.Value,
                "Binary" => (attribute["BinaryValue"] as JString)?.Value,
                _ => throw request.Invalid($"The message attribute '{name}' has DataType '{type}'; it must be String, Number or Binary (optionally with a '.label')."),
            };
            if (value is null)
            {
                throw request.Invalid($"The message attribute '{name}' (DataType {type}) needs a string '{(kind == "Binary" ? "BinaryValue" : "StringValue")}'.");
            }

            if (kind == "Binary")
            {
                try
                {
                    Convert.FromBase64String(value);
                }
                catch (FormatException)
                {
                    throw request.Invalid($"The BinaryValue of message attribute '{name}' is not base64.");
                }
            }

            result[name] = new QueueMessageAttribute(type, value);
        }

        return result;
    }

    /// <summary>SQS's MD5OfMessageAttributes: over the attributes sorted by name, each as length-prefixed name, length-prefixed
    /// data type, a transport byte (1 string, 2 binary) and the length-prefixed value.</summary>
    private static string AttributesDigest(IReadOnlyDictionary<string, QueueMessageAttribute> attributes)
    {
        using var buffer = new MemoryStream();
        foreach (var (name, attribute) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Write(buffer, Encoding.UTF8.GetBytes(name));
            Write(buffer, Encoding.UTF8.GetBytes(attribute.DataType));
            bool binary = attribute.DataType.StartsWith("Binary", StringComparison.Ordinal);
            buffer.WriteByte(binary ? (byte)2 : (byte)1);
            Write(buffer, binary ? Convert.FromBase64String(attribute.Value) : Encoding.UTF8.GetBytes(attribute.Value));
        }

        return Md5Hex(buffer.ToArray());

        static void Write(MemoryStream stream, byte[] bytes)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }
    }

    // SQS's digests are MD5 checksums, not a security measure.
#pragma warning disable CA5351
    private static string Md5Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

    private static TaskOutcome Failure(string error, string message, string code, TaskInvocation invocation) =>
        TaskOutcome.Failure(error, message + AwsResults.SdkV1Suffix("AmazonSQS", 400, code, invocation));
}
