using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>States.Base64Encode, States.Base64Decode and States.Hash.</summary>
internal static class EncodingIntrinsics
{
    /// <summary>The longest input (in UTF-16 code units, as Java's <c>String.length()</c>) these functions accept.</summary>
    public const int MaxInputLength = 10_000;

    private static readonly string[] Algorithms = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

    /// <summary>Encodes the UTF-8 bytes of a string as Base64.</summary>
    public static JNode Base64Encode(IntrinsicInvocation call)
    {
        string text = call.String(0);
        CheckLength(call, text, "the string to encode");
        return new JString(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Decodes Base64 (line breaks and missing padding tolerated) into a UTF-8 string.</summary>
    public static JNode Base64Decode(IntrinsicInvocation call)
    {
        string text = call.String(0);
        CheckLength(call, text, "the string to decode");
        var compact = new StringBuilder(text.Length + 2);
        foreach (char c in text)
        {
            if (c is not ('\r' or '\n' or ' ' or '\t'))
            {
                compact.Append(c);
            }
        }

        switch (compact.Length % 4)
        {
            case 2: compact.Append("=="); break;
            case 3: compact.Append('='); break;
        }

        try
        {
            return new JString(Encoding.UTF8.GetString(Convert.FromBase64String(compact.ToString())));
        }
        catch (FormatException)
        {
            throw call.Fail($"argument 1 is not valid Base64: {IntrinsicInvocation.Preview(call.Arguments[0])}");
        }
    }

    /// <summary>Hashes a string (other values: their JSON text) with MD5 or a SHA algorithm, as lower-case hex.</summary>
    public static JNode Hash(IntrinsicInvocation call)
    {
        var data = call.Arguments[0];
        string text = data is JString s ? s.Value : JavaText.ToJacksonJson(data);
        CheckLength(call, text, "the data to hash");
        string algorithm = call.String(1);
        if (Array.IndexOf(Algorithms, algorithm) < 0)
        {
            throw call.Fail($"the algorithm must be one of {string.Join(", ", Algorithms)}, but was '{algorithm}'");
        }

        return new JString(Convert.ToHexStringLower(Digest(algorithm, Encoding.UTF8.GetBytes(text))));
    }

    /// <summary>Rejects a literal algorithm name that is not supported.</summary>
    public static IntrinsicProblem? ValidateHash(IntrinsicCall call) =>
        call.Arguments[1] is IntrinsicLiteral { Value: JString name } literal && Array.IndexOf(Algorithms, name.Value) < 0
            ? new IntrinsicProblem(literal.Position, $"the algorithm of States.Hash must be one of {string.Join(", ", Algorithms)}, but is {literal.Text}")
            : null;

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "States.Hash offers SHA-1 for compatibility; it is not used for security here.")]
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "States.Hash offers MD5 for compatibility; it is not used for security here.")]
    private static byte[] Digest(string algorithm, byte[] data) => algorithm switch
    {
        "MD5" => MD5.HashData(data),
        "SHA-1" => SHA1.HashData(data),
        "SHA-256" => SHA256.HashData(data),
        "SHA-384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private static void CheckLength(IntrinsicInvocation call, string text, string what)
    {
        if (text.Length > MaxInputLength)
        {
            throw call.Fail($"{what} has {text.Length} characters, more than the maximum of {MaxInputLength}");
        }
    }
}
