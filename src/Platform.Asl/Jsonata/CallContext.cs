namespace Platform.Asl.Jsonata;

/// <summary>What a built-in sees of its call: the evaluator, the context value and the scope.</summary>
internal sealed record CallContext(Evaluator Evaluator, object? Input, Frame Environment);
