namespace Platform.Asl.Intrinsics;

/// <summary>
/// The linear congruential generator of <c>java.util.Random</c>, bit for bit: AWS runs on Java, so a seeded
/// <c>States.MathRandom</c> must produce the numbers Java produces for the same seed.
/// </summary>
internal sealed class JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Addend = 0xBL;
    private const long Mask = (1L << 48) - 1;

    private long _seed;

    /// <summary>Creates a generator, scrambling the seed as <c>new Random(seed)</c> does.</summary>
    public JavaRandom(long seed) => _seed = (seed ^ Multiplier) & Mask;

    /// <summary>Returns a value in [0, <paramref name="bound"/>), as <c>Random.nextInt(int)</c>.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        int r = Next(31);
        int m = bound - 1;
        if ((bound & m) == 0)
        {
            return (int)((bound * (long)r) >> 31);
        }

        for (int u = r; u - (r = u % bound) + m < 0; u = Next(31))
        {
        }

        return r;
    }

    /// <summary>Returns any 32-bit value, as <c>Random.nextInt()</c>.</summary>
    public int NextInt() => Next(32);

    /// <summary>Returns a value in [0, 1), as <c>Random.nextDouble()</c>.</summary>
    public double NextDouble() => (((long)Next(26) << 27) + Next(27)) * (1.0 / (1L << 53));

    private int Next(int bits)
    {
        _seed = unchecked((_seed * Multiplier) + Addend) & Mask;
        return unchecked((int)((ulong)_seed >> (48 - bits)));
    }
}
