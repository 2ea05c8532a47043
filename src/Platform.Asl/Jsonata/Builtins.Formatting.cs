using Platform.Asl.Json;
using Platform.Asl.Jsonata.Formatting;

namespace Platform.Asl.Jsonata;

/// <summary>The picture-string functions, delegating to <see cref="JsonataFormatting"/>.</summary>
internal static partial class Builtins
{
    private static void RegisterFormatting(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("formatNumber", "<n-so?:s>", (_, a) => a[0] is double d && Arg(a, 1) is string picture
            ? Format(() => JsonataFormatting.FormatNumber(d, picture, Values.ToJson(Arg(a, 2)) as JObject))
            : null);
        def("formatBase", "<n-n?:s>", (_, a) => a[0] is double d
            ? Format(() => JsonataFormatting.FormatBase(d, Arg(a, 1) as double? ?? 10))
            : null);
        def("formatInteger", "<n-s:s>", (_, a) => a[0] is double d && Arg(a, 1) is string picture
            ? Format(() => JsonataFormatting.FormatInteger(d, picture))
            : null);
        def("parseInteger", "<s-s:n>", (_, a) =>
        {
            if (a[0] is not string s || Arg(a, 1) is not string picture)
            {
                return null;
            }

            double v = Format(() => JsonataFormatting.ParseInteger(s, picture));
            return double.IsFinite(v) ? v : null;
        });
        def("fromMillis", "<n-s?s?:s>", (_, a) => a[0] is double d
            ? Format(() => JsonataFormatting.FromMillis((long)Math.Floor(d), Arg(a, 1) as string, Arg(a, 2) as string))
            : null);
        def("toMillis", "<s-s?:n>", (ctx, a) =>
        {
            if (a[0] is not string s)
            {
                return null;
            }

            long? ms = Format(() => JsonataFormatting.ToMillis(s, Arg(a, 1) as string, ctx.Evaluator.Timestamp));
            return ms is { } m ? (double)m : null;
        });
        def("now", "<s?s?:s>", (ctx, a) =>
        {
            long millis = ctx.Evaluator.Timestamp.ToUnixTimeMilliseconds();
            return Format(() => JsonataFormatting.FromMillis(millis, Arg(a, 0) as string, Arg(a, 1) as string));
        });
    }

    private static T Format<T>(Func<T> format)
    {
        try
        {
            return format();
        }
        catch (JsonataFormattingException e)
        {
            throw new JsonataException(e.Code, e.Message, -1);
        }
    }
}
