using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Engine.Tasks;
using Platform.Runtime.Durable;
using Platform.Runtime.Integrations;

namespace Platform.Server.Approvals;

/// <summary>Human approval links: the task <c>arn:aws:states:::approval:notify.waitForTaskToken</c> records what is to be
/// approved, writes a notification with a signed, expiring link <c>/approvals/{link}</c> to
/// <c>outbox/notifications/approvals.jsonl</c>, and waits; the link's page decides once.</summary>
/// <remarks>The link carries no task token: it names the approval (a hash of the token), its expiry, and an HMAC of both
/// under a key kept in <c>approvals.key</c> in the data directory. The token stays in <c>tables.db</c>, and the decision is
/// a write conditional on the record's ETag, so two clicks decide once.</remarks>
internal sealed class ApprovalService : ITaskHandler, IDisposable
{
    /// <summary>The Task resource (use it with <c>.waitForTaskToken</c>).</summary>
    public const string Resource = "arn:aws:states:::approval:notify";

    /// <summary>The table of approvals in the table store.</summary>
    public const string Table = "approvals";

    /// <summary>The outbox bus (file <c>outbox/notifications/approvals.jsonl</c>) notifications go to.</summary>
    public const string Bus = "approvals";

    private const string Partition = "approvals";
    private static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(7);
    private static readonly string[] Fields = ["TaskToken", "Message", "Subject", "Details", "ExpiresInSeconds"];

    private readonly PlatformServerOptions _options;
    private readonly ITableStore _tables;
    private readonly FolderEventOutbox _outbox;
    private readonly Func<Uri?> _listening;
    private readonly byte[] _key;

    public ApprovalService(PlatformServerOptions options, string dataDirectory, ITableStore tables, Func<Uri?> listening)
    {
        _options = options;
        _tables = tables;
        _listening = listening;
        _outbox = new FolderEventOutbox(Path.Combine(dataDirectory, "outbox", "notifications"));
        _key = LoadKey(Path.Combine(dataDirectory, "approvals.key"));
    }

    /// <summary>Gets the outbox the notifications are written to.</summary>
    public FolderEventOutbox Outbox => _outbox;

    /// <inheritdoc />
    public async ValueTask<TaskOutcome> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!invocation.Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            return Refuse(invocation, $"the resource must be called as '{Resource}.waitForTaskToken': an approval waits for a person");
        }

        if (invocation.Input is not JObject parameters)
        {
            return Refuse(invocation, $"the parameters must be an object with {string.Join(", ", Fields)}, found {invocation.Input.KindName}");
        }

        foreach (var (name, _) in parameters)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                return Refuse(invocation, $"the field '{name}' is not supported; supported fields: {string.Join(", ", Fields)}");
            }
        }

        string? token = invocation.TaskToken ?? (parameters["TaskToken"] as JString)?.Value;
        if (token is null)
        {
            return Refuse(invocation, "the field 'TaskToken' is required: pass \"TaskToken.$\": \"$$.Task.Token\"");
        }

        if (parameters["Message"] is not JString { Value.Length: > 0 } message)
        {
            return Refuse(invocation, "the field 'Message' is required: a string saying what is to be approved");
        }

        if (parameters["Subject"] is { } subjectNode && subjectNode is not JString)
        {
            return Refuse(invocation, $"the field 'Subject' must be a string, found {subjectNode.KindName}");
        }

        var expiry = DefaultExpiry;
        if (parameters["ExpiresInSeconds"] is { } expiresNode)
        {
            if (expiresNode is not JNumber number || number.Value < 1 || number.Value > 31_536_000 || number.Value != Math.Floor(number.Value))
            {
                return Refuse(invocation, $"the field 'ExpiresInSeconds' must be a whole number of seconds from 1 to 31536000, found {expiresNode}");
            }

            expiry = TimeSpan.FromSeconds(number.Value);
        }
        else if (invocation.TimeoutSeconds is { } timeout)
        {
            expiry = TimeSpan.FromSeconds(timeout);
        }

        string id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];
        var now = _options.TimeProvider.GetUtcNow();
        string subject = (parameters["Subject"] as JString)?.Value ?? $"Approval for {invocation.StateName}";

        // A redelivered task (durable tasks run at least once) finds its record and sends the same link again.
        var item = await _tables.GetAsync(Table, Partition, id, cancellationToken);
        if (item is null)
        {
            var attributes = new JObject(
                ["token", "executionArn", "state", "subject", "message", "details", "createdAt", "expiresAt", "status"],
                [JNode.From(token), JNode.From(invocation.ExecutionId), JNode.From(invocation.StateName), JNode.From(subject), message,
                 parameters["Details"] ?? JNode.Null, JNode.From(Iso(now)), JNode.From(Iso(now + expiry)), JNode.From("pending")]);
            try
            {
                item = await _tables.PutAsync(Table, Partition, id, attributes, TableWriteCondition.NotExists, cancellationToken);
            }
            catch (TableStoreException ex) when (ex.Code == TableStoreError.ConditionFailed)
            {
                item = await _tables.GetAsync(Table, Partition, id, cancellationToken) ?? throw new InvalidOperationException("the approval record vanished while it was being created", ex);
            }
        }

        var expires = DateTimeOffset.Parse(Text(item, "expiresAt"), CultureInfo.InvariantCulture);
        string link = Sign(id, expires);
        string path = "/approvals/" + link;
        var baseUrl = _options.PublicUrl ?? _listening() ?? new Uri($"http://localhost:{_options.Port}/");
        string url = new Uri(baseUrl, path.TrimStart('/')).ToString();
        var notification = new JObject(
            ["approvalId", "subject", "message", "details", "executionArn", "state", "path", "url", "expiresAt"],
            [JNode.From(id), JNode.From(subject), message, parameters["Details"] ?? JNode.Null, JNode.From(invocation.ExecutionId),
             JNode.From(invocation.StateName), JNode.From(path), JNode.From(url), JNode.From(Iso(expires))]);
        await _outbox.PublishAsync([new OutgoingEvent(Bus, "platform.approvals", "Platform.ApprovalRequested", notification, now, [invocation.ExecutionId])], cancellationToken);
        return TaskOutcome.Success(new JObject(["ApprovalId", "Path", "Url", "ExpiresAt"], [JNode.From(id), JNode.From(path), JNode.From(url), JNode.From(Iso(expires))]));
    }

    /// <summary>Checks a link: its signature first (so nothing unsigned is looked up), then its expiry, then its record.</summary>
    public async Task<ApprovalCheck> CheckAsync(string link, CancellationToken cancellationToken)
    {
        string[] parts = link.Split('.');
        if (parts.Length != 3 || parts[0].Length != 32 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || seconds > 253_402_300_799)
        {
            return new(ApprovalLinkStatus.Tampered, "This approval link is not valid: it is malformed (altered or truncated). Nothing was changed.");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0], expires)), Encoding.ASCII.GetBytes(link)))
        {
            return new(ApprovalLinkStatus.Tampered, "This approval link is not valid: its signature does not match (the link was altered). Nothing was changed.");
        }

        if (_options.TimeProvider.GetUtcNow() >= expires)
        {
            return new(ApprovalLinkStatus.Expired, $"This approval link expired at {Iso(expires)}. Nothing was changed.");
        }

        var item = await _tables.GetAsync(Table, Partition, parts[0], cancellationToken);
        if (item is null)
        {
            return new(ApprovalLinkStatus.Unknown, "This approval link is signed by this server, but its approval is unknown here (its data was removed). Nothing was changed.");
        }

        return Text(item, "status") == "pending"
            ? new(ApprovalLinkStatus.Pending, "Waiting for a decision.", item)
            : new(ApprovalLinkStatus.Used, $"This approval link has already been used: {Text(item, "status")} at {Text(item, "decidedAt")}. Nothing was changed.", item);
    }

    /// <summary>Decides a pending approval once: claims the record (conditional on its ETag), then answers the task.</summary>
    /// <returns>The check that refused the decision, or a <see cref="ApprovalLinkStatus.Pending"/> check whose reason says what was done.</returns>
    public async Task<ApprovalCheck> DecideAsync(string link, bool approved, string? comment, DurableHost durable, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(link, cancellationToken);
        if (check.Status != ApprovalLinkStatus.Pending)
        {
            return check;
        }

        var item = check.Item!;
        string decidedAt = Iso(_options.TimeProvider.GetUtcNow());
        string status = approved ? "approved" : "rejected";
        try
        {
            item = await _tables.PutAsync(
                Table, Partition, item.SortKey,
                item.Attributes.With("status", JNode.From(status)).With("decidedAt", JNode.From(decidedAt)).With("comment", comment is null ? JNode.Null : JNode.From(comment)),
                TableWriteCondition.IfMatch(item.ETag), cancellationToken);
        }
        catch (TableStoreException ex) when (ex.Code == TableStoreError.ConditionFailed)
        {
            return await CheckAsync(link, cancellationToken);
        }

        var output = new JObject(
            ["approved", "approvalId", "comment", "decidedAt"],
            [JNode.From(approved), JNode.From(item.SortKey), comment is null ? JNode.Null : JNode.From(comment), JNode.From(decidedAt)]);
        try
        {
            await durable.SendTaskSuccessAsync(Text(item, "token"), output);
        }
        catch (TaskCallbackException ex)
        {
            await _tables.PutAsync(Table, Partition, item.SortKey, item.Attributes.With("status", JNode.From("not delivered")).With("cause", JNode.From(ex.Message)), TableWriteCondition.IfMatch(item.ETag), cancellationToken);
            return new(ApprovalLinkStatus.Expired, $"The workflow no longer waits for this approval ({ex.Message}). The decision was not delivered.", item);
        }

        return new(ApprovalLinkStatus.Pending, approved ? "Approved. The workflow continues." : "Rejected. The workflow continues with the rejection.", item);
    }

    /// <inheritdoc />
    public void Dispose() => _outbox.Dispose();

    internal static string Text(TableItem item, string attribute) => item.Attributes[attribute] is JString { Value: var value } ? value : string.Empty;

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static TaskOutcome Refuse(TaskInvocation invocation, string why) =>
        TaskOutcome.Failure(StatesErrors.Runtime, $"{Resource}: {why} (state '{invocation.StateName}').");

    private static byte[] LoadKey(string path)
    {
        if (File.Exists(path))
        {
            byte[] existing = File.ReadAllBytes(path);
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        byte[] key = RandomNumberGenerator.GetBytes(32);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, key);
        File.Move(temporary, path, overwrite: true);
        return key;
    }

    private string Sign(string id, DateTimeOffset expires)
    {
        string body = id + "." + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return body + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body)));
    }
}
