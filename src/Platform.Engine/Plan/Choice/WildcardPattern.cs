using Platform.Asl.Errors;

namespace Platform.Engine.Plan.Choice;

/// <summary>StringMatches patterns: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literal.</summary>
/// <remarks>Matching splits the pattern at its stars and finds each literal piece leftmost-first, which is exact for this
/// pattern language and never backtracks, so hostile patterns cannot hang the engine.</remarks>
internal sealed class WildcardPattern
{
    private readonly string[] _pieces;
    private readonly bool _startsWithStar;
    private readonly bool _endsWithStar;

    private WildcardPattern(string[] pieces, bool startsWithStar, bool endsWithStar)
    {
        _pieces = pieces;
        _startsWithStar = startsWithStar;
        _endsWithStar = endsWithStar;
    }

    public static WildcardPattern Parse(string pattern)
    {
        var pieces = new List<string>();
        var current = new System.Text.StringBuilder();
        bool startsWithStar = false;
        bool endsWithStar = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            endsWithStar = false;
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || (pattern[i + 1] != '*' && pattern[i + 1] != '\\'))
                {
                    throw new StatesException(StatesErrors.Runtime, $"The StringMatches pattern '{pattern}' has an open escape at position {i}: '\\' may only escape '*' or '\\'.");
                }

                current.Append(pattern[++i]);
            }
            else if (c == '*')
            {
                if (i == 0)
                {
                    startsWithStar = true;
                }

                pieces.Add(current.ToString());
                current.Clear();
                endsWithStar = true;
            }
            else
            {
                current.Append(c);
            }
        }

        pieces.Add(current.ToString());
        return new WildcardPattern([.. pieces], startsWithStar, endsWithStar);
    }

    public bool IsMatch(string text)
    {
        if (_pieces.Length == 1)
        {
            return string.Equals(text, _pieces[0], StringComparison.Ordinal);
        }

        string first = _pieces[0];
        string last = _pieces[^1];
        if (!_startsWithStar && !text.StartsWith(first, StringComparison.Ordinal))
        {
            return false;
        }

        if (!_endsWithStar && !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        int position = first.Length;
        int end = text.Length - last.Length;
        if (end < position)
        {
            return false;
        }

        for (int i = 1; i < _pieces.Length - 1; i++)
        {
            string piece = _pieces[i];
            if (piece.Length == 0)
            {
                continue;
            }

            int found = text.IndexOf(piece, position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + piece.Length;
        }

        return true;
    }
}
