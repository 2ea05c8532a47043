using Platform.Engine.Tasks;

namespace Platform.Server.UseCases;

/// <summary>Registers the task handlers the use-case workflows in <c>workflows/</c> call (see <c>docs/use-cases.md</c>),
/// leaving any name already registered to the handler the host gave.</summary>
internal static class UseCaseHandlers
{
    public static void Register(TaskHandlerRegistry tasks)
    {
        Add(tasks, FileValidation.HandlerName, FileValidation.Validate);
        Add(tasks, AccountChecks.CheckNameHandler, AccountChecks.CheckName);
        Add(tasks, AccountChecks.CheckAddressHandler, AccountChecks.CheckAddress);
        Add(tasks, EtlRecords.HandlerName, EtlRecords.Transform);
    }

    private static void Add(TaskHandlerRegistry tasks, string name, Func<Platform.Asl.Json.JNode, TaskOutcome> handler)
    {
        if (!tasks.Contains(name))
        {
            tasks.Register(name, handler);
        }
    }
}
