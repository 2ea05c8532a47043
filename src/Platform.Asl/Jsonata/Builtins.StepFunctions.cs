using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Asl.Intrinsics;
using Platform.Asl.Json;

namespace Platform.Asl.Jsonata;

/// <summary>The functions AWS Step Functions adds to JSONata: $partition, $range, $hash, $random with a seed, $uuid, $parse.</summary>
/// <remarks>Semantics follow AWS's recorded values (asl-reference §2.6); where AWS is silent, the third-party behaviour it
/// lists (undefined for an empty array or a zero or mismatched step; arguments truncated toward zero).</remarks>
internal static partial class Builtins
{
    private const int MaxRangeItems = 360_145;

    private static void RegisterStepFunctions(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("partition", "<an:a>", (_, a) => Partition(a[0] as JList, Arg(a, 1)));
        def("range", "<nnn?:a>", (_, a) => Range(a[0], Arg(a, 1), Arg(a, 2)));
        def("hash", "<xs:s>", (_, a) => Hash(a[0], Arg(a, 1) as string));
        def("random", "<n?:n>", (ctx, a) => Arg(a, 0) is double seed
            ? new JavaRandom((long)Math.Truncate(seed)).NextDouble()
            : UnitInterval(ctx.Evaluator.NewGuid()));
        def("uuid", "<:s>", (ctx, _) => ctx.Evaluator.NewGuid().ToString());
        def("parse", "<s:x>", (_, a) => a[0] is string text ? Parse(text) : null);
    }

    private static JList? Partition(JList? array, object? sizeArgument)
    {
        if (array is null || array.Count == 0 || sizeArgument is not double sizeValue)
        {
            return null;
        }

        double truncated = Math.Truncate(sizeValue);
        if (truncated < 1)
        {
            return null;
        }

        int size = truncated >= int.MaxValue ? int.MaxValue : (int)truncated;
        var result = new JList();
        for (int start = 0; start < array.Count; start += size)
        {
            result.Add(new JList(array.GetRange(start, Math.Min(size, array.Count - start))));
            if (array.Count - start <= size)
            {
                break;
            }
        }

        return result;
    }

    private static JList? Range(object? startArgument, object? endArgument, object? stepArgument)
    {
        if (startArgument is not double startValue || endArgument is not double endValue || stepArgument is not double stepValue)
        {
            return null;
        }

        double start = Math.Truncate(startValue), end = Math.Truncate(endValue), step = Math.Truncate(stepValue);
        if (step == 0 || (end - start) * step < 0)
        {
            return null;
        }

        double count = Math.Floor((end - start) / step) + 1;
        if (count > MaxRangeItems)
        {
            throw new JsonataException("D3137", $"$range would produce {count} items; the most it may produce is {MaxRangeItems}");
        }

        var result = JList.CreateSequence();
        for (int i = 0; i < count; i++)
        {
            result.Add(start + (i * step));
        }

        return result;
    }

    private static string? Hash(object? value, string? algorithm)
    {
        if (value is null)
        {
            return null;
        }

        string text = value as string ?? Values.ToJson(value)?.ToString() ?? string.Empty;
        byte[] data = Encoding.UTF8.GetBytes(text);
        // MD5 and SHA-1 are offered because AWS offers them (checksums, not security).
#pragma warning disable CA5350, CA5351
        byte[] digest = algorithm switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            _ => throw new JsonataException("D3137", $"$hash: unsupported algorithm '{algorithm}'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"),
        };
#pragma warning restore CA5350, CA5351
        return Convert.ToHexString(digest).ToLower(CultureInfo.InvariantCulture);
    }

    private static object? Parse(string text)
    {
        try
        {
            return Values.FromJson(JsonParser.Parse(text));
        }
        catch (JsonParseException ex)
        {
            throw new JsonataException("D3137", $"$parse: the string is not valid JSON: {ex.Reason}");
        }
    }

    /// <summary>A number in [0, 1) from 53 bits of a GUID (the evaluation environment's, so replay gives the same).</summary>
    internal static double UnitInterval(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        ulong bits = BitConverter.ToUInt64(bytes[..8]) ^ BitConverter.ToUInt64(bytes[8..]);
        return (bits >> 11) * (1.0 / (1UL << 53));
    }
}
