namespace Platform.Runtime.Testing;

/// <summary>A test-case (or mocks) file that cannot be used: which file, which field (a JSON pointer), and why.</summary>
public sealed class TestCaseFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestCaseFormatException(string file, string field, string reason)
        : base($"{file}: {(field.Length == 0 ? "/" : field)}: {reason}")
    {
        File = file;
        Field = field;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public TestCaseFormatException()
        : this(string.Empty, string.Empty, "invalid test case")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TestCaseFormatException(string message)
        : this(string.Empty, string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TestCaseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Field = string.Empty;
        Reason = message;
    }

    /// <summary>Gets the file.</summary>
    public string File { get; }

    /// <summary>Gets the JSON pointer of the offending field ("" for the whole file).</summary>
    public string Field { get; }

    /// <summary>Gets why the field is wrong.</summary>
    public string Reason { get; }
}
