using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>Shared engine behaviour: classification, organization-defined and EDSP values, scoping, deviations, SIPR.</summary>
public class EngineBehaviourTests
{
    const string Mb16 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Edge19 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    static RuleResult Run(string file, string vulnId, SitePolicy? policy, Func<FactsBuilder, FactsBuilder> facts) =>
        new Evaluator(RuleCatalog.BuiltIn, policy, new DateOnly(2026, 11, 22)).Evaluate(SharedBenchmarks.Rule(file, vulnId), facts(new FactsBuilder()).Build());

    static SitePolicy Policy(string json) => SitePolicy.Parse(json, "site-policy.json");

    [Fact]
    public void Unclassified_connectors_are_judged_both_ways_and_decide_only_when_the_readings_agree()
    {
        // V-228374: internet-facing send connectors must use the smart host. Nothing says which connector faces the internet.
        var policy = Policy("""{ "cklgenPolicy": 1, "smartHosts": [ "10.10.1.50" ] }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray() },
            new JObject { ["Name"] = "To Partner", ["AddressSpaces"] = new JArray("SMTP:partner.example.com;1"), ["SmartHosts"] = new JArray() }));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("depends on which send connectors are internet-facing", r.FindingDetails);
        Assert.Contains("internetFacing.sendConnectors or internal.sendConnectors", r.FindingDetails);
        Assert.Contains("AddressSpaces = ", r.FindingDetails);
        // All comply: NotAFinding if any is internet-facing, Not_Applicable if none: still two verdicts.
        var both = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray("10.10.1.50") }));
        Assert.Equal(ChecklistStatus.NotReviewed, both.Status);
        Assert.Contains("Not a finding if any is, Not applicable if none is", both.FindingDetails);
    }

    [Fact]
    public void A_classified_failing_connector_opens_the_rule_whatever_the_unclassified_ones_are()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "smartHosts": [ "10.10.1.50" ], "internetFacing": { "sendConnectors": [ "To Internet" ] } }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray() },
            new JObject { ["Name"] = "Hybrid", ["AddressSpaces"] = new JArray("SMTP:contoso.mail.onmicrosoft.com;1"), ["SmartHosts"] = new JArray("10.10.1.50") }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("the site policy lists it under internetFacing.sendConnectors", r.FindingDetails);
    }

    [Fact]
    public void A_listed_internet_facing_connector_never_makes_the_others_internal()
    {
        // V-259622 (2019 Edge, internal receive connectors must not allow anonymous): the policy names only the internet one.
        var policy = Policy("""{ "cklgenPolicy": 1, "internetFacing": { "receiveConnectors": [ "Internet" ] } }""");
        var r = Run(Edge19, "V-259622", policy, f => f.With("Get-ReceiveConnector",
            new JObject { ["Name"] = "Internet", ["Identity"] = "EXTEST01\\Internet", ["PermissionGroups"] = "AnonymousUsers, Partners" },
            new JObject { ["Name"] = "Relay", ["Identity"] = "EXTEST01\\Relay", ["PermissionGroups"] = "AnonymousUsers" }));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("\"Internet\": out of scope", r.FindingDetails);
        Assert.Contains("\"Relay\": NOT COMPLIANT (if in scope)", r.FindingDetails);
    }

    [Fact]
    public void A_policy_connector_name_the_host_lacks_is_reported_and_changes_nothing()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "smartHosts": [ "10.10.1.50" ], "internetFacing": { "sendConnectors": [ "Outbound EXMBX99" ] }, "internal": { "sendConnectors": [ "To Partner" ] } }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Partner", ["SmartHosts"] = new JArray() }));
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.Contains("names send connector \"Outbound EXMBX99\"", r.FindingDetails);
        Assert.Contains(r.Warnings, w => w.Contains("Outbound EXMBX99"));
    }

    [Fact]
    public void Smart_host_is_organization_defined_and_never_any_value()
    {
        var listed = """{ "cklgenPolicy": 1, "internetFacing": { "sendConnectors": [ "To Internet" ] } }""";
        JObject conn = new() { ["Name"] = "To Internet", ["SmartHosts"] = new JArray("10.99.9.9") };
        var none = Run(Mb16, "V-228374", Policy(listed), f => f.With("Get-SendConnector", conn));
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("set smartHosts", none.FindingDetails);
        var wrong = Run(Mb16, "V-228374", Policy(listed.Replace("\"cklgenPolicy\": 1", "\"cklgenPolicy\": 1, \"smartHosts\": [ \"10.10.1.50\" ]")), f => f.With("Get-SendConnector", conn));
        Assert.Equal(ChecklistStatus.Open, wrong.Status);
        Assert.Contains("expected one of 10.10.1.50", wrong.FindingDetails);
        var bracketed = Run(Mb16, "V-228374", Policy(listed.Replace("\"cklgenPolicy\": 1", "\"cklgenPolicy\": 1, \"smartHosts\": [ \"10.10.1.50\" ]")),
            f => f.With("Get-SendConnector", new JObject { ["Name"] = "To Internet", ["SmartHosts"] = new JArray("[10.10.1.50]") }));
        Assert.Equal(ChecklistStatus.NotAFinding, bracketed.Status);
        // No smart host at all is a finding whatever the organization's smart host is.
        var empty = Run(Mb16, "V-228374", Policy(listed), f => f.With("Get-SendConnector", new JObject { ["Name"] = "To Internet", ["SmartHosts"] = new JArray() }));
        Assert.Equal(ChecklistStatus.Open, empty.Status);
        Assert.Contains("an empty value fails whatever that value is", empty.FindingDetails);
        // On the 2019 Edge STIG DNSRoutingEnabled = $false is the other way to comply.
        var noDns = Run(Edge19, "V-259593", Policy(listed), f => f.With("Get-SendConnector", new JObject { ["Name"] = "To Internet", ["SmartHosts"] = new JArray(), ["DNSRoutingEnabled"] = false }));
        Assert.Equal(ChecklistStatus.NotAFinding, noDns.Status);
        var dns = Run(Edge19, "V-259593", Policy(listed), f => f.With("Get-SendConnector", new JObject { ["Name"] = "To Internet", ["SmartHosts"] = new JArray(), ["DNSRoutingEnabled"] = true }));
        Assert.Equal(ChecklistStatus.Open, dns.Status);
    }

    [Fact]
    public void The_stigs_value_always_passes_and_a_policy_value_never_replaces_it()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "values": { "receiveConnectionTimeout": { "value": "00:15:00", "reference": "EDSP 4.2" } } }""");
        var stated = Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:10:00" }));
        Assert.Equal(ChecklistStatus.NotAFinding, stated.Status);
        Assert.Contains("ConnectionTimeout = 00:10:00 (expected 00:10:00)", stated.FindingDetails);
        var documented = Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:15:00" }));
        Assert.Equal(ChecklistStatus.NotAFinding, documented.Status);
        Assert.Contains("the value the EDSP documents with signoff: EDSP 4.2", documented.FindingDetails);
        var other = Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:30:00" }));
        Assert.Equal(ChecklistStatus.Open, other.Status);
        Assert.Contains("documented in the site policy is 00:15:00", other.FindingDetails);
    }

    [Fact]
    public void A_documented_value_without_a_reference_is_not_a_signoff()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "values": { "receiveConnectionTimeout": "00:15:00" } }""");
        var r = Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:15:00" }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("a documented value without a reference is not a signoff", r.FindingDetails);
    }

    [Fact]
    public void Policy_values_scoped_to_roles_and_hosts_apply_only_there()
    {
        var policy = Policy("""
            { "cklgenPolicy": 1, "values": { "receiveConnectionTimeout": [
                { "value": "00:20:00", "reference": "EDSP Edge 1", "roles": [ "Edge" ] },
                { "value": "00:15:00", "reference": "EDSP host 2", "hosts": [ "EXTEST01" ] } ] } }
            """);
        JObject R(string t) => new() { ["Name"] = "R", ["ConnectionTimeout"] = t };
        // The host entry wins over the role entry; the Edge value does not reach this Mailbox host's other value.
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", R("00:15:00"))).Status);
        Assert.Equal(ChecklistStatus.Open, Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", R("00:20:00"))).Status);
    }

    [Fact]
    public void Deviations_excuse_only_their_value_connector_and_time()
    {
        var json = """{ "cklgenPolicy": 1, "deviations": [ { "rule": "EX16-MB-000550", "connector": "R", "value": "00:30:00", "reference": "EDSP 4.2 signed by AO", "expires": "EXP" } ] }""";
        JObject[] conns = [new() { ["Name"] = "R", ["ConnectionTimeout"] = "00:30:00" }];
        var ok = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector", conns));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("accepted deviation: EDSP 4.2 signed by AO (until 2027-01-01)", ok.FindingDetails);
        var expired = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2026-01-01")), f => f.With("Get-ReceiveConnector", conns));
        Assert.Equal(ChecklistStatus.Open, expired.Status);
        Assert.Contains("risk acceptance EDSP 4.2 signed by AO expired on 2026-01-01", expired.FindingDetails, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expired.Warnings, w => w.Contains("expired on 2026-01-01"));
        var otherValue = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector",
            new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "01:00:00" }));
        Assert.Equal(ChecklistStatus.Open, otherValue.Status);
        Assert.Contains("accepts 00:30:00, not 01:00:00", otherValue.FindingDetails);
        var other = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector",
            new JObject { ["Name"] = "Other", ["ConnectionTimeout"] = "00:30:00" }));
        Assert.Equal(ChecklistStatus.Open, other.Status);
        var noValue = Run(Mb16, "V-228399", Policy(json.Replace("\"value\": \"00:30:00\", ", "").Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector", conns));
        Assert.Equal(ChecklistStatus.Open, noValue.Status);
        Assert.Contains("records no accepted value", noValue.FindingDetails);
    }

    [Fact]
    public void Anonymous_access_is_excused_only_with_restricted_remote_ranges()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "deviations": [ { "rule": "V-228391", "connector": "Relay", "value": "AnonymousUsers", "reference": "EDSP 5.1, ISSM accepted" } ] }""");
        JObject Relay(params string[] ranges) => new() { ["Name"] = "Relay", ["PermissionGroups"] = "AnonymousUsers, ExchangeServers", ["RemoteIPRanges"] = new JArray(ranges) };
        var restricted = Run(Mb16, "V-228391", policy, f => f.With("Get-ReceiveConnector", Relay("10.10.5.0/24")));
        Assert.Equal(ChecklistStatus.NotAFinding, restricted.Status);
        var open = Run(Mb16, "V-228391", policy, f => f.With("Get-ReceiveConnector", Relay("0.0.0.0-255.255.255.255")));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("RemoteIPRanges restricts the connector to specific servers", open.FindingDetails);
    }

    [Fact]
    public void Send_size_is_tested_against_the_global_value_and_the_edsp_value()
    {
        JObject conn = new() { ["Name"] = "Out", ["MaxMessageSize"] = "25 MB (26,214,400 bytes)" };
        Func<FactsBuilder, FactsBuilder> facts = f => f.With("Get-SendConnector", conn)
            .With("Get-TransportConfig", new JObject { ["MaxSendSize"] = new JObject { ["IsUnlimited"] = false, ["Value"] = "25 MB (26,214,400 bytes)" } });
        var noEdsp = Run(Mb16, "V-228385", null, facts);
        Assert.Equal(ChecklistStatus.NotReviewed, noEdsp.Status);
        Assert.Contains("the global MaxSendSize of Get-TransportConfig in test-facts.json", noEdsp.FindingDetails);
        Assert.Contains("set maxSendSize", noEdsp.FindingDetails);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Mb16, "V-228385", Policy("""{ "cklgenPolicy": 1, "values": { "maxSendSize": 26214400 } }"""), facts).Status);
        var differs = Run(Mb16, "V-228385", Policy("""{ "cklgenPolicy": 1, "values": { "maxSendSize": 20971520 } }"""), facts);
        Assert.Equal(ChecklistStatus.Open, differs.Status);
        var missing = Run(Mb16, "V-228385", null, f => f.With("Get-SendConnector", conn));
        Assert.Equal(ChecklistStatus.NotReviewed, missing.Status);
        Assert.Contains("Get-TransportConfig was not collected", missing.FindingDetails);
    }

    [Fact]
    public void Internal_smtp_domain_is_required_from_the_policy()
    {
        JObject conn = new() { ["Name"] = "Out", ["TlsDomain"] = "corp.example.mil", ["DomainSecureEnabled"] = true };
        var r = Run("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml", "V-33592", null, f => f.With("Get-SendConnector", conn));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("set internalSmtpDomain", r.FindingDetails);
        var ok = Run("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml", "V-33592", Policy("""{ "cklgenPolicy": 1, "internalSmtpDomain": "CORP.example.mil" }"""), f => f.With("Get-SendConnector", conn));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
    }

    [Fact]
    public void Sipr_enclave_makes_the_rules_that_say_so_not_applicable()
    {
        var r = Run(Edge19, "V-259593", Policy("""{ "cklgenPolicy": 1, "enclave": "SIPR" }"""), f => f);
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.Contains("SIPR", r.FindingDetails);
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Edge19, "V-259593", null, f => f).Status);
    }

    [Fact]
    public void Rules_without_automation_are_left_alone()
    {
        // Every shared rule has a catalog entry now: a rule of an id the catalogs do not know stands for one without.
        var known = SharedBenchmarks.Get(Mb16).Rules[0];
        var rule = new BenchmarkRule { VulnId = "V-999999", RuleId = "SV-999999r1_rule", StigId = "EX16-MB-999999", Title = known.Title, CheckContent = known.CheckContent };
        Assert.Empty(RuleCatalog.BuiltIn.BindingsFor(rule.VulnId));
        var r = new Evaluator(RuleCatalog.BuiltIn).Evaluate(rule, new FactsBuilder().Build());
        Assert.False(r.Automated);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Equal("", r.FindingDetails);
    }

    [Theory]
    [InlineData("""{ "cklgenPolicy": 2 }""", "cklgenPolicy")]
    [InlineData("""{ "cklgenPolicy": 1, "enclve": "SIPR" }""", "enclve")]
    [InlineData("""{ "cklgenPolicy": 1, "values": { "maxHopCunt": 60 } }""", "values.maxHopCunt")]
    [InlineData("""{ "cklgenPolicy": 1, "deviations": [ { "rule": "V-1", "connector": "C" } ] }""", "deviations[0].reference")]
    [InlineData("""{ "cklgenPolicy": 1, "enclave": "JWICS" }""", "enclave")]
    [InlineData("""not json""", "site-policy.json")]
    public void Policy_mistakes_are_errors_naming_file_and_field(string json, string field)
    {
        var e = Assert.Throws<InputException>(() => SitePolicy.Parse(json, "site-policy.json"));
        Assert.Contains("site-policy.json", e.Message);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void Shipped_policy_template_parses()
    {
        var p = SitePolicy.Load(Path.Combine(Support.TestPaths.RepoRoot, "templates", "site-policy.json"));
        Assert.Equal("corp.example.mil", (string?)p.OrgValue("internalSmtpDomain"));
        Assert.NotEmpty(p.Deviations);
    }

    [Theory]
    [InlineData("SMTP:*;1", true)]
    [InlineData("smtp:*;100", true)]
    [InlineData("*", true)]
    [InlineData("SMTP:*.example.com;1", false)]
    [InlineData("smtp:--;100", false)]
    public void Wildcard_address_spaces(string entry, bool expected) => Assert.Equal(expected, Evaluator.IsWildcardAddressSpace(entry));
}
