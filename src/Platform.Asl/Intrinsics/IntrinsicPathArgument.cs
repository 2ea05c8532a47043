using Platform.Asl.DataFlow;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Intrinsics;

/// <summary>A path argument (<c>$…</c>, <c>$$…</c> or <c>$name…</c>).</summary>
internal sealed class IntrinsicPathArgument : IntrinsicExpression
{
    public IntrinsicPathArgument(int position, string text, JsonPath path)
        : base(position, text) => Path = path;

    /// <summary>Gets the compiled path.</summary>
    public JsonPath Path { get; }

    /// <inheritdoc />
    public override JsonKind? StaticKind => null;

    /// <inheritdoc />
    public override string Description => "a path";

    /// <inheritdoc />
    public override JNode Evaluate(in IntrinsicScope scope) => PathLookup.Resolve(Path, scope.Context, scope.Field);
}
