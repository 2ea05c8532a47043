using Platform.Asl.Json;

namespace Platform.Server.Api;

/// <summary>Builds a response object in AWS's shape: absent values are left out, dates are epoch seconds.</summary>
internal sealed class ApiResponse
{
    private readonly JObjectBuilder _builder = new(12);

    /// <summary>An empty response (<c>{}</c>).</summary>
    public static JObject Empty => JObject.Empty;

    /// <summary>Adds a string unless it is null.</summary>
    public ApiResponse Add(string key, string? value)
    {
        if (value is not null)
        {
            _builder.Set(key, JNode.From(value));
        }

        return this;
    }

    /// <summary>Adds a date (epoch seconds, millisecond precision) unless it is null.</summary>
    public ApiResponse Add(string key, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            _builder.Set(key, Date(date));
        }

        return this;
    }

    /// <summary>Adds a number.</summary>
    public ApiResponse Add(string key, long value)
    {
        _builder.Set(key, JNode.From(value));
        return this;
    }

    /// <summary>Adds a boolean.</summary>
    public ApiResponse Add(string key, bool value)
    {
        _builder.Set(key, JNode.From(value));
        return this;
    }

    /// <summary>Adds a JSON value unless it is null.</summary>
    public ApiResponse Add(string key, JNode? value)
    {
        if (value is not null)
        {
            _builder.Set(key, value);
        }

        return this;
    }

    /// <summary>Builds the object.</summary>
    public JObject Build() => _builder.Build();

    /// <summary>A date as AWS's JSON protocol sends it: seconds since the epoch, with milliseconds as a fraction.</summary>
    public static JNode Date(DateTimeOffset date) => JNode.From(date.ToUnixTimeMilliseconds() / 1000.0);
}
