using Platform.Asl.Json;
using Platform.Asl.Parsing;
using Platform.Asl.Tests.TestSupport;

namespace Platform.Asl.Tests.Parsing;

public class ConformanceDefinitionsTests
{
    [Fact]
    public void Parse_AllAwsRecordedDefinitions_AreValid()
    {
        string folder = SharedFiles.AwsRecordedDirectory;
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories);
        files.Should().HaveCount(544, "the shared folder holds 544 AWS-recorded cases");

        var failures = new List<string>();
        foreach (var file in files)
        {
            var testCase = (JObject)JsonParser.Parse(File.ReadAllText(file));
            var definition = testCase["definition"]!;
            var result = AslParser.Parse(definition.ToJson(indented: true));
            if (!result.IsValid)
            {
                failures.Add($"{Path.GetRelativePath(folder, file)}: {string.Join("; ", result.Errors)}");
            }
        }

        failures.Should().BeEmpty();
    }
}
