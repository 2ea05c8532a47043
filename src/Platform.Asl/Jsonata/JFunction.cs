namespace Platform.Asl.Jsonata;

/// <summary>A function value: a lambda, a built-in, a partial application or a regex matcher.</summary>
internal abstract class JFunction
{
    public Signature? Signature { get; init; }

    public abstract int Arity { get; }
}
