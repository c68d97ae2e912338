using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Evaluation.Areas.ServerHarness;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// Every rule of exchange-databases.json, in every shared release whose check text it binds, against the real
/// benchmark text: compliant, non-compliant, command absent, command failed, odd value forms, one object for a list,
/// another server's objects, a changed text; then the rules whose texts allow the EDSP a say.
/// </summary>
public class DatabaseRuleTests
{
    const string Catalog = "exchange-databases.json";
    const string Mailbox2019 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    const string Mailbox2016 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Mailbox2016R3 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml";
    const string Mailbox2010 = "U_Exchange_2010_Mailbox_STIG_V1R10_Manual-xccdf.xml";
    const string TwoGb = "2 GB (2,147,483,648 bytes)";
    const string Warning = "1.9 GB (2,040,109,056 bytes)";

    /// <summary>A complete EDSP for the organization-defined values (no EDSP alternatives: the STIG's values decide).</summary>
    static readonly SitePolicy Policy = SitePolicy.Parse($$"""
        { "cklgenPolicy": 1,
          "values": { "prohibitSendQuota": "{{TwoGb}}", "issueWarningQuota": "{{Warning}}", "prohibitPostQuota": "{{TwoGb}}",
                      "authorizedForwarding": [ "Help Desk Intake" ] } }
        """, "policy.json");

    static readonly Action<JObject> OtherServers = o => { o["Servers"] = new JArray(Other, "EXMBX98"); o["Server"] = Other; };
    static readonly Action<JObject> OtherServer = o => o["Server"] = Other;
    static readonly Action<JObject> OtherName = o => { o["Name"] = Other; o["Identity"] = Other; };

    static JObject Database() => new()
    {
        ["Name"] = "DB01", ["Identity"] = "DB01", ["Server"] = Host, ["Servers"] = new JArray(Host, "EXMBX02"),
        ["MasterServerOrAvailabilityGroup"] = "DAG01",
        ["CircularLoggingEnabled"] = false, ["RetainDeletedItemsUntilBackup"] = true, ["AllowFileRestore"] = false, ["MountAtStartup"] = true,
        ["ProhibitSendReceiveQuota"] = "Unlimited", ["ProhibitSendQuota"] = TwoGb, ["IssueWarningQuota"] = Warning,
        ["EdbFilePath"] = "E:\\Databases\\DB01\\DB01.edb", ["LogFolderPath"] = "F:\\Logs\\DB01",
    };
    static JObject PublicFolderDatabase() => new()
    {
        ["Name"] = "PFDB01", ["Identity"] = $"{Host}\\Second Storage Group\\PFDB01", ["Server"] = Host,
        ["ProhibitPostQuota"] = TwoGb, ["MountAtStartup"] = true, ["RetainDeletedItemsUntilBackup"] = true, ["AllowFileRestore"] = false,
    };
    static JObject MailboxServer() => new()
    {
        ["Name"] = Host, ["Identity"] = Host, ["MessageTrackingLogEnabled"] = true, ["MessageTrackingLogSubjectLoggingEnabled"] = false,
    };
    static JObject Mailbox(string name, string? smtp, string? address = null) => new()
    {
        ["Name"] = name, ["Identity"] = $"corp.example.mil/Users/{name}", ["ForwardingSmtpAddress"] = smtp, ["ForwardingAddress"] = address,
        ["DeliverToMailboxAndForward"] = smtp is not null,
    };
    static JObject[] Partitions() =>
    [
        new() { ["DiskNumber"] = 0, ["PartitionNumber"] = 2, ["DriveLetter"] = "C", ["AccessPaths"] = new JArray("C:\\", "\\\\?\\Volume{1b2c}\\") },
        new() { ["DiskNumber"] = 1, ["PartitionNumber"] = 1, ["DriveLetter"] = "E", ["AccessPaths"] = new JArray("E:\\") },
        new() { ["DiskNumber"] = 2, ["PartitionNumber"] = 1, ["DriveLetter"] = "F", ["AccessPaths"] = new JArray("F:\\") },
    ];
    static JObject Dag() => new() { ["Name"] = "DAG01", ["Identity"] = "DAG01", ["Servers"] = new JArray(Host, "EXMBX02") };
    static JObject Member() => new() { ["Name"] = "Records Officer", ["Identity"] = "corp.example.mil/Users/Records Officer", ["RecipientType"] = "UserMailbox" };
    static JObject MalwareServer() => new() { ["Name"] = Host, ["Identity"] = Host, ["UpdateFrequency"] = 60, ["PrimaryUpdatePath"] = "http://forefrontdl.microsoft.com/server/scanengineupdate" };

    static ServerCase Db(Action<JObject> bad, string odd, JToken oddValue, params (string, JToken)[] same) =>
        ServerCase.One("Get-MailboxDatabase", Database, bad, odd, oddValue, OtherServers, same);
    static ServerCase PfDb(Action<JObject> bad, string odd, JToken oddValue, params (string, JToken)[] same) =>
        ServerCase.One("Get-PublicFolderDatabase", PublicFolderDatabase, bad, odd, oddValue, OtherServer, same);

    static ServerCase Forwarding(bool alsoAddress) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Get-Mailbox"] = [Mailbox("Help Desk Intake", "smtp:intake@partner.example.mil", alsoAddress ? "Intake Contact" : null), Mailbox("Jane Doe", null)],
        },
        Break = d => d["Get-Mailbox"][1]["ForwardingSmtpAddress"] = "smtp:jane.doe@example.com",
        OddCommand = "Get-Mailbox", OddProperty = "ForwardingSmtpAddress", OddValue = Junk,
        SameMeaning = [("Get-Mailbox", "Name", "help desk intake")],
    };

    static ServerCase Case(CheckDefinition check) => check.Id switch
    {
        "mdb-circular-logging-off" => Db(o => o["CircularLoggingEnabled"] = "$true", "CircularLoggingEnabled", "no", ("CircularLoggingEnabled", "$false"), ("CircularLoggingEnabled", "False")),
        "mdb-retain-deleted-until-backup" => Db(o => o["RetainDeletedItemsUntilBackup"] = "False", "RetainDeletedItemsUntilBackup", 1, ("RetainDeletedItemsUntilBackup", "$true")),
        "mdb-no-file-restore" => Db(o => o["AllowFileRestore"] = true, "AllowFileRestore", Junk, ("AllowFileRestore", "$false")),
        "mdb-mount-at-startup" => Db(o => o["MountAtStartup"] = "$false", "MountAtStartup", "always", ("MountAtStartup", "TRUE")),
        "mdb-send-receive-quota-unlimited" => Db(o => o["ProhibitSendReceiveQuota"] = "2.3 GB (2,469,396,480 bytes)", "ProhibitSendReceiveQuota", "big",
            ("ProhibitSendReceiveQuota", new JObject { ["IsUnlimited"] = true, ["Value"] = null }), ("ProhibitSendReceiveQuota", "unlimited")),
        "mdb-prohibit-send-quota" => Db(o => o["ProhibitSendQuota"] = "Unlimited", "ProhibitSendQuota", "two gigabytes",
            ("ProhibitSendQuota", 2147483648L), ("ProhibitSendQuota", new JObject { ["IsUnlimited"] = false, ["Value"] = TwoGb })),
        "mdb-issue-warning-quota" => Db(o => o["IssueWarningQuota"] = "1.5 GB (1,610,612,736 bytes)", "IssueWarningQuota", Junk, ("IssueWarningQuota", "2040109056")),
        "mdb-dedicated-partition-checked" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-MailboxDatabase"] = [Database()], ["Get-Partition"] = Partitions() },
            Break = d => d["Get-MailboxDatabase"][0]["EdbFilePath"] = InstallPath + "Mailbox\\DB01\\DB01.edb",
            OddCommand = "Get-MailboxDatabase", OddProperty = "EdbFilePath", OddValue = Junk,
            OtherServer = OtherServers, HostPaths = true,
        },
        "pfdb-prohibit-post-quota" => PfDb(o => o["ProhibitPostQuota"] = "Unlimited", "ProhibitPostQuota", Junk, ("ProhibitPostQuota", 2147483648L)),
        "pfdb-mount-at-startup" => PfDb(o => o["MountAtStartup"] = false, "MountAtStartup", "yes", ("MountAtStartup", "$true")),
        "pfdb-retain-deleted-until-backup" => PfDb(o => o["RetainDeletedItemsUntilBackup"] = "$false", "RetainDeletedItemsUntilBackup", Junk, ("RetainDeletedItemsUntilBackup", "True")),
        "pfdb-no-file-restore" => PfDb(o => o["AllowFileRestore"] = "$true", "AllowFileRestore", "never", ("AllowFileRestore", "$false")),
        "mailbox-forwarding-smtp-documented" => Forwarding(alsoAddress: false),
        "mailbox-forwarding-smtp-documented-2010" => Forwarding(alsoAddress: false),
        "mailbox-forwarding-documented" => Forwarding(alsoAddress: true),
        "mailbox-server-subject-logging-off" => ServerCase.One("Get-MailboxServer", MailboxServer, o => o["MessageTrackingLogSubjectLoggingEnabled"] = "$true",
            "MessageTrackingLogSubjectLoggingEnabled", Junk, OtherName, ("MessageTrackingLogSubjectLoggingEnabled", "$false")),
        "mailbox-server-message-tracking-on" => ServerCase.One("Get-MailboxServer", MailboxServer, o => o["MessageTrackingLogEnabled"] = false,
            "MessageTrackingLogEnabled", "on", OtherName, ("MessageTrackingLogEnabled", "$true")),
        "queue-monitoring" => ServerCase.Person(),
        "dag-exists" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-DatabaseAvailabilityGroup"] = [Dag()] },
            Break = d => d["Get-DatabaseAvailabilityGroup"] = [],
            OddCommand = "Get-DatabaseAvailabilityGroup", OddProperty = "Servers", OddValue = new JArray(Junk),
            SameMeaning = [("Get-DatabaseAvailabilityGroup", "Servers", new JObject { ["value"] = new JArray(Host), ["Count"] = 1 })],
            OtherServer = o => o["Servers"] = new JArray(Other),
        },
        "mailbox-servers-listed" => ServerCase.Evidence("Get-DatabaseAvailabilityGroup", Dag),
        "mdb-high-availability" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-DatabaseAvailabilityGroup"] = [Dag()], ["Get-MailboxDatabase"] = [Database()] },
            Break = d => d["Get-MailboxDatabase"][0]["Servers"] = new JArray(Host),
            OddCommand = "Get-DatabaseAvailabilityGroup", OddProperty = "Servers", OddValue = Junk,
            SameMeaning = [("Get-MailboxDatabase", "Servers", new JObject { ["value"] = new JArray(Host, "EXMBX02", "EXMBX03"), ["Count"] = 3 })],
        },
        "audit-log-role-group-members" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { [check.Command] = [Member()] },
            Break = d => d[check.Command] = [],
            BadStatus = ChecklistStatus.NotReviewed,
            OddCommand = check.Command, OddProperty = "Name", OddValue = Junk,
        },
        "malware-update-frequency-set" => ServerCase.One("Get-MalwareFilteringServer", MalwareServer, o => o["UpdateFrequency"] = null, "UpdateFrequency", Junk, OtherName,
            ("UpdateFrequency", "60"), ("UpdateFrequency", 1)),
        _ => throw new InvalidOperationException($"no test facts for check {check.Id}"),
    };

    public static TheoryData<string, string> Rules() => ServerHarness.Rules(Catalog);

    [Theory, MemberData(nameof(Rules))] public void Compliant_is_not_a_finding(string file, string vulnId) => ServerHarness.Compliant(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Non_compliant_is_open(string file, string vulnId) => ServerHarness.NonCompliant(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Command_absent_is_not_reviewed(string file, string vulnId) => Absent(file, vulnId);
    [Theory, MemberData(nameof(Rules))] public void Command_failed_is_not_reviewed(string file, string vulnId) => Failed(file, vulnId);
    [Theory, MemberData(nameof(Rules))] public void Odd_value_forms(string file, string vulnId) => OddForms(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void One_object_for_a_list(string file, string vulnId) => SingleObjectForList(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Another_servers_objects_decide_nothing(string file, string vulnId) => OtherServersObjects(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void A_changed_check_text_gives_no_verdict(string file, string vulnId) => ChangedText(file, vulnId, Case, Policy);
    [Fact] public void The_collector_collects_every_command_these_rules_read() => CollectorCollects(Catalog);

    [Fact]
    public void Every_database_command_rule_of_the_shared_Mailbox_benchmarks_is_bound()
    {
        var commands = new System.Text.RegularExpressions.Regex(@"Get-(MailboxDatabase|PublicFolderDatabase|MailboxServer|Mailbox\b|DatabaseAvailabilityGroup|MonitoringItemHelp|RoleGroup|MalwareFilteringServer)");
        var unbound = new List<string>();
        foreach (var file in SharedBenchmarks.Files.Where(f => f.Contains("Mailbox")))
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if ((commands.IsMatch(rule.CheckContent) || rule.VulnId == "V-228410") && Binding(rule) is null) unbound.Add($"{file} {rule.VulnId}");
        Assert.Empty(unbound);
    }

    static RuleResult Run(string file, string vulnId, Dictionary<string, JObject[]> facts, SitePolicy? policy = null) =>
        Evaluate(SharedBenchmarks.Rule(file, vulnId), ServerHarness.Facts(facts), policy ?? Policy);

    static Dictionary<string, JObject[]> With(string command, params JObject[] objects) => new(StringComparer.OrdinalIgnoreCase) { [command] = objects };

    static JObject Quota(string value) { var d = Database(); d["ProhibitSendReceiveQuota"] = value; return d; }

    [Fact]
    public void A_send_receive_quota_other_than_Unlimited_passes_only_as_the_EDSP_documents_it_with_its_signoff()
    {
        const string Ten = "10 GB (10,737,418,240 bytes)";
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259675", With("Get-MailboxDatabase", Quota(Ten))).Status);
        var signed = SitePolicy.Parse($$"""{ "cklgenPolicy": 1, "values": { "prohibitSendReceiveQuota": { "value": "{{Ten}}", "reference": "EDSP 5.1, signed by the AO 2026-02-01" } } }""", "p.json");
        var ok = Run(Mailbox2019, "V-259675", With("Get-MailboxDatabase", Quota(Ten)), signed);
        Assert.True(ok.Status == ChecklistStatus.NotAFinding, ok.FindingDetails);
        Assert.Contains("EDSP 5.1, signed by the AO", ok.FindingDetails);
        var unsigned = SitePolicy.Parse($$"""{ "cklgenPolicy": 1, "values": { "prohibitSendReceiveQuota": "{{Ten}}" } }""", "p.json");
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2016, "V-228379", With("Get-MailboxDatabase", Quota(Ten)), unsigned).Status);
        // Unlimited always passes, whatever the EDSP documents.
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2010, "V-33591", With("Get-MailboxDatabase", Quota("Unlimited")), signed).Status);
    }

    [Fact]
    public void Organization_defined_quotas_decide_nothing_without_the_site_policy()
    {
        var empty = SitePolicy.Parse("""{ "cklgenPolicy": 1 }""", "p.json");
        var r = Run(Mailbox2016, "V-228380", With("Get-MailboxDatabase", Database()), empty);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("prohibitSendQuota", r.FindingDetails);
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Mailbox2010, "V-33573", With("Get-PublicFolderDatabase", PublicFolderDatabase()), empty).Status);
        // No public folder database: public folders are not used here.
        Assert.Equal(ChecklistStatus.NotApplicable, Run(Mailbox2010, "V-33577", With("Get-PublicFolderDatabase")).Status);
    }

    [Fact]
    public void Forwarding_mailboxes_must_be_the_ones_the_EDSP_authorizes()
    {
        var undocumented = Run(Mailbox2016, "V-228377", With("Get-Mailbox", Mailbox("Jane Doe", "smtp:jane@example.com")));
        Assert.Equal(ChecklistStatus.Open, undocumented.Status);
        Assert.Contains("the mailbox has a forwarding SMTP address, which the EDSP must document", undocumented.FindingDetails);
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Mailbox2016, "V-228377", With("Get-Mailbox", Mailbox("Jane Doe", "smtp:jane@example.com")), SitePolicy.Parse("""{ "cklgenPolicy": 1 }""", "p.json")).Status);
        // Nobody forwards: nothing to document, whatever the policy.
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2010, "V-33605", With("Get-Mailbox", Mailbox("Jane Doe", null)), SitePolicy.Parse("""{ "cklgenPolicy": 1 }""", "p.json")).Status);
        // No forwarding mailbox returned: 2016 and 2019 say the rule is then not applicable; 2010 has no such clause.
        Assert.Equal(ChecklistStatus.NotApplicable, Run(Mailbox2016, "V-228377", With("Get-Mailbox")).Status);
        Assert.Equal(ChecklistStatus.NotApplicable, Run(Mailbox2019, "V-259672", With("Get-Mailbox")).Status);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2010, "V-33605", With("Get-Mailbox")).Status);
        // 2019 reads Forward*: a ForwardingAddress alone counts there, not in 2016.
        JObject[] byAddress = [Mailbox("Jane Doe", null, "Jane External Contact")];
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259672", With("Get-Mailbox", byAddress)).Status);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2016, "V-228377", With("Get-Mailbox", byAddress)).Status);
    }

    [Fact]
    public void A_database_is_this_servers_when_a_copy_is_here_even_if_the_active_copy_is_elsewhere()
    {
        var passive = Database();
        passive["Server"] = "EXMBX02";
        passive["CircularLoggingEnabled"] = true;
        var r = Run(Mailbox2019, "V-259658", With("Get-MailboxDatabase", passive));
        Assert.Equal(ChecklistStatus.Open, r.Status);
    }

    [Fact]
    public void High_availability_needs_a_DAG_with_two_members_and_two_copies_of_each_database_unless_the_EDSP_accepts_fewer()
    {
        var lone = Dag();
        lone["Servers"] = new JArray(Host);
        var oneMember = Run(Mailbox2019, "V-259709", new(StringComparer.OrdinalIgnoreCase) { ["Get-DatabaseAvailabilityGroup"] = [lone], ["Get-MailboxDatabase"] = [Database()] });
        Assert.Equal(ChecklistStatus.Open, oneMember.Status);
        Assert.Contains("two or more member servers", oneMember.FindingDetails);
        var noDag = Run(Mailbox2019, "V-259709", new(StringComparer.OrdinalIgnoreCase) { ["Get-DatabaseAvailabilityGroup"] = [], ["Get-MailboxDatabase"] = [Database()] });
        Assert.Equal(ChecklistStatus.Open, noDag.Status);

        var single = Database();
        single["Servers"] = new JArray(Host);
        var accepted = SitePolicy.Parse($$"""
            { "cklgenPolicy": 1, "deviations": [ { "rule": "V-259709", "object": "DB01", "value": [ "{{Host}}" ], "reference": "EDSP 6.2: DB01 is an archive with one copy, accepted by the AO 2026-05-01" } ] }
            """, "p.json");
        var ok = Run(Mailbox2019, "V-259709", new(StringComparer.OrdinalIgnoreCase) { ["Get-DatabaseAvailabilityGroup"] = [Dag()], ["Get-MailboxDatabase"] = [single] }, accepted);
        Assert.True(ok.Status == ChecklistStatus.NotAFinding, ok.FindingDetails);
        Assert.Contains("EDSP 6.2", ok.FindingDetails);

        // 2016 (V2R4 on): a DAG of this server is enough; V2R3 leaves the admin center's count to the reviewer.
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2016, "V-228410", With("Get-DatabaseAvailabilityGroup", lone)).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2016, "V-228410", With("Get-DatabaseAvailabilityGroup")).Status);
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Mailbox2016R3, "V-228410", With("Get-DatabaseAvailabilityGroup", Dag())).Status);
    }

    [Fact]
    public void An_empty_audit_log_role_group_is_left_to_the_EDSP_and_a_populated_one_is_not_a_finding()
    {
        const string Key = "Get-RoleGroupMember -Identity 'Records Management'";
        var empty = Run(Mailbox2019, "V-259655", With(Key));
        Assert.Equal(ChecklistStatus.NotReviewed, empty.Status);
        Assert.Contains("custom role group", empty.FindingDetails);
        var ok = Run(Mailbox2019, "V-259655", With(Key, Member()));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("Records Officer", ok.FindingDetails);
    }

    [Fact]
    public void A_database_on_the_system_or_install_volume_is_not_on_a_dedicated_partition_and_elsewhere_the_reviewer_decides()
    {
        RuleResult On(string edb, bool partitions = true)
        {
            var db = Database();
            db["EdbFilePath"] = edb;
            var facts = new Dictionary<string, JObject[]>(StringComparer.OrdinalIgnoreCase) { ["Get-MailboxDatabase"] = [db] };
            if (partitions) facts["Get-Partition"] = Partitions();
            return Evaluate(SharedBenchmarks.Rule(Mailbox2019, "V-259669"), FactsWithHostPaths(facts), Policy);
        }
        var system = On("C:\\ExchangeDatabases\\DB01\\DB01.edb");
        Assert.Equal(ChecklistStatus.Open, system.Status);
        Assert.Contains("the operating system's volume is not dedicated to the databases", system.FindingDetails);
        var own = On("E:\\Databases\\DB01\\DB01.edb");
        Assert.Equal(ChecklistStatus.NotReviewed, own.Status);
        Assert.Contains("is the reviewer's to confirm", own.FindingDetails);
        Assert.Contains("(E:\\)", own.FindingDetails);
        Assert.Equal(ChecklistStatus.NotReviewed, On("C:\\ExchangeDatabases\\DB01\\DB01.edb", partitions: false).Status);
    }
}
