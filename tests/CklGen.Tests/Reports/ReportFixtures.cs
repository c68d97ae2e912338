using CklGen.Checklists;
using CklGen.Reports;

namespace CklGen.Tests.Reports;

/// <summary>A small two-host case built in memory: a 2019-style STIG with CCIs and a 2010-style one with DIACAP IA controls.</summary>
public static class ReportFixtures
{
    public static readonly DateTimeOffset Generated = new(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);

    public static ChecklistRule Rule(string vuln, string rule, string stigId, string severity, ChecklistStatus status,
        string title, string[]? ccis = null, string? ia = null, string? details = null, string? comments = null,
        string? overrideSeverity = null, string? justification = null) => new()
    {
        VulnId = vuln,
        RuleId = rule,
        StigId = stigId,
        Severity = severity,
        RuleTitle = title,
        Discussion = "Discussion of " + vuln + ".",
        CheckContent = "Check " + vuln + ".",
        FixText = "Fix " + vuln + ".",
        IaControls = ia,
        Ccis = [.. ccis ?? []],
        Status = status,
        FindingDetails = details,
        Comments = comments,
        SeverityOverride = overrideSeverity,
        SeverityJustification = justification,
    };

    static ChecklistStig Edge(params ChecklistRule[] rules)
    {
        var s = new ChecklistStig { Rules = [.. rules] };
        s.Title = "Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide";
        s.StigId = "MS_Exchange_2019_Edge_Server_STIG";
        s.Version = "2";
        s.ReleaseInfo = "Release: 2 Benchmark Date: 30 Jan 2025";
        return s;
    }

    static ChecklistStig Hub2010(params ChecklistRule[] rules)
    {
        var s = new ChecklistStig { Rules = [.. rules] };
        s.Title = "Exchange 2010 Hub Transport Server STIG";
        s.StigId = "Exchange_2010_Hub";
        s.Version = "1";
        s.ReleaseInfo = "Release: 12 Benchmark Date: 24 Jul 2015";
        return s;
    }

    public static List<ReportSource> Sources() =>
    [
        new("/data/EDGE01.ckl", new Checklist
        {
            Asset = new ChecklistAsset { HostName = "EDGE01", HostFqdn = "edge01.example.mil" },
            Stigs =
            [
                Edge(
                    Rule("V-259629", "SV-259629r960735_rule", "EX19-ED-000001", "medium", ChecklistStatus.Open,
                        "Exchange must use encryption for RPC client access.", ["CCI-000068"],
                        details: "Get-RpcClientAccess: EncryptionRequired = False\n<script>alert(\"x\")</script>", comments: "Ticket CHG-42, \"pending\""),
                    Rule("V-259630", "SV-259630r960879_rule", "EX19-ED-000002", "medium", ChecklistStatus.NotAFinding,
                        "Exchange must have audit data protected.", ["CCI-000169"], details: "AdminAuditLogEnabled = True"),
                    Rule("V-259631", "SV-259631r961863_rule", "EX19-ED-000003", "high", ChecklistStatus.Open,
                        "Exchange must not send automatic replies to remote domains.", ["CCI-000366", "CCI-999999"],
                        details: "=HYPERLINK(\"x\")", overrideSeverity: "low", justification: "Mitigated by the perimeter relay."),
                    Rule("V-259632", "SV-259632r960963_rule", "EX19-ED-000004", "low", ChecklistStatus.NotApplicable,
                        "Exchange must have the Spam Evaluation Score set.", ["CCI-000381"]),
                    Rule("V-259633", "SV-259633r961470_rule", "EX19-ED-000005", "medium", ChecklistStatus.NotReviewed,
                        "Exchange must have message tracking enabled.", ["CCI-000169"])),
            ],
        }),
        new("/data/EDGE02.cklb", new Checklist
        {
            Asset = new ChecklistAsset { HostName = "EDGE02" },
            Stigs =
            [
                Edge(
                    Rule("V-259629", "SV-259629r960735_rule", "EX19-ED-000001", "medium", ChecklistStatus.Open,
                        "Exchange must use encryption for RPC client access.", ["CCI-000068"], details: "EncryptionRequired = False"),
                    Rule("V-259630", "SV-259630r960879_rule", "EX19-ED-000002", "medium", ChecklistStatus.NotAFinding,
                        "Exchange must have audit data protected.", ["CCI-000169"]),
                    Rule("V-259631", "SV-259631r961863_rule", "EX19-ED-000003", "high", ChecklistStatus.Open,
                        "Exchange must not send automatic replies to remote domains.", ["CCI-000366", "CCI-999999"]),
                    Rule("V-259632", "SV-259632r960963_rule", "EX19-ED-000004", "low", ChecklistStatus.Open,
                        "Exchange must have the Spam Evaluation Score set.", ["CCI-000381"]),
                    Rule("V-259633", "SV-259633r961470_rule", "EX19-ED-000005", "medium", ChecklistStatus.NotAFinding,
                        "Exchange must have message tracking enabled.", ["CCI-000169"])),
                Hub2010(
                    Rule("V-33607", "SV-44027r1_rule", "Exch-2-768", "medium", ChecklistStatus.Open,
                        "Send Fax must be disabled.", ia: "ECSC-1"),
                    Rule("V-33608", "SV-44028r1_rule", "Exch-2-769", "low", ChecklistStatus.NotAFinding,
                        "Connection filtering must be enabled.", ia: "ECSC-1, DCBP-1")),
            ],
        }),
    ];

    /// <summary>Four CCIs as DISA's list maps them (rev 5 where it has one, rev 4 only for CCI-000381 here).</summary>
    public static CciList Ccis() => new(
    [
        Item("CCI-000068", "Implement cryptographic mechanisms to protect the confidentiality of remote access sessions.",
            ("NIST SP 800-53 Revision 4", "4", "AC-17 (2)"), ("NIST SP 800-53 Revision 5", "5", "AC-17 (2)")),
        Item("CCI-000169", "Provide audit record generation capability for the event types the system is capable of auditing.",
            ("NIST SP 800-53 Revision 4", "4", "AU-12 a"), ("NIST SP 800-53 Revision 5", "5", "AU-12 a")),
        Item("CCI-000366", "Implement the security configuration settings.",
            ("NIST SP 800-53 Revision 4", "4", "CM-6 b"), ("NIST SP 800-53 Revision 5", "5", "CM-6 b")),
        Item("CCI-000381", "Configure the system to provide only essential capabilities.",
            ("NIST SP 800-53 Revision 4", "4", "CM-7 a"), ("NIST SP 800-53A", "1", "CM-7.1 (ii)")),
    ], "2023-06-07", "2023-06-07", "test");

    static CciItem Item(string id, string def, params (string Title, string Version, string Index)[] refs) =>
        new(id, def, "draft", "technical", refs.Select(r => new CciReference(r.Title, r.Version, r.Index, "NIST", "NIST")).ToList());

    public static Report Build(bool withCci = true) => Report.Build(Sources(), withCci ? Ccis() : null, Generated);
}
