using Platform.Asl.Paths;

namespace Platform.Asl.Intrinsics;

/// <summary>What one evaluation of an intrinsic call runs against: the context and the field it fills (for messages).</summary>
/// <param name="Context">The input, Context Object, variables and id source.</param>
/// <param name="Field">The field being computed, e.g. <c>value.$</c>, or <see langword="null"/> when unknown.</param>
internal readonly record struct IntrinsicScope(EvaluationContext Context, string? Field);
