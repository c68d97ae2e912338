using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// Every rule of exchange-transport.json, in every shared release whose check text it binds, against the real
/// benchmark text: compliant, non-compliant, command absent, command failed, odd value forms, one object for a
/// list, SIPR, a changed text, nothing returned; then the rules whose texts allow more than one value.
/// </summary>
public class TransportRuleTests
{
    const string Catalog = "exchange-transport.json";
    const string Edge2019 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";
    const string Edge2016 = "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Hub2010 = "U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml";
    const string Mailbox2016 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Mailbox2019 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    const string TenMB = "10 MB (10,485,760 bytes)";

    static readonly SitePolicy Policy = SitePolicy.Parse("""
        { "cklgenPolicy": 1, "values": { "internalSmtpServers": [ "10.10.1.21", "10.10.1.22" ] } }
        """, "policy.json");

    static JObject Service() => new()
    {
        ["Name"] = "EXTEST01", ["Identity"] = "EXTEST01", ["ConnectivityLogEnabled"] = true, ["MessageTrackingLogEnabled"] = true,
        ["MessageTrackingLogSubjectLoggingEnabled"] = false, ["MaxPerDomainOutboundConnections"] = 20, ["MaxOutboundConnections"] = 1000,
        ["TransientFailureRetryCount"] = 6, ["ExternalDNSAdapterEnabled"] = true, ["ExternalDNSAdapterGuid"] = "7c2a3b1e-0d4f-4e8a-9b6c-5a1d2e3f4b5c",
        ["ExternalDNSServers"] = new JArray(), ["InternalDNSAdapterEnabled"] = false, ["InternalDNSAdapterGuid"] = "00000000-0000-0000-0000-000000000000",
        ["InternalDNSServers"] = new JArray("10.10.1.10", "10.10.1.11"),
    };
    static JObject Config() => new()
    {
        ["Name"] = "Transport Settings", ["Identity"] = "Transport Settings", ["MaxReceiveSize"] = TenMB, ["MaxSendSize"] = TenMB,
        ["MaxRecipientEnvelopeLimit"] = 5000, ["InternalSMTPServers"] = new JArray("10.10.1.21"),
    };
    static JObject Remote(string name = "Default", string domain = "*") => new()
    {
        ["Name"] = name, ["Identity"] = name, ["DomainName"] = domain, ["AutoForwardEnabled"] = false, ["AutoReplyEnabled"] = false,
        ["DeliveryReportEnabled"] = false, ["NDREnabled"] = false, ["AllowedOOFType"] = "InternalLegacy",
    };

    static EdgeCase Bool(string command, Func<JObject> good, string property, bool stig) =>
        EdgeCase.One(command, good, o => o[property] = stig ? "$false" : "$true", property, "sometimes",
            (property, stig ? "$true" : "$false"), (property, stig ? "True" : "False"));

    static EdgeCase Count(string command, Func<JObject> good, string property, int value, int bad) =>
        EdgeCase.One(command, good, o => o[property] = bad, property, "plenty",
            (property, value.ToString(System.Globalization.CultureInfo.InvariantCulture)), (property, new JObject { ["IsUnlimited"] = false, ["Value"] = value }));

    static EdgeCase Case(CheckDefinition check)
    {
        var cmd = check.Command;
        return check.Id switch
        {
            "transport-connectivity-log-enabled" or "transport-server-connectivity-log-enabled" => Bool(cmd, Service, "ConnectivityLogEnabled", true),
            "transport-message-tracking-enabled" => Bool(cmd, Service, "MessageTrackingLogEnabled", true),
            "transport-subject-logging-disabled" => Bool(cmd, Service, "MessageTrackingLogSubjectLoggingEnabled", false),
            "transport-max-per-domain-outbound" or "transport-server-max-per-domain-outbound" => Count(cmd, Service, "MaxPerDomainOutboundConnections", 20, 40),
            "transport-max-outbound" or "transport-server-max-outbound" => EdgeCase.One(cmd, Service, o => o["MaxOutboundConnections"] = "Unlimited",
                "MaxOutboundConnections", "plenty", ("MaxOutboundConnections", "1000"), ("MaxOutboundConnections", new JObject { ["IsUnlimited"] = false, ["Value"] = 1000 })),
            "transport-retry-count" or "transport-server-retry-count" => EdgeCase.One(cmd, Service, o => o["TransientFailureRetryCount"] = 11,
                "TransientFailureRetryCount", "a few", ("TransientFailureRetryCount", "10"), ("TransientFailureRetryCount", 0)),
            "transport-dns-servers" or "transport-edge-redundancy" => EdgeCase.Evidence(cmd, Service()),
            "transport-config-max-receive-size" or "transport-config-max-receive-size-limited" => EdgeCase.One(cmd, Config, o => o["MaxReceiveSize"] = "Unlimited",
                "MaxReceiveSize", "quite big", ("MaxReceiveSize", 10485760), ("MaxReceiveSize", new JObject { ["IsUnlimited"] = false, ["Value"] = TenMB })),
            "transport-config-max-send-size" or "transport-config-max-send-size-limited" => EdgeCase.One(cmd, Config, o => o["MaxSendSize"] = "25 MB (26,214,400 bytes)",
                "MaxSendSize", "quite big", ("MaxSendSize", 10485760), ("MaxSendSize", new JObject { ["IsUnlimited"] = false, ["Value"] = TenMB })),
            "transport-config-max-recipients" or "transport-config-max-recipients-limited" => EdgeCase.One(cmd, Config, o => o["MaxRecipientEnvelopeLimit"] = "Unlimited",
                "MaxRecipientEnvelopeLimit", "lots", ("MaxRecipientEnvelopeLimit", "5000"), ("MaxRecipientEnvelopeLimit", new JObject { ["IsUnlimited"] = false, ["Value"] = 5000 })),
            "transport-config-internal-smtp-servers" => EdgeCase.One(cmd, Config, o => o["InternalSMTPServers"] = new JArray("10.10.1.21", "10.99.0.1"),
                "InternalSMTPServers", EdgeRules.Junk, ("InternalSMTPServers", new JObject { ["value"] = new JArray("10.10.1.21", "10.10.1.22"), ["Count"] = 2 }),
                ("InternalSMTPServers", "10.10.1.22"), ("InternalSMTPServers", new JArray())),
            "remote-domain-auto-forward" => Bool(cmd, () => Remote(), "AutoForwardEnabled", false),
            "remote-domain-auto-forward-documented" => EdgeCase.Evidence(cmd, Remote(), Remote("Army", "army.mil")),
            "remote-domain-delivery-reports-disabled" => Bool(cmd, () => Remote(), "DeliveryReportEnabled", false),
            "remote-domain-ndr-disabled" or "remote-domain-ndr-disabled-outside-dodin" => Bool(cmd, () => Remote(), "NDREnabled", false),
            "remote-domain-auto-reply-disabled" or "remote-domain-auto-reply-mil-gov" => Bool(cmd, () => Remote(), "AutoReplyEnabled", false),
            "remote-domain-default-oof-not-external" => EdgeCase.One(cmd, () => Remote(), o => o["AllowedOOFType"] = "External",
                "AllowedOOFType", 1 /* an integer: AllowedOOFType's values are not known for certain */, ("AllowedOOFType", "None"), ("AllowedOOFType", "internallegacy")),
            "remote-domain-oof-internal-legacy" => EdgeCase.One(cmd, () => Remote(), o => o["AllowedOOFType"] = "External", "AllowedOOFType", 3, ("AllowedOOFType", "INTERNALLEGACY")),
            _ => throw new InvalidOperationException($"no test facts for check '{check.Id}': add them when adding a check"),
        };
    }

    public static TheoryData<string, string> Rules() => EdgeRules.Rules(Catalog);

    public static TheoryData<string, string> RulesWithNoObjectVerdict() =>
        EdgeRules.Rules(Catalog);

    [Theory, MemberData(nameof(Rules))]
    public void Compliant_is_not_a_finding(string file, string vulnId) => EdgeRules.Compliant(file, vulnId, Case, Policy);

    [Theory, MemberData(nameof(Rules))]
    public void Non_compliant_is_open(string file, string vulnId) => EdgeRules.NonCompliant(file, vulnId, Case, Policy);

    [Theory, MemberData(nameof(Rules))]
    public void Command_not_collected_is_not_reviewed(string file, string vulnId) => EdgeRules.Absent(file, vulnId);

    [Theory, MemberData(nameof(Rules))]
    public void Command_that_failed_is_not_reviewed(string file, string vulnId) => EdgeRules.Failed(file, vulnId);

    [Theory, MemberData(nameof(Rules))]
    public void Odd_value_forms_decide_as_their_meaning(string file, string vulnId) => EdgeRules.OddForms(file, vulnId, Case, Policy);

    [Theory, MemberData(nameof(Rules))]
    public void One_object_for_a_list_is_read_as_a_list(string file, string vulnId) => EdgeRules.SingleObjectForList(file, vulnId, Case, Policy);

    [Theory, MemberData(nameof(Rules))]
    public void Sipr_enclave_is_not_applicable_only_where_the_text_says(string file, string vulnId) => EdgeRules.Sipr(file, vulnId, Case);

    [Theory, MemberData(nameof(Rules))]
    public void A_changed_check_text_gives_no_verdict(string file, string vulnId) => EdgeRules.ChangedText(file, vulnId, Case, Policy);

    [Theory, MemberData(nameof(RulesWithNoObjectVerdict))]
    public void Nothing_returned_decides_as_the_check_text_says(string file, string vulnId) => EdgeRules.NothingReturned(file, vulnId, Policy);

    [Fact]
    public void Every_rule_naming_these_commands_is_bound() => Assert.Empty(EdgeRules.Unbound("Get-(TransportService|TransportServer|TransportConfig|RemoteDomain)"));

    // ---- rule by rule

    static RuleResult Run(string file, string vulnId, SitePolicy? policy, string command, params JObject[] objects) =>
        EdgeRules.Evaluate(SharedBenchmarks.Rule(file, vulnId), new FactsBuilder().With(command, objects).Build(), policy);

    static SitePolicy Values(string json) => SitePolicy.Parse($$"""{ "cklgenPolicy": 1, "values": {{json}} }""", "p.json");

    [Fact]
    public void Auto_forwarding_to_mil_and_gov_passes_only_where_the_edsp_documents_enterprise_mail()
    {
        var army = Remote("Army", "army.mil");
        army["AutoForwardEnabled"] = true;
        var enterprise = Values("""{ "remoteDomainAutoForward": { "value": true, "reference": "EDSP 2.4: Enterprise Mail, auto-forwarding to .mil/.gov" } }""");
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259651", null, "Get-RemoteDomain", Remote(), army).Status);
        var ok = Run(Mailbox2019, "V-259651", enterprise, "Get-RemoteDomain", Remote(), army);
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("EDSP 2.4", ok.FindingDetails);
        var all = Remote();
        all["AutoForwardEnabled"] = true;
        var open = Run(Edge2016.Replace("V2R6", "V2R4"), "V-221205", enterprise, "Get-RemoteDomain", all);
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains(".mil or .gov", open.FindingDetails);
    }

    [Fact]
    public void Ndrs_and_automated_replies_to_dodin_domains_are_permitted_where_the_text_says_so()
    {
        var army = Remote("Army", "army.mil");
        army["NDREnabled"] = true;
        army["AutoReplyEnabled"] = true;
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2016, "V-228407", null, "Get-RemoteDomain", Remote(), army).Status);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2016, "V-228396", null, "Get-RemoteDomain", Remote(), army).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Hub2010, "V-33599", null, "Get-RemoteDomain", Remote(), army).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Hub2010, "V-33603", null, "Get-RemoteDomain", Remote(), army).Status);
        var gov = Remote("GSA", "gsa.gov");
        gov["NDREnabled"] = true;
        gov["AutoReplyEnabled"] = true;
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259706", null, "Get-RemoteDomain", gov).Status); // .gov is outside the DoDIN
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2019, "V-259692", null, "Get-RemoteDomain", gov).Status);
    }

    [Fact]
    public void Retry_count_above_10_passes_only_with_signoff_whatever_the_text_says_of_or()
    {
        var twelve = Service();
        twelve["TransientFailureRetryCount"] = 12;
        var open = Run(Edge2019, "V-259603", null, "Get-TransportService", twelve);
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("more than 10 or has signoff", open.FindingDetails);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2019, "V-259603", Values("""{ "transientFailureRetryCount": { "value": 15, "reference": "EDSP 4.1" } }"""), "Get-TransportService", twelve).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Edge2019, "V-259603", Values("""{ "transientFailureRetryCount": { "value": 11, "reference": "EDSP 4.1" } }"""), "Get-TransportService", twelve).Status);
    }

    [Fact]
    public void Unlimited_global_sizes_are_findings_in_2010_even_when_documented()
    {
        var unlimited = Config();
        unlimited["MaxReceiveSize"] = "Unlimited";
        var documented = Values("""{ "maxReceiveSize": { "value": "Unlimited", "reference": "EDSP 3.4" } }""");
        Assert.Equal(ChecklistStatus.Open, Run(Hub2010, "V-33624", documented, "Get-TransportConfig", unlimited).Status);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2016, "V-228387", documented, "Get-TransportConfig", unlimited).Status);
        var big = Config();
        big["MaxReceiveSize"] = "36 MB (37,748,736 bytes)";
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Hub2010, "V-33624", Values("""{ "maxReceiveSize": { "value": "36 MB (37,748,736 bytes)", "reference": "EDSP 3.4" } }"""), "Get-TransportConfig", big).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Hub2010, "V-33624", null, "Get-TransportConfig", big).Status);
    }

    [Fact]
    public void Internal_smtp_servers_without_the_edsp_list_are_not_reviewed_and_name_the_key()
    {
        var r = Run(Mailbox2019, "V-259691", null, "Get-TransportConfig", Config());
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("internalSmtpServers", r.FindingDetails);
    }

    [Fact]
    public void Subset_of_takes_every_value_from_the_list_and_passes_an_empty_value()
    {
        IReadOnlyList<string> list = ["10.10.1.21", "10.10.1.22"];
        Assert.True(Predicates.Test("subsetOf", ValueKind.Multi, (IReadOnlyList<string>)["10.10.1.22"], list));
        Assert.True(Predicates.Test("subsetOf", ValueKind.Multi, (IReadOnlyList<string>)[], list));
        Assert.False(Predicates.Test("subsetOf", ValueKind.Multi, (IReadOnlyList<string>)["10.10.1.21", "10.99.0.1"], list));
        Assert.True(Predicates.IsKnown("subsetOf", ValueKind.Multi));
        Assert.False(Predicates.IsKnown("subsetOf", ValueKind.Text));
    }

    [Fact]
    public void Default_remote_domain_out_of_office_is_judged_on_the_default_domain()
    {
        var legacy = Remote();
        legacy["AllowedOOFType"] = "ExternalLegacy";
        Assert.Equal(ChecklistStatus.Open, Run(Hub2010, "V-33601", null, "Get-RemoteDomain", legacy).Status);
        var partner = Remote("Partner", "partner.example.com");
        partner["AllowedOOFType"] = "External";
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Hub2010, "V-33601", null, "Get-RemoteDomain", Remote(), partner).Status);
    }

    [Fact]
    public void Another_servers_transport_service_decides_nothing_here()
    {
        var other = Service();
        other["Name"] = other["Identity"] = "EXMBX02";
        other["ConnectivityLogEnabled"] = false;
        var mine = Run(Mailbox2019, "V-259652", null, "Get-TransportService", Service(), other);
        Assert.Equal(ChecklistStatus.NotAFinding, mine.Status);
        Assert.Contains("EXMBX02", mine.FindingDetails);
        var onlyOther = Run(Mailbox2019, "V-259652", null, "Get-TransportService", other);
        Assert.Equal(ChecklistStatus.NotReviewed, onlyOther.Status);
        Assert.Contains("collect Get-TransportService again on this server", onlyOther.FindingDetails);
    }
}
