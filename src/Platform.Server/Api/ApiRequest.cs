using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Server.Api;

/// <summary>The body of one API request, read field by field with AWS's constraint messages: a missing required field or a
/// value out of range is a ValidationException naming the field and the constraint; a value of the wrong JSON type a
/// SerializationException. JSON <c>null</c> counts as absent.</summary>
internal sealed class ApiRequest(JObject body)
{
    /// <summary>Gets the raw body.</summary>
    public JObject Body { get; } = body;

    /// <summary>Reads a required string of <paramref name="min"/>–<paramref name="max"/> characters.</summary>
    public string RequiredString(string field, int min = 1, int max = int.MaxValue) =>
        OptionalString(field, min, max) ?? throw Invalid($"Value null at '{field}' failed to satisfy constraint: Member must not be null");

    /// <summary>Reads an optional string of <paramref name="min"/>–<paramref name="max"/> characters.</summary>
    public string? OptionalString(string field, int min = 0, int max = int.MaxValue)
    {
        switch (Body[field])
        {
            case null or JNull:
                return null;
            case JString { Value: var text }:
                if (text.Length < min)
                {
                    throw Invalid($"Value '{Shorten(text)}' at '{field}' failed to satisfy constraint: Member must have length greater than or equal to {Number(min)}");
                }

                if (text.Length > max)
                {
                    throw Invalid($"Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {Number(max)} (found {Number(text.Length)} characters)");
                }

                return text;
            case var other:
                throw WrongType(field, "a string", other);
        }
    }

    /// <summary>Reads an optional string whose UTF-8 encoding is at most <paramref name="maxBytes"/> bytes (AWS's payload limits).</summary>
    public string? OptionalPayload(string field, int maxBytes)
    {
        string? text = OptionalString(field);
        if (text is not null && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > maxBytes)
        {
            throw Invalid($"Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {Number(maxBytes)} bytes in UTF-8 (found {Number(bytes)} bytes)");
        }

        return text;
    }

    /// <summary>Reads an optional integer in <paramref name="min"/>–<paramref name="max"/>.</summary>
    public int? OptionalInt(string field, int min, int max)
    {
        switch (Body[field])
        {
            case null or JNull:
                return null;
            case JNumber number when number.TryGetInt64(out long value):
                if (value < min)
                {
                    throw Invalid($"Value '{Number(value)}' at '{field}' failed to satisfy constraint: Member must have value greater than or equal to {Number(min)}");
                }

                if (value > max)
                {
                    throw Invalid($"Value '{Number(value)}' at '{field}' failed to satisfy constraint: Member must have value less than or equal to {Number(max)}");
                }

                return (int)value;
            case var other:
                throw WrongType(field, "an integer", other);
        }
    }

    /// <summary>Reads an optional boolean (false when absent).</summary>
    public bool Bool(string field) => Body[field] switch
    {
        null or JNull => false,
        JBool { Value: var value } => value,
        var other => throw WrongType(field, "a boolean", other),
    };

    /// <summary>Reads an optional enumeration value, one of <paramref name="allowed"/>.</summary>
    public string? OptionalEnum(string field, params string[] allowed)
    {
        string? value = OptionalString(field);
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            throw Invalid($"Value '{Shorten(value)}' at '{field}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return value;
    }

    /// <summary>Reads an optional array.</summary>
    public JArray? OptionalArray(string field) => Body[field] switch
    {
        null or JNull => null,
        JArray array => array,
        var other => throw WrongType(field, "a list", other),
    };

    /// <summary>Reads an optional object.</summary>
    public JObject? OptionalObject(string field) => Body[field] switch
    {
        null or JNull => null,
        JObject value => value,
        var other => throw WrongType(field, "a structure", other),
    };

    /// <summary>A ValidationException in AWS's wording: "1 validation error detected: …".</summary>
    public static ApiException Invalid(string constraint) =>
        new(ApiErrorCodes.ValidationException, "1 validation error detected: " + constraint);

    /// <summary>A SerializationException for a field of the wrong JSON type.</summary>
    public static ApiException WrongType(string field, string expected, JNode found) =>
        new(ApiErrorCodes.SerializationException, $"Field '{field}' must be {expected}, found {found.KindName} {Shorten(found.ToString())}.");

    /// <summary>Cuts long values in messages.</summary>
    public static string Shorten(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
