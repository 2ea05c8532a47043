using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>fn:format-number (XPath F&amp;O 3.1 §4.7) with JSONata 2.0.6's behaviour.</summary>
internal sealed class NumberFormatter
{
    private readonly DecimalFormatProperties _p;
    private readonly List<string> _family = [];
    private readonly List<string> _activeChars;

    private NumberFormatter(DecimalFormatProperties properties)
    {
        _p = properties;
        var zero = properties.ZeroDigit.Length > 0 ? properties.ZeroDigit[0] : '0';
        for (var i = 0; i < 10; i++)
        {
            _family.Add(((char)(zero + i)).ToString());
        }

        _activeChars = [.. _family, _p.DecimalSeparator, _p.ExponentSeparator, _p.GroupingSeparator, _p.Digit, _p.PatternSeparator];
    }

    /// <summary>Formats a number with a picture and optional decimal-format options.</summary>
    public static string Format(double value, string picture, JObject? options)
    {
        var formatter = new NumberFormatter(DecimalFormatProperties.From(options));
        return formatter.Format(value, picture);
    }

    private bool IsDigit(char c) => _family.Contains(c.ToString());

    private bool IsActive(char c) => _activeChars.Contains(c.ToString());

    private string Format(double value, string picture)
    {
        var subPictures = picture.Split(_p.PatternSeparator);
        if (subPictures.Length > 2)
        {
            throw JsonataFormattingException.Create("D3080");
        }

        var parts = subPictures.Select(SplitParts).ToList();
        parts.ForEach(Validate);
        var variables = parts.Select(Analyse).ToList();
        if (variables.Count == 1)
        {
            variables.Add(variables[0] with { Prefix = _p.MinusSign + variables[0].Prefix });
        }

        var pic = value >= 0 || double.IsNaN(value) ? variables[0] : variables[1];
        if (double.IsNaN(value))
        {
            return _p.NaN;
        }

        double adjusted;
        if (pic.Picture.Contains(_p.Percent, StringComparison.Ordinal))
        {
            adjusted = value * 100;
        }
        else if (pic.Picture.Contains(_p.PerMille, StringComparison.Ordinal))
        {
            adjusted = value * 1000;
        }
        else
        {
            adjusted = value;
        }

        if (double.IsInfinity(adjusted))
        {
            return pic.Prefix + _p.Infinity + pic.Suffix;
        }

        double mantissa;
        int? exponent = null;
        if (pic.MinimumExponentSize == 0)
        {
            mantissa = adjusted;
        }
        else
        {
            var maxMantissa = Math.Pow(10, pic.ScalingFactor);
            var minMantissa = Math.Pow(10, pic.ScalingFactor - 1);
            mantissa = adjusted;
            var e = 0;
            if (mantissa != 0)
            {
                // JSONata compares the signed value; a negative number's loop is bounded the same way here.
                while (mantissa < minMantissa && e > -400)
                {
                    mantissa *= 10;
                    e -= 1;
                }

                while (mantissa > maxMantissa && e < 400)
                {
                    mantissa /= 10;
                    e += 1;
                }
            }

            exponent = e;
        }

        var rounded = JsCompat.Round(mantissa, pic.MaximumFractionalPartSize);
        var zero = _p.ZeroDigit;
        var text = MakeString(rounded, pic.MaximumFractionalPartSize);
        var decimalPos = text.IndexOf('.', StringComparison.Ordinal);
        text = decimalPos == -1 ? text + _p.DecimalSeparator : ReplaceFirst(text, ".", _p.DecimalSeparator);
        while (zero.Length > 0 && text.StartsWith(zero, StringComparison.Ordinal) && JsCompat.CharAt(text, 0) == zero)
        {
            text = text[1..];
        }

        while (zero.Length > 0 && text.Length > 0 && JsCompat.CharAt(text, text.Length - 1) == zero)
        {
            text = text[..^1];
        }

        decimalPos = text.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);
        var padLeft = pic.MinimumIntegerPartSize - decimalPos;
        var padRight = pic.MinimumFractionalPartSize - (text.Length - decimalPos - 1);
        text = (padLeft > 0 ? Repeat(zero, padLeft) : string.Empty) + text;
        text += padRight > 0 ? Repeat(zero, padRight) : string.Empty;
        decimalPos = text.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);

        if (pic.RegularGrouping > 0)
        {
            // A separator every RegularGrouping digits left of the decimal point, built in one pass.
            var interval = pic.RegularGrouping;
            var builder = new StringBuilder(text.Length * 2);
            var first = decimalPos <= 0 ? decimalPos : ((decimalPos - 1) % interval) + 1;
            builder.Append(text, 0, Math.Max(first, 0));
            for (var at = Math.Max(first, 0); at < decimalPos; at += interval)
            {
                builder.Append(_p.GroupingSeparator).Append(text, at, interval);
            }

            builder.Append(text, Math.Max(decimalPos, 0), text.Length - Math.Max(decimalPos, 0));
            text = builder.ToString();
        }
        else
        {
            foreach (var pos in pic.IntegerPartGroupingPositions)
            {
                var at = decimalPos - pos;
                text = Slice(text, 0, at) + _p.GroupingSeparator + Slice(text, at, text.Length);
                decimalPos++;
            }
        }

        decimalPos = text.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);
        foreach (var pos in pic.FractionalPartGroupingPositions)
        {
            var at = pos + decimalPos + 1;
            text = Slice(text, 0, at) + _p.GroupingSeparator + Slice(text, at, text.Length);
        }

        decimalPos = text.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);
        if (!pic.Picture.Contains(_p.DecimalSeparator, StringComparison.Ordinal) || decimalPos == text.Length - 1)
        {
            text = text.Length > 0 ? text[..^1] : text;
        }

        if (exponent is { } exp)
        {
            var expText = MakeString(exp, 0);
            var expPad = pic.MinimumExponentSize - expText.Length;
            if (expPad > 0)
            {
                expText = Repeat(zero, expPad) + expText;
            }

            text = text + _p.ExponentSeparator + (exp < 0 ? _p.MinusSign : string.Empty) + expText;
        }

        return pic.Prefix + text + pic.Suffix;
    }

    /// <summary>JavaScript's Array.prototype.slice on a string: negative indexes count from the end.</summary>
    private static string Slice(string s, int start, int end)
    {
        if (start < 0)
        {
            start = Math.Max(0, s.Length + start);
        }

        if (end < 0)
        {
            end = Math.Max(0, s.Length + end);
        }

        start = Math.Min(start, s.Length);
        end = Math.Min(end, s.Length);
        return start >= end ? string.Empty : s[start..end];
    }

    private static string ReplaceFirst(string s, string find, string replacement)
    {
        var i = s.IndexOf(find, StringComparison.Ordinal);
        return i < 0 ? s : s[..i] + replacement + s[(i + find.Length)..];
    }

    private static string Repeat(string s, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(s);
        }

        return builder.ToString();
    }

    private string MakeString(double value, int decimals)
    {
        // toFixed switches to exponent notation from 1e21 on, which JSONata then pads and groups as if it were digits.
        var abs = Math.Abs(value);
        var text = abs >= 1e21 || double.IsInfinity(abs)
            ? JsCompat.NumberToString(abs)
            : abs.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (_p.ZeroDigit != "0")
        {
            var builder = new StringBuilder();
            foreach (var c in text)
            {
                builder.Append(c is >= '0' and <= '9' ? _family[c - '0'] : c.ToString());
            }

            text = builder.ToString();
        }

        return text;
    }

    private SubPicture SplitParts(string sub)
    {
        string? prefix = null;
        for (var i = 0; i < sub.Length; i++)
        {
            if (IsActive(sub[i]) && sub[i].ToString() != _p.ExponentSeparator)
            {
                prefix = sub[..i];
                break;
            }
        }

        string? suffix = null;
        for (var i = sub.Length - 1; i >= 0; i--)
        {
            if (IsActive(sub[i]) && sub[i].ToString() != _p.ExponentSeparator)
            {
                suffix = sub[(i + 1)..];
                break;
            }
        }

        // With no active character at all JSONata fails; treat the whole text as prefix so D3085 is reported.
        prefix ??= sub;
        suffix ??= string.Empty;
        var active = JsCompat.Substring(sub, prefix.Length, sub.Length - suffix.Length);
        string mantissaPart;
        string? exponentPart;
        var exponentPosition = _p.ExponentSeparator.Length == 0
            ? -1
            : sub.IndexOf(_p.ExponentSeparator, Math.Min(prefix.Length, sub.Length), StringComparison.Ordinal);
        if (exponentPosition == -1 || exponentPosition > sub.Length - suffix.Length)
        {
            mantissaPart = active;
            exponentPart = null;
        }
        else
        {
            mantissaPart = JsCompat.Substring(active, 0, exponentPosition);
            exponentPart = JsCompat.Substring(active, exponentPosition + 1);
        }

        string integerPart;
        string fractionalPart;
        var decimalPosition = mantissaPart.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);
        if (decimalPosition == -1)
        {
            integerPart = mantissaPart;
            fractionalPart = suffix;
        }
        else
        {
            integerPart = mantissaPart[..decimalPosition];
            fractionalPart = JsCompat.Substring(mantissaPart, decimalPosition + 1);
        }

        return new SubPicture(prefix, suffix, active, mantissaPart, exponentPart, integerPart, fractionalPart, sub);
    }

    private void Validate(SubPicture parts)
    {
        string? error = null;
        var sub = parts.Picture;
        var decimalPos = sub.IndexOf(_p.DecimalSeparator, StringComparison.Ordinal);
        if (decimalPos != sub.LastIndexOf(_p.DecimalSeparator, StringComparison.Ordinal))
        {
            error = "D3081";
        }

        if (sub.IndexOf(_p.Percent, StringComparison.Ordinal) != sub.LastIndexOf(_p.Percent, StringComparison.Ordinal))
        {
            error = "D3082";
        }

        if (sub.IndexOf(_p.PerMille, StringComparison.Ordinal) != sub.LastIndexOf(_p.PerMille, StringComparison.Ordinal))
        {
            error = "D3083";
        }

        var hasPercent = sub.Contains(_p.Percent, StringComparison.Ordinal);
        var hasPerMille = sub.Contains(_p.PerMille, StringComparison.Ordinal);
        if (hasPercent && hasPerMille)
        {
            error = "D3084";
        }

        if (!parts.MantissaPart.Any(c => IsDigit(c) || c.ToString() == _p.Digit))
        {
            error = "D3085";
        }

        if (parts.ActivePart.Any(c => !IsActive(c)))
        {
            error = "D3086";
        }

        if (decimalPos != -1)
        {
            if (JsCompat.CharAt(sub, decimalPos - 1) == _p.GroupingSeparator || JsCompat.CharAt(sub, decimalPos + 1) == _p.GroupingSeparator)
            {
                error = "D3087";
            }
        }
        else if (JsCompat.CharAt(parts.IntegerPart, parts.IntegerPart.Length - 1) == _p.GroupingSeparator)
        {
            error = "D3088";
        }

        if (sub.Contains(_p.GroupingSeparator + _p.GroupingSeparator, StringComparison.Ordinal))
        {
            error = "D3089";
        }

        var optionalDigitPos = parts.IntegerPart.IndexOf(_p.Digit, StringComparison.Ordinal);
        if (optionalDigitPos != -1 && parts.IntegerPart[..optionalDigitPos].Any(IsDigit))
        {
            error = "D3090";
        }

        optionalDigitPos = parts.FractionalPart.LastIndexOf(_p.Digit, StringComparison.Ordinal);
        if (optionalDigitPos != -1 && parts.FractionalPart[optionalDigitPos..].Any(IsDigit))
        {
            error = "D3091";
        }

        var exponentExists = parts.ExponentPart is not null;
        if (exponentExists && parts.ExponentPart!.Length > 0 && (hasPercent || hasPerMille))
        {
            error = "D3092";
        }

        if (exponentExists && (parts.ExponentPart!.Length == 0 || parts.ExponentPart.Any(c => !IsDigit(c))))
        {
            error = "D3093";
        }

        if (error is not null)
        {
            throw JsonataFormattingException.Create(error);
        }
    }

    private List<int> GroupingPositions(SubPicture parts, string part, bool toLeft)
    {
        var positions = new List<int>();
        var sep = _p.GroupingSeparator;
        if (sep.Length == 0)
        {
            return positions;
        }

        var groupingPosition = part.IndexOf(sep, StringComparison.Ordinal);
        while (groupingPosition != -1)
        {
            var chars = toLeft ? JsCompat.Substring(part, 0, groupingPosition) : JsCompat.Substring(part, groupingPosition);
            positions.Add(chars.Count(c => IsDigit(c) || c.ToString() == _p.Digit));
            var from = groupingPosition + 1;

            // JSONata searches the integer part for the next separator, even for the fractional part.
            groupingPosition = from > parts.IntegerPart.Length ? -1 : parts.IntegerPart.IndexOf(sep, from, StringComparison.Ordinal);
        }

        return positions;
    }

    private NumberPicture Analyse(SubPicture parts)
    {
        var integerPositions = GroupingPositions(parts, parts.IntegerPart, toLeft: false);
        var regular = Intervals.Regular(integerPositions);
        var fractionalPositions = GroupingPositions(parts, parts.FractionalPart, toLeft: true);
        var minimumIntegerPartSize = parts.IntegerPart.Count(IsDigit);
        var scalingFactor = minimumIntegerPartSize;
        var minimumFractionalPartSize = parts.FractionalPart.Count(IsDigit);
        var maximumFractionalPartSize = parts.FractionalPart.Count(c => IsDigit(c) || c.ToString() == _p.Digit);
        var exponentPresent = parts.ExponentPart is not null;
        if (minimumIntegerPartSize == 0 && maximumFractionalPartSize == 0)
        {
            if (exponentPresent)
            {
                minimumFractionalPartSize = 1;
                maximumFractionalPartSize = 1;
            }
            else
            {
                minimumIntegerPartSize = 1;
            }
        }

        if (exponentPresent && minimumIntegerPartSize == 0 && parts.IntegerPart.Contains(_p.Digit, StringComparison.Ordinal))
        {
            minimumIntegerPartSize = 1;
        }

        if (minimumIntegerPartSize == 0 && minimumFractionalPartSize == 0)
        {
            minimumFractionalPartSize = 1;
        }

        var minimumExponentSize = exponentPresent ? parts.ExponentPart!.Count(IsDigit) : 0;
        return new NumberPicture(
            integerPositions,
            regular,
            minimumIntegerPartSize,
            scalingFactor,
            parts.Prefix,
            fractionalPositions,
            minimumFractionalPartSize,
            maximumFractionalPartSize,
            minimumExponentSize,
            parts.Suffix,
            parts.Picture);
    }
}
