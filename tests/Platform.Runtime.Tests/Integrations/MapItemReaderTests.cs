using System.Text;
using Platform.Asl.Json;
using Platform.Engine.Execution;
using Platform.Runtime.Tests.Engine;

namespace Platform.Runtime.Tests.Integrations;

/// <summary>A Map's ItemReader reads its items from object storage (the local folder store here), and its ItemBatcher
/// groups them: the ETL fan-out over an uploaded file.</summary>
public class MapItemReaderTests
{
    private const string Processor = """
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}
        """;

    [Fact]
    public void Csv_WithAHeaderRow_MakesEachRowAnObjectOfStrings_UpToMaxItems()
    {
        using var fixture = Fixture(("data", "orders.csv", "id,name,total\r\n1,\"Lovelace, Ada\",42\n2,Babbage,7.5\n3,\"Say \"\"hi\"\"\",0\n"));

        var output = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
              "Parameters":{"Bucket":"data","Key.$":"$.key"}},
            """), """{"key":"orders.csv"}""").Output();

        output["result"].Should().Be(JNode.Parse("""
            [{"id":"1","name":"Lovelace, Ada","total":"42"},{"id":"2","name":"Babbage","total":"7.5"},{"id":"3","name":"Say \"hi\"","total":"0"}]
            """));

        var limited = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":2},
              "Parameters":{"Bucket":"data","Key":"orders.csv"}},
            """)).Output();
        ((JArray)limited["result"]!).Should().HaveCount(2, "MaxItems keeps the first rows");
    }

    [Fact]
    public void Csv_RowsLongerOrShorterThanTheHeader_AreCutOrPaddedAsAwsRecorded()
    {
        // LocalStack's recording of AWS (test_map_item_reader_base_csv_headers_first_line): ",,," loses its extra field,
        // a short row gets empty strings, a line of spaces is a row, and the last line break makes no item.
        using var fixture = Fixture(("data", "rows.csv", "Col1,Col2,Col3\nValue1,Value2,Value3\n,,,\nNull,None,\n   \n"));

        var output = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
              "Parameters":{"Bucket":"data","Key":"rows.csv"}},
            """)).Output();

        output["result"].Should().Be(JNode.Parse("""
            [{"Col1":"Value1","Col2":"Value2","Col3":"Value3"},{"Col1":"","Col2":"","Col3":""},
             {"Col1":"Null","Col2":"None","Col3":""},{"Col1":"   ","Col2":"","Col3":""}]
            """));
    }

    [Fact]
    public void Csv_WithGivenHeadersAndAnotherDelimiter_ReadsEveryRowAsData()
    {
        using var fixture = Fixture(("data", "rows.txt", "a|b\nc|d\n"));

        var output = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
              "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["left","right"],"CSVDelimiter":"PIPE"},
              "Parameters":{"Bucket":"data","Key":"rows.txt"}},
            """)).Output();

        output["result"].Should().Be(JNode.Parse("""[{"left":"a","right":"b"},{"left":"c","right":"d"}]"""));
    }

    [Fact]
    public void Json_And_Jsonl_ReadTheirItems_AndItemSelectorSeesEachOne()
    {
        using var fixture = Fixture(("data", "items.json", """[{"n":1},{"n":2}]"""), ("data", "items.jsonl", "{\"n\":3}\n\n{\"n\":4}\n"));

        var json = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"data","Key":"items.json"}},
            "ItemSelector":{"value.$":"$$.Map.Item.Value.n","index.$":"$$.Map.Item.Index"},
            """)).Output();
        var jsonl = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"data","Key":"items.jsonl"}},
            """)).Output();

        json["result"].Should().Be(JNode.Parse("""[{"value":1,"index":0},{"value":2,"index":1}]"""));
        jsonl["result"].Should().Be(JNode.Parse("""[{"n":3},{"n":4}]"""));
    }

    [Fact]
    public void ListObjectsV2_MakesEachObjectAnItem_InAwsShape()
    {
        using var fixture = Fixture(("data", "in/a.txt", "aaa"), ("data", "in/b.txt", "bb"), ("data", "out/c.txt", "c"));

        var output = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"data","Prefix":"in/"}},
            """)).Output();

        var items = (JArray)output["result"]!;
        items.Should().HaveCount(2);
        var first = (JObject)items[0];
        first["Key"].Should().Be(JNode.From("in/a.txt"));
        first["Size"].Should().Be(JNode.From(3));
        first["StorageClass"].Should().Be(JNode.From("STANDARD"));
        ((JString)first["Etag"]!).Value.Should().MatchRegex("^\"[0-9a-f]{32}\"$");
        first["LastModified"].Should().Be(JNode.From(new DateTimeOffset(Harness.Start).ToUnixTimeSeconds()), "the date is in epoch seconds");
        ((JObject)items[1])["Key"].Should().Be(JNode.From("in/b.txt"));
    }

    [Fact]
    public void ItemBatcher_GroupsTheItemsWithTheBatchInput()
    {
        using var fixture = Fixture(("data", "items.json", "[1,2,3,4,5]"));

        var output = fixture.Run(Machine("""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"data","Key":"items.json"}},
            "ItemBatcher":{"MaxItemsPerBatchPath":"$.size","BatchInput":{"run.$":"$.run"}},
            """), """{"size":2,"run":"r1"}""").Output();

        output["result"].Should().Be(JNode.Parse("""
            [{"BatchInput":{"run":"r1"},"Items":[1,2]},{"BatchInput":{"run":"r1"},"Items":[3,4]},{"BatchInput":{"run":"r1"},"Items":[5]}]
            """));
    }

    [Fact]
    public void ItemBatcher_ClosesABatchBeforeItPassesMaxInputBytes()
    {
        using var fixture = Fixture();

        // {"Items":[]} is 12 bytes; each item "xxxxxxxx" is 10, plus a comma between items: 12 + 10 + 1 + 10 = 33 fits in 40, a third does not.
        var run = fixture.Run(Machine("""
            "ItemsPath":"$.items","ItemBatcher":{"MaxInputBytesPerBatch":40},
            """), """{"items":["xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx","xxxxxxxx"]}""");
        var output = run.Output();
        run.History.Single(e => e.Type == "MapStateStarted").Details!["length"].Should().Be(JNode.From(5), "the length counts items, not batches");

        var batches = (JArray)output["result"]!;
        batches.Select(b => ((JArray)((JObject)b)["Items"]!).Count).Should().Equal(2, 2, 1);
        batches.Should().OnlyContain(b => Encoding.UTF8.GetByteCount(b.ToString()) <= 40);

        var tooBig = fixture.Run(Machine("""
            "ItemsPath":"$.items","ItemBatcher":{"MaxInputBytesPerBatch":25},
            """), """{"items":["xxxxxxxx","xxxxxxxxxxxxxxxxxxxxxx"]}""");
        tooBig.Status.Should().Be(ExecutionStatus.Failed);
        tooBig.Error.Should().Be("States.Runtime");
        tooBig.Cause.Should().Contain("24 bytes").And.Contain("at most 25 bytes");
    }

    [Fact]
    public void Jsonata_ArgumentsAndBatchLimitsAreExpressions()
    {
        using var fixture = Fixture(("data", "items.json", "[1,2,3]"));

        var output = fixture.Run("""
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map",
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","MaxItems":"{% $states.input.max %}"},
                "Arguments":{"Bucket":"data","Key":"{% $states.input.key %}"}},
              "ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.size %}","BatchInput":{"tag":"{% $states.input.tag %}"}},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
              "Output":{"result":"{% $states.result %}"},"End":true}}}
            """, """{"key":"items.json","max":3,"size":2,"tag":"t"}""").Output();

        output["result"].Should().Be(JNode.Parse("""[{"BatchInput":{"tag":"t"},"Items":[1,2]},{"BatchInput":{"tag":"t"},"Items":[3]}]"""));
    }

    [Theory]
    [InlineData("missing.json", "JSON", "", "*S3.NoSuchKeyException*")]
    [InlineData("object.json", "JSON", "", "Attempting to map over non-iterable node.")]
    [InlineData("broken.jsonl", "JSONL", "", "*line 2*")]
    [InlineData("rows.csv", "CSV", ",\"CSVHeaderLocation\":\"GIVEN\",\"CSVHeaders\":[\"a\",\"a\"]", "CSV headers cannot contain duplicates.")]
    [InlineData("rows.csv", "CSV", ",\"MaxItemsPath\":\"$.max\"", "field MaxItems must be positive")]
    public void AReadOrParseFailure_FailsTheMapWithItemReaderFailed(string key, string type, string config, string cause)
    {
        using var fixture = Fixture(("data", "object.json", """{"items":[1]}"""), ("data", "broken.jsonl", "{\"n\":1}\n{nope\n"), ("data", "rows.csv", "x,y\n"));

        var result = fixture.Run(Machine($$$"""
            "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"{{{type}}}"{{{config}}}},"Parameters":{"Bucket":"data","Key":"{{{key}}}"}},
            """), """{"max":-1}""");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.ItemReaderFailed");
        result.Cause.Should().Match(cause, "the reader's cause is its own, as AWS records it (no state prefix)");
        result.EventTypes().Should().ContainInOrder("MapStateEntered", "MapStateStarted", "MapStateFailed", "ExecutionFailed");
    }

    [Theory]
    [InlineData("\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"MANIFEST\"}", "/States/M/ItemReader/ReaderConfig/InputType", "MANIFEST")]
    [InlineData("\"Resource\":\"arn:aws:states:::s3:getObject\"", "/States/M/ItemReader/ReaderConfig/InputType", "InputType is missing")]
    [InlineData("\"Resource\":\"arn:aws:states:::dynamodb:scan\"", "/States/M/ItemReader/Resource", "dynamodb:scan")]
    public void AReaderThisEngineCannotRun_IsRefusedWhenCompiled_WithItsPointer(string reader, string pointer, string detail)
    {
        var act = () => Harness.Compile(Machine("\"ItemReader\":{" + reader + ",\"Parameters\":{\"Bucket\":\"b\",\"Key\":\"k\"}},"));

        act.Should().Throw<NotSupportedException>().Which.Message.Should().Contain(pointer).And.Contain(detail);
    }

    private static string Machine(string fields) =>
        """{"StartAt":"M","States":{"M":{"Type":"Map",""" + fields + Processor + ""","ResultPath":"$.result","End":true}}}""";

    private static IntegrationFixture Fixture(params (string Bucket, string Key, string Text)[] objects)
    {
        var fixture = new IntegrationFixture();
        fixture.Objects.CreateContainer("data");
        foreach (var (bucket, key, text) in objects)
        {
            fixture.Objects.PutAsync(bucket, key, Encoding.UTF8.GetBytes(text)).AsTask().GetAwaiter().GetResult();
        }

        return fixture;
    }
}
