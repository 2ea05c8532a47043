using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>Analyses a date/time picture string (XPath F&amp;O 3.1 §9.8.4) the way JSONata does.</summary>
internal static class DateTimePicture
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The presentation modifier used when a marker gives none.</summary>
    private static string? DefaultPresentation(char component) => component switch
    {
        'Y' or 'M' or 'D' or 'd' or 'W' or 'w' or 'X' or 'x' or 'H' or 'h' or 'f' => "1",
        'F' or 'P' or 'C' or 'E' => "n",
        'm' or 's' => "01",
        'Z' or 'z' => "01:01",
        _ => null,
    };

    /// <summary>Splits the picture into literals and analysed markers.</summary>
    public static List<DateTimeMarker> Analyse(string picture)
    {
        var spec = new List<DateTimeMarker>();
        void AddLiteral(int from, int to)
        {
            if (to > from)
            {
                var literal = picture[from..to].Replace("]]", "]", StringComparison.Ordinal);
                spec.Add(new DateTimeMarker { Literal = literal });
            }
        }

        var start = 0;
        var pos = 0;
        while (pos < picture.Length)
        {
            if (picture[pos] == '[')
            {
                if (pos + 1 < picture.Length && picture[pos + 1] == '[')
                {
                    AddLiteral(start, pos);
                    spec.Add(new DateTimeMarker { Literal = "[" });
                    pos += 2;
                    start = pos;
                    continue;
                }

                AddLiteral(start, pos);
                start = pos;
                pos = picture.IndexOf(']', start);
                if (pos == -1)
                {
                    throw JsonataFormattingException.Create("D3135");
                }

                var marker = Whitespace.Replace(picture[(start + 1)..pos], string.Empty);
                spec.Add(AnalyseMarker(marker));
                start = pos + 1;
            }

            pos++;
        }

        AddLiteral(start, pos);
        return spec;
    }

    private static DateTimeMarker AnalyseMarker(string marker)
    {
        var component = marker.Length > 0 ? marker[0] : '\0';
        var def = new DateTimeMarker { Component = component };
        var comma = marker.LastIndexOf(',');
        string presMod;
        if (comma != -1)
        {
            var widthMod = marker[(comma + 1)..];
            var dash = widthMod.IndexOf('-', StringComparison.Ordinal);
            string min;
            string? max = null;
            if (dash == -1)
            {
                min = widthMod;
            }
            else
            {
                min = widthMod[..dash];
                max = widthMod[(dash + 1)..];
            }

            def.HasWidth = true;
            def.MinWidth = ParseWidth(min);
            def.MaxWidth = ParseWidth(max);
            presMod = JsCompat.Substring(marker, 1, comma);
        }
        else
        {
            presMod = JsCompat.Substring(marker, 1);
        }

        if (presMod.Length == 1)
        {
            def.Presentation1 = presMod;
        }
        else if (presMod.Length > 1)
        {
            var last = presMod[^1];
            if ("atco".Contains(last, StringComparison.Ordinal))
            {
                def.Presentation2 = last.ToString();
                def.Ordinal = last == 'o';
                def.Presentation1 = presMod[..^1];
            }
            else
            {
                def.Presentation1 = presMod;
            }
        }
        else
        {
            def.Presentation1 = DefaultPresentation(component)
                ?? throw JsonataFormattingException.Create("D3132", component == '\0' ? string.Empty : component.ToString());
        }

        if (def.Presentation1.StartsWith('n'))
        {
            def.Names = LetterCase.Lower;
        }
        else if (def.Presentation1.StartsWith('N'))
        {
            def.Names = def.Presentation1.Length > 1 && def.Presentation1[1] == 'n' ? LetterCase.Title : LetterCase.Upper;
        }
        else if ("YMDdFWwXxHhmsf".Contains(component, StringComparison.Ordinal))
        {
            var integerPattern = def.Presentation1;
            if (def.Presentation2 is not null)
            {
                integerPattern += ";" + def.Presentation2;
            }

            var format = IntegerFormatter.Analyse(integerPattern);
            if (def.MinWidth is { } minWidth && format.MandatoryDigits < minWidth)
            {
                format.MandatoryDigits = minWidth;
            }

            if ("YMD".Contains(component, StringComparison.Ordinal))
            {
                def.N = -1;
                if (def.MaxWidth is { } maxWidth)
                {
                    def.N = maxWidth;
                    format.MandatoryDigits = maxWidth;
                }
                else
                {
                    var w = format.MandatoryDigits + format.OptionalDigits;
                    if (w >= 2)
                    {
                        def.N = w;
                    }
                }
            }

            def.IntegerFormat = format;
        }

        if (component is 'Z' or 'z')
        {
            def.IntegerFormat = IntegerFormatter.Analyse(def.Presentation1);
        }

        return def;
    }

    /// <summary>JavaScript parseInt of a width, undefined for '*' or absent; NaN widths are treated as absent.</summary>
    private static int? ParseWidth(string? text)
    {
        if (text is null || text == "*")
        {
            return null;
        }

        var value = JsCompat.ParseInt(text);
        return double.IsNaN(value) ? null : (int)Math.Clamp(value, 0, 1000);
    }
}
