using System.Security.Cryptography;

namespace Platform.Server.Hosting;

/// <summary>Random (version 4) UUIDs for request ids and execution names, without a system call each.</summary>
/// <remarks><see cref="Guid.NewGuid"/> reads 16 bytes from the kernel every time (a <c>read</c> of <c>/dev/urandom</c>
/// here); a small request makes three. These come from the same cryptographic generator, 32 at a time per thread.</remarks>
internal static class RandomIds
{
    private const int Batch = 32 * 16;

    [ThreadStatic]
    private static byte[]? t_bytes;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A new random UUID (RFC 9562 version 4, variant 10).</summary>
    public static Guid NewGuid()
    {
        var bytes = t_bytes ??= new byte[Batch];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(bytes);
        }

        var guid = bytes.AsSpan(t_next, 16);
        t_next = (t_next + 16) % Batch;

        // As Guid.NewGuid marks it: the version in the high nibble of the third group, the variant in the fourth.
        guid[7] = (byte)((guid[7] & 0x0F) | 0x40);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid);
    }

    /// <summary>A new random UUID in its usual text form (<c>xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx</c>).</summary>
    public static string NewString() => NewGuid().ToString();
}
