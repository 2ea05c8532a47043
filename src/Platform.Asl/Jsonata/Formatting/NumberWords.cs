using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata.Formatting;

/// <summary>English number words, cardinal and ordinal, in JSONata's style ("one hundred and twenty-third").</summary>
internal static class NumberWords
{
    private static readonly string[] Few =
    [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ];

    private static readonly string[] Ordinals =
    [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth",
    ];

    private static readonly string[] Decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"];

    private static readonly string[] Magnitudes = ["Thousand", "Million", "Billion", "Trillion"];

    /// <summary>Every known word (lower case) and its value, in JSONata's insertion order.</summary>
    private static readonly List<KeyValuePair<string, double>> WordList = BuildWords();

    private static readonly Dictionary<string, double> WordValues = WordList
        .GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static readonly Regex Splitter = new(@",\s|\sand\s|[\s\\-]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The regex alternation JSONata uses to recognise words when parsing a date/time.</summary>
    public static string Pattern { get; } =
        "(?:" + string.Join('|', WordList.Select(p => p.Key).Distinct(StringComparer.Ordinal).Append("and").Append(@"[\-, ]")) + ")+";

    /// <summary>A number in title-case English words.</summary>
    public static string ToWords(double value, bool ordinal) => Lookup(value, false, ordinal);

    /// <summary>The value of lower-case English number words; NaN when a word is unknown.</summary>
    public static double ToNumber(string text)
    {
        var parts = Splitter.Split(text);
        var segs = new List<double> { 0 };
        foreach (var part in parts)
        {
            var value = WordValues.TryGetValue(part, out var v) ? v : double.NaN;
            if (value < 100)
            {
                var top = Pop(segs);
                if (top >= 1000)
                {
                    segs.Add(top);
                    top = 0;
                }

                segs.Add(top + value);
            }
            else
            {
                segs.Add(Pop(segs) * value);
            }
        }

        return segs.Sum();
    }

    private static double Pop(List<double> list)
    {
        if (list.Count == 0)
        {
            return double.NaN;
        }

        var top = list[^1];
        list.RemoveAt(list.Count - 1);
        return top;
    }

    private static string Lookup(double num, bool prev, bool ord)
    {
        string words;
        if (num <= 19)
        {
            var index = (int)num;
            words = (prev ? " and " : string.Empty) + (ord ? Ordinals[index] : Few[index]);
        }
        else if (num < 100)
        {
            var tens = (int)Math.Floor(num / 10);
            var remainder = num % 10;
            words = (prev ? " and " : string.Empty) + Decades[tens - 2];
            if (remainder > 0)
            {
                words += "-" + Lookup(remainder, false, ord);
            }
            else if (ord)
            {
                words = words[..^1] + "ieth";
            }
        }
        else if (num < 1000)
        {
            var hundreds = (int)Math.Floor(num / 100);
            var remainder = num % 100;
            words = (prev ? ", " : string.Empty) + Few[hundreds] + " Hundred";
            if (remainder > 0)
            {
                words += Lookup(remainder, true, ord);
            }
            else if (ord)
            {
                words += "th";
            }
        }
        else
        {
            var mag = (int)Math.Floor(Math.Log10(num) / 3);
            if (mag > Magnitudes.Length)
            {
                mag = Magnitudes.Length;
            }

            var factor = Math.Pow(10, mag * 3);
            var mant = Math.Floor(num / factor);
            var remainder = num - (mant * factor);
            words = (prev ? ", " : string.Empty) + Lookup(mant, false, false) + " " + Magnitudes[mag - 1];
            if (remainder > 0)
            {
                words += Lookup(remainder, true, ord);
            }
            else if (ord)
            {
                words += "th";
            }
        }

        return words;
    }

    private static List<KeyValuePair<string, double>> BuildWords()
    {
        var list = new List<KeyValuePair<string, double>>();
        for (var i = 0; i < Few.Length; i++)
        {
            list.Add(new(Few[i].ToLowerInvariant(), i));
        }

        for (var i = 0; i < Ordinals.Length; i++)
        {
            list.Add(new(Ordinals[i].ToLowerInvariant(), i));
        }

        for (var i = 0; i < Decades.Length; i++)
        {
            var word = Decades[i].ToLowerInvariant();
            list.Add(new(word, (i + 2) * 10));
            list.Add(new(word[..^1] + "ieth", (i + 2) * 10));
        }

        list.Add(new("hundredth", 100));
        for (var i = 0; i < Magnitudes.Length; i++)
        {
            var word = Magnitudes[i].ToLowerInvariant();
            var value = Math.Pow(10, (i + 1) * 3);
            list.Add(new(word, value));
            list.Add(new(word + "th", value));
        }

        return list;
    }
}
