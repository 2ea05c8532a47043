using System.Globalization;
using System.Text;
using Platform.Asl.Json;

namespace Platform.Bench;

/// <summary>One row of the results table. Each measurement prints one as a <c>RESULT {json}</c> line, which
/// <see cref="AllRows"/> reads back from the row's own process.</summary>
internal sealed record RowResult(string Row)
{
    public const string Prefix = "RESULT ";

    public double ExecPerSecond { get; init; } = double.NaN;

    public double TransitionsPerSecond { get; init; } = double.NaN;

    public double AllocatedPerExec { get; init; } = double.NaN;

    public double P50Ms { get; init; } = double.NaN;

    public double P99Ms { get; init; } = double.NaN;

    /// <summary>Gets the peak resident set (VmHWM) of the process measured, in bytes.</summary>
    public long PeakRssBytes { get; init; }

    public string Note { get; init; } = string.Empty;

    /// <summary>Prints the row as a RESULT line.</summary>
    public static void Write(RowResult row)
    {
        var json = new JObject(
            ["row", "execPerSecond", "transitionsPerSecond", "allocatedPerExec", "p50Ms", "p99Ms", "peakRssBytes", "note"],
            [JNode.From(row.Row), Num(row.ExecPerSecond), Num(row.TransitionsPerSecond), Num(row.AllocatedPerExec), Num(row.P50Ms), Num(row.P99Ms), JNode.From(row.PeakRssBytes), JNode.From(row.Note)]);
        Console.WriteLine(Prefix + json.ToJson());
    }

    /// <summary>Reads a RESULT line back.</summary>
    public static RowResult Parse(string line)
    {
        var o = (JObject)JNode.Parse(line[Prefix.Length..]);
        double D(string key) => o[key] is JNumber n ? n.Value : double.NaN;
        return new RowResult(((JString)o["row"]!).Value)
        {
            ExecPerSecond = D("execPerSecond"),
            TransitionsPerSecond = D("transitionsPerSecond"),
            AllocatedPerExec = D("allocatedPerExec"),
            P50Ms = D("p50Ms"),
            P99Ms = D("p99Ms"),
            PeakRssBytes = (long)D("peakRssBytes"),
            Note = o["note"] is JString s ? s.Value : string.Empty,
        };
    }

    /// <summary>The peak resident set size (VmHWM in /proc/&lt;pid&gt;/status) of a live process, in bytes; 0 if unknown.</summary>
    public static long PeakRssOf(int pid) => ReadStatus($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status", "VmHWM:");

    /// <summary>This process's peak resident set size (VmHWM), in bytes.</summary>
    public static long PeakRss() => ReadStatus("/proc/self/status", "VmHWM:");

    private static long ReadStatus(string file, string field)
    {
        try
        {
            foreach (string line in File.ReadLines(file, Encoding.ASCII))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string kb = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static JNode Num(double value) => double.IsFinite(value) ? JNode.From(value) : JNode.Null;
}
