using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

/// <summary>A Map's ResultWriter writes the iterations' results to object storage in AWS's layout (a manifest and one
/// file per status), or, with a WriterConfig alone, returns them transformed.</summary>
public class MapResultWriterTests
{
    // Items below 10 succeed doubled; 99 fails.
    private const string Processor = """
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":99,"Next":"Bad"}],"Default":"Double"},
          "Bad":{"Type":"Fail","Error":"Item.Bad","Cause":"ninety-nine"},
          "Double":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($, $)"},"End":true}}}
        """;

    [Fact]
    public void Resource_WritesTheManifestAndTheSucceededFile_AndReturnsWhere()
    {
        using var fixture = Fixture();

        var output = fixture.Run(Machine("""
            "Label":"fan","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"jobs"}},
            """), "[1,2]").Output();

        string mapRunArn = ((JString)output["MapRunArn"]!).Value;
        mapRunArn.Should().MatchRegex("^arn:aws:states:us-east-1:123456789012:mapRun:Machine/fan:[0-9a-f-]{36}$");
        string id = mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..];
        output["ResultWriterDetails"].Should().Be(JNode.Parse($$"""{"Bucket":"results","Key":"jobs/{{id}}/manifest.json"}"""), "a prefix without a slash gets one");

        var manifest = (JObject)JNode.Parse(Read(fixture, "results", $"jobs/{id}/manifest.json"));
        manifest["DestinationBucket"].Should().Be(JNode.From("results"));
        manifest["MapRunArn"].Should().Be(JNode.From(mapRunArn));
        var files = (JObject)manifest["ResultFiles"]!;
        files["FAILED"].Should().Be(JArray.Empty);
        files["PENDING"].Should().Be(JArray.Empty);
        string succeededKey = $"jobs/{id}/SUCCEEDED_0.json";
        string succeeded = Read(fixture, "results", succeededKey);
        files["SUCCEEDED"].Should().Be(JNode.Parse($$"""[{"Key":"{{succeededKey}}","Size":{{System.Text.Encoding.UTF8.GetByteCount(succeeded)}}}]"""));

        var records = (JArray)JNode.Parse(succeeded);
        records.Should().HaveCount(2);
        var first = (JObject)records[0];
        first.Keys.ToArray().Should().Equal("ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate");
        first["Input"].Should().Be(JNode.From("1"), "Input and Output are JSON text");
        first["Output"].Should().Be(JNode.From("""{"n":2}"""));
        first["Status"].Should().Be(JNode.From("SUCCEEDED"));
        first["StateMachineArn"].Should().Be(JNode.From("arn:aws:states:us-east-1:123456789012:stateMachine:Machine/fan"));
        ((JString)first["ExecutionArn"]!).Value.Should().StartWith("arn:aws:states:us-east-1:123456789012:execution:Machine/fan:").And.EndWith(((JString)first["Name"]!).Value);
        first["StartDate"].Should().Be(JNode.From(Harness.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToleratedFailures_GoToTheFailedFile_AsRecordsWithErrorAndCause_InJsonLines()
    {
        using var fixture = Fixture();

        var output = fixture.Run(Machine("""
            "ToleratedFailureCount":1,
            "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"out/"},"WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}},
            """), "[1,99,3]").Output();

        string key = ((JString)((JObject)output["ResultWriterDetails"]!)["Key"]!).Value;
        key.Should().StartWith("out/").And.NotContain("//");
        var files = (JObject)((JObject)JNode.Parse(Read(fixture, "results", key)))["ResultFiles"]!;
        string failedKey = ((JString)((JObject)((JArray)files["FAILED"]!)[0])["Key"]!).Value;
        string succeededKey = ((JString)((JObject)((JArray)files["SUCCEEDED"]!)[0])["Key"]!).Value;

        Read(fixture, "results", succeededKey).Split('\n').Should().Equal("""{"n":2}""", """{"n":6}""");
        var failed = (JObject)JNode.Parse(Read(fixture, "results", failedKey));
        failed["Status"].Should().Be(JNode.From("FAILED"));
        failed["Error"].Should().Be(JNode.From("Item.Bad"));
        failed["Cause"].Should().Be(JNode.From("ninety-nine"));
        failed["Input"].Should().Be(JNode.From("99"));
    }

    [Theory]
    [InlineData("COMPACT", """[{"n":2},[{"n":1}]]""")]
    [InlineData("FLATTEN", """[{"n":2},{"n":1}]""")]
    public void WriterConfigAlone_ReturnsTheResultsTransformed(string transformation, string expected)
    {
        using var fixture = Fixture();

        var output = fixture.Run("""
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
              "ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"TRANSFORMATION"}},"ResultPath":"$.result","End":true}}}
            """.Replace("TRANSFORMATION", transformation, StringComparison.Ordinal), """{"items":[{"n":2},[{"n":1}]]}""").Output();

        output["result"].Should().Be(JNode.Parse(expected));
    }

    [Fact]
    public void WriterConfigAlone_GivesATolerantFailureAsItsRecord_NotAsErrorAndCause()
    {
        using var fixture = Fixture();

        var result = fixture.Run(Machine("""
            "ToleratedFailureCount":1,"ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"COMPACT"}},
            """), "[1,99]");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var entries = (JArray)result.Output!;
        entries[0].Should().Be(JNode.Parse("""{"n":2}"""));
        var failed = (JObject)entries[1];
        failed["Status"].Should().Be(JNode.From("FAILED"));
        failed["Error"].Should().Be(JNode.From("Item.Bad"));
        failed["Input"].Should().Be(JNode.From("99"));
    }

    [Fact]
    public void AFailingMap_WritesNothing()
    {
        using var fixture = Fixture();

        var result = fixture.Run(Machine("""
            "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"p"}},
            """), "[1,99]");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Item.Bad");
        Directory.EnumerateFiles(Path.Combine(fixture.Objects.Root, "results"), "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void WriterConfigNone_ReturnsARecordPerIteration()
    {
        using var fixture = Fixture();

        var result = fixture.Run(Machine("""
            "ResultWriter":{"WriterConfig":{"OutputType":"JSON","Transformation":"NONE"}},
            """), "[4]");

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var records = (JArray)result.Output!;
        records.Should().ContainSingle();
        ((JObject)records[0])["Output"].Should().Be(JNode.From("""{"n":8}"""));
        ((JObject)records[0])["Status"].Should().Be(JNode.From("SUCCEEDED"));
    }

    [Fact]
    public void AWriteThatFails_FailsTheMapWithResultWriterFailed()
    {
        using var fixture = Fixture();

        var result = fixture.Run(Machine("""
            "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"Not_A_Bucket","Prefix":"p"}},
            """), "[1]");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.ResultWriterFailed");
        result.Cause.Should().Contain("s3://Not_A_Bucket/").And.Contain("S3.S3Exception");
        result.EventTypes().Should().ContainInOrder("MapStateStarted", "MapStateFailed", "ExecutionFailed");
    }

    private static string Machine(string fields) =>
        """{"StartAt":"M","States":{"M":{"Type":"Map",""" + fields + Processor + """,""" + "\"ResultPath\":\"$\",\"OutputPath\":\"$\",\"End\":true}}}";

    private static string Read(IntegrationFixture fixture, string bucket, string key) =>
        File.ReadAllText(Path.Combine([fixture.Objects.Root, bucket, .. key.Split('/')]));

    private static IntegrationFixture Fixture()
    {
        var fixture = new IntegrationFixture();
        fixture.Objects.CreateContainer("results");
        return fixture;
    }
}
