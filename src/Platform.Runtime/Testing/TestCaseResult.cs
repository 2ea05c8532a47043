using System.Globalization;
using Platform.Asl.Json;

namespace Platform.Runtime.Testing;

/// <summary>The outcome of one test case: passed, or why not, with what was expected and what happened.</summary>
public sealed record TestCaseResult
{
    /// <summary>Gets the case name (the file path when the file could not be read).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the case file.</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>Gets the case's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets a value indicating whether the case passed.</summary>
    public bool Passed { get; init; }

    /// <summary>Gets why the case failed, on one line; <see langword="null"/> when it passed.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the case's <c>expect</c> object, when the file could be read.</summary>
    public JObject? Expected { get; init; }

    /// <summary>Gets what the execution produced (<c>status</c>, and <c>output</c> or <c>error</c> and <c>cause</c>), when it ran to its end.</summary>
    public JObject? Actual { get; init; }

    /// <summary>Gets how long the case took (wall clock).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Returns the result as a report entry: name, file, tags, status (passed/failed), reason, expected, actual, durationMs.</summary>
    public JObject ToJson()
    {
        var builder = new JObjectBuilder(8);
        builder.Set("name", JNode.From(Name));
        builder.Set("file", JNode.From(File));
        builder.Set("tags", new JArray(Tags.Select(t => (JNode)JNode.From(t))));
        builder.Set("status", JNode.From(Passed ? "passed" : "failed"));
        builder.Set("reason", Reason is null ? JNode.Null : JNode.From(Reason));
        builder.Set("expected", (JNode?)Expected ?? JNode.Null);
        builder.Set("actual", (JNode?)Actual ?? JNode.Null);
        builder.Set("durationMs", JNode.From(Math.Round(Duration.TotalMilliseconds, 3)));
        return builder.Build();
    }

    /// <inheritdoc />
    public override string ToString() => Passed
        ? string.Create(CultureInfo.InvariantCulture, $"PASS {Name}")
        : string.Create(CultureInfo.InvariantCulture, $"FAIL {Name}: {Reason}");
}
