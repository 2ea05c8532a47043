using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Asl.Jsonata;

/// <summary>A function signature such as <c>&lt;s-nn?:s&gt;</c>, validating (and completing) a call's arguments.</summary>
internal sealed class Signature
{
    private readonly List<Param> _params;
    private readonly Regex _regex;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string[]?> _matches = new();

    private Signature(List<Param> parameters, string definition)
    {
        _params = parameters;
        Definition = definition;
        try
        {
            _regex = new Regex("^" + string.Concat(parameters.Select(p => "(" + p.Regex + ")")) + "$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            throw new JsonataException("S0401", "Invalid function signature: " + definition, -1);
        }
    }

    public string Definition { get; }

    public int Arity => _params.Count;

    public int RequiredCount => _params.Count(p => !p.Regex.EndsWith('?') || p.Context);

    public static Signature Parse(string signature)
    {
        try
        {
            return ParseCore(signature);
        }
        catch (ArgumentException)
        {
            throw new JsonataException("S0401", "Invalid function signature: " + signature, -1);
        }
    }

    private static Signature ParseCore(string signature)
    {
        int position = 1;
        var parameters = new List<Param>();
        var param = new Param();
        Param prev = param;
        while (position < signature.Length)
        {
            char symbol = signature[position];
            if (symbol == ':')
            {
                break;
            }

            switch (symbol)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    param.Regex = "[" + symbol + "m]";
                    param.Type = symbol.ToString();
                    Next();
                    break;
                case 'a':
                    param.Regex = "[asnblfom]";
                    param.Type = "a";
                    Next();
                    break;
                case 'f':
                    param.Regex = "f";
                    param.Type = "f";
                    Next();
                    break;
                case 'j':
                    param.Regex = "[asnblom]";
                    param.Type = "j";
                    Next();
                    break;
                case 'x':
                    param.Regex = "[asnblfom]";
                    param.Type = "x";
                    Next();
                    break;
                case '-':
                    prev.Context = true;
                    prev.ContextRegex = prev.Regex.Length > 0 ? new Regex("^" + prev.Regex, RegexOptions.CultureInvariant) : null;
                    prev.Regex += "?";
                    break;
                case '?' or '+':
                    prev.Regex += symbol;
                    break;
                case '(':
                    int endParen = FindClosing(signature, position, '(', ')');
                    string choice = signature[(position + 1)..endParen];
                    if (choice.Contains('<', StringComparison.Ordinal))
                    {
                        throw new JsonataException("S0402", "Choice groups containing parameterized types are not supported", position);
                    }

                    param.Regex = "[" + choice + "m]";
                    param.Type = "(" + choice + ")";
                    position = endParen;
                    Next();
                    break;
                case '<':
                    if (prev.Type is "a" or "f")
                    {
                        int endPos = FindClosing(signature, position, '<', '>');
                        string subtype = signature[(position + 1)..endPos];
                        prev.Subtype = subtype.Length > 0 ? subtype : null;
                        position = endPos;
                    }
                    else
                    {
                        throw new JsonataException("S0401", "Type parameters can only be applied to functions and arrays", position);
                    }

                    break;
                default:
                    break;
            }

            position++;
        }

        return new Signature(parameters, signature);

        void Next()
        {
            parameters.Add(param);
            prev = param;
            param = new Param();
        }
    }

    public List<object?> Validate(List<object?> args, object? context)
    {
        var groups = Match(args);
        if (groups is null)
        {
            throw ValidationError(args, SymbolsOf(args));
        }

        var validated = new ValidatedArguments(args);
        int argIndex = 0;
        for (int index = 0; index < _params.Count; index++)
        {
            var param = _params[index];
            string m = groups[index];
            if (m.Length == 0)
            {
                if (param.Context && param.ContextRegex is not null)
                {
                    string contextType = Values.Symbol(context).ToString();
                    if (param.ContextRegex.IsMatch(contextType))
                    {
                        validated.Add(context);
                    }
                    else
                    {
                        throw new JsonataException("T0411", $"Context value is not a compatible type with argument {argIndex + 1}", -1);
                    }
                }
                else
                {
                    validated.Add(argIndex < args.Count ? args[argIndex] : null);
                    argIndex++;
                }

                continue;
            }

            foreach (char single in m)
            {
                object? arg = argIndex < args.Count ? args[argIndex] : null;
                if (param.Type == "a")
                {
                    if (single == 'm')
                    {
                        arg = null;
                    }
                    else
                    {
                        bool ok = true;
                        if (param.Subtype is not null)
                        {
                            if (single != 'a' && m != param.Subtype)
                            {
                                ok = false;
                            }
                            else if (single == 'a' && arg is JList list && list.Count > 0)
                            {
                                char itemType = Values.Symbol(list[0]);
                                ok = itemType == param.Subtype[0] && AllOfType(list, itemType);
                            }
                        }

                        if (!ok)
                        {
                            throw new JsonataException("T0412", $"Argument {argIndex + 1} of function must be an array of {param.Subtype}", -1);
                        }

                        if (single != 'a')
                        {
                            arg = new JList { arg };
                        }
                    }
                }

                validated.Add(arg);
                argIndex++;
            }
        }

        return validated.ToList();
    }

    /// <summary>The validated argument list, made only when it differs from the supplied one (an inserted context value,
    /// a value wrapped in an array, a missing optional argument); most calls pass their arguments through unchanged.</summary>
    private struct ValidatedArguments(List<object?> args)
    {
        private List<object?>? _changed;
        private int _count;

        public void Add(object? value)
        {
            if (_changed is null)
            {
                if (_count < args.Count && ReferenceEquals(args[_count], value))
                {
                    _count++;
                    return;
                }

                _changed = new List<object?>(Math.Max(args.Count, _count + 1));
                for (int i = 0; i < _count; i++)
                {
                    _changed.Add(args[i]);
                }
            }

            _changed.Add(value);
            _count++;
        }

        public readonly List<object?> ToList() => _changed ?? (_count == args.Count ? args : args.GetRange(0, _count));
    }

    private static bool AllOfType(JList list, char type)
    {
        foreach (var item in list)
        {
            if (Values.Symbol(item) != type)
            {
                return false;
            }
        }

        return true;
    }

    private static string SymbolsOf(List<object?> args)
    {
        var supplied = new StringBuilder(args.Count);
        foreach (var arg in args)
        {
            supplied.Append(Values.Symbol(arg));
        }

        return supplied.ToString();
    }

    /// <summary>Matches the arguments' type symbols against the signature: the symbols each parameter takes, or null when
    /// they do not fit. A call's symbols (up to 7 arguments) pack into one key, so each shape is matched once.</summary>
    private string[]? Match(List<object?> args)
    {
        if (args.Count > 7)
        {
            return MatchSymbols(SymbolsOf(args));
        }

        ulong key = (ulong)args.Count;
        foreach (var arg in args)
        {
            key = (key << 8) | Values.Symbol(arg);
        }

        if (_matches.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var groups = MatchSymbols(SymbolsOf(args));
        if (_matches.Count < 256)
        {
            _matches.TryAdd(key, groups);
        }

        return groups;
    }

    private string[]? MatchSymbols(string symbols)
    {
        var match = _regex.Match(symbols);
        if (!match.Success)
        {
            return null;
        }

        var groups = new string[_params.Count];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = match.Groups[i + 1].Value;
        }

        return groups;
    }

    private JsonataException ValidationError(List<object?> args, string sig)
    {
        var pattern = new StringBuilder("^");
        int goodTo = 0;
        foreach (var p in _params)
        {
            pattern.Append(p.Regex);
            var match = Regex.Match(sig, pattern.ToString(), RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                break;
            }

            goodTo = match.Length;
        }

        return new JsonataException("T0410", $"Argument {goodTo + 1} of function does not match function signature", -1);
    }

    private static int FindClosing(string str, int start, char open, char close)
    {
        int depth = 1;
        int position = start;
        while (position < str.Length - 1)
        {
            position++;
            char symbol = str[position];
            if (symbol == close)
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (symbol == open)
            {
                depth++;
            }
        }

        return position;
    }

    private sealed class Param
    {
        public string Regex { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public bool Context { get; set; }

        public Regex? ContextRegex { get; set; }

        public string? Subtype { get; set; }
    }
}
