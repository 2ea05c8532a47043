using System.Text;

namespace Platform.Runtime.CrashHost;

/// <summary>An append-only, tab-separated log that survives SIGKILL: each line goes to the file in one write, flushed to the
/// OS before the call returns (a kill can lose only a line being written, never reorder or merge lines).</summary>
internal sealed class EventLog : IDisposable
{
    private readonly FileStream _file;
    private readonly Lock _lock = new();

    public EventLog(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
    }

    public string Path { get; }

    /// <summary>Appends one line made of <paramref name="fields"/> (none may contain a tab or a newline).</summary>
    public void Write(params string[] fields)
    {
        byte[] line = Encoding.UTF8.GetBytes(string.Join('\t', fields) + "\n");
        lock (_lock)
        {
            _file.Write(line);
            _file.Flush();
        }
    }

    /// <summary>Reads the complete lines of a log (a torn last line, cut by a kill, is left out).</summary>
    public static List<string[]> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        int end = text.LastIndexOf('\n');
        return end < 0
            ? []
            : [.. text[..end].Split('\n').Where(line => line.Length > 0).Select(line => line.Split('\t'))];
    }

    public void Dispose() => _file.Dispose();
}
