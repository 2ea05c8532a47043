using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Functions.Tests;

/// <summary>A <see cref="FunctionsPlatform"/> over a temporary folder of state machines and in-memory settings.</summary>
internal static class TestPlatform
{
    public const string Key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    public static FunctionsPlatform Create(params (string Name, string Asl)[] machines)
    {
        string folder = Path.Combine(Path.GetTempPath(), "functions-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, asl) in machines)
        {
            File.WriteAllText(Path.Combine(folder, name + ".asl.json"), asl);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:WorkflowsDirectory"] = folder,
            ["Platform:Triggers:0:Name"] = "bus",
            ["Platform:Triggers:0:Source"] = "queue",
            ["Platform:Triggers:0:Queue"] = "sfn-events",
            ["Platform:Triggers:0:StateMachine"] = "hello",
            [AppSettings.TaskTokenKey] = Key,
            [AppSettings.ServiceBusQueue] = "sfn-events",
        }).Build();
        return new FunctionsPlatform(configuration, NullLoggerFactory.Instance);
    }
}
