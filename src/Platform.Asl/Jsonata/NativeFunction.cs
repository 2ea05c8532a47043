namespace Platform.Asl.Jsonata;

/// <summary>A built-in function.</summary>
internal sealed class NativeFunction : JFunction
{
    public NativeFunction(string name, string signature, Func<CallContext, List<object?>, object?> implementation)
    {
        Name = name;
        Implementation = implementation;
        Signature = Signature.Parse(signature);
        RequiredArity = Signature.RequiredCount;
    }

    public string Name { get; }

    public Func<CallContext, List<object?>, object?> Implementation { get; }

    public override int Arity => Signature!.Arity;

    /// <summary>Gets or sets the number of parameters a higher-order function passes (JavaScript's function length).</summary>
    public int RequiredArity { get; set; }
}
