using Platform.Asl.Json;
using Platform.Asl.Model;

namespace Platform.Asl.Parsing;

/// <summary>Map states: processor, items, concurrency, failure tolerance, ItemReader, ItemBatcher, ResultWriter.</summary>
internal sealed partial class Validator
{
    private static readonly IReadOnlyDictionary<string, FieldScope> ProcessorConfigFields =
        FieldTable.Fields(("Mode", FieldScope.Both), ("ExecutionType", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> ItemReaderFields = FieldTable.Fields(
        ("Resource", FieldScope.Both), ("Parameters", FieldScope.JsonPath), ("Arguments", FieldScope.Jsonata), ("ReaderConfig", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> ReaderConfigFields = FieldTable.Fields(
        ("InputType", FieldScope.Both), ("CSVHeaderLocation", FieldScope.Both), ("CSVHeaders", FieldScope.Both),
        ("CSVDelimiter", FieldScope.Both), ("MaxItems", FieldScope.Both), ("MaxItemsPath", FieldScope.JsonPath),
        ("ManifestType", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> ItemBatcherFields = FieldTable.Fields(
        ("MaxItemsPerBatch", FieldScope.Both), ("MaxItemsPerBatchPath", FieldScope.JsonPath), ("MaxInputBytesPerBatch", FieldScope.Both),
        ("MaxInputBytesPerBatchPath", FieldScope.JsonPath), ("BatchInput", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> ResultWriterFields = FieldTable.Fields(
        ("Resource", FieldScope.Both), ("Parameters", FieldScope.JsonPath), ("Arguments", FieldScope.Jsonata), ("WriterConfig", FieldScope.Both));

    private static readonly IReadOnlyDictionary<string, FieldScope> WriterConfigFields =
        FieldTable.Fields(("OutputType", FieldScope.Both), ("Transformation", FieldScope.Both));

    private MapState ValidateMap(StateContext context)
    {
        var reader = context.Reader;
        var language = context.Language;
        Exclusive(reader, "ItemProcessor", "Iterator");
        Exclusive(reader, "ItemSelector", "Parameters");
        Exclusive(reader, "MaxConcurrency", "MaxConcurrencyPath");
        Exclusive(reader, "ToleratedFailureCount", "ToleratedFailureCountPath");
        Exclusive(reader, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");

        var (processor, mode, executionType) = ReadProcessor(reader);
        var items = reader.Get("Items");
        if (items is not null and not JArray && !JsonataText.IsExpression(items))
        {
            Error(reader.At("Items"), AslRules.JsonataExpected, $"must be an array or a JSONata expression {{% ... %}}, found {ValueText.Describe(items)}");
        }

        var itemSelector = language == QueryLanguage.JSONata
            ? ReadObjectOrJsonata(reader, "ItemSelector", language)
            : ReadTemplate(reader, "ItemSelector") ?? ReadTemplate(reader, "Parameters");

        return new MapState
        {
            Name = context.Name,
            Pointer = context.Pointer,
            ItemProcessor = processor,
            Mode = mode,
            ExecutionType = executionType,
            ItemsPath = reader.Has("ItemsPath") ? ReadPath(reader, "ItemsPath") : "$",
            Items = items,
            ItemSelector = itemSelector,
            MaxConcurrency = ReadIntegerOrJsonata(reader, "MaxConcurrency", 0, long.MaxValue, AslRules.FieldValue, language),
            MaxConcurrencyPath = ReadPath(reader, "MaxConcurrencyPath"),
            ToleratedFailureCount = ReadIntegerOrJsonata(reader, "ToleratedFailureCount", 0, long.MaxValue, AslRules.FieldValue, language),
            ToleratedFailureCountPath = ReadPath(reader, "ToleratedFailureCountPath"),
            ToleratedFailurePercentage = ReadNumberOrJsonata(reader, "ToleratedFailurePercentage", 0, 100, AslRules.FieldValue, language),
            ToleratedFailurePercentagePath = ReadPath(reader, "ToleratedFailurePercentagePath"),
            ResultSelector = ReadTemplate(reader, "ResultSelector"),
            ResultPath = ReadNullablePath(reader, "ResultPath", isResultPath: true),
            Label = ReadString(reader, "Label"),
            ItemReader = ReadItemReader(reader, language),
            ItemBatcher = ReadItemBatcher(reader, language),
            ResultWriter = ReadResultWriter(reader, language),
            Retry = ReadRetry(context),
            Catch = ReadCatch(context),
        };
    }

    private (StateMachineDefinition Processor, MapMode Mode, string? ExecutionType) ReadProcessor(ObjectReader reader)
    {
        string name = reader.Has("ItemProcessor") || !reader.Has("Iterator") ? "ItemProcessor" : "Iterator";
        var obj = ReadObject(reader, name, required: true);
        if (obj is null)
        {
            return (new StateMachineDefinition(string.Empty, [], reader.At(name)), MapMode.Inline, null);
        }

        var processor = ValidateMachine(obj, reader.At(name), MachineKind.Processor);
        var mode = MapMode.Inline;
        string? executionType = null;
        var processorReader = new ObjectReader(obj, reader.At(name));
        var config = ReadObject(processorReader, "ProcessorConfig");
        if (config is not null)
        {
            var configReader = new ObjectReader(config, processorReader.At("ProcessorConfig"));
            CheckFields(configReader, ProcessorConfigFields, QueryLanguage.JSONPath, "in ProcessorConfig");
            mode = ReadEnum(configReader, "Mode", AslRules.MapProcessor, "INLINE", "DISTRIBUTED") == "DISTRIBUTED" ? MapMode.Distributed : MapMode.Inline;
            executionType = ReadEnum(configReader, "ExecutionType", AslRules.MapProcessor, "STANDARD", "EXPRESS");
            if (executionType is not null && mode != MapMode.Distributed)
            {
                Error(configReader.At("ExecutionType"), AslRules.MapProcessor, "is only supported when Mode is DISTRIBUTED");
            }
        }

        return (processor, mode, executionType);
    }

    private JObject? ReadItemReader(ObjectReader state, QueryLanguage language)
    {
        var obj = ReadObject(state, "ItemReader");
        if (obj is null)
        {
            return null;
        }

        var reader = new ObjectReader(obj, state.At("ItemReader"));
        CheckFields(reader, ItemReaderFields, language, "in ItemReader");
        ReadString(reader, "Resource", required: true);
        ReadTemplate(reader, "Parameters");
        ReadObjectOrJsonata(reader, "Arguments", language);
        var config = ReadObject(reader, "ReaderConfig");
        if (config is not null)
        {
            var configReader = new ObjectReader(config, reader.At("ReaderConfig"));
            CheckFields(configReader, ReaderConfigFields, language, "in ReaderConfig");
            ReadEnum(configReader, "InputType", AslRules.MapItemReader, "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
            ReadEnum(configReader, "CSVHeaderLocation", AslRules.MapItemReader, "FIRST_ROW", "GIVEN");
            ReadEnum(configReader, "CSVDelimiter", AslRules.MapItemReader, "COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
            ReadEnum(configReader, "ManifestType", AslRules.MapItemReader, "ATHENA_DATA", "S3_INVENTORY");
            var headers = ReadArray(configReader, "CSVHeaders", "a non-empty array of strings");
            if (headers is not null && (headers.Count == 0 || headers.Any(h => h is not JString)))
            {
                Error(configReader.At("CSVHeaders"), AslRules.MapItemReader, "must be a non-empty array of strings");
            }

            Exclusive(configReader, "MaxItems", "MaxItemsPath");
            ReadIntegerOrJsonata(configReader, "MaxItems", 0, long.MaxValue, AslRules.MapItemReader, language);
            ReadPath(configReader, "MaxItemsPath");
        }

        return obj;
    }

    private JObject? ReadItemBatcher(ObjectReader state, QueryLanguage language)
    {
        var obj = ReadObject(state, "ItemBatcher");
        if (obj is null)
        {
            return null;
        }

        var reader = new ObjectReader(obj, state.At("ItemBatcher"));
        CheckFields(reader, ItemBatcherFields, language, "in ItemBatcher");
        string[] limits = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"];
        if (!limits.Any(reader.Has))
        {
            Error(reader.Pointer, AslRules.MapItemBatcher, $"must have at least one of {string.Join(", ", limits)}, found none");
        }

        Exclusive(reader, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        Exclusive(reader, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        ReadIntegerOrJsonata(reader, "MaxItemsPerBatch", 1, long.MaxValue, AslRules.MapItemBatcher, language);
        ReadIntegerOrJsonata(reader, "MaxInputBytesPerBatch", 1, long.MaxValue, AslRules.MapItemBatcher, language);
        ReadPath(reader, "MaxItemsPerBatchPath");
        ReadPath(reader, "MaxInputBytesPerBatchPath");
        if (language == QueryLanguage.JSONata)
        {
            ReadObjectOrJsonata(reader, "BatchInput", language);
        }
        else
        {
            ReadTemplate(reader, "BatchInput");
        }

        return obj;
    }

    private JObject? ReadResultWriter(ObjectReader state, QueryLanguage language)
    {
        var obj = ReadObject(state, "ResultWriter");
        if (obj is null)
        {
            return null;
        }

        var reader = new ObjectReader(obj, state.At("ResultWriter"));
        CheckFields(reader, ResultWriterFields, language, "in ResultWriter");
        if (!reader.Has("Resource") && !reader.Has("WriterConfig"))
        {
            Error(reader.Pointer, AslRules.MapResultWriter, "must have Resource or WriterConfig, found neither");
        }

        ReadString(reader, "Resource");
        ReadTemplate(reader, "Parameters");
        ReadObjectOrJsonata(reader, "Arguments", language);
        var config = ReadObject(reader, "WriterConfig");
        if (config is not null)
        {
            var configReader = new ObjectReader(config, reader.At("WriterConfig"));
            CheckFields(configReader, WriterConfigFields, language, "in WriterConfig");
            ReadEnum(configReader, "OutputType", AslRules.MapResultWriter, "JSON", "JSONL");
            ReadEnum(configReader, "Transformation", AslRules.MapResultWriter, "NONE", "COMPACT", "FLATTEN");
        }

        return obj;
    }
}
