namespace Platform.Asl.Intrinsics;

/// <summary>A definition-time problem found in a call: where (0-based, in the whole text) and why.</summary>
/// <param name="Position">The position of the offending token.</param>
/// <param name="Reason">What is wrong.</param>
internal readonly record struct IntrinsicProblem(int Position, string Reason);
