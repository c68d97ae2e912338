using CklGen.Benchmarks;
using CklGen.Checklists;

namespace CklGen.Tests.Diff;

/// <summary>Small in-memory checklists and benchmarks for diff tests.</summary>
internal static class DiffFixtures
{
    public const string Mailbox = "MS_Exchange_2016_Mailbox_Server_STIG";
    public const string Edge = "MS_Exchange_2016_Edge_Transport_Server_STIG";

    public static ChecklistRule Rule(string vuln, ChecklistStatus status, string severity = "medium", string? rev = "r1",
        string? stigId = null, string? check = null, string? fix = null, string? details = null, string? comments = null,
        string? title = null, string? ruleId = null, string[]? legacy = null, string? severityOverride = null) => new()
    {
        VulnId = vuln,
        RuleId = ruleId ?? $"S{vuln}{rev}_rule",
        StigId = stigId ?? "EX16-MB-" + vuln[2..],
        Severity = severity,
        RuleTitle = title ?? $"Rule {vuln} title",
        CheckContent = check ?? $"Check {vuln}.",
        FixText = fix ?? $"Fix {vuln}.",
        Status = status,
        FindingDetails = details,
        Comments = comments,
        LegacyIds = [.. legacy ?? []],
        SeverityOverride = severityOverride,
    };

    public static ChecklistStig Stig(string id, string version, string release, params ChecklistRule[] rules)
    {
        var s = new ChecklistStig { Rules = [.. rules] };
        s.Version = version;
        s.StigId = id;
        s.ReleaseInfo = $"Release: {release} Benchmark Date: 01 Jan 2025";
        s.Title = id.Replace('_', ' ');
        return s;
    }

    public static Checklist Checklist(string host, params ChecklistStig[] stigs) =>
        new() { Asset = new ChecklistAsset { HostName = host }, Stigs = [.. stigs] };

    public static BenchmarkRule BRule(string vuln, string rev = "r1", string severity = "medium", string? stigId = null,
        string? check = null, string? fix = null, string? title = null, string? ruleBase = null, string[]? legacy = null) => new()
    {
        VulnId = vuln,
        RuleId = $"{ruleBase ?? "S" + vuln}{rev}_rule",
        StigId = stigId ?? "EX16-MB-" + vuln[2..],
        Severity = severity,
        Title = title ?? $"Rule {vuln} title",
        CheckContent = check ?? $"Check {vuln}.",
        FixText = fix ?? $"Fix {vuln}.",
        LegacyIds = legacy ?? [],
    };

    public static Benchmark Bench(string release, params BenchmarkRule[] rules) => new()
    {
        Id = Mailbox,
        Title = "Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide",
        Version = "2",
        ReleaseInfo = $"Release: {release} Benchmark Date: 01 Jan 2025",
        FileName = $"U_MS_Exchange_2016_Mailbox_Server_STIG_V2R{release}_Manual-xccdf.xml",
        Rules = rules,
    };

    /// <summary>
    /// A quarter on one host: each classification once, plus a revised rule, an added and a removed
    /// rule, a renumbered one (matched by legacy id), edited details and an override.
    /// </summary>
    public static (Checklist Old, Checklist New) Quarter()
    {
        var old = Checklist("EXCH01", Stig(Mailbox, "2", "3",
            Rule("V-1001", ChecklistStatus.NotAFinding, "high"),
            Rule("V-1002", ChecklistStatus.Open, "high", details: "Found: SSL3 enabled"),
            Rule("V-1003", ChecklistStatus.Open, "medium", comments: "POA&M 12"),
            Rule("V-1004", ChecklistStatus.NotReviewed, "low"),
            Rule("V-1005", ChecklistStatus.NotAFinding, "medium", check: "Open the Exchange Management Shell. Enter Get-Foo."),
            Rule("V-1006", ChecklistStatus.Open, "low"),
            Rule("V-60981", ChecklistStatus.Open, "medium", ruleId: "SV-75445r1_rule", stigId: "Exch-2-768"),
            Rule("V-1008", ChecklistStatus.NotApplicable, "medium", comments: "Not an Edge server")));
        var @new = Checklist("exch01", Stig(Mailbox, "2", "4",
            Rule("V-1001", ChecklistStatus.Open, "high", details: "Found: TLS 1.0 \"enabled\" <registry>"),
            Rule("V-1002", ChecklistStatus.NotAFinding, "high", details: "SSL3 disabled"),
            Rule("V-1003", ChecklistStatus.Open, "medium", rev: "r2", comments: "POA&M 12"),
            Rule("V-1004", ChecklistStatus.NotAFinding, "low"),
            Rule("V-1005", ChecklistStatus.NotAFinding, "medium", rev: "r2", check: "Open the Exchange Management Shell. Enter Get-Foo | Select Bar."),
            Rule("V-2001", ChecklistStatus.Open, "medium", stigId: "EX16-MB-002001"),
            Rule("V-228400", ChecklistStatus.Open, "medium", legacy: ["SV-75445", "V-60981"], severityOverride: "high"),
            Rule("V-1008", ChecklistStatus.NotApplicable, "medium", comments: "Not an Edge server, see SSP, rev 2")));
        return (old, @new);
    }
}
