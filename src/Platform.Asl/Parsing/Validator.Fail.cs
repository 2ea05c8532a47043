using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Fail states.</summary>
internal sealed partial class Validator
{
    private FailState ValidateFail(StateContext context)
    {
        var reader = context.Reader;
        Exclusive(reader, "Error", "ErrorPath");
        Exclusive(reader, "Cause", "CausePath");
        return new FailState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            Error = ReadStringNode(reader, "Error"),
            ErrorPath = ReadPathOrIntrinsic(reader, "ErrorPath"),
            Cause = ReadStringNode(reader, "Cause"),
            CausePath = ReadPathOrIntrinsic(reader, "CausePath"),
        };
    }
}
