using Platform.Asl.Errors;
using Platform.Asl.Json;
using Platform.Asl.Paths;
using Platform.Engine.Execution;

namespace Platform.Engine.Plan;

/// <summary>A compiled InputPath, OutputPath or ResultPath, with AWS's meanings of "$" (identity) and null.</summary>
internal sealed class DataPath
{
    public static readonly DataPath Identity = new(null, false);
    public static readonly DataPath Null = new(null, true);

    private DataPath(JsonPath? path, bool isNull)
    {
        Path = path;
        IsNull = isNull;
    }

    public JsonPath? Path { get; }

    public bool IsNull { get; }

    public bool IsIdentity => Path is null && !IsNull;

    public static DataPath Compile(string? text) =>
        text is null ? Null : text == "$" ? Identity : new DataPath(JsonPath.Parse(text), false);

    /// <summary>InputPath/OutputPath: selects from <paramref name="document"/> (null gives <c>{}</c>).</summary>
    public JNode Select(BranchRun run, JNode document)
    {
        if (Path is null)
        {
            return IsNull ? JObject.Empty : document;
        }

        run.SetInput(document);
        if (Path.TryEvaluate(run, out var value))
        {
            return value;
        }

        throw StateNode.NoResults(Path);
    }

    /// <summary>ResultPath: puts <paramref name="result"/> into <paramref name="input"/> (null keeps the input).</summary>
    public JNode Apply(JNode input, JNode result) => Path is null ? (IsNull ? input : result) : Path.Assign(input, result);
}
