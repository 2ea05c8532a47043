using System.Diagnostics.CodeAnalysis;
using Platform.Asl.Json;
using Platform.Asl.Paths;

namespace Platform.Asl.Intrinsics;

/// <summary>A compiled intrinsic function call such as <c>States.Format('{}', $.x)</c> (STUB: replaced by the implementation).</summary>
public sealed class IntrinsicFunction
{
    private IntrinsicFunction(string text) => Text = text;

    /// <summary>Gets the expression as written.</summary>
    public string Text { get; }

    /// <summary>Tells whether a <c>.$</c> value is meant as an intrinsic call rather than a path (it does not start with <c>$</c>).</summary>
    public static bool IsIntrinsicSyntax(string text) => text.Length > 0 && text[0] != '$';

    /// <summary>Parses an intrinsic call, checking names, argument counts and literal argument types.</summary>
    /// <exception cref="IntrinsicSyntaxException">The text is not a valid call.</exception>
    public static IntrinsicFunction Parse(string text) => throw new NotImplementedException();

    /// <summary>Parses an intrinsic call, returning the error instead of throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IntrinsicFunction? function, [NotNullWhen(false)] out string? error) =>
        throw new NotImplementedException();

    /// <summary>Evaluates the call.</summary>
    /// <exception cref="Errors.StatesException"><c>States.IntrinsicFailure</c> or <c>States.Runtime</c> with AWS's cause.</exception>
    public JNode Evaluate(EvaluationContext context) => throw new NotImplementedException();
}
