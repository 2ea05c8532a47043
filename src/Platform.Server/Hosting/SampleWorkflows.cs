using Platform.Runtime.Registry;

namespace Platform.Server.Hosting;

/// <summary>Registers the sample state machines of a directory on every start: each <c>&lt;name&gt;.asl.json</c> (or
/// <c>.asl.yaml</c>, <c>.asl.yml</c>) becomes (or updates) the STANDARD state machine <c>&lt;name&gt;</c>.</summary>
/// <remarks>Idempotent: an unchanged file changes nothing; a changed file makes a new revision (running executions keep
/// theirs). A file that cannot be registered is reported and skipped; the server starts anyway.</remarks>
internal static class SampleWorkflows
{
    private static readonly string[] Suffixes = [".asl.json", ".asl.yaml", ".asl.yml"];

    public static IReadOnlyList<SampleRegistration> Register(StateMachineRegistry registry, string? directory, string roleArn)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }

        var results = new List<SampleRegistration>();
        foreach (string file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            string fileName = Path.GetFileName(file);
            string? suffix = Array.Find(Suffixes, s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));
            if (suffix is null)
            {
                continue;
            }

            string name = fileName[..^suffix.Length];
            results.Add(RegisterOne(registry, file, name, roleArn));
        }

        return results;
    }

    private static SampleRegistration RegisterOne(StateMachineRegistry registry, string file, string name, string roleArn)
    {
        try
        {
            string definition = File.ReadAllText(file);
            string arn = registry.StateMachineArnFor(name);
            StateMachineDescription? existing;
            try
            {
                existing = registry.DescribeStateMachine(arn);
            }
            catch (RegistryException ex) when (ex.ErrorCode is RegistryErrorCodes.StateMachineDoesNotExist or RegistryErrorCodes.InvalidArn)
            {
                existing = null;
            }

            if (existing is null)
            {
                registry.CreateStateMachine(new CreateStateMachineRequest(name, definition, roleArn));
                return new SampleRegistration(name, file, arn, SampleOutcome.Created, null);
            }

            if (existing.Definition == definition)
            {
                return new SampleRegistration(name, file, arn, SampleOutcome.Unchanged, null);
            }

            registry.UpdateStateMachine(new UpdateStateMachineRequest(arn) { Definition = definition });
            return new SampleRegistration(name, file, arn, SampleOutcome.Updated, null);
        }
        catch (Exception ex) when (ex is RegistryException or IOException or UnauthorizedAccessException)
        {
            return new SampleRegistration(name, file, null, SampleOutcome.Skipped, ex.Message);
        }
    }
}

/// <summary>What became of one sample file.</summary>
/// <param name="Name">The state machine name (the file name without <c>.asl.json</c>).</param>
/// <param name="File">The file.</param>
/// <param name="StateMachineArn">The state machine's ARN, unless skipped.</param>
/// <param name="Outcome">Created, updated, unchanged or skipped.</param>
/// <param name="Problem">Why it was skipped.</param>
public sealed record SampleRegistration(string Name, string File, string? StateMachineArn, SampleOutcome Outcome, string? Problem);

/// <summary>What registering a sample did.</summary>
public enum SampleOutcome
{
    /// <summary>The state machine was created.</summary>
    Created,

    /// <summary>The file changed: its definition is the state machine's new revision.</summary>
    Updated,

    /// <summary>The state machine already had this definition.</summary>
    Unchanged,

    /// <summary>The file could not be registered (see the problem).</summary>
    Skipped,
}
