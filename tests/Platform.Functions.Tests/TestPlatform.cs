using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Functions.Tests;

/// <summary>A <see cref="FunctionsPlatform"/> over a temporary folder of state machines and in-memory settings.</summary>
internal static class TestPlatform
{
    public const string Key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    public static FunctionsPlatform Create(params (string Name, string Asl)[] machines) => Create(new Dictionary<string, string?>(), machines);

    /// <summary>The platform with <paramref name="settings"/> over the defaults (a null value removes a default).</summary>
    public static FunctionsPlatform Create(IReadOnlyDictionary<string, string?> settings, params (string Name, string Asl)[] machines)
    {
        string folder = Path.Combine(Path.GetTempPath(), "functions-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, asl) in machines)
        {
            File.WriteAllText(Path.Combine(folder, name + ".asl.json"), asl);
        }

        var values = new Dictionary<string, string?>
        {
            ["Platform:WorkflowsDirectory"] = folder,
            ["Platform:Triggers:0:Name"] = "bus",
            ["Platform:Triggers:0:Source"] = "queue",
            ["Platform:Triggers:0:Queue"] = "sfn-events",
            ["Platform:Triggers:0:StateMachine"] = "hello",
            [AppSettings.TaskTokenKey] = Key,
            [AppSettings.ServiceBusQueue] = "sfn-events",
        };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new FunctionsPlatform(configuration, NullLoggerFactory.Instance);
    }
}
