using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Engine.Tasks;

/// <summary>Issues and verifies task tokens: opaque to users, self-verifying, signed and expiring.</summary>
/// <remarks>
/// <para>A token names the execution and the wait it resumes and carries its expiry, all signed with HMAC-SHA256 under a
/// key from configuration, so SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat and approval links can check a token
/// without a lookup, and a forged or altered one changes nothing. Whether a token was already used is the host's to know
/// (the wait it names has ended).</para>
/// <para>Issuing is a pure function of its arguments and the key, so an orchestrator may issue a token and issue the
/// same one again when it replays.</para>
/// <para>Format: <c>v1.</c> + base64url(execution id, 0x1F, wait id, 0x1F, expiry in Unix seconds) + <c>.</c> +
/// base64url(HMAC-SHA256 over everything before it).</para>
/// </remarks>
public sealed class TaskTokens
{
    private const string Version = "v1";
    private const char Separator = '\u001f';
    private const int SignatureBytes = 32;

    /// <summary>The suffix of the external event that SendTaskHeartbeat raises: the wait id + this.</summary>
    /// <remarks>SendTaskSuccess and SendTaskFailure raise the event named by the wait id itself, with a
    /// <see cref="TaskOutcome"/> as its payload.</remarks>
    public const string HeartbeatEventSuffix = ":heartbeat";

    /// <summary>AWS's limit on a task token's length.</summary>
    public const int MaxLength = 1024;

    private readonly byte[] _key;

    /// <summary>Creates the codec for a signing key of at least 32 bytes.</summary>
    public TaskTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("A task-token key needs at least 32 bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Issues the token of one wait.</summary>
    /// <param name="executionId">The execution (instance) the token resumes.</param>
    /// <param name="waitId">The wait inside it (the external event's name).</param>
    /// <param name="expiresUtc">When the token stops being accepted.</param>
    public string Issue(string executionId, string waitId, DateTime expiresUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionId);
        ArgumentException.ThrowIfNullOrEmpty(waitId);
        if (executionId.Contains(Separator, StringComparison.Ordinal) || waitId.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException("Execution and wait ids cannot contain the unit separator.");
        }

        long expiry = new DateTimeOffset(DateTime.SpecifyKind(expiresUtc, DateTimeKind.Utc)).ToUnixTimeSeconds();
        string body = Version + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{executionId}{Separator}{waitId}{Separator}{expiry}")));
        string token = body + "." + Base64Url.EncodeToString(Sign(body));
        return token.Length <= MaxLength
            ? token
            : throw new ArgumentException($"The task token would be {token.Length} characters, over AWS's limit of {MaxLength}; shorten the execution id.");
    }

    /// <summary>Verifies a token at <paramref name="nowUtc"/>: what it names when it is good, or why it is not.</summary>
    public TaskTokenCheck Verify(string? token, DateTime nowUtc)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TaskTokenCheck.Invalid("the task token is empty");
        }

        if (token.Length > MaxLength)
        {
            return TaskTokenCheck.Invalid($"the task token is {token.Length} characters, over the limit of {MaxLength}");
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return TaskTokenCheck.Invalid("the task token is not one this platform issued (malformed)");
        }

        string body = parts[0] + "." + parts[1];
        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return TaskTokenCheck.Invalid("the task token is not one this platform issued (malformed)");
        }

        if (signature.Length != SignatureBytes || !CryptographicOperations.FixedTimeEquals(signature, Sign(body)))
        {
            return TaskTokenCheck.Invalid("the task token's signature does not match: it was altered or forged");
        }

        var fields = Encoding.UTF8.GetString(payload).Split(Separator);
        if (fields.Length != 3 || !long.TryParse(fields[2], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long expiry))
        {
            return TaskTokenCheck.Invalid("the task token is not one this platform issued (malformed)");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiry).UtcDateTime;
        return nowUtc >= expires
            ? TaskTokenCheck.Expired(fields[0], fields[1], expires)
            : TaskTokenCheck.Valid(fields[0], fields[1], expires);
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body));
}

/// <summary>The verdict on a task token.</summary>
/// <param name="Status">Valid, expired, or invalid (malformed, forged, altered).</param>
/// <param name="ExecutionId">The execution it names (valid and expired tokens).</param>
/// <param name="WaitId">The wait it names (valid and expired tokens).</param>
/// <param name="ExpiresUtc">When it expires (valid and expired tokens).</param>
/// <param name="Reason">Why it is not valid, for the error message.</param>
public sealed record TaskTokenCheck(TaskTokenStatus Status, string? ExecutionId, string? WaitId, DateTime? ExpiresUtc, string? Reason)
{
    /// <summary>Gets a value indicating whether the token may be used.</summary>
    public bool IsValid => Status == TaskTokenStatus.Valid;

    internal static TaskTokenCheck Valid(string executionId, string waitId, DateTime expires) => new(TaskTokenStatus.Valid, executionId, waitId, expires, null);

    internal static TaskTokenCheck Expired(string executionId, string waitId, DateTime expires) =>
        new(TaskTokenStatus.Expired, executionId, waitId, expires, $"the task token expired at {expires:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    internal static TaskTokenCheck Invalid(string reason) => new(TaskTokenStatus.Invalid, null, null, null, reason);
}

/// <summary>What a task token check found.</summary>
public enum TaskTokenStatus
{
    /// <summary>Signed by this platform and not expired.</summary>
    Valid,

    /// <summary>Signed by this platform, but past its expiry.</summary>
    Expired,

    /// <summary>Malformed, forged or altered.</summary>
    Invalid,
}
