using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Pass states.</summary>
internal sealed partial class Validator
{
    private PassState ValidatePass(StateContext context)
    {
        var reader = context.Reader;
        return new PassState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            Result = reader.Get("Result"),
            Parameters = ReadTemplate(reader, "Parameters"),
            ResultPath = ReadNullablePath(reader, "ResultPath", isResultPath: true),
        };
    }
}
