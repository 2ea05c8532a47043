namespace Platform.Asl.Jsonata;

/// <summary>What a built-in sees of its call: the evaluator, the context value and the scope.</summary>
internal readonly record struct CallContext(Evaluator Evaluator, object? Input, Frame Environment);
