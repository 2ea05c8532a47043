namespace Platform.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, in a temporary directory of files the test writes.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness() => Directory = System.IO.Directory.CreateTempSubdirectory("platform-cli").FullName;

    public string Directory { get; }

    public string Write(string relativePath, string content)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = await Cli.RunAsync(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
