namespace Platform.Asl.Parsing;

/// <summary>Text that cannot be turned into a JSON value: reported as one diagnostic.</summary>
internal sealed class InputException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InputException(string rule, string pointer, string message, int line)
        : base(message)
    {
        Rule = rule;
        Pointer = pointer;
        Line = line;
    }

    /// <summary>Creates the exception.</summary>
    public InputException()
        : this(AslRules.InputMalformed, string.Empty, "invalid input", 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputException(string message)
        : this(AslRules.InputMalformed, string.Empty, message, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = AslRules.InputMalformed;
        Pointer = string.Empty;
    }

    /// <summary>Gets the rule id.</summary>
    public string Rule { get; }

    /// <summary>Gets the pointer of the offending value ("" when unknown).</summary>
    public string Pointer { get; }

    /// <summary>Gets the 1-based line (0 when unknown).</summary>
    public int Line { get; }
}
