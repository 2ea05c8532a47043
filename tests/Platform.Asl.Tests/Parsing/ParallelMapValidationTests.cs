using Platform.Asl.Json;
using Platform.Asl.Model;
using Platform.Asl.Parsing;

namespace Platform.Asl.Tests.Parsing;

public class ParallelMapValidationTests
{
    private const string Processor = """ "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } """;

    private static ParseResult Map(string fields, string processor = Processor) =>
        Asl.ParseState($$"""{ "Type": "Map", "End": true, {{processor}}{{(fields.Length == 0 ? "" : ", " + fields)}} }""");

    private static ParseResult JsonataMap(string fields) =>
        Asl.ParseJsonataState($$"""{ "Type": "Map", "End": true, {{Processor}}, {{fields}} }""");

    [Fact]
    public void Parse_ParallelWithoutBranches_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Parallel", "End": true }""").ShouldFailWith(("/States/A", "Field.Required", "missing required field 'Branches'"));

    [Fact]
    public void Parse_ParallelWithNoBranch_ReportsBranches() =>
        Asl.ParseState("""{ "Type": "Parallel", "End": true, "Branches": [] }""")
            .ShouldFailWith(("/States/A/Branches", "Parallel.Branches", "must contain at least one branch, found none"));

    [Fact]
    public void Parse_BranchNotAnObject_ReportsType() =>
        Asl.ParseState("""{ "Type": "Parallel", "End": true, "Branches": [ "x" ] }""")
            .ShouldFailWith(("/States/A/Branches/0", "Field.Type", "must be a branch (an object with StartAt and States), found \"x\""));

    [Fact]
    public void Parse_BranchProblems_ReportNestedPointers() =>
        Asl.ParseState("""
            { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } },
              { "Version": "1.0", "States": { "Y": { "Type": "Pass" } } } ] }
            """).ShouldFailWith(
                ("/States/A/Branches/1", "Field.Required", "missing required field 'StartAt'"),
                ("/States/A/Branches/1/Version", "Field.Unsupported", "field 'Version' is not supported in a Parallel branch"),
                ("/States/A/Branches/1/States/Y", "Transition.Missing", "must have Next or End: true, found neither"));

    [Fact]
    public void Parse_Parallel_FillsBranchModels()
    {
        var state = (ParallelState)Asl.ParseState("""
            { "Type": "Parallel", "End": true, "ResultPath": "$.r", "Branches": [
              { "Comment": "one", "StartAt": "X", "States": { "X": { "Type": "Pass", "Next": "Y" }, "Y": { "Type": "Succeed" } } },
              { "StartAt": "Z", "States": { "Z": { "Type": "Succeed" } } } ] }
            """).ShouldBeValid().States[0];

        state.Branches.Should().HaveCount(2);
        state.Branches[0].Should().BeEquivalentTo(new { StartAt = "X", Pointer = "/States/A/Branches/0", Comment = "one" });
        state.Branches[0].States.Select(s => s.Pointer).Should().Equal("/States/A/Branches/0/States/X", "/States/A/Branches/0/States/Y");
        state.Branches[1].Find("Z").Should().NotBeNull();
        state.ResultPath.Should().Be("$.r");
    }

    [Fact]
    public void Parse_MapWithoutProcessor_ReportsRequired() =>
        Asl.ParseState("""{ "Type": "Map", "End": true }""").ShouldFailWith(("/States/A", "Field.Required", "missing required field 'ItemProcessor'"));

    [Fact]
    public void Parse_MapWithProcessorAndIterator_ReportsExclusive() =>
        Map(""" "Iterator": { "StartAt": "Y", "States": { "Y": { "Type": "Succeed" } } } """)
            .ShouldFailWith(("/States/A/Iterator", "Field.Exclusive", "cannot be used together with ItemProcessor"));

    [Theory]
    [InlineData("""{ "Mode": "inline" }""", "Mode", "must be INLINE or DISTRIBUTED, found \"inline\"")]
    [InlineData("""{ "Mode": "DISTRIBUTED", "ExecutionType": "FAST" }""", "ExecutionType", "must be STANDARD or EXPRESS, found \"FAST\"")]
    [InlineData("""{ "Mode": "INLINE", "ExecutionType": "EXPRESS" }""", "ExecutionType", "is only supported when Mode is DISTRIBUTED")]
    [InlineData("""{ "ExecutionType": "STANDARD" }""", "ExecutionType", "is only supported when Mode is DISTRIBUTED")]
    public void Parse_BadProcessorConfig_ReportsProcessor(string config, string field, string message) =>
        Map("", $$""" "ItemProcessor": { "ProcessorConfig": {{config}}, "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } """)
            .ShouldFailWith(($"/States/A/ItemProcessor/ProcessorConfig/{field}", "Map.Processor", message));

    [Fact]
    public void Parse_ProcessorStateProblem_ReportsNestedPointer() =>
        Map("", """ "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Task", "End": true } } } """)
            .ShouldFailWith(("/States/A/ItemProcessor/States/X", "Field.Required", "missing required field 'Resource'"));

    [Fact]
    public void Parse_ItemSelectorAndParameters_ReportsExclusive() =>
        Map(""" "ItemSelector": {}, "Parameters": {} """).ShouldFailWith(("/States/A/Parameters", "Field.Exclusive", "cannot be used together with ItemSelector"));

    [Theory]
    [InlineData("MaxConcurrency", "-1", "Field.Value", "must be a non-negative integer, found -1")]
    [InlineData("MaxConcurrency", "1.5", "Field.Value", "must be a non-negative integer, found 1.5")]
    [InlineData("ToleratedFailureCount", "-2", "Field.Value", "must be a non-negative integer, found -2")]
    [InlineData("ToleratedFailurePercentage", "100.5", "Field.Value", "must be a number between 0 and 100, found 100.5")]
    [InlineData("ToleratedFailurePercentage", "\"5\"", "Field.Type", "must be a number between 0 and 100, found \"5\"")]
    [InlineData("Label", "5", "Field.Type", "must be a string, found 5")]
    public void Parse_BadMapNumber_Reports(string field, string value, string rule, string message) =>
        Map($$""" "{{field}}": {{value}} """).ShouldFailWith(($"/States/A/{field}", rule, message));

    [Theory]
    [InlineData("MaxConcurrency", "5")]
    [InlineData("ToleratedFailureCount", "1")]
    [InlineData("ToleratedFailurePercentage", "50")]
    public void Parse_MapValueAndPath_ReportsExclusive(string field, string value) =>
        Map($$""" "{{field}}": {{value}}, "{{field}}Path": "$.v" """).ShouldFailWith(($"/States/A/{field}Path", "Field.Exclusive", $"cannot be used together with {field}"));

    [Fact]
    public void Parse_ItemBatcherWithoutLimit_ReportsItemBatcher() =>
        Map(""" "ItemBatcher": { "BatchInput": {} } """).ShouldFailWith(("/States/A/ItemBatcher", "Map.ItemBatcher",
            "must have at least one of MaxItemsPerBatch, MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath, found none"));

    [Fact]
    public void Parse_ItemBatcherZeroItems_ReportsItemBatcher() =>
        Map(""" "ItemBatcher": { "MaxItemsPerBatch": 0 } """).ShouldFailWith(("/States/A/ItemBatcher/MaxItemsPerBatch", "Map.ItemBatcher", "must be a positive integer, found 0"));

    [Fact]
    public void Parse_ItemReaderWithoutResource_ReportsRequired() =>
        Map(""" "ItemReader": { "ReaderConfig": { "InputType": "JSON" } } """).ShouldFailWith(("/States/A/ItemReader", "Field.Required", "missing required field 'Resource'"));

    [Fact]
    public void Parse_ItemReaderBadInputType_ReportsItemReader() =>
        Map(""" "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "XML" } } """)
            .ShouldFailWith(("/States/A/ItemReader/ReaderConfig/InputType", "Map.ItemReader", "must be one of CSV, JSON, JSONL, MANIFEST, PARQUET, found \"XML\""));

    [Fact]
    public void Parse_ItemReaderUnknownField_ReportsUnsupported() =>
        Map(""" "ItemReader": { "Resource": "r", "Bucket": "b" } """)
            .ShouldFailWith(("/States/A/ItemReader/Bucket", "Field.Unsupported", "field 'Bucket' is not supported in ItemReader"));

    [Fact]
    public void Parse_EmptyResultWriter_ReportsResultWriter() =>
        Map(""" "ResultWriter": {} """).ShouldFailWith(("/States/A/ResultWriter", "Map.ResultWriter", "must have Resource or WriterConfig, found neither"));

    [Fact]
    public void Parse_ResultWriterBadTransformation_ReportsResultWriter() =>
        Map(""" "ResultWriter": { "WriterConfig": { "Transformation": "ZIP" } } """)
            .ShouldFailWith(("/States/A/ResultWriter/WriterConfig/Transformation", "Map.ResultWriter", "must be one of NONE, COMPACT, FLATTEN, found \"ZIP\""));

    [Fact]
    public void Parse_JsonataItemsNotArrayOrExpression_ReportsJsonataExpected() =>
        JsonataMap(""" "Items": 5 """).ShouldFailWith(("/States/A/Items", "Jsonata.Expected", "must be an array or a JSONata expression {% ... %}, found 5"));

    [Fact]
    public void Parse_JsonataMapFields_AcceptExpressions()
    {
        var state = (MapState)JsonataMap("""
            "Items": "{% $states.input.list %}", "ItemSelector": "{% $states.context.Map.Item.Value %}", "MaxConcurrency": "{% 2 %}",
            "ToleratedFailurePercentage": "{% 10 %}", "ItemBatcher": { "MaxItemsPerBatch": "{% 5 %}" }
            """).ShouldBeValid().States[0];

        state.Items.Should().Be(JNode.From("{% $states.input.list %}"));
        state.MaxConcurrency.Should().Be(JNode.From("{% 2 %}"));
        state.ItemProcessor.QueryLanguage.Should().Be(QueryLanguage.JSONata);
    }

    [Fact]
    public void Parse_DistributedMap_FillsTheModel()
    {
        var state = (MapState)Map("""
            "ItemsPath": "$.items", "ItemSelector": { "v.$": "$$.Map.Item.Value" }, "MaxConcurrency": 10, "ToleratedFailureCountPath": "$.t",
            "Label": "L", "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "b", "Key.$": "$.key" },
            "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 10 } },
            "ItemBatcher": { "MaxInputBytesPerBatch": 1024, "BatchInput": { "x.$": "$.x" } },
            "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "b", "Prefix": "p" } }
            """, """ "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" }, "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } """)
            .ShouldBeValid().States[0];

        state.Mode.Should().Be(MapMode.Distributed);
        state.ExecutionType.Should().Be("EXPRESS");
        state.ItemsPath.Should().Be("$.items");
        state.MaxConcurrency.Should().Be(JNode.From(10));
        state.ToleratedFailureCountPath.Should().Be("$.t");
        state.Label.Should().Be("L");
        state.ItemReader!["Resource"].Should().Be(JNode.From("arn:aws:states:::s3:getObject"));
        state.ItemBatcher.Should().NotBeNull();
        state.ResultWriter.Should().NotBeNull();
        state.ItemProcessor.Pointer.Should().Be("/States/A/ItemProcessor");
        state.ItemProcessor.States.Should().ContainSingle().Which.Pointer.Should().Be("/States/A/ItemProcessor/States/X");
    }

    [Fact]
    public void Parse_LegacyIteratorAndParameters_MapToProcessorAndSelector()
    {
        var state = (MapState)Asl.ParseState("""
            { "Type": "Map", "End": true, "Parameters": { "v.$": "$$.Map.Item.Value" },
              "Iterator": { "StartAt": "X", "States": { "X": { "Type": "Succeed" } } } }
            """).ShouldBeValid().States[0];

        state.ItemProcessor.StartAt.Should().Be("X");
        state.ItemProcessor.Pointer.Should().Be("/States/A/Iterator");
        state.ItemSelector.Should().Be(JsonParser.Parse("""{ "v.$": "$$.Map.Item.Value" }"""));
        state.Mode.Should().Be(MapMode.Inline);
        state.ItemsPath.Should().Be("$");
    }
}
