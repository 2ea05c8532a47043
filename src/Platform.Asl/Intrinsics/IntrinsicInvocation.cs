using Platform.Asl.Errors;
using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>One run of a call: its evaluated arguments, with typed accessors that fail the way AWS does.</summary>
internal readonly struct IntrinsicInvocation
{
    private const int PreviewLength = 100;

    public IntrinsicInvocation(IntrinsicCall call, JNode[] arguments, IntrinsicScope scope)
    {
        Call = call;
        Arguments = arguments;
        Scope = scope;
    }

    /// <summary>Gets the call being run.</summary>
    public IntrinsicCall Call { get; }

    /// <summary>Gets the evaluated arguments.</summary>
    public JNode[] Arguments { get; }

    /// <summary>Gets the evaluation scope.</summary>
    public IntrinsicScope Scope { get; }

    /// <summary>Gets the function name.</summary>
    public string Name => Call.Definition.Name;

    /// <summary>Returns argument <paramref name="index"/> as a string.</summary>
    public string String(int index) => Arguments[index] is JString s ? s.Value : throw WrongKind(index, "a string");

    /// <summary>Returns argument <paramref name="index"/> as an array.</summary>
    public JArray Array(int index) => Arguments[index] as JArray ?? throw WrongKind(index, "an array");

    /// <summary>Returns argument <paramref name="index"/> as an object.</summary>
    public JObject Object(int index) => Arguments[index] as JObject ?? throw WrongKind(index, "an object");

    /// <summary>Returns argument <paramref name="index"/> as a boolean.</summary>
    public bool Boolean(int index) => Arguments[index] is JBool b ? b.Value : throw WrongKind(index, "a boolean");

    /// <summary>Returns argument <paramref name="index"/> as a number.</summary>
    public double Number(int index) => Arguments[index] is JNumber n ? n.Value : throw WrongKind(index, "a number");

    /// <summary>Returns argument <paramref name="index"/> as a whole number that fits in 32 bits.</summary>
    public int Integer(int index)
    {
        double value = Number(index);
        if (!double.IsInteger(value) || value < int.MinValue || value > int.MaxValue)
        {
            throw Fail($"argument {index + 1} must be an integer between {int.MinValue} and {int.MaxValue}, but was {JNumber.Format(value)}");
        }

        return (int)value;
    }

    /// <summary>Returns argument <paramref name="index"/> rounded as Java's <c>Math.round</c> does (half up), within 32 bits.</summary>
    public int RoundedInteger(int index)
    {
        double rounded = JavaRound(Number(index));
        if (rounded < int.MinValue || rounded > int.MaxValue)
        {
            throw Fail($"argument {index + 1} must be between {int.MinValue} and {int.MaxValue}, but was {JNumber.Format(Number(index))}");
        }

        return (int)rounded;
    }

    /// <summary>Creates the <c>States.IntrinsicFailure</c> for <paramref name="problem"/>.</summary>
    public StatesException Fail(string problem) =>
        new(StatesErrors.IntrinsicFailure, $"The intrinsic function '{Call.Text}' failed: {problem}.");

    /// <summary>Shortens a value's JSON for a message.</summary>
    public static string Preview(JNode value)
    {
        string json = value.ToString();
        return json.Length <= PreviewLength ? json : json[..PreviewLength] + "...";
    }

    /// <summary>Rounds half up (towards positive infinity), as <c>java.lang.Math.round(double)</c>.</summary>
    public static double JavaRound(double value)
    {
        double floor = Math.Floor(value);
        return value - floor >= 0.5 ? floor + 1 : floor;
    }

    private StatesException WrongKind(int index, string expected)
    {
        var actual = Arguments[index];
        return actual is JNull
            ? Fail($"argument {index + 1} must be {expected}, but was null")
            : Fail($"argument {index + 1} must be {expected}, but was {Article(actual.KindName)} {actual.KindName}: {Preview(actual)}");
    }

    private static string Article(string kind) => kind is "array" or "object" ? "an" : "a";
}
