using System.Globalization;
using System.Text;
using CklGen.Benchmarks.Harness;

namespace CklGen.Benchmarks;

/// <summary>Formats measurements as Markdown tables (also printed to the console as they are).</summary>
public static class Report
{
    public static string Ms(double ms) => ms switch
    {
        >= 1000 => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        >= 100 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        >= 10 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Bytes(double? b) => b switch
    {
        null => "n/a (child process)",
        >= 1024 * 1024 => (b.Value / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (b.Value / 1024).ToString("0", CultureInfo.InvariantCulture) + " KB",
        _ => b.Value.ToString("0", CultureInfo.InvariantCulture) + " B",
    };

    public static string Verdict(Measurement m) => m.Met ? "met" : "**not met**";

    public static string Table(IEnumerable<Measurement> ms, string firstColumn = "Scenario")
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| {firstColumn} | Goal (p95) | Median | p95 | Allocated / iteration | Verdict | Notes |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var m in ms)
            sb.AppendLine($"| {Escape(m.Scenario.Name)} | < {Ms(m.Scenario.GoalMs)} | {Ms(m.MedianMs)} | {Ms(m.P95Ms)} | {Bytes(m.AllocatedBytes)} | {Verdict(m)} | {Escape(m.Note)} |");
        return sb.ToString();
    }

    static string Escape(string s) => s.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
