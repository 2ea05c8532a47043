using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>States.MathAdd and States.MathRandom.</summary>
internal static class MathIntrinsics
{
    /// <summary>Adds two numbers after rounding each half up, as AWS does (1.5 + 1.51 = 4, -2.5 + 0 = -2).</summary>
    public static JNode MathAdd(IntrinsicInvocation call) =>
        JNumber.Create((long)call.RoundedInteger(0) + call.RoundedInteger(1));

    /// <summary>
    /// Returns an integer in [start, end): <c>start + new java.util.Random(seed).nextInt(end - start)</c>; without a seed,
    /// the seed comes from the context's deterministic id source so that replays repeat the result.
    /// </summary>
    public static JNode MathRandom(IntrinsicInvocation call)
    {
        int start = call.RoundedInteger(0);
        int end = call.RoundedInteger(1);
        long seed;
        if (call.Arguments.Length > 2)
        {
            double rounded = IntrinsicInvocation.JavaRound(call.Number(2));
            if (rounded < long.MinValue || rounded >= 9.2233720368547758E18)
            {
                throw call.Fail($"the seed (argument 3) must fit in 64 bits, but was {JNumber.Format(call.Number(2))}");
            }

            seed = (long)rounded;
        }
        else
        {
            seed = BitConverter.ToInt64(call.Scope.Context.NewGuid().ToByteArray(), 0);
        }

        long bound = (long)end - start;
        if (bound <= 0)
        {
            throw call.Fail($"the end ({end}) must be greater than the start ({start})");
        }

        if (bound > int.MaxValue)
        {
            throw call.Fail($"the range from {start} to {end} is wider than {int.MaxValue}");
        }

        return JNumber.Create(start + (long)new JavaRandom(seed).NextInt((int)bound));
    }

    /// <summary>Rejects literal bounds whose end is not above the start.</summary>
    public static IntrinsicProblem? ValidateMathRandom(IntrinsicCall call) =>
        call.Arguments is [IntrinsicLiteral { Value: JNumber start }, IntrinsicLiteral { Value: JNumber end } literalEnd, ..]
        && IntrinsicInvocation.JavaRound(end.Value) <= IntrinsicInvocation.JavaRound(start.Value)
            ? new IntrinsicProblem(literalEnd.Position, $"the end of States.MathRandom must be greater than its start, but is {literalEnd.Text}")
            : null;
}
