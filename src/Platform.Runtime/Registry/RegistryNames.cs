using System.Globalization;
using System.Text;

namespace Platform.Runtime.Registry;

/// <summary>Name rules and ARN shapes of state machines, versions and aliases.</summary>
public static class RegistryNames
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxNameLength = 80;

    /// <summary>The longest ARN accepted, in characters.</summary>
    public const int MaxArnLength = 256;

    private const string Forbidden = "?*<>{}[]\"#%\\^|~`$&,;:/";

    /// <summary>Returns why <paramref name="name"/> is not a valid state machine or alias name, or null when it is valid.</summary>
    /// <param name="name">The name to check.</param>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "must not be empty";
        }

        int length = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            length++;
            if (Rune.IsWhiteSpace(rune))
            {
                return $"must not contain whitespace (found U+{rune.Value:X4} at character {length})";
            }

            if (Rune.IsControl(rune))
            {
                return $"must not contain control characters (found U+{rune.Value:X4} at character {length})";
            }

            if (rune.IsAscii && Forbidden.Contains((char)rune.Value, StringComparison.Ordinal))
            {
                return $"must not contain '{(char)rune.Value}' (at character {length})";
            }
        }

        return length > MaxNameLength ? $"is {length} characters long; the limit is {MaxNameLength}" : null;
    }

    /// <summary>Returns whether the text is all ASCII digits (a version number rather than an alias name).</summary>
    internal static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>Formats a state machine ARN.</summary>
    internal static string StateMachineArn(string region, string account, string name) => $"arn:aws:states:{region}:{account}:stateMachine:{name}";

    /// <summary>Formats a version ARN.</summary>
    internal static string VersionArn(string machineArn, long number) => $"{machineArn}:{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Formats an alias ARN.</summary>
    internal static string AliasArn(string machineArn, string alias) => $"{machineArn}:{alias}";
}

/// <summary>A parsed state machine ARN, possibly qualified by a version number or an alias name.</summary>
internal sealed record ParsedArn(string Region, string Account, string Name, long? Version, string? Alias)
{
    public bool IsUnqualified => Version is null && Alias is null;

    /// <summary>Parses an ARN of the shape <c>arn:aws:states:region:account:stateMachine:name[:version|:alias]</c>.</summary>
    /// <exception cref="RegistryException">InvalidArn when the text is not of that shape.</exception>
    public static ParsedArn Parse(string? arn, string parameter)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw Invalid(parameter, arn, "it is empty");
        }

        if (arn.Length > RegistryNames.MaxArnLength)
        {
            throw Invalid(parameter, arn, $"it is longer than {RegistryNames.MaxArnLength} characters");
        }

        var parts = arn.Split(':');
        if (parts.Length is < 7 or > 8 || parts[0] != "arn" || parts[1].Length == 0 || parts[2] != "states"
            || parts[3].Length == 0 || parts[4].Length == 0 || parts[5] != "stateMachine")
        {
            throw Invalid(parameter, arn, "expected arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>|:<alias>]");
        }

        if (RegistryNames.NameProblem(parts[6]) is { } nameProblem)
        {
            throw Invalid(parameter, arn, $"the state machine name {nameProblem}");
        }

        if (parts.Length == 7)
        {
            return new ParsedArn(parts[3], parts[4], parts[6], null, null);
        }

        string qualifier = parts[7];
        if (RegistryNames.IsNumber(qualifier))
        {
            if (!long.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
            {
                throw Invalid(parameter, arn, $"'{qualifier}' is not a version number");
            }

            return new ParsedArn(parts[3], parts[4], parts[6], number, null);
        }

        if (RegistryNames.NameProblem(qualifier) is { } aliasProblem)
        {
            throw Invalid(parameter, arn, $"the alias name {aliasProblem}");
        }

        return new ParsedArn(parts[3], parts[4], parts[6], null, qualifier);
    }

    private static RegistryException Invalid(string parameter, string? arn, string why) =>
        new(RegistryErrorCodes.InvalidArn, $"Invalid Arn: '{arn}' in {parameter}: {why}.");
}
