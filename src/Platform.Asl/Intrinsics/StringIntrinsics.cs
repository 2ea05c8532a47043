using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Intrinsics;

/// <summary>States.Format and States.StringSplit.</summary>
internal static class StringIntrinsics
{
    /// <summary>Replaces each <c>{}</c> of the template with the next argument's Java text form.</summary>
    public static JNode Format(IntrinsicInvocation call)
    {
        string template = call.String(0);
        int[] placeholders = call.Call.Arguments[0] is IntrinsicLiteral literal ? literal.Placeholders : FindPlaceholders(template);
        int values = call.Arguments.Length - 1;
        if (placeholders.Length != values)
        {
            throw call.Fail($"the template has {Count(placeholders.Length, "placeholder")} but {Count(values, "value")} {(values == 1 ? "was" : "were")} given");
        }

        if (values == 0)
        {
            return call.Arguments[0];
        }

        var sb = new StringBuilder(template.Length + (16 * values));
        int from = 0;
        for (int i = 0; i < placeholders.Length; i++)
        {
            sb.Append(template, from, placeholders[i] - from);
            sb.Append(JavaText.ToJavaString(call.Arguments[i + 1]));
            from = placeholders[i] + 2;
        }

        sb.Append(template, from, template.Length - from);
        return new JString(sb.ToString());
    }

    /// <summary>Checks, when the template is a literal, that its placeholders match the arguments.</summary>
    public static IntrinsicProblem? ValidateFormat(IntrinsicCall call)
    {
        if (call.Arguments[0] is IntrinsicLiteral { Value: JString } template)
        {
            int placeholders = template.Placeholders.Length;
            int values = call.Arguments.Length - 1;
            if (placeholders != values)
            {
                return new IntrinsicProblem(
                    template.Position,
                    $"the template of States.Format has {Count(placeholders, "placeholder")} '{{}}' but {Count(values, "value")} {(values == 1 ? "follows" : "follow")} it");
            }
        }

        return null;
    }

    /// <summary>Splits on every delimiter character, dropping empty tokens (as <c>java.util.StringTokenizer</c>).</summary>
    public static JNode StringSplit(IntrinsicInvocation call)
    {
        string text = call.String(0);
        string delimiters = call.String(1);
        var tokens = new List<JNode>();
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            bool isDelimiter = delimiters.Contains(text[i], StringComparison.Ordinal);
            if (isDelimiter)
            {
                if (start >= 0)
                {
                    tokens.Add(new JString(text[start..i]));
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(new JString(text[start..]));
        }

        return tokens.Count == 0 ? JArray.Empty : new JArray([.. tokens]);
    }

    private static int[] FindPlaceholders(string template)
    {
        List<int>? found = null;
        for (int i = template.IndexOf("{}", StringComparison.Ordinal); i >= 0; i = template.IndexOf("{}", i + 2, StringComparison.Ordinal))
        {
            (found ??= []).Add(i);
        }

        return found?.ToArray() ?? [];
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
