using CklGen.Checklists;
using System.Text;

namespace CklGen.Reports;

/// <summary>
/// A POA&amp;M as CSV in the column layout of eMASS's POA&amp;M import template, one row per open
/// rule (hosts where it is open listed under Devices Affected). Columns that record the site's
/// decisions (office, dates, milestones, mitigations, risk analysis) are left empty for the ISSO.
/// </summary>
public static class PoamReport
{
    /// <summary>
    /// Template header names, in template order (row 7 of eMASS's POA&amp;M workbook). Some template
    /// editions spell three of them "Source Identifying Vulnerability", "Raw Severity" and
    /// "Mitigations (in-house and in conjunction with the Navy CSSP)".
    /// </summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "POA&M Item ID",
        "Control Vulnerability Description",
        "Security Control Number (NC/NA controls only)",
        "Office/Org",
        "Security Checks",
        "Resources Required",
        "Scheduled Completion Date",
        "Milestone with Completion Dates",
        "Milestone Changes",
        "Source Identifying Control Vulnerability",
        "Status",
        "Comments",
        "Raw Severity Value",
        "Devices Affected",
        "Mitigations",
        "Predisposing Conditions",
        "Severity",
        "Relevance of Threat",
        "Threat Description",
        "Likelihood",
        "Impact",
        "Impact Description",
        "Residual Risk Level",
        "Recommendations",
        "Resulting Residual Risk after Proposed Mitigations",
    ];

    /// <summary>eMASS caps description and comments at 2,000 characters.</summary>
    public const int MaxTextLength = 2000;

    public static string Write(Report report) => Csv.Write(Columns, Rows(report));

    public static IEnumerable<IReadOnlyList<string?>> Rows(Report report) => report.OpenFindings.Select(Row);

    static IReadOnlyList<string?> Row(OpenFinding f)
    {
        var row = new string?[Columns.Count];
        void Set(string column, string? value) => row[IndexOf(column)] = value;
        Set("Control Vulnerability Description", Limit(Description(f)));
        Set("Security Control Number (NC/NA controls only)", string.Join("\n", f.Controls));
        Set("Security Checks", string.Join("\n", new[] { f.VulnId, f.RuleId, f.StigId }.Where(s => s.Length > 0)));
        Set("Source Identifying Control Vulnerability", $"STIG: {f.BenchmarkLabel}");
        Set("Status", "Ongoing");
        Set("Comments", Limit(Comments(f)));
        Set("Raw Severity Value", RawSeverity(f.OriginalCat));
        Set("Devices Affected", string.Join("\n", f.Hosts));
        Set("Severity", Severity(f.Cat));
        return row;
    }

    static int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column) return i;
        throw new ArgumentException("no POA&M column " + column);
    }

    /// <summary>eMASS's raw severity: the STIG category as a roman numeral (I, II, III).</summary>
    public static string RawSeverity(Cat cat) => cat == Cat.Unknown ? "" : cat.ToString();

    /// <summary>eMASS's severity scale (Very Low .. Very High) for a category: CAT I High, CAT II Moderate, CAT III Low.</summary>
    public static string Severity(Cat cat) => cat switch
    {
        Cat.I => "High",
        Cat.II => "Moderate",
        Cat.III => "Low",
        _ => "",
    };

    static string Description(OpenFinding f)
    {
        var sb = new StringBuilder();
        sb.Append("Title: ").Append(f.Title);
        var discussion = f.Rule.Discussion?.Trim();
        if (!string.IsNullOrEmpty(discussion)) sb.Append("\n\nDescription:\n").Append(discussion);
        return sb.ToString();
    }

    static string Comments(OpenFinding f)
    {
        var lines = new List<string>();
        if (f.Ccis.Count > 0) lines.Add("CCIs: " + string.Join(", ", f.Ccis));
        foreach (var r in f.Rows)
        {
            if (r.SeverityOverridden)
            {
                var why = r.Rule.SeverityJustification?.Trim();
                lines.Add($"{r.Host}: severity overridden from {r.OriginalCat.Label()} to {r.Cat.Label()}"
                          + (string.IsNullOrEmpty(why) ? "" : ": " + why));
            }
            var c = r.Rule.Comments?.Trim();
            if (!string.IsNullOrEmpty(c)) lines.Add($"{r.Host}: {c}");
        }
        return string.Join("\n", lines);
    }

    static string Limit(string s) => s.Length <= MaxTextLength ? s : s[..(MaxTextLength - 7)] + " [\u2026]";
}
