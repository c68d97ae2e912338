using System.Text;

namespace CklGen.Reports;

/// <summary>
/// A short form of a rule's finding details for places with little room (POA&amp;M cells, to-do lines):
/// the verdict line, then the lines that say what is not compliant (with their indented detail), else
/// the first lines.
/// </summary>
public static class Evidence
{
    public static string Summarize(string? findingDetails, int maxLength = 600)
    {
        var text = (findingDetails ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (text.Length == 0) return "";
        var lines = text.Split('\n');
        var kept = new List<string> { lines[0].Trim() };
        for (var i = 1; i < lines.Length; i++)
        {
            if (!IsFailure(lines[i])) continue;
            kept.Add(lines[i].Trim());
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal) && !IsFailure(lines[j]); j++)
                kept.Add("  " + lines[j].Trim());
        }
        if (kept.Count == 1)
            kept.AddRange(lines.Skip(1).Where(l => l.Trim().Length > 0).Take(3).Select(l => l.TrimEnd()));
        var sb = new StringBuilder();
        foreach (var k in kept.Distinct())
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(k);
        }
        return Cut(sb.ToString(), maxLength);
    }

    /// <summary>Lines that report a failing object ("NOT COMPLIANT", "not compliant", "FAIL").</summary>
    static bool IsFailure(string line) =>
        line.Contains("NOT COMPLIANT", StringComparison.Ordinal) || line.Contains(": not compliant", StringComparison.OrdinalIgnoreCase)
        || line.TrimStart().StartsWith("FAIL", StringComparison.Ordinal);

    /// <summary>Text cut to a length, ending in " […]" when cut.</summary>
    public static string Cut(string s, int max) => s.Length <= max ? s : s[..Math.Max(0, max - 4)].TrimEnd() + " [\u2026]";
}
