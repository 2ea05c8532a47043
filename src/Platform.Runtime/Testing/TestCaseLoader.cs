using System.Globalization;
using Platform.Asl.Json;
using Platform.Engine.Execution;

namespace Platform.Runtime.Testing;

/// <summary>Reads test-case files (the conformance format) and mocks files, with precise errors: file, field and reason.</summary>
public static class TestCaseLoader
{
    private static readonly string[] CaseFields = ["name", "source", "tags", "definition", "definitionFile", "input", "context", "mocks", "expect", "comment"];
    private static readonly string[] ExpectFields = ["status", "output", "error", "cause"];

    /// <summary>Reads and checks a case file.</summary>
    /// <exception cref="TestCaseFormatException">The file cannot be read, is not JSON, or a field is missing or wrong.</exception>
    public static TestCase Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ReadText(path, path, string.Empty), path);
    }

    /// <summary>Checks a case given as JSON text; <paramref name="file"/> names it in errors and anchors <c>definitionFile</c>.</summary>
    /// <exception cref="TestCaseFormatException">The text is not JSON, or a field is missing or wrong.</exception>
    public static TestCase Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        var root = ParseJson(json, file, "the case file");
        if (root is not JObject obj)
        {
            throw new TestCaseFormatException(file, string.Empty, $"a test case must be a JSON object, found {root.KindName}");
        }

        foreach (var (key, _) in obj)
        {
            if (!CaseFields.Contains(key, StringComparer.Ordinal))
            {
                throw new TestCaseFormatException(file, JsonPointer.Append(string.Empty, key), $"unknown field; a test case has {string.Join(", ", CaseFields)}");
            }
        }

        string name = obj["name"] switch
        {
            null => Path.GetFileNameWithoutExtension(file),
            JString { Value.Length: > 0 } s => s.Value,
            var other => throw new TestCaseFormatException(file, "/name", $"must be a non-empty string, found {Describe(other)}"),
        };

        var (definition, definitionText) = ReadDefinition(obj, file);
        var context = obj["context"] switch
        {
            null => null,
            JObject o => o,
            var other => throw new TestCaseFormatException(file, "/context", $"must be an object (fields merged into the Context Object), found {Describe(other)}"),
        };

        return new TestCase
        {
            Name = name,
            File = file,
            Tags = ReadTags(obj["tags"], file),
            Definition = definition,
            DefinitionText = definitionText,
            Input = obj["input"] ?? JObject.Empty,
            Context = context,
            Mocks = obj["mocks"] is { } mocks ? ParseMocks(mocks, file, "/mocks") : new Dictionary<string, TaskMock>(StringComparer.Ordinal),
            Expect = ReadExpect(obj["expect"], file),
        };
    }

    /// <summary>Reads a mocks file: an object of Task state names to invocation entries, as in a case's <c>mocks</c>.</summary>
    /// <exception cref="TestCaseFormatException">The file cannot be read, is not JSON, or an entry is wrong.</exception>
    public static IReadOnlyDictionary<string, TaskMock> LoadMocks(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseMocks(ParseJson(ReadText(path, path, string.Empty), path, "the mocks file"), path, string.Empty);
    }

    /// <summary>Checks a mocks object: <c>{"State": {"0": {"Return": …}, "1-2": {"Throw": {"Error": …, "Cause": …}}}}</c>.</summary>
    /// <exception cref="TestCaseFormatException">An entry is wrong; <paramref name="pointer"/> prefixes the field in the message.</exception>
    public static IReadOnlyDictionary<string, TaskMock> ParseMocks(JNode mocks, string file, string pointer)
    {
        ArgumentNullException.ThrowIfNull(mocks);
        if (mocks is not JObject states)
        {
            throw new TestCaseFormatException(file, pointer, $"must be an object of Task state names, found {Describe(mocks)}");
        }

        var result = new Dictionary<string, TaskMock>(StringComparer.Ordinal);
        foreach (var (stateName, entries) in states)
        {
            string statePointer = JsonPointer.Append(pointer, stateName);
            if (entries is not JObject byInvocation || byInvocation.Count == 0)
            {
                throw new TestCaseFormatException(file, statePointer, $"must be a non-empty object of invocation numbers (\"0\") or ranges (\"1-2\"), found {Describe(entries)}");
            }

            var ranges = new List<MockRange>(byInvocation.Count);
            foreach (var (key, entry) in byInvocation)
            {
                string entryPointer = JsonPointer.Append(statePointer, key);
                var (first, last) = ParseRange(key, file, entryPointer);
                ranges.Add(new MockRange(first, last, ReadResponse(entry, file, entryPointer)));
            }

            ranges.Sort((a, b) => a.First.CompareTo(b.First));
            for (int i = 1; i < ranges.Count; i++)
            {
                if (ranges[i].First <= ranges[i - 1].Last)
                {
                    throw new TestCaseFormatException(
                        file, JsonPointer.Append(statePointer, ranges[i].ToString()), $"overlaps entry \"{ranges[i - 1]}\": each invocation needs exactly one entry");
                }
            }

            result[stateName] = new TaskMock(stateName, ranges);
        }

        return result;
    }

    /// <summary>Lists the case files of a file or directory: the file itself, or every <c>*.json</c> below the directory, sorted.</summary>
    /// <remarks>In a directory, a JSON object with <c>StartAt</c> and no <c>expect</c> is a state machine (a <c>definitionFile</c>), not a case, and is skipped.</remarks>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="fileOrDirectory"/>.</exception>
    public static IReadOnlyList<string> FindCaseFiles(string fileOrDirectory)
    {
        ArgumentNullException.ThrowIfNull(fileOrDirectory);
        if (File.Exists(fileOrDirectory))
        {
            return [fileOrDirectory];
        }

        if (!Directory.Exists(fileOrDirectory))
        {
            throw new FileNotFoundException($"No such file or directory: {fileOrDirectory}", fileOrDirectory);
        }

        return [.. Directory.EnumerateFiles(fileOrDirectory, "*.json", SearchOption.AllDirectories)
            .Where(f => !IsDefinitionFile(f))
            .Order(StringComparer.Ordinal)];
    }

    private static bool IsDefinitionFile(string path)
    {
        try
        {
            return JNode.Parse(File.ReadAllText(path)) is JObject o && o.ContainsKey("StartAt") && !o.ContainsKey("expect");
        }
        catch (Exception)
        {
            // Unreadable or broken files stay in the list, so loading them reports the problem.
            return false;
        }
    }

    private static string ReadText(string path, string file, string field)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TestCaseFormatException(file, field, ex is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found: {path}"
                : $"cannot read {path}: {ex.Message}");
        }
    }

    private static JNode ParseJson(string json, string file, string what)
    {
        try
        {
            return JsonParser.Parse(json, JsonParseOptions.Strict);
        }
        catch (JsonParseException ex)
        {
            throw new TestCaseFormatException(file, ex.Pointer ?? string.Empty, $"{what} is not valid JSON: line {ex.Line}, column {ex.Column}: {ex.Reason}");
        }
    }

    private static (JObject? Definition, string? Text) ReadDefinition(JObject obj, string file)
    {
        var inline = obj["definition"];
        var fileField = obj["definitionFile"];
        if (inline is not null && fileField is not null)
        {
            throw new TestCaseFormatException(file, "/definitionFile", "give either definition or definitionFile, not both");
        }

        if (inline is not null)
        {
            return inline is JObject definition
                ? (definition, null)
                : throw new TestCaseFormatException(file, "/definition", $"must be the state machine as a JSON object, found {Describe(inline)}");
        }

        if (fileField is null)
        {
            throw new TestCaseFormatException(file, string.Empty, "missing field: definition (inline state machine) or definitionFile (a path relative to the case file)");
        }

        if (fileField is not JString { Value.Length: > 0 } relative)
        {
            throw new TestCaseFormatException(file, "/definitionFile", $"must be a path relative to the case file, found {Describe(fileField)}");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        return (null, ReadText(Path.Combine(directory, relative.Value), file, "/definitionFile"));
    }

    private static string[] ReadTags(JNode? tags, string file)
    {
        if (tags is null)
        {
            return [];
        }

        if (tags is not JArray array)
        {
            throw new TestCaseFormatException(file, "/tags", $"must be an array of strings, found {Describe(tags)}");
        }

        var result = new string[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            result[i] = array[i] is JString s
                ? s.Value
                : throw new TestCaseFormatException(file, JsonPointer.Append("/tags", i), $"must be a string, found {Describe(array[i])}");
        }

        return result;
    }

    private static TestExpectation ReadExpect(JNode? expect, string file)
    {
        if (expect is null)
        {
            throw new TestCaseFormatException(file, string.Empty, "missing field: expect (with status, and output or error/cause)");
        }

        if (expect is not JObject obj)
        {
            throw new TestCaseFormatException(file, "/expect", $"must be an object, found {Describe(expect)}");
        }

        foreach (var (key, _) in obj)
        {
            if (!ExpectFields.Contains(key, StringComparer.Ordinal))
            {
                throw new TestCaseFormatException(file, JsonPointer.Append("/expect", key), $"unknown field; expect has {string.Join(", ", ExpectFields)}");
            }
        }

        var status = obj["status"] switch
        {
            null => throw new TestCaseFormatException(file, "/expect", "missing field: status (SUCCEEDED, FAILED or TIMED_OUT)"),
            JString s when ExecutionStatusNames.TryParse(s.Value, out var parsed) && parsed is ExecutionStatus.Succeeded or ExecutionStatus.Failed or ExecutionStatus.TimedOut => parsed,
            var other => throw new TestCaseFormatException(file, "/expect/status", $"must be SUCCEEDED, FAILED or TIMED_OUT, found {Describe(other)}"),
        };

        var output = obj["output"];
        var error = obj["error"];
        var cause = obj["cause"];
        if (status == ExecutionStatus.Succeeded)
        {
            if (error is not null || cause is not null)
            {
                throw new TestCaseFormatException(file, error is not null ? "/expect/error" : "/expect/cause", "is only compared when status is FAILED or TIMED_OUT");
            }

            return new TestExpectation(status) { Output = output, Source = obj };
        }

        if (output is not null)
        {
            throw new TestCaseFormatException(file, "/expect/output", "is only compared when status is SUCCEEDED");
        }

        if (status == ExecutionStatus.Failed && error is null)
        {
            throw new TestCaseFormatException(file, "/expect", "missing field: error (the error name, or null when the execution reports none, as for a Fail state without Error)");
        }

        return new TestExpectation(status)
        {
            ComparesError = error is not null,
            Error = ReadOptionalString(error, file, "/expect/error"),
            ComparesCause = cause is not null,
            Cause = ReadOptionalString(cause, file, "/expect/cause"),
            Source = obj,
        };
    }

    private static string? ReadOptionalString(JNode? value, string file, string pointer) => value switch
    {
        null or JNull => null,
        JString s => s.Value,
        _ => throw new TestCaseFormatException(file, pointer, $"must be a string or null, found {Describe(value)}"),
    };

    private static (int First, int Last) ParseRange(string key, string file, string pointer)
    {
        int dash = key.IndexOf('-', StringComparison.Ordinal);
        string firstText = dash < 0 ? key : key[..dash];
        string lastText = dash < 0 ? key : key[(dash + 1)..];
        if (!TryParseIndex(firstText, out int first) || !TryParseIndex(lastText, out int last))
        {
            throw new TestCaseFormatException(file, pointer, "must be a zero-based invocation number (\"0\") or an inclusive range (\"1-2\")");
        }

        return first <= last
            ? (first, last)
            : throw new TestCaseFormatException(file, pointer, $"the range is empty: {first} is after {last}");
    }

    private static bool TryParseIndex(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static MockResponse ReadResponse(JNode entry, string file, string pointer)
    {
        if (entry is not JObject obj || obj.Count != 1 || (!obj.ContainsKey("Return") && !obj.ContainsKey("Throw")))
        {
            throw new TestCaseFormatException(file, pointer, $"must be an object with exactly one of Return (the task result) or Throw ({{\"Error\", \"Cause\"}}), found {Describe(entry)}");
        }

        if (obj["Return"] is { } result)
        {
            return MockResponse.Returning(result);
        }

        string throwPointer = pointer + "/Throw";
        if (obj["Throw"] is not JObject thrown)
        {
            throw new TestCaseFormatException(file, throwPointer, $"must be an object with Error and optional Cause, found {Describe(obj["Throw"])}");
        }

        foreach (var (key, _) in thrown)
        {
            if (key is not "Error" and not "Cause")
            {
                throw new TestCaseFormatException(file, JsonPointer.Append(throwPointer, key), "unknown field; Throw has Error and Cause");
            }
        }

        if (thrown["Error"] is not JString { Value.Length: > 0 } error)
        {
            throw new TestCaseFormatException(file, throwPointer + "/Error", $"must be a non-empty string (the error name), found {Describe(thrown["Error"])}");
        }

        return MockResponse.Throwing(error.Value, ReadOptionalString(thrown["Cause"], file, throwPointer + "/Cause"));
    }

    private static string Describe(JNode? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        string text = value.ToString();
        return text.Length <= 60 ? $"{value.KindName} {text}" : $"{value.KindName} {text[..57]}...";
    }
}
