namespace Platform.Cli;

/// <summary>The exit codes of every <c>platform</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked: valid definition, succeeded execution, every test passed.</summary>
    public const int Success = 0;

    /// <summary>The answer is "no": invalid definition, failed or timed-out execution, a failing test.</summary>
    public const int Failure = 1;

    /// <summary>The command could not do its job: bad arguments, a missing or unreadable file, malformed input.</summary>
    public const int UsageError = 2;
}
