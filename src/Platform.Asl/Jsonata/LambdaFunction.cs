namespace Platform.Asl.Jsonata;

/// <summary>A user-defined function with its closure.</summary>
internal sealed class LambdaFunction : JFunction
{
    public required Node Body { get; init; }

    public required object? Input { get; init; }

    public required Frame Environment { get; init; }

    public required List<string> Parameters { get; init; }

    public bool Thunk { get; init; }

    public override int Arity => Parameters.Count;
}
