using System.Diagnostics;

namespace Platform.Server.Tests.Live;

/// <summary>The external clients the live tests drive, and how to install them (<c>.ci/run</c> does).</summary>
public static class Tools
{
    public const string AwsCli = "aws";
    public const string NodeSdk = "node-sdk";
    public const string Node = "node";
    public const string Chromium = "chromium";

    /// <summary>Debian's Chromium, which the browser test drives through Playwright (no browser download).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Gets the repository root (the directory of Platform.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Gets the directory of the Node script and its node_modules.</summary>
    public static string SdkDirectory => Path.Combine(RepositoryRoot, "tests", "Platform.Server.Tests", "sdk");

    public static string HowToInstall(string tool) => tool switch
    {
        AwsCli => "the AWS CLI ('aws') is not installed: run 'sudo apt-get install -y awscli' (or bash .ci/run, which installs it)",
        Node => "Node.js ('node') is not installed: run 'sudo apt-get install -y nodejs' (or bash .ci/run, which installs it)",
        Chromium => $"Debian's Chromium ({ChromiumPath}) is not installed: run 'sudo apt-get install -y chromium' (or bash .ci/run, which installs it)",
        _ => $"node and @aws-sdk/client-sfn are not installed: install Node.js, then run 'npm install --prefix {SdkDirectory}' (or bash .ci/run, which does)",
    };

    public static bool IsAvailable(string tool) => tool switch
    {
        AwsCli => Runs("aws", "--version"),
        Node => Runs("node", "--version"),
        Chromium => File.Exists(ChromiumPath) && Runs(ChromiumPath, "--version"),
        _ => Runs("node", "--version") && Directory.Exists(Path.Combine(SdkDirectory, "node_modules", "@aws-sdk", "client-sfn")),
    };

    /// <summary>Fails with the way to install the tool when it is missing.</summary>
    public static void Require(string tool)
    {
        if (!IsAvailable(tool))
        {
            throw new InvalidOperationException(HowToInstall(tool));
        }
    }

    private static bool Runs(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(30_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs an external client: skipped with the way to install it when it is missing, except under CI
/// (the <c>CI</c> variable set), where the test runs and fails with that message.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (Environment.GetEnvironmentVariable("CI") is null && !Tools.IsAvailable(tool))
        {
            Skip = Tools.HowToInstall(tool);
        }
    }
}
