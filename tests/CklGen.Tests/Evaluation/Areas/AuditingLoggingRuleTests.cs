using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Evaluation.Areas.AreaRules;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>The auditing and logging catalog, on every shared benchmark rule it binds.</summary>
public class AuditingLoggingRuleTests
{
    const string Catalog = "exchange-auditing-logging";
    const string Logging = "Get-Acl -Path 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging'";

    static readonly SitePolicy Policy = SitePolicy.Parse("""
        { "cklgenPolicy": 1, "values": {
            "auditLogReaders": [ "BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM", "CORP\\Audit Readers" ],
            "auditLogModifiers": [ "BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM" ],
            "auditLogDeleters": [ "BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM" ],
            "auditLogAccess": [ "BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM", "CORP\\Audit Readers" ] } }
        """, "site-policy.json");

    static JObject Ace(string who, object rights, bool inherited = false) =>
        O(("IdentityReference", who), ("FileSystemRights", rights), ("AccessControlType", "Allow"), ("IsInherited", inherited));

    static JObject Acl(params JObject[] aces) => new() { ["Path"] = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging", ["Owner"] = "NT AUTHORITY\\SYSTEM", ["Access"] = new JArray(aces) };

    static readonly JObject DefaultAcl = Acl(Ace("NT AUTHORITY\\SYSTEM", "FullControl"), Ace("BUILTIN\\Administrators", 2032127), Ace("CORP\\Audit Readers", "ReadAndExecute, Synchronize"));

    static JObject Partition(int disk, int number, string letter, params string[] paths) =>
        O(("DiskNumber", disk), ("PartitionNumber", number), ("DriveLetter", letter), ("AccessPaths", new JArray(paths)), ("Size", 1073741824));

    static JObject Level(string identity, object level) => O(("Identity", $"EXTEST01\\{identity}"), ("EventLevel", level));

    internal static readonly Dictionary<string, AreaCase> Cases = new[]
    {
        new AreaCase("admin-audit-log-enabled",
            f => f.With("Get-AdminAuditLogConfig", O(("Name", "Admin Audit Log Settings"), ("AdminAuditLogEnabled", true))),
            f => f.With("Get-AdminAuditLogConfig", O(("Name", "Admin Audit Log Settings"), ("AdminAuditLogEnabled", "$false"))),
            "AdminAuditLogEnabled = False; expected True", "Get-AdminAuditLogConfig"),
        new AreaCase("admin-audit-log-parameters",
            f => f.With("Get-AdminAuditLogConfig", O(("AdminAuditLogParameters", new JArray("*")))),
            f => f.With("Get-AdminAuditLogConfig", O(("AdminAuditLogParameters", new JArray("Identity", "Name")))),
            "AdminAuditLogParameters = ", "Get-AdminAuditLogConfig"),
        new AreaCase("event-log-levels-lowest",
            f => f.With("Get-EventLogLevel", Level("MSExchange ADAccess\\Topology", "Lowest"), Level("MSExchangeTransport\\SmtpReceive", "Lowest")),
            f => f.With("Get-EventLogLevel", Level("MSExchange ADAccess\\Topology", "Low"), Level("MSExchangeTransport\\SmtpReceive", "Lowest")),
            "EventLevel = Low; expected Lowest", "Get-EventLogLevel"),
        new AreaCase("event-log-levels-low-or-lowest",
            f => f.With("Get-EventLogLevel", Level("MSExchange ADAccess\\Topology", "Low"), Level("MSExchangeTransport\\SmtpReceive", "Lowest")),
            f => f.With("Get-EventLogLevel", Level("MSExchange ADAccess\\Topology", "Medium")),
            "EventLevel = Medium; expected one of", "Get-EventLogLevel"),
        new AreaCase("audit-data-read",
            f => f.With(Logging, DefaultAcl),
            f => f.With(Logging, Acl(Ace("BUILTIN\\Administrators", "FullControl"), Ace("BUILTIN\\Users", "ReadAndExecute, Synchronize", inherited: true))),
            "Access = ", Logging),
        new AreaCase("audit-data-modify",
            f => f.With(Logging, DefaultAcl),
            f => f.With(Logging, Acl(Ace("BUILTIN\\Administrators", "FullControl"), Ace("CORP\\Exchange Operators", "Modify, Synchronize"))),
            "Access = ", Logging),
        new AreaCase("audit-data-delete",
            f => f.With(Logging, DefaultAcl),
            f => f.With(Logging, Acl(Ace("BUILTIN\\Administrators", "FullControl"), Ace("CORP\\Audit Readers", 65536))),
            "Access = ", Logging),
        new AreaCase("audit-data-access",
            f => f.With(Logging, DefaultAcl),
            f => f.With(Logging, Acl(Ace("BUILTIN\\Administrators", "FullControl"), Ace("Everyone", "Read"))),
            "Access = ", Logging),
        new AreaCase("audit-data-partition",
            f => f.With("Get-Partition", Partition(0, 2, "C", "C:\\"),
                Partition(1, 1, "", "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging\\", "\\\\?\\Volume{aaaa}\\")),
            f => f.With("Get-Partition", Partition(0, 2, "C", "C:\\"), Partition(1, 1, "D", "D:\\")),
            "the same volume as C:\\Program Files\\Microsoft\\Exchange Server\\V15", "Get-Partition"),
    }.ToDictionary(c => c.Check);

    public static TheoryData<string, string> Rules() => Bound(Catalog);

    [Theory, MemberData(nameof(Rules))]
    public void Compliant_non_compliant_absent_and_failed(string file, string vulnId) => AreaRules.Check(Cases, file, vulnId, Policy);

    [Fact]
    public void Every_check_has_a_case() => EveryCheckHasACase(Catalog, Cases);

    const string Mb19 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    [Fact]
    public void Who_may_read_the_audit_data_is_the_EDSPs_to_say()
    {
        var rule = SharedBenchmarks.Rule(Mb19, "V-259660");
        var facts = new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15").With(Logging, DefaultAcl).Build();
        var none = Evaluate(rule, facts, null);
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("set auditLogReaders", none.FindingDetails);
        // The install path without its trailing backslash names the same folder.
        Assert.Equal(ChecklistStatus.NotAFinding, Evaluate(rule, facts, Policy).Status);
    }

    [Fact]
    public void A_level_that_is_an_unnamed_integer_is_not_guessed()
    {
        // "MSExchange OAuth\Server - 2" in the check text's note: a level with no name.
        var r = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259653"), new FactsBuilder().With("Get-EventLogLevel", Level("MSExchange OAuth\\Server", 2)).Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("integer 2", r.FindingDetails);
    }

    [Fact]
    public void No_event_logging_categories_means_the_collection_is_incomplete()
    {
        var r = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259653"), new FactsBuilder().With("Get-EventLogLevel").Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("collection did not read them", r.FindingDetails);
    }

    [Fact]
    public void A_null_event_level_is_unknown()
    {
        var r = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259653"), new FactsBuilder().With("Get-EventLogLevel", Level("MSExchange ADAccess\\Topology", "Lowest"), Level("MSExchange RBAC\\RBAC", null!)).Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
    }
}
