namespace Platform.Asl.Jsonata;

/// <summary>A function with some arguments bound and the others (the <c>?</c> placeholders) left open.</summary>
internal sealed class PartialFunction : JFunction
{
    public PartialFunction(JFunction target, List<object?> arguments, List<bool> holes)
    {
        Target = target;
        Arguments = arguments;
        Holes = holes;
    }

    public JFunction Target { get; }

    public List<object?> Arguments { get; }

    public List<bool> Holes { get; }

    public override int Arity => Holes.Count(h => h);
}
