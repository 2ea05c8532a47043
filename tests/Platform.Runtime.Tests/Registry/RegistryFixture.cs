using Platform.Runtime.Registry;
using Platform.Runtime.Testing;

namespace Platform.Runtime.Tests.Registry;

/// <summary>A temporary directory with one registry file, a fake clock and a scripted routing sample; deletes it all on dispose.</summary>
internal sealed class RegistryFixture : IDisposable
{
    public const string Role = "arn:aws:iam::123456789012:role/StepFunctionsRole";
    public const string OtherRole = "arn:aws:iam::123456789012:role/OtherRole";
    public const string Pass = """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""";
    public const string Pass2 = """{"StartAt":"B","States":{"B":{"Type":"Pass","Result":2,"End":true}}}""";
    public const string Pass3 = """{"StartAt":"C","States":{"C":{"Type":"Succeed"}}}""";

    private readonly List<StateMachineRegistry> _registries = [];
    private readonly Queue<double> _samples = new();

    public RegistryFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Registry = Open();
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "registry.db");

    public ManualClock Clock { get; } = new(new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc));

    public StateMachineRegistry Registry { get; private set; }

    /// <summary>Queues the next values the alias router draws.</summary>
    public void Samples(params double[] values)
    {
        lock (_samples)
        {
            foreach (double value in values)
            {
                _samples.Enqueue(value);
            }
        }
    }

    public StateMachineRegistry Open()
    {
        var registry = new StateMachineRegistry(new StateMachineRegistryOptions
        {
            DatabasePath = DatabasePath,
            TimeProvider = Clock,
            RoutingSample = () =>
            {
                lock (_samples)
                {
                    return _samples.Count > 0 ? _samples.Dequeue() : 0.5;
                }
            },
        });
        _registries.Add(registry);
        return registry;
    }

    /// <summary>Closes the current registry and opens the file again.</summary>
    public StateMachineRegistry Reopen()
    {
        Registry.Dispose();
        Registry = Open();
        return Registry;
    }

    public void Advance(TimeSpan by) => Clock.SetUtcNow(Clock.GetUtcNow().UtcDateTime + by);

    public string Create(string name, string definition = Pass, bool publish = false) =>
        Registry.CreateStateMachine(new CreateStateMachineRequest(name, definition, Role) { Publish = publish }).StateMachineArn;

    public static void Throws(Action action, string code)
    {
        var error = action.Should().Throw<RegistryException>().Which;
        error.ErrorCode.Should().Be(code, because: error.Message);
        error.Message.Should().NotBeNullOrWhiteSpace();
    }

    public void Dispose()
    {
        foreach (var registry in _registries)
        {
            registry.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left to the temp cleaner.
        }
    }
}
