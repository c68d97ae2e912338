using System.Globalization;
using System.Text.RegularExpressions;
using CklGen.Checklists;

namespace CklGen.Reports;

/// <summary>
/// A pipeline gate over a report (like the SAF CLI's threshold check): cat1-open (a CAT I rule is open),
/// open (any rule is open), not-reviewed-over:N% (more than N percent of the rules are Not_Reviewed).
/// CATs honor severity overrides, as the report shows them.
/// </summary>
public sealed record ReportGate(string Spec, string Kind, double? Percent)
{
    public const string Cat1Open = "cat1-open";
    public const string Open = "open";
    public const string NotReviewedOver = "not-reviewed-over";
    public const string Choices = "cat1-open, open, not-reviewed-over:N%";

    /// <summary>Parses one gate or a comma-separated list; throws <see cref="FormatException"/> with the reason.</summary>
    public static IReadOnlyList<ReportGate> ParseList(string text)
    {
        var gates = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (gates.Count == 0) throw new FormatException($"--fail-on needs one of {Choices}");
        return gates;
    }

    public static ReportGate Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is Cat1Open or "cat-i-open" or "cati-open") return new(t, Cat1Open, null);
        if (t == Open) return new(t, Open, null);
        var m = Regex.Match(t, @"^not-reviewed-over[:=]([0-9]+(?:\.[0-9]+)?)%?$", RegexOptions.CultureInvariant);
        if (m.Success)
        {
            var p = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (p > 100) throw new FormatException($"--fail-on {text}: the percentage must be 0 to 100");
            return new(t, NotReviewedOver, p);
        }
        if (t.StartsWith(NotReviewedOver, StringComparison.Ordinal))
            throw new FormatException($"--fail-on {text}: give the percentage as not-reviewed-over:N% (e.g. not-reviewed-over:20%)");
        throw new FormatException($"--fail-on must be one of {Choices}; got \"{text}\"");
    }

    /// <summary>Why the gate fails on this report, or null when it passes.</summary>
    public string? Check(Report report)
    {
        var t = report.Totals;
        switch (Kind)
        {
            case Cat1Open:
            {
                var n = t[ChecklistStatus.Open, Cat.I];
                return n == 0 ? null : $"{Plural(n, "CAT I rule")} open: {Examples(report, r => r.Status == ChecklistStatus.Open && r.Cat == Cat.I)}";
            }
            case Open:
                return t.Open == 0 ? null : $"{Plural(t.Open, "rule")} open: {Examples(report, r => r.Status == ChecklistStatus.Open)}";
            default:
            {
                var share = t.Total == 0 ? 0 : 100.0 * t.NotReviewed / t.Total;
                return share > Percent!.Value
                    ? $"{t.NotReviewed} of {t.Total} rules Not_Reviewed ({share.ToString("0.#", CultureInfo.InvariantCulture)}%), over {Percent.Value.ToString("0.##", CultureInfo.InvariantCulture)}%"
                    : null;
            }
        }
    }

    static string Examples(Report report, Func<ReportRow, bool> pick)
    {
        var hits = report.Rows.Where(pick).Select(r => $"{r.Host} {r.VulnId}").ToList();
        var shown = string.Join(", ", hits.Take(5));
        return hits.Count > 5 ? $"{shown} and {hits.Count - 5} more" : shown;
    }

    static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
