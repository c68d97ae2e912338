using CklGen.Checklists;

namespace CklGen.Reports;

/// <summary>One CSV row per rule per host, for spreadsheets and scripts.</summary>
public static class CsvReport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Host", "Benchmark", "Release", "Vuln ID", "Rule ID", "STIG ID", "CAT", "Status", "Title",
        "CCIs", "Controls", "Finding Details", "Comments",
    ];

    /// <summary>The CSV text; CAT honors severity overrides, Status is spelled as in CKL files.</summary>
    public static string Write(Report report) =>
        Csv.Write(Columns, report.Rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Host,
            r.Section.BenchmarkTitle,
            r.Section.VersionLabel,
            r.VulnId,
            r.RuleId,
            r.StigId,
            r.Cat.Label(),
            r.Status.ToCkl(),
            r.Title,
            string.Join("; ", r.Ccis),
            string.Join("; ", r.Controls),
            r.Rule.FindingDetails,
            r.Rule.Comments,
        ]));
}
