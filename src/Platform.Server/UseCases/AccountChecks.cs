using System.Text.RegularExpressions;
using Platform.Asl.Json;
using Platform.Engine.Tasks;

namespace Platform.Server.UseCases;

/// <summary>The <c>CheckName</c> and <c>CheckAddress</c> handlers of the account-opening workflow. Each answers
/// <c>{"ok", "reason"}</c>: a check that is not ok sends the application to a person for review.</summary>
internal static partial class AccountChecks
{
    public const string CheckNameHandler = "CheckName";
    public const string CheckAddressHandler = "CheckAddress";

    /// <summary>A name passes with two or more words of letters (with <c>' -</c> inside), 3 to 100 characters.</summary>
    public static TaskOutcome CheckName(JNode input)
    {
        if (input is not JObject o || o["name"] is not JString { Value: var name })
        {
            return TaskOutcome.Failure("Account.InvalidInput", $"CheckName needs an object with the string 'name', found {input.KindName}");
        }

        string trimmed = name.Trim();
        string? reason = trimmed.Length is < 3 or > 100 ? $"the name has {trimmed.Length} characters; 3 to 100 are expected"
            : !NamePattern().IsMatch(trimmed) ? "the name must be two or more words of letters (apostrophes and hyphens inside words)"
            : null;
        return Result(reason);
    }

    /// <summary>An address passes with a street, a city, a postal code of 3 to 10 letters, digits, spaces or hyphens, and
    /// a two-letter country code.</summary>
    public static TaskOutcome CheckAddress(JNode input)
    {
        if (input is not JObject o || o["address"] is not JObject address)
        {
            return TaskOutcome.Failure("Account.InvalidInput", $"CheckAddress needs an object with the object 'address', found {input.KindName}");
        }

        foreach (string field in (ReadOnlySpan<string>)["street", "city", "postalCode", "country"])
        {
            if (address[field] is not JString { Value: var value } || value.Trim().Length == 0)
            {
                return Result($"the address has no '{field}'");
            }
        }

        string? reason = !PostalPattern().IsMatch(((JString)address["postalCode"]!).Value) ? "the postal code must be 3 to 10 letters, digits, spaces or hyphens"
            : !CountryPattern().IsMatch(((JString)address["country"]!).Value) ? "the country must be a two-letter ISO 3166 code, such as FR"
            : null;
        return Result(reason);
    }

    private static TaskOutcome Result(string? reason) =>
        TaskOutcome.Success(new JObject(["ok", "reason"], [JNode.From(reason is null), reason is null ? JNode.Null : JNode.From(reason)]));

    [GeneratedRegex(@"^\p{L}+(['-]\p{L}+)*( \p{L}+(['-]\p{L}+)*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9 -]{3,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostalPattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();
}
