using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>A literal argument: a quoted string, a number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class IntrinsicLiteral : IntrinsicExpression
{
    public IntrinsicLiteral(int position, string text, JNode value, int[]? placeholders = null)
        : base(position, text)
    {
        Value = value;
        Placeholders = placeholders ?? [];
    }

    /// <summary>Gets the value (escapes already decoded for strings).</summary>
    public JNode Value { get; }

    /// <summary>Gets the offsets, in the decoded string, of each unescaped <c>{}</c> (escaped braces are not placeholders).</summary>
    public int[] Placeholders { get; }

    /// <inheritdoc />
    public override JsonKind? StaticKind => Value.Kind;

    /// <inheritdoc />
    public override string Description => Value.Kind switch
    {
        JsonKind.String => "a string literal",
        JsonKind.Number => "a number literal",
        JsonKind.Boolean => "a boolean literal",
        _ => "the null literal",
    };

    /// <inheritdoc />
    public override JNode Evaluate(in IntrinsicScope scope) => Value;
}
