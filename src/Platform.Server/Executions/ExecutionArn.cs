using Platform.Runtime.Registry;
using Platform.Server.Api;

namespace Platform.Server.Executions;

/// <summary>A parsed execution ARN: <c>arn:aws:states:&lt;region&gt;:&lt;account&gt;:execution:&lt;machine&gt;:&lt;name&gt;</c>
/// (Standard) or <c>…:express:&lt;machine&gt;:&lt;name&gt;:&lt;id&gt;</c> (Express).</summary>
/// <param name="Region">The region.</param>
/// <param name="Account">The account.</param>
/// <param name="StateMachineName">The state machine name.</param>
/// <param name="Name">The execution name.</param>
/// <param name="IsExpress">Whether it is an Express execution ARN.</param>
internal sealed record ExecutionArn(string Region, string Account, string StateMachineName, string Name, bool IsExpress)
{
    /// <summary>Gets the state machine's (unqualified) ARN.</summary>
    public string StateMachineArn => $"arn:aws:states:{Region}:{Account}:stateMachine:{StateMachineName}";

    /// <summary>Parses an execution ARN.</summary>
    /// <exception cref="ApiException">InvalidArn, naming the field and the expected shape.</exception>
    public static ExecutionArn Parse(string arn, string field)
    {
        if (arn.Length > RegistryNames.MaxArnLength)
        {
            throw Invalid(arn, field, $"it is longer than {RegistryNames.MaxArnLength} characters");
        }

        var parts = arn.Split(':');
        bool standard = parts.Length == 8 && parts[5] == "execution";
        bool express = parts.Length == 9 && parts[5] == "express" && parts[8].Length > 0;
        if ((!standard && !express) || parts[0] != "arn" || parts[1].Length == 0 || parts[2] != "states" || parts[3].Length == 0 || parts[4].Length == 0)
        {
            throw Invalid(arn, field, "expected arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName> (or :express:<stateMachineName>:<executionName>:<id>)");
        }

        if (RegistryNames.NameProblem(parts[6]) is { } machineProblem)
        {
            throw Invalid(arn, field, $"the state machine name {machineProblem}");
        }

        if (RegistryNames.NameProblem(parts[7]) is { } nameProblem)
        {
            throw Invalid(arn, field, $"the execution name {nameProblem}");
        }

        return new ExecutionArn(parts[3], parts[4], parts[6], parts[7], express);
    }

    private static ApiException Invalid(string arn, string field, string why) =>
        new(ApiErrorCodes.InvalidArn, $"Invalid Arn: '{ApiRequest.Shorten(arn)}' in {field}: {why}.");
}
