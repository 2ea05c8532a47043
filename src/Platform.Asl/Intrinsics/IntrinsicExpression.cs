using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>One node of a parsed intrinsic expression: a literal, a path or a call.</summary>
internal abstract class IntrinsicExpression
{
    protected IntrinsicExpression(int position, string text)
    {
        Position = position;
        Text = text;
    }

    /// <summary>Gets the 0-based position of the expression in the whole text.</summary>
    public int Position { get; }

    /// <summary>Gets the expression as written.</summary>
    public string Text { get; }

    /// <summary>Gets the kind of value the expression always yields, or <see langword="null"/> when only evaluation tells.</summary>
    public abstract JsonKind? StaticKind { get; }

    /// <summary>Gets a short description for definition-time messages, e.g. <c>a string literal</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Computes the value.</summary>
    public abstract JNode Evaluate(in IntrinsicScope scope);
}
