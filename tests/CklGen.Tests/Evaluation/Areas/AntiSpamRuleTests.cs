using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// Every rule of exchange-antispam.json, in every shared release whose check text it binds, against the real
/// benchmark text: compliant, non-compliant, command absent, command failed, odd value forms, one object for a
/// list, SIPR, a changed text, nothing returned; then the rules whose texts allow more than one value.
/// </summary>
public class AntiSpamRuleTests
{
    const string Catalog = "exchange-antispam.json";
    const string Edge2019 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";
    const string Edge2016 = "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Edge2010 = "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml";
    const string Mailbox2019 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    /// <summary>A complete EDSP for the organization-defined values (no EDSP alternatives: the STIG's values decide).</summary>
    static readonly SitePolicy Policy = SitePolicy.Parse("""
        { "cklgenPolicy": 1,
          "values": { "senderFilterBlockedDomains": [ "corp.example.mil" ], "senderFilterBlockedDomainsAndSubdomains": [] } }
        """, "policy.json");

    static JObject SenderFilter() => new()
    {
        ["Name"] = "SenderFilterConfig", ["Identity"] = "SenderFilterConfig", ["Enabled"] = true, ["BlankSenderBlockingEnabled"] = true,
        ["Action"] = "Reject", ["BlockedDomains"] = new JArray("corp.example.mil"), ["BlockedDomainsAndSubdomains"] = new JArray(),
    };
    static JObject RecipientFilter() => new() { ["Name"] = "RecipientFilterConfig", ["Enabled"] = true, ["RecipientValidationEnabled"] = false };
    static JObject ContentFilter() => new() { ["Name"] = "ContentFilterConfig", ["Enabled"] = true, ["QuarantineMailbox"] = "spamquarantine@corp.example.mil" };
    static JObject SenderId() => new() { ["Name"] = "SenderIdConfig", ["Enabled"] = true, ["SpoofedDomainAction"] = "Reject" };
    static JObject SenderReputation() => new() { ["Name"] = "SenderReputationConfig", ["Enabled"] = true, ["SrlBlockThreshold"] = 6 };
    static JObject Provider() => new()
    {
        ["Name"] = "Spamhaus", ["Identity"] = "Spamhaus", ["Guid"] = "5d1e7c8a-3c2b-4f0e-9b1a-2f6e0c4d7a91", ["LookupDomain"] = "zen.spamhaus.org", ["Enabled"] = true,
    };
    static JObject Agent(string name, bool enabled) => new() { ["Identity"] = name, ["Enabled"] = enabled, ["Priority"] = 3 };
    static JObject Domain(string name, bool isDefault) => new() { ["Name"] = name, ["DomainName"] = name, ["DomainType"] = "Authoritative", ["Default"] = isDefault };
    static JObject AllowEntry(string range) => new() { ["Identity"] = "1", ["IPRange"] = range, ["ExpirationTime"] = null, ["IsMachineGenerated"] = false };

    static readonly (string, JToken)[] TrueForms = [("Enabled", "$true"), ("Enabled", "True")];

    static EdgeCase Enabled(string command, Func<JObject> good) =>
        EdgeCase.One(command, good, o => o["Enabled"] = "$false", "Enabled", "sometimes", TrueForms);

    static EdgeCase Case(CheckDefinition check) => check.Id switch
    {
        "sender-filter-enabled" => Enabled("Get-SenderFilterConfig", SenderFilter),
        "sender-filter-blank-sender-blocking" => EdgeCase.One("Get-SenderFilterConfig", SenderFilter, o => o["BlankSenderBlockingEnabled"] = false,
            "BlankSenderBlockingEnabled", "often", ("BlankSenderBlockingEnabled", "$true")),
        "sender-filter-action-reject" => EdgeCase.One("Get-SenderFilterConfig", SenderFilter, o => o["Action"] = "StampStatus",
            "Action", 1 /* an integer: SenderFilterConfig's Action values are not known for certain */, ("Action", "reject")),
        "sender-filter-blocked-domains" => EdgeCase.One("Get-SenderFilterConfig", SenderFilter, o => o["BlockedDomains"] = new JArray("other.example.com"),
            "BlockedDomains", EdgeRules.Junk,
            ("BlockedDomains", new JObject { ["value"] = new JArray("corp.example.mil"), ["Count"] = 1 }), ("BlockedDomains", "corp.example.mil")),
        "recipient-filter-enabled" => Enabled("Get-RecipientFilterConfig", RecipientFilter),
        "recipient-filter-no-recipient-validation" => EdgeCase.One("Get-RecipientFilterConfig", RecipientFilter, o => o["RecipientValidationEnabled"] = "$true",
            "RecipientValidationEnabled", "maybe", ("RecipientValidationEnabled", "$false"), ("RecipientValidationEnabled", "False")),
        "content-filter-enabled" => Enabled("Get-ContentFilterConfig", ContentFilter),
        "content-filter-quarantine-mailbox" => EdgeCase.One("Get-ContentFilterConfig", ContentFilter, o => o["QuarantineMailbox"] = null,
            "QuarantineMailbox", EdgeRules.Junk),
        "content-filter-installed" => new EdgeCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-ContentFilterConfig"] = [ContentFilter()] },
            Break = d => d["Get-ContentFilterConfig"] = [],
            OddCommand = "Get-ContentFilterConfig", OddProperty = "Name", OddValue = EdgeRules.Junk, BadIsNone = true,
        },
        "antispam-filters-enabled" => new EdgeCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase)
            {
                ["Get-ContentFilterConfig"] = [ContentFilter()], ["Get-SenderFilterConfig"] = [SenderFilter()],
                ["Get-SenderIdConfig"] = [SenderId()], ["Get-SenderReputationConfig"] = [SenderReputation()],
            },
            Break = d => d["Get-SenderIdConfig"][0]["Enabled"] = false,
            OddCommand = "Get-SenderReputationConfig", OddProperty = "Enabled", OddValue = "sometimes",
            SameMeaning = [("Get-SenderFilterConfig", "Enabled", "$true"), ("Get-ContentFilterConfig", "Enabled", "True")],
        },
        "sender-id-enabled" => Enabled("Get-SenderIdConfig", SenderId),
        "sender-id-spoofed-domain-reject" => EdgeCase.One("Get-SenderIdConfig", SenderId, o => o["SpoofedDomainAction"] = "StampStatus", "SpoofedDomainAction", 2),
        "sender-reputation-enabled" => Enabled("Get-SenderReputationConfig", SenderReputation),
        "sender-reputation-block-threshold" => EdgeCase.One("Get-SenderReputationConfig", SenderReputation, o => o["SrlBlockThreshold"] = 8,
            "SrlBlockThreshold", "high", ("SrlBlockThreshold", "6"), ("SrlBlockThreshold", new JObject { ["IsUnlimited"] = false, ["Value"] = 6 })),
        "ip-allow-list-enabled" => Enabled("Get-IPAllowListConfig", () => new JObject { ["Name"] = "IPAllowListConfig", ["Enabled"] = true }),
        "ip-allow-list-entries-empty" => new EdgeCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-IPAllowListEntry"] = [] },
            Break = d => d["Get-IPAllowListEntry"] = [AllowEntry("192.0.2.7")],
            OddCommand = "Get-IPAllowListEntry", OddProperty = "IPRange", OddValue = EdgeRules.Junk, GoodIsNone = true,
        },
        "ip-block-list-provider-configured" or "ip-block-list-provider-required" => EdgeCase.One("Get-IPBlockListProvider", Provider,
            o => o["LookupDomain"] = null, "LookupDomain", EdgeRules.Junk),
        "attachment-filter-entries" => EdgeCase.Evidence("Get-AttachmentFilterEntry",
            new JObject { ["Identity"] = "FileName:*.exe", ["Type"] = "FileName", ["Name"] = "*.exe" },
            new JObject { ["Identity"] = "ContentType:application/x-msdownload", ["Type"] = "ContentType", ["Name"] = "application/x-msdownload" }),
        "hyperlink-transport-agent" => EdgeCase.Evidence("Get-TransportAgent", Agent("Transport Rule Agent", true), Agent("Link Sanitizer", true)),
        "malware-agent-disabled" => EdgeCase.One("Get-TransportAgent", () => Agent("Malware Agent", false), o => o["Enabled"] = true,
            "Enabled", "sometimes", ("Enabled", "$false"), ("Enabled", "False")),
        "malware-agent-enabled" => EdgeCase.One("Get-TransportAgent", () => Agent("Malware Agent", true), o => o["Enabled"] = "$false",
            "Enabled", "sometimes", ("Enabled", "$true")),
        "edge-subscription-redundancy" => EdgeCase.Evidence("Get-EdgeSubscription",
            new JObject { ["Name"] = "EXEDGE01", ["Site"] = "corp.example.mil/Configuration/Sites/Default-First-Site-Name", ["Domain"] = "corp.example.mil" }),
        "accepted-domain-default" => EdgeCase.One("Get-AcceptedDomain", () => Domain("corp.example.mil", true), o => o["Default"] = false,
            "Default", "yes please", ("Default", "$true")),
        "accepted-domains-edsp" => EdgeCase.Evidence("Get-AcceptedDomain", Domain("corp.example.mil", true), Domain("mail.corp.example.mil", false)),
        _ => throw new InvalidOperationException($"no test facts for check '{check.Id}': add them when adding a check"),
    };

    public static TheoryData<string, string> Rules() =>
        EdgeRules.Rules(Catalog);

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
    public void Every_rule_naming_these_commands_is_bound() => Assert.Empty(EdgeRules.Unbound("Get-(SenderFilterConfig|RecipientFilterConfig|ContentFilterConfig|SenderIdConfig|SenderReputationConfig|IPAllowList|IPBlockList|AttachmentFilter|TransportAgent|EdgeSubscription|AcceptedDomain)"));

    // ---- rule by rule

    static RuleResult Run(string file, string vulnId, SitePolicy? policy, params (string Command, JObject[] Objects)[] commands)
    {
        var b = new FactsBuilder();
        foreach (var (cmd, objs) in commands) b.With(cmd, objs);
        return EdgeRules.Evaluate(SharedBenchmarks.Rule(file, vulnId), b.Build(), policy);
    }

    [Fact]
    public void Srl_block_threshold_other_than_6_passes_only_with_the_edsp_reference()
    {
        var seven = SenderReputation();
        seven["SrlBlockThreshold"] = 7;
        Assert.Equal(ChecklistStatus.Open, Run(Edge2019, "V-259615", null, ("Get-SenderReputationConfig", [seven])).Status);
        var documented = SitePolicy.Parse("""{ "cklgenPolicy": 1, "values": { "srlBlockThreshold": { "value": 7, "reference": "EDSP 5.3, AO 2026-02-01" } } }""", "p.json");
        var ok = Run(Edge2019, "V-259615", documented, ("Get-SenderReputationConfig", [seven]));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("EDSP 5.3, AO 2026-02-01", ok.FindingDetails);
        var unsigned = SitePolicy.Parse("""{ "cklgenPolicy": 1, "values": { "srlBlockThreshold": 7 } }""", "p.json");
        Assert.Equal(ChecklistStatus.Open, Run(Edge2019, "V-259615", unsigned, ("Get-SenderReputationConfig", [seven])).Status);
        // The STIG's value passes whatever the EDSP documents.
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2019, "V-259615", documented, ("Get-SenderReputationConfig", [SenderReputation()])).Status);
    }

    [Fact]
    public void Blocked_domains_without_the_edsp_list_are_not_reviewed_and_name_the_key()
    {
        var r = Run(Edge2016, "V-221235", null, ("Get-SenderFilterConfig", [SenderFilter()]));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("senderFilterBlockedDomains", r.FindingDetails);
        var title = Run(Edge2019, "V-259612", Policy, ("Get-SenderFilterConfig", [SenderFilter()]));
        Assert.Equal(ChecklistStatus.NotAFinding, title.Status);
        Assert.Contains("DISA's title says unaccepted domains", title.FindingDetails);
    }

    [Fact]
    public void An_ip_allow_list_entry_is_a_finding_unless_a_deviation_accepts_that_range()
    {
        var entry = AllowEntry("192.0.2.7");
        var open = Run(Edge2019, "V-259623", null, ("Get-IPAllowListEntry", [entry]));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("192.0.2.7", open.FindingDetails);
        var accepted = SitePolicy.Parse("""
            { "cklgenPolicy": 1, "deviations": [ { "rule": "V-259623", "value": "192.0.2.7", "reference": "EDSP 5.9, partner relay, AO 2026-04-01" } ] }
            """, "p.json");
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2019, "V-259623", accepted, ("Get-IPAllowListEntry", [entry])).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Edge2019, "V-259623", accepted, ("Get-IPAllowListEntry", [entry, AllowEntry("198.51.100.0/24")])).Status);
        var unknown = AllowEntry("192.0.2.8");
        unknown["IPRange"] = null;
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Edge2019, "V-259623", null, ("Get-IPAllowListEntry", [unknown])).Status);
    }

    [Fact]
    public void Each_accepted_domain_other_than_the_default_needs_a_deviation()
    {
        var two = new[] { Domain("corp.example.mil", true), Domain("mail.corp.example.mil", false) };
        var open = Run(Edge2016, "V-221204", null, ("Get-AcceptedDomain", two));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("only one accepted domain the default", open.FindingDetails);
        var accepted = SitePolicy.Parse("""
            { "cklgenPolicy": 1, "deviations": [ { "rule": "EX16-ED-000030", "connector": "mail.corp.example.mil", "value": false, "reference": "EDSP 2.1" } ] }
            """, "p.json");
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2016, "V-221204", accepted, ("Get-AcceptedDomain", two)).Status);
    }

    [Fact]
    public void Block_list_provider_missing_is_open_in_2010_where_the_text_has_no_not_applicable_clause()
    {
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2010, "V-33633", null, ("Get-IPBlockListProvider", [Provider()])).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Edge2010, "V-33633", null, ("Get-IPBlockListProvider", [])).Status);
        Assert.Equal(ChecklistStatus.NotApplicable, Run(Edge2019, "V-259618", null, ("Get-IPBlockListProvider", [])).Status);
    }

    [Fact]
    public void An_enum_integer_is_not_trusted()
    {
        var sender = SenderFilter();
        sender["Action"] = 0;
        var r = Run(Edge2019, "V-259609", null, ("Get-SenderFilterConfig", [sender]));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("Action", r.FindingDetails);
    }

    [Fact]
    public void Malware_agent_rules_judge_the_malware_agent_and_say_that_the_2019_texts_conflict()
    {
        var off = Run(Mailbox2019, "V-259696", null, ("Get-TransportAgent", [Agent("Malware Agent", false)]));
        Assert.Equal(ChecklistStatus.NotAFinding, off.Status);
        Assert.Contains("V-259694 requires the Malware Agent to be enabled", off.FindingDetails);
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259694", null, ("Get-TransportAgent", [Agent("Malware Agent", false)])).Status);
        var others = new[] { Agent("Transport Rule Agent", true), Agent("Malware Agent", false) };
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mailbox2019, "V-259696", null, ("Get-TransportAgent", others)).Status);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Edge2016, "V-221270", null, ("Get-TransportAgent", [Agent("Transport Rule Agent", true)])).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Mailbox2019, "V-259694", null, ("Get-TransportAgent", [Agent("Transport Rule Agent", true)])).Status);
    }

    [Fact]
    public void Antispam_enabled_names_every_part()
    {
        var id = SenderId();
        id["Enabled"] = false;
        var r = Run(Edge2019, "V-259627", null, ("Get-ContentFilterConfig", [ContentFilter()]), ("Get-SenderFilterConfig", [SenderFilter()]),
            ("Get-SenderIdConfig", [id]), ("Get-SenderReputationConfig", [SenderReputation()]));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("Get-SenderIdConfig", r.FindingDetails);
        var missing = Run(Edge2019, "V-259627", null, ("Get-ContentFilterConfig", [ContentFilter()]), ("Get-SenderFilterConfig", [SenderFilter()]),
            ("Get-SenderIdConfig", [SenderId()]));
        Assert.Equal(ChecklistStatus.NotReviewed, missing.Status);
        Assert.Contains("Get-SenderReputationConfig", missing.FindingDetails);
    }
}
