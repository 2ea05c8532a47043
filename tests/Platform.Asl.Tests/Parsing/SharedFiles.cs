namespace Platform.Asl.Tests.Parsing;

/// <summary>Locates the shared, read-only folder next to the repository (../shared from the folder holding Platform.sln).</summary>
internal static class SharedFiles
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No Platform.sln above {AppContext.BaseDirectory}.");
    }

    public static string AwsRecordedCases() =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "conformance", "aws-recorded"));
}
