using Platform.Asl.Parsing;

namespace Platform.Asl.DataFlow;

/// <summary>A payload template that does not compile, with every problem found and its JSON pointer.</summary>
public sealed class PayloadTemplateException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PayloadTemplateException(IReadOnlyList<Diagnostic> errors)
        : base(errors.Count == 0 ? "Invalid payload template." : "Invalid payload template: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public PayloadTemplateException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public PayloadTemplateException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    public PayloadTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Gets the problems, each with the JSON pointer of the offending key.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }
}
