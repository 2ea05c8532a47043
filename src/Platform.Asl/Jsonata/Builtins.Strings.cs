using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>String functions.</summary>
internal static partial class Builtins
{
    private static void RegisterStrings(Action<string, string, Func<CallContext, List<object?>, object?>> def)
    {
        def("string", "<x-b?:s>", (_, a) => a[0] is null ? null : Values.Stringify(a[0], Arg(a, 1) is true));
        def("substring", "<s-nn?:s>", (_, a) => a[0] is string s ? (Arg(a, 1) is double start ? Substring(s, start, Arg(a, 2) as double?) : s) : null);
        def("substringBefore", "<s-s:s>", (_, a) =>
        {
            if (a[0] is not string s)
            {
                return null;
            }

            if (Arg(a, 1) is not string chars)
            {
                return s;
            }

            int i = s.IndexOf(chars, StringComparison.Ordinal);
            return i >= 0 ? s[..i] : s;
        });
        def("substringAfter", "<s-s:s>", (_, a) =>
        {
            if (a[0] is not string s)
            {
                return null;
            }

            if (Arg(a, 1) is not string chars)
            {
                return s;
            }

            int i = s.IndexOf(chars, StringComparison.Ordinal);
            return i >= 0 ? s[(i + chars.Length)..] : s;
        });
        def("lowercase", "<s-:s>", (_, a) => (a[0] as string)?.ToLowerInvariant());
        def("uppercase", "<s-:s>", (_, a) => (a[0] as string)?.ToUpperInvariant());
        def("length", "<s-:n>", (_, a) => a[0] is string s ? (double)CodePoints(s).Count : null);
        def("trim", "<s-:s>", (_, a) => a[0] is string s ? Regex.Replace(s, "[ \t\n\r]+", " ").Trim(' ') : null);
        def("pad", "<s-ns?:s>", (ctx, a) => a[0] is string s
            ? Arg(a, 1) is double width ? Pad(ctx, s, width, Arg(a, 2) is string { Length: > 0 } c ? c : " ") : s
            : null);
        def("contains", "<s-(sf):b>", (_, a) => a[0] is string s ? Arg(a, 1) switch
        {
            string t => s.Contains(t, StringComparison.Ordinal),
            RegexFunction r => FirstMatch(r.Regex, s, 0) is not null,
            _ => null,
        } : null);
        def("split", "<s-(sf)n?:a<s>>", (_, a) => a[0] is string s && Arg(a, 1) is not null ? Split(s, Arg(a, 1), Arg(a, 2) as double?) : null);
        def("join", "<a<s>s?:s>", (_, a) => a[0] is JList l ? string.Join(Arg(a, 1) as string ?? string.Empty, l.Cast<string>()) : null);
        def("match", "<s-f<s:o>n?:a<o>>", (ctx, a) => a[0] is string s
            ? Arg(a, 1) is RegexFunction ? Match(s, Arg(a, 1), Arg(a, 2) as double?) : CustomMatch(ctx, s, Arg(a, 1), Arg(a, 2) as double?)
            : null);
        def("replace", "<s-(sf)(sf)n?:s>", (ctx, a) => a[0] is string s && Arg(a, 1) is not null && Arg(a, 2) is not null ? Replace(ctx, s, Arg(a, 1), Arg(a, 2), Arg(a, 3) as double?) : null);
        def("base64encode", "<s-:s>", (_, a) => a[0] is string s ? Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) : null);
        def("base64decode", "<s-:s>", (_, a) => a[0] is string s ? Base64Decode(s) : null);
        def("encodeUrlComponent", "<s-:s>", (_, a) => a[0] is string s ? UrlCodec.Encode(s, component: true) : null);
        def("encodeUrl", "<s-:s>", (_, a) => a[0] is string s ? UrlCodec.Encode(s, component: false) : null);
        def("decodeUrlComponent", "<s-:s>", (_, a) => a[0] is string s ? UrlCodec.Decode(s, component: true) : null);
        def("decodeUrl", "<s-:s>", (_, a) => a[0] is string s ? UrlCodec.Decode(s, component: false) : null);
    }

    private static Regex AsRegex(object? value) => value is RegexFunction r
        ? r.Regex
        : throw new JsonataException("T1010", "The matcher function argument passed to this function does not return the correct object structure", -1);

    internal static List<string> CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }

        return result;
    }

    private static string Substring(string str, double start, double? length)
    {
        var chars = CodePoints(str);
        int len = chars.Count;
        double st = start;
        if (len + st < 0)
        {
            st = 0;
        }

        int Clamp(double i) => (int)Math.Max(0, Math.Min(len, i < 0 ? len + Math.Ceiling(i) : Math.Floor(i)));
        int from = Clamp(st);
        int to = len;
        if (length is { } l)
        {
            if (l <= 0)
            {
                return string.Empty;
            }

            double end = st >= 0 ? st + l : len + st + l;
            to = Clamp(end);
        }

        return from >= to ? string.Empty : string.Concat(chars.Skip(from).Take(to - from));
    }

    private static string Pad(CallContext ctx, string s, double width, string padChar)
    {
        ctx.Evaluator.CheckSize((int)Math.Min(Math.Abs(width), int.MaxValue));
        int padLength = (int)Math.Abs(width) - CodePoints(s).Count;
        if (padLength <= 0 || padChar.Length == 0)
        {
            return s;
        }

        // Count the pad's code points once and repeat it; re-counting the growing padding each time was quadratic.
        int perPad = CodePoints(padChar).Count;
        int repeats = (padLength + perPad - 1) / perPad;
        var padding = new StringBuilder(repeats * padChar.Length);
        for (int i = 0; i < repeats; i++)
        {
            padding.Append(padChar);
        }

        string pad = Substring(padding.ToString(), 0, padLength);
        return width > 0 ? s + pad : pad + s;
    }

    private static string Base64Decode(string s)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            throw new JsonataException("D3137", "Invalid base64 string", -1);
        }
    }

    internal static Match? FirstMatch(Regex regex, string s, int start)
    {
        var m = regex.Match(s, start);
        if (!m.Success)
        {
            return null;
        }

        if (m.Length == 0)
        {
            throw new JsonataException("D1004", "Regular expression matches zero length string", -1);
        }

        return m;
    }

    internal static JMap MatchObject(Match m)
    {
        var groups = new JList();
        for (int g = 1; g < m.Groups.Count; g++)
        {
            groups.Add(m.Groups[g].Success ? m.Groups[g].Value : string.Empty);
        }

        return new JMap { ["match"] = m.Value, ["index"] = (double)m.Index, ["groups"] = groups };
    }

    internal static object? RegexMatch(Regex regex, string? s, int start)
    {
        if (s is null)
        {
            return null;
        }

        var m = FirstMatch(regex, s, start);
        return m is null ? null : MatchObject(m);
    }

    private static JList Match(string s, object? pattern, double? limit)
    {
        if (limit < 0)
        {
            throw new JsonataException("D3040", "Third argument of match function must evaluate to a positive number", -1);
        }

        var regex = AsRegex(pattern);
        var result = JList.CreateSequence();
        int position = 0;
        while (limit is null || result.Count < limit)
        {
            var m = FirstMatch(regex, s, position);
            if (m is null)
            {
                break;
            }

            result.Add(MatchObject(m));
            position = m.Index + m.Length;
        }

        return result;
    }

    private static JList CustomMatch(CallContext ctx, string s, object? matcher, double? limit)
    {
        var result = JList.CreateSequence();
        var found = CallMatcher(ctx, matcher, [s]);
        while (found is not null && (limit is null || result.Count < limit))
        {
            result.Add(new JMap { ["match"] = found.GetValueOrDefault("match"), ["index"] = found.GetValueOrDefault("start"), ["groups"] = found.GetValueOrDefault("groups") });
            found = CallMatcher(ctx, found.GetValueOrDefault("next"), []);
            ctx.Evaluator.CheckTime();
        }

        return result;
    }

    private static JMap? CallMatcher(CallContext ctx, object? matcher, List<object?> args)
    {
        var result = ctx.Evaluator.Apply(matcher, args, null, ctx.Environment);
        if (result is null)
        {
            return null;
        }

        if (result is not JMap m || !(m.GetValueOrDefault("start") is double || m.GetValueOrDefault("end") is double
            || m.GetValueOrDefault("groups") is JList || m.GetValueOrDefault("next") is JFunction))
        {
            throw new JsonataException("T1010", "The matcher function argument passed to function match does not return the correct object structure", -1);
        }

        return m;
    }

    private static JList Split(string s, object? separator, double? limit)
    {
        if (limit < 0)
        {
            throw new JsonataException("D3020", "Third argument of split function must evaluate to a positive number", -1);
        }

        var parts = new JList();
        if (separator is string sep)
        {
            if (sep.Length == 0)
            {
                parts.AddRange(s.Select(c => (object?)c.ToString()));
            }
            else
            {
                parts.AddRange(s.Split(sep));
            }
        }
        else
        {
            var regex = AsRegex(separator);
            int position = 0;
            while (true)
            {
                var m = FirstMatch(regex, s, position);
                if (m is null)
                {
                    break;
                }

                parts.Add(s[position..m.Index]);
                position = m.Index + m.Length;
            }

            parts.Add(s[position..]);
        }

        if (limit is { } l && parts.Count > l)
        {
            parts.RemoveRange((int)Math.Max(0, l), parts.Count - (int)Math.Max(0, l));
        }

        return parts;
    }

    private static string Replace(CallContext ctx, string s, object? pattern, object? replacement, double? limit)
    {
        if (pattern is "")
        {
            throw new JsonataException("D3010", "Second argument of replace function cannot be an empty string", -1);
        }

        if (limit < 0)
        {
            throw new JsonataException("D3011", "Fourth argument of replace function must evaluate to a positive number", -1);
        }

        var sb = new StringBuilder();
        int position = 0;
        int count = 0;
        while (limit is null || count < limit)
        {
            int index;
            int length;
            Match? m = null;
            if (pattern is string p)
            {
                index = s.IndexOf(p, position, StringComparison.Ordinal);
                length = p.Length;
            }
            else
            {
                m = FirstMatch(AsRegex(pattern), s, position);
                index = m?.Index ?? -1;
                length = m?.Length ?? 0;
            }

            if (index < 0)
            {
                break;
            }

            sb.Append(s, position, index - position);
            if (replacement is string r)
            {
                sb.Append(m is null ? r : Substitute(r, m));
            }
            else
            {
                var matchObject = m is null
                    ? new JMap { ["match"] = (string)pattern!, ["index"] = (double)index, ["groups"] = new JList() }
                    : MatchObject(m);
                var res = ctx.Evaluator.Apply(replacement, [matchObject], null, ctx.Environment);
                if (res is not string rs)
                {
                    throw new JsonataException("D3012", "Attempted to replace a matched string with a non-string value", -1);
                }

                sb.Append(rs);
            }

            position = index + length;
            count++;
        }

        sb.Append(s, position, s.Length - position);
        return sb.ToString();
    }

    private static string Substitute(string replacement, Match m)
    {
        int groupCount = m.Groups.Count - 1;
        var sb = new StringBuilder();
        int position = 0;
        int index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            sb.Append(replacement, position, index - position);
            position = index + 1;
            char dollar = position < replacement.Length ? replacement[position] : '\0';
            if (dollar == '$')
            {
                sb.Append('$');
                position++;
            }
            else if (dollar == '0')
            {
                sb.Append(m.Value);
                position++;
            }
            else
            {
                int maxDigits = groupCount == 0 ? 1 : (int)Math.Floor(Math.Log10(groupCount)) + 1;
                int? group = ParseDigits(replacement, position, maxDigits);
                if (maxDigits > 1 && group > groupCount)
                {
                    group = ParseDigits(replacement, position, maxDigits - 1);
                }

                if (group is { } g)
                {
                    if (groupCount > 0 && g >= 1 && g <= groupCount && m.Groups[g].Success)
                    {
                        sb.Append(m.Groups[g].Value);
                    }

                    position += g.ToString(CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    sb.Append('$');
                }
            }

            index = replacement.IndexOf('$', position);
        }

        sb.Append(replacement, position, replacement.Length - position);
        return sb.ToString();
    }

    private static int? ParseDigits(string s, int start, int maxDigits)
    {
        int end = start;
        while (end < s.Length && end - start < maxDigits && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        return end == start ? null : int.Parse(s.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }
}
