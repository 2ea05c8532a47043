using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Parallel states.</summary>
internal sealed partial class Validator
{
    private ParallelState ValidateParallel(StateContext context)
    {
        var reader = context.Reader;
        var branches = new List<StateMachineDefinition>();
        var array = ReadArray(reader, "Branches", "a non-empty array of branches", required: true);
        if (array is not null)
        {
            string pointer = reader.At("Branches");
            if (array.Count == 0)
            {
                Error(pointer, AslRules.ParallelBranches, "must contain at least one branch, found none");
            }

            for (int i = 0; i < array.Count; i++)
            {
                string at = JsonPointer.Append(pointer, i);
                if (array[i] is JObject branch)
                {
                    branches.Add(ValidateMachine(branch, at, MachineKind.Branch));
                }
                else
                {
                    TypeError(at, "a branch (an object with StartAt and States)", array[i]);
                }
            }
        }

        return new ParallelState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            Branches = branches,
            Parameters = ReadTemplate(reader, "Parameters"),
            Arguments = ReadObjectOrJsonata(reader, "Arguments", context.Language),
            ResultSelector = ReadTemplate(reader, "ResultSelector"),
            ResultPath = ReadNullablePath(reader, "ResultPath", isResultPath: true),
            Retry = ReadRetry(context),
            Catch = ReadCatch(context),
        };
    }
}
