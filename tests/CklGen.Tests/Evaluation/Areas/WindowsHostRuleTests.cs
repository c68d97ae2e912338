using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Evaluation.Areas.AreaRules;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>The Windows host catalog, on every shared benchmark rule it binds.</summary>
public class WindowsHostRuleTests
{
    const string Catalog = "windows-host";
    const string Imap4Key = "Get-ItemProperty 'hklm:\\system\\currentcontrolset\\services\\MSExchangeIMAP4'";
    const string Pop3Key = "Get-ItemProperty 'hklm:\\system\\currentcontrolset\\services\\MSExchangePOP3'";
    const string NetKey = "Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\.NetFramework\\v4.0.30319";
    const string InstallAcl = "Get-Acl -Path 'C:\\Program Files\\Microsoft\\Exchange Server\\V15'";

    static readonly SitePolicy Policy = SitePolicy.Parse("""
        { "cklgenPolicy": 1, "values": { "approvedServices": [ "MSExchangeTransport", "W3SVC", "WinRM" ],
          "approvedAntivirus": [ "Trellix Endpoint Security" ],
          "exchangeDirectoryAccess": [ "BUILTIN\\Administrators: FullControl", "NT AUTHORITY\\SYSTEM: FullControl", "BUILTIN\\Users: ReadAndExecute, Synchronize" ] } }
        """, "site-policy.json");

    static JObject Svc(string name, object status, object start) => O(("Name", name), ("DisplayName", name), ("Status", status), ("StartType", start));

    static JObject Folder(params (string Who, object Rights)[] aces) => O(("Path", "C:\\Program Files\\Microsoft\\Exchange Server\\V15"), ("Owner", "NT AUTHORITY\\SYSTEM"),
        ("Access", new JArray(aces.Select(a => O(("IdentityReference", a.Who), ("FileSystemRights", a.Rights), ("AccessControlType", "Allow"), ("IsInherited", false))))));

    static readonly JObject Exchange = O(("DisplayName", "Microsoft Exchange Server 2019 Cumulative Update 14"), ("DisplayVersion", "15.2.1544.4"), ("Publisher", "Microsoft Corporation"), ("InstallLocation", ""));
    static readonly JObject Other = O(("DisplayName", "FreeScan Antivirus"), ("DisplayVersion", "1.0"), ("Publisher", "FreeScan"), ("InstallLocation", "C:\\FreeScan\\"));

    static readonly JObject Product = O(("DisplayName", "Trellix Endpoint Security"), ("DisplayVersion", "10.7.0"), ("Publisher", "Trellix"), ("InstallLocation", "D:\\Program Files\\Trellix\\"));

    internal static readonly Dictionary<string, AreaCase> Cases = new[]
    {
        new AreaCase("execution-policy-remote-signed",
            f => f.With("Get-ExecutionPolicy", O(("Value", "RemoteSigned"))),
            f => f.With("Get-ExecutionPolicy", O(("Value", 0))),
            "Value = Unrestricted; expected RemoteSigned", "Get-ExecutionPolicy"),
        new AreaCase("execution-policy-local-machine",
            f => f.With("Get-ExecutionPolicy -List", O(("Scope", "Process"), ("ExecutionPolicy", "Bypass")), O(("Scope", "LocalMachine"), ("ExecutionPolicy", 1))),
            f => f.With("Get-ExecutionPolicy -List", O(("Scope", "Process"), ("ExecutionPolicy", "RemoteSigned")), O(("Scope", "LocalMachine"), ("ExecutionPolicy", "Unrestricted"))),
            "ExecutionPolicy = Unrestricted; expected RemoteSigned", "Get-ExecutionPolicy -List"),
        new AreaCase("running-services-documented",
            f => f.With("Get-Service", Svc("MSExchangeTransport", "Running", "Automatic"), Svc("W3SVC", 4, 2), Svc("Spooler", "Stopped", "Disabled")),
            f => f.With("Get-Service", Svc("MSExchangeTransport", "Running", "Automatic"), Svc("Spooler", "Running", "Automatic")),
            "Name = Spooler; expected one of", "Get-Service"),
        new AreaCase("imap4-services-disabled",
            f => f.With("Get-Service", Svc("MSExchangeImap4", "Stopped", "Disabled"), Svc("MSExchangeIMAP4BE", "Stopped", 4), Svc("W3SVC", "Running", "Automatic")),
            f => f.With("Get-Service", Svc("MSExchangeImap4", "Stopped", "Disabled"), Svc("MSExchangeIMAP4BE", "Stopped", "Manual")),
            "StartType = Manual; expected Disabled", "Get-Service"),
        new AreaCase("pop3-services-disabled",
            f => f.With("Get-Service", Svc("MSExchangePop3", "Stopped", "Disabled"), Svc("MSExchangePOP3BE", "Stopped", "Disabled")),
            f => f.With("Get-Service", Svc("MSExchangePop3", "Running", 2), Svc("MSExchangePOP3BE", "Stopped", "Disabled")),
            "StartType = Automatic; expected Disabled", "Get-Service"),
        new AreaCase("imap4-start-disabled",
            f => f.With(Imap4Key, O(("Start", 4), ("Type", 16))),
            f => f.With(Imap4Key, O(("Start", 3))),
            "Start = 3; expected 4", Imap4Key),
        new AreaCase("pop3-start-disabled",
            f => f.With(Pop3Key, O(("Start", "4"))),
            f => f.With(Pop3Key, O(("Start", 2))),
            "Start = 2; expected 4", Pop3Key),
        new AreaCase("schannel-strong-crypto",
            f => f.With(NetKey, O(("SchUseStrongCrypto", 1), ("SystemDefaultTlsVersions", 1))),
            f => f.With(NetKey, O(("SystemDefaultTlsVersions", 1))),
            "SchUseStrongCrypto = (not present); expected 1", NetKey),
        new AreaCase("antivirus-approved", f => f.With("Get-InstalledSoftware", Exchange, Product), f => f.With("Get-InstalledSoftware", Exchange, Other),
            "none of the 2 installed product(s) of this server meets the check", "Get-InstalledSoftware"),
        new AreaCase("malicious-code-scanner", f => f.With("Get-InstalledSoftware", Product, Exchange), f => f.With("Get-InstalledSoftware", Other),
            "none of the 1 installed product(s) of this server meets the check", "Get-InstalledSoftware"),
        AreaCase.Manual("exchange-partition", f => f.With("Get-InstalledSoftware", Product), "InstallLocation: \"D:\\\\Program Files\\\\Trellix\\\\\"", "Get-InstalledSoftware"),
        new AreaCase("application-directory-acl",
            f => f.With(InstallAcl, Folder(("BUILTIN\\Administrators", "FullControl"), ("NT AUTHORITY\\SYSTEM", 2032127), ("BUILTIN\\Users", "ReadAndExecute, Synchronize"))),
            f => f.With(InstallAcl, Folder(("BUILTIN\\Administrators", "FullControl"), ("BUILTIN\\Users", "Modify, Synchronize"))),
            "Access = ", InstallAcl),
    }.ToDictionary(c => c.Check);

    public static TheoryData<string, string> Rules() => Bound(Catalog);

    [Theory, MemberData(nameof(Rules))]
    public void Compliant_non_compliant_absent_and_failed(string file, string vulnId) => AreaRules.Check(Cases, file, vulnId, Policy);

    [Fact]
    public void Every_check_has_a_case() => EveryCheckHasACase(Catalog, Cases);

    const string Mb19 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    [Fact]
    public void Running_services_are_judged_only_against_the_EDSPs_list()
    {
        var rule = SharedBenchmarks.Rule(Mb19, "V-259702");
        var facts = new FactsBuilder().With("Get-Service", Svc("W3SVC", "Running", "Automatic")).Build();
        var r = Evaluate(rule, facts, null);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("set approvedServices", r.FindingDetails);
    }

    [Fact]
    public void Missing_protocol_services_cannot_run()
    {
        var r = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259667"), new FactsBuilder().With("Get-Service", Svc("W3SVC", "Running", "Automatic")).Build(), null);
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("None of the IMAP4 services", r.FindingDetails);
        // A service whose StartType was not collected is not guessed.
        var unknown = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259667"), new FactsBuilder().With("Get-Service", O(("Name", "MSExchangeImap4"), ("Status", "Stopped"))).Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, unknown.Status);
    }

    [Fact]
    public void A_registry_key_that_could_not_be_read_is_not_reviewed()
    {
        var r = Evaluate(SharedBenchmarks.Rule("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", "V-228371"),
            new FactsBuilder().Failed(Imap4Key, "Cannot find path 'HKLM:\\system\\currentcontrolset\\services\\MSExchangeIMAP4' because it does not exist.").Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("does not exist", r.FindingDetails);
    }

    [Fact]
    public void Application_directory_permissions_must_be_exactly_the_documented_ones()
    {
        var rule = SharedBenchmarks.Rule(Mb19, "V-259699");
        // Users with less than documented is a difference too; an undocumented identity is one.
        var less = Evaluate(rule, new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")
            .With(InstallAcl, Folder(("BUILTIN\\Administrators", "FullControl"), ("NT AUTHORITY\\SYSTEM", "FullControl"), ("BUILTIN\\Users", "Read"), ("CORP\\Helpdesk", "Read"))).Build(), Policy);
        Assert.Equal(ChecklistStatus.Open, less.Status);
        var none = Evaluate(rule, new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")
            .With(InstallAcl, Folder(("BUILTIN\\Administrators", "FullControl"))).Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("set exchangeDirectoryAccess", none.FindingDetails);
    }

    [Fact]
    public void A_documented_permission_not_written_as_identity_and_rights_is_an_error_naming_the_policy_field()
    {
        var policy = SitePolicy.Parse("""{ "cklgenPolicy": 1, "values": { "exchangeDirectoryAccess": [ "BUILTIN\\Administrators" ] } }""", "site-policy.json");
        var facts = new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")
            .With(InstallAcl, Folder(("BUILTIN\\Administrators", "FullControl"))).Build();
        var e = Assert.Throws<CklGen.InputException>(() => Evaluate(SharedBenchmarks.Rule(Mb19, "V-259699"), facts, policy));
        Assert.Contains("site-policy.json", e.Message);
        Assert.Contains("exchangeDirectoryAccess", e.Message + e.Field);
        Assert.Contains("IDENTITY: RIGHTS", e.Message);
    }

    [Fact]
    public void A_null_Status_or_StartType_is_unknown_never_a_service_left_aside()
    {
        // Windows never leaves them unset: a null is a collection problem, so the rule is not decided from it.
        var running = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259702"), new FactsBuilder().With("Get-Service",
            Svc("W3SVC", "Running", "Automatic"), O(("Name", "Spooler"), ("Status", null), ("StartType", "Automatic"))).Build(), Policy);
        Assert.Equal(ChecklistStatus.NotReviewed, running.Status);
        var imap = Evaluate(SharedBenchmarks.Rule(Mb19, "V-259667"), new FactsBuilder().With("Get-Service", O(("Name", "MSExchangeImap4"), ("Status", "Stopped"), ("StartType", null))).Build(), null);
        Assert.Equal(ChecklistStatus.NotReviewed, imap.Status);
    }
}
