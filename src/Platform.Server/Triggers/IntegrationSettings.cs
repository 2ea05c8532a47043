using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Platform.Asl.DataFlow;
using Platform.Asl.Json;
using Platform.Engine.Integrations;
using Platform.Engine.Integrations.CircuitBreakers;

namespace Platform.Server.Triggers;

/// <summary>Reads the integration settings of the <c>Platform</c> section: <c>Tables</c>, <c>CircuitBreakers</c>,
/// <c>Triggers</c>, <c>PublicUrl</c> and <c>WatchInbox</c>. Each error names the setting, the value and what was expected.</summary>
internal static partial class IntegrationSettings
{
    private static readonly string[] KeyTypes = ["S", "N", "B"];

    public static PlatformServerOptions Read(IConfigurationSection section, PlatformServerOptions options)
    {
        var tables = section.GetSection("Tables");
        if (tables.Exists())
        {
            options = options with { Tables = [.. Items(tables).Select(ReadTable)] };
        }

        var breakers = section.GetSection("CircuitBreakers");
        if (breakers.Exists())
        {
            options = options with { CircuitBreakers = [.. Items(breakers).Select(ReadBreaker)] };
        }

        var triggers = section.GetSection("Triggers");
        if (triggers.Exists())
        {
            var rules = Items(triggers).Select(ReadRule).ToList();
            var duplicate = rules.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ServerConfigurationException($"the setting {triggers.Path} names two rules '{duplicate.Key}': rule names must be unique");
            }

            options = options with { Triggers = rules };
        }

        if (section["PublicUrl"] is { Length: > 0 } url)
        {
            options = options with
            {
                PublicUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    ? uri
                    : throw Invalid(section.GetSection("PublicUrl"), "an absolute http(s) URL"),
            };
        }

        if (section["WatchInbox"] is { } watch)
        {
            options = options with { WatchInbox = bool.TryParse(watch, out bool on) ? on : throw Invalid(section.GetSection("WatchInbox"), "true or false") };
        }

        return options;
    }

    private static IEnumerable<IConfigurationSection> Items(IConfigurationSection list)
    {
        var children = list.GetChildren().ToList();
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ServerConfigurationException($"the setting {list.Path} must be a list (a JSON array), found the key '{child.Key}'");
            }
        }

        return children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture));
    }

    private static DynamoDbTable ReadTable(IConfigurationSection table)
    {
        string name = Required(table, "Name");
        if (TableKeys.ValidateTableName(name) is { } why)
        {
            throw Invalid(table.GetSection("Name"), $"a table name ({why})");
        }

        return new DynamoDbTable(
            name,
            Required(table, "PartitionKey"),
            KeyType(table, "PartitionKeyType"),
            table["SortKey"] is { Length: > 0 } sort ? sort : null,
            KeyType(table, "SortKeyType"));
    }

    private static string KeyType(IConfigurationSection table, string setting) =>
        table[setting] is not { } type ? "S" : KeyTypes.Contains(type, StringComparer.Ordinal) ? type : throw Invalid(table.GetSection(setting), "S, N or B");

    private static CircuitBreakerPolicy ReadBreaker(IConfigurationSection breaker)
    {
        var policy = new CircuitBreakerPolicy { Resource = Required(breaker, "Resource") };
        policy = policy with
        {
            FailureThreshold = Int(breaker, "FailureThreshold", 1, 1_000_000) ?? policy.FailureThreshold,
            Window = Seconds(breaker, "WindowSeconds") ?? policy.Window,
            CoolDown = Seconds(breaker, "CoolDownSeconds") ?? policy.CoolDown,
            HalfOpenTrials = Int(breaker, "HalfOpenTrials", 1, 1_000) ?? policy.HalfOpenTrials,
            TrialTimeout = Seconds(breaker, "TrialTimeoutSeconds") ?? policy.TrialTimeout,
            PerTarget = breaker["PerTarget"] is not { } perTarget ? policy.PerTarget
                : bool.TryParse(perTarget, out bool on) ? on : throw Invalid(breaker.GetSection("PerTarget"), "true or false"),
        };
        var ignored = breaker.GetSection("IgnoredErrors");
        if (ignored.Exists())
        {
            policy = policy with
            {
                IgnoredErrors = new HashSet<string>(policy.IgnoredErrors.Concat(Items(ignored).Select(i => i.Value ?? string.Empty).Where(e => e.Length > 0)), StringComparer.Ordinal),
            };
        }

        return policy;
    }

    private static TriggerRule ReadRule(IConfigurationSection rule)
    {
        string name = Required(rule, "Name");
        if (!RuleName().IsMatch(name))
        {
            throw Invalid(rule.GetSection("Name"), "1 to 40 letters, digits, '-' and '_'");
        }

        string sourceText = Required(rule, "Source");
        var source = sourceText.ToUpperInvariant() switch
        {
            "BLOB" => TriggerSource.Blob,
            "EVENTGRID" => TriggerSource.EventGrid,
            "QUEUE" => TriggerSource.Queue,
            _ => throw Invalid(rule.GetSection("Source"), "blob, eventgrid or queue"),
        };
        var types = rule.GetSection("EventTypes");
        var result = new TriggerRule
        {
            Name = name,
            Source = source,
            StateMachine = Required(rule, "StateMachine"),
            Container = Optional(rule, "Container"),
            Prefix = Optional(rule, "Prefix"),
            Suffix = Optional(rule, "Suffix"),
            EventTypes = types.Exists() ? [.. Items(types).Select(t => t.Value ?? string.Empty).Where(t => t.Length > 0)]
                : rule["EventType"] is { Length: > 0 } one ? [one] : [],
            SubjectBeginsWith = Optional(rule, "SubjectBeginsWith"),
            SubjectEndsWith = Optional(rule, "SubjectEndsWith"),
            Queue = Optional(rule, "Queue"),
            Input = ReadTemplate(rule.GetSection("Input")),
        };
        if (source == TriggerSource.Queue && result.Queue is null)
        {
            throw new ServerConfigurationException($"the setting {rule.Path}:Queue is required for a queue rule: name the queue it listens to");
        }

        return result;
    }

    /// <summary>The input template: a JSON string (keeps numbers and booleans), or a configuration object whose leaves are strings.</summary>
    private static PayloadTemplate? ReadTemplate(IConfigurationSection input)
    {
        if (!input.Exists())
        {
            return null;
        }

        JNode template;
        if (input.Value is { } text)
        {
            template = JsonParser.TryParse(text, out var error) ?? throw Invalid(input, $"a JSON template ({error?.Message})");
        }
        else
        {
            template = Build(input);
        }

        return PayloadTemplate.TryCompile(template, string.Empty, out var compiled, out var errors)
            ? compiled
            : throw new ServerConfigurationException($"the setting {input.Path} is not a valid input template: {string.Join("; ", errors)}");
    }

    private static JNode Build(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? JObject.Empty : JNode.From(section.Value);
        }

        bool array = children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        return array
            ? new JArray([.. children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(Build)])
            : JObject.FromPairs(children.Select(c => new KeyValuePair<string, JNode>(c.Key, Build(c))));
    }

    private static string Required(IConfigurationSection section, string setting) =>
        section[setting] is { Length: > 0 } value ? value : throw new ServerConfigurationException($"the setting {section.Path}:{setting} is required");

    private static string? Optional(IConfigurationSection section, string setting) => section[setting] is { Length: > 0 } value ? value : null;

    private static int? Int(IConfigurationSection section, string setting, int min, int max) =>
        section[setting] is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max ? value
        : throw Invalid(section.GetSection(setting), $"a whole number from {min} to {max}");

    private static TimeSpan? Seconds(IConfigurationSection section, string setting) =>
        section[setting] is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value <= 31_536_000 ? TimeSpan.FromSeconds(value)
        : throw Invalid(section.GetSection(setting), "a number of seconds above 0 (at most a year)");

    private static ServerConfigurationException Invalid(IConfigurationSection setting, string expected) =>
        new($"the setting {setting.Path} must be {expected}, found '{setting.Value}'");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleName();
}
