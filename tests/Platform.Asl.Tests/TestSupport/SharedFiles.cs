namespace Platform.Asl.Tests.TestSupport;

/// <summary>Finds the read-only shared ground truth: <c>../shared</c> beside the repository root (the folder holding Platform.sln).</summary>
public static class SharedFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>Gets the repository root.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets the shared folder, a sibling of the repository root.</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Gets the AWS-recorded conformance cases folder.</summary>
    public static string AwsRecordedDirectory => Path.Combine(SharedDirectory, "conformance", "aws-recorded");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }
}
