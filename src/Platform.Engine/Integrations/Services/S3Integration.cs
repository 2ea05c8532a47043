using System.Globalization;
using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Engine.Integrations.Services;

/// <summary><c>arn:aws:states:::aws-sdk:s3:getObject|putObject|listObjectsV2|headObject|deleteObject</c> on an
/// <see cref="IObjectStore"/>: AWS SDK parameter and result shapes (PascalCase), errors named <c>S3.&lt;Code&gt;Exception</c>.</summary>
internal sealed class S3Integration(IObjectStore? store) : ITaskHandler
{
    public static readonly string[] Actions = ["getObject", "putObject", "listObjectsV2", "headObject", "deleteObject"];

    private static readonly string[] GetFields = ["Bucket", "Key"];
    private static readonly string[] PutFields = ["Bucket", "Key", "Body", "ContentType", "Metadata", "IfMatch", "IfNoneMatch"];
    private static readonly string[] ListFields = ["Bucket", "Prefix", "MaxKeys", "ContinuationToken", "StartAfter", "Delimiter"];

    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        string action = ResourceInfo.Parse(invocation.Resource).Name;
        var objects = store ?? throw IntegrationRequest.Runtime(invocation, $"The s3:{action} integration has no object store configured (IntegrationServices.ObjectStore).");
        try
        {
            return action switch
            {
                "getObject" => await GetAsync(objects, IntegrationRequest.Read(invocation, GetFields), withBody: true, cancellationToken),
                "headObject" => await GetAsync(objects, IntegrationRequest.Read(invocation, GetFields), withBody: false, cancellationToken),
                "putObject" => await PutAsync(objects, IntegrationRequest.Read(invocation, PutFields, IntegrationPattern.WaitForTaskToken), cancellationToken),
                "listObjectsV2" => await ListAsync(objects, IntegrationRequest.Read(invocation, ListFields), cancellationToken),
                "deleteObject" => await DeleteAsync(objects, IntegrationRequest.Read(invocation, GetFields), cancellationToken),
                _ => throw IntegrationRequest.Runtime(invocation, $"The S3 action '{action}' is not built in; supported: {string.Join(", ", Actions)}."),
            };
        }
        catch (ObjectStoreException ex)
        {
            return Fail(ex, invocation);
        }
    }

    private static async ValueTask<TaskOutcome> GetAsync(IObjectStore objects, IntegrationRequest request, bool withBody, CancellationToken cancellationToken)
    {
        string bucket = request.RequireString("Bucket");
        string key = request.RequireString("Key");
        var found = await objects.GetAsync(bucket, key, cancellationToken);
        if (found is null)
        {
            return TaskOutcome.Failure("S3.NoSuchKeyException", "The specified key does not exist." + AwsResults.SdkV2Suffix("S3", 404, "NoSuchKey", request.Invocation));
        }

        var p = found.Properties;
        var builder = new JObjectBuilder(8);
        builder.Set("AcceptRanges", JNode.From("bytes"));
        if (withBody)
        {
            string body;
            try
            {
                body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(found.Content.Span);
            }
            catch (DecoderFallbackException)
            {
                throw request.Invalid($"The object '{key}' in bucket '{bucket}' is not UTF-8 text ({p.Size} bytes of {p.ContentType}); a state machine can only carry text bodies.");
            }

            builder.Set("Body", JNode.From(body));
        }

        builder.Set("ContentLength", JNode.From(p.Size));
        builder.Set("ContentType", JNode.From(p.ContentType));
        builder.Set("ETag", JNode.From(p.ETag));
        builder.Set("LastModified", JNode.From(Timestamp(p.LastModified)));
        builder.Set("Metadata", Metadata(p.Metadata));
        return TaskOutcome.Success(builder.Build());
    }

    private static async ValueTask<TaskOutcome> PutAsync(IObjectStore objects, IntegrationRequest request, CancellationToken cancellationToken)
    {
        string bucket = request.RequireString("Bucket");
        string key = request.RequireString("Key");
        string body = request.Parameters["Body"] switch
        {
            null => string.Empty,
            JString s => s.Value,
            JObject or JArray => request.Parameters["Body"]!.ToString(),
            var other => throw request.Invalid($"The 'Body' parameter of s3:putObject must be a string (or JSON, which is written as its text), found {other.KindName}."),
        };
        string? ifNoneMatch = request.OptionalString("IfNoneMatch");
        if (ifNoneMatch is not null and not "*")
        {
            throw request.Invalid($"The 'IfNoneMatch' parameter of s3:putObject can only be \"*\" (write only if the key is absent), found \"{ifNoneMatch}\".");
        }

        var options = new ObjectPutOptions
        {
            ContentType = request.OptionalString("ContentType") ?? "binary/octet-stream",
            Metadata = request.OptionalStringMap("Metadata"),
            IfMatch = request.OptionalString("IfMatch"),
            IfNoneMatch = ifNoneMatch is not null,
        };
        var stored = await objects.PutAsync(bucket, key, Encoding.UTF8.GetBytes(body), options, cancellationToken);
        return TaskOutcome.Success(new JObject(["ETag"], [JNode.From(stored.ETag)]));
    }

    private static async ValueTask<TaskOutcome> ListAsync(IObjectStore objects, IntegrationRequest request, CancellationToken cancellationToken)
    {
        string bucket = request.RequireString("Bucket");
        if (request.Parameters.ContainsKey("Delimiter"))
        {
            throw request.Invalid("The 'Delimiter' parameter of s3:listObjectsV2 (CommonPrefixes) is not supported by this engine; list with a Prefix instead.");
        }

        string? prefix = request.OptionalString("Prefix");
        int maxKeys = request.OptionalInt("MaxKeys", 0, int.MaxValue) ?? 1000;
        string? token = request.OptionalString("ContinuationToken");
        string? startAfter = request.OptionalString("StartAfter");
        var builder = new JObjectBuilder(10);
        if (maxKeys == 0)
        {
            builder.Set("Contents", JArray.Empty);
            builder.Set("IsTruncated", JNode.False);
            builder.Set("KeyCount", JNode.From(0));
        }
        else
        {
            var page = await objects.ListAsync(bucket, new ObjectListOptions { Prefix = prefix, MaxResults = Math.Min(maxKeys, 1000), ContinuationToken = token, StartAfter = startAfter }, cancellationToken);
            builder.Set("Contents", new JArray(page.Items.Select(o => (JNode)new JObject(
                ["ETag", "Key", "LastModified", "Size", "StorageClass"],
                [JNode.From(o.ETag), JNode.From(o.Key), JNode.From(Timestamp(o.LastModified)), JNode.From(o.Size), JNode.From("STANDARD")]))));
            builder.Set("IsTruncated", JNode.From(page.ContinuationToken is not null));
            builder.Set("KeyCount", JNode.From(page.Items.Count));
            if (page.ContinuationToken is { } next)
            {
                builder.Set("NextContinuationToken", JNode.From(next));
            }
        }

        if (token is not null)
        {
            builder.Set("ContinuationToken", JNode.From(token));
        }

        builder.Set("MaxKeys", JNode.From(maxKeys));
        builder.Set("Name", JNode.From(bucket));
        builder.Set("Prefix", JNode.From(prefix ?? string.Empty));
        if (startAfter is not null)
        {
            builder.Set("StartAfter", JNode.From(startAfter));
        }

        return TaskOutcome.Success(builder.Build());
    }

    private static async ValueTask<TaskOutcome> DeleteAsync(IObjectStore objects, IntegrationRequest request, CancellationToken cancellationToken)
    {
        // S3 answers a delete of a missing key with success, and so does this.
        await objects.DeleteAsync(request.RequireString("Bucket"), request.RequireString("Key"), cancellationToken);
        return TaskOutcome.Success(JObject.Empty);
    }

    private static TaskOutcome Fail(ObjectStoreException ex, TaskInvocation invocation) => ex.Code switch
    {
        ObjectStoreError.ContainerNotFound => TaskOutcome.Failure("S3.NoSuchBucketException",
            "The specified bucket does not exist. " + ex.Message + AwsResults.SdkV2Suffix("S3", 404, "NoSuchBucket", invocation)),
        ObjectStoreError.PreconditionFailed => TaskOutcome.Failure("S3.S3Exception",
            "At least one of the pre-conditions you specified did not hold. " + ex.Message + AwsResults.SdkV2Suffix("S3", 412, "PreconditionFailed", invocation)),
        ObjectStoreError.InvalidContainerName => TaskOutcome.Failure("S3.S3Exception",
            "The specified bucket is not valid. " + ex.Message + AwsResults.SdkV2Suffix("S3", 400, "InvalidBucketName", invocation)),
        _ => TaskOutcome.Failure("S3.S3Exception", ex.Message + AwsResults.SdkV2Suffix("S3", 400, "InvalidArgument", invocation)),
    };

    private static JObject Metadata(IReadOnlyDictionary<string, string> metadata) =>
        JObject.FromPairs(metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new KeyValuePair<string, JNode>(m.Key, JNode.From(m.Value))));

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
