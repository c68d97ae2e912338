using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>Shared engine behaviour: scope inference, organization-defined values, deviations, SIPR.</summary>
public class EngineBehaviourTests
{
    const string Mb16 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Edge19 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    static RuleResult Run(string file, string vulnId, SitePolicy? policy, Func<FactsBuilder, FactsBuilder> facts) =>
        new Evaluator(RuleCatalog.BuiltIn, policy, new DateOnly(2026, 11, 22)).Evaluate(SharedBenchmarks.Rule(file, vulnId), facts(new FactsBuilder()).Build());

    static SitePolicy Policy(string json) => SitePolicy.Parse(json, "site-policy.json");

    [Fact]
    public void Internet_facing_send_connector_is_inferred_from_a_wildcard_address_space_and_said()
    {
        // V-228374: internet-facing send connectors must use a smart host.
        var r = Run(Mb16, "V-228374", null, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray() },
            new JObject { ["Name"] = "To Partner", ["AddressSpaces"] = new JArray("SMTP:partner.example.com;1"), ["SmartHosts"] = new JArray() }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("\"To Internet\": NOT COMPLIANT", r.FindingDetails);
        Assert.Contains("internet-facing (inferred: AddressSpaces includes the wildcard \"*\"", r.FindingDetails);
        Assert.Contains("\"To Partner\": out of scope", r.FindingDetails);
    }

    [Fact]
    public void Policy_list_of_internet_facing_connectors_overrides_inference()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "internetFacing": { "sendConnectors": [ "To Partner" ] } }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray() },
            new JObject { ["Name"] = "To Partner", ["AddressSpaces"] = new JArray("SMTP:partner.example.com;1"), ["SmartHosts"] = new JArray("10.1.1.1") }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("site policy lists it under internetFacing.sendConnectors", r.FindingDetails);
    }

    [Fact]
    public void Scope_that_cannot_be_inferred_leaves_the_rule_not_reviewed()
    {
        var r = Run(Mb16, "V-228374", null, f => f.With("Get-SendConnector", new JObject { ["Name"] = "X", ["SmartHosts"] = new JArray() }));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("AddressSpaces was not collected", r.FindingDetails);
    }

    [Fact]
    public void Smart_host_from_policy_must_be_the_one_used()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "smartHosts": [ "10.10.1.50" ] }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray("10.99.9.9") }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("expected one of 10.10.1.50", r.FindingDetails);
    }

    [Fact]
    public void Smart_host_written_in_brackets_matches_the_policy_address()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "smartHosts": [ "10.10.1.50" ] }""");
        var r = Run(Mb16, "V-228374", policy, f => f.With("Get-SendConnector",
            new JObject { ["Name"] = "To Internet", ["AddressSpaces"] = new JArray("SMTP:*;1"), ["SmartHosts"] = new JArray("[10.10.1.50]") }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
    }

    [Fact]
    public void Stated_value_is_used_without_policy_and_the_details_say_the_EDSP_may_differ()
    {
        var r = Run(Mb16, "V-228399", null, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:10:00" }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("the EDSP may document another", r.FindingDetails);
    }

    [Fact]
    public void Organization_defined_value_replaces_the_stated_one()
    {
        var policy = Policy("""{ "cklgenPolicy": 1, "values": { "receiveConnectionTimeout": "00:15:00" } }""");
        var r = Run(Mb16, "V-228399", policy, f => f.With("Get-ReceiveConnector", new JObject { ["Name"] = "R", ["ConnectionTimeout"] = "00:10:00" }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("expected 00:15:00", r.FindingDetails);
        Assert.Contains("comes from the site policy (site-policy.json, receiveConnectionTimeout)", r.FindingDetails);
    }

    [Fact]
    public void Documented_deviation_accepts_the_named_connector_only_and_expires()
    {
        var json = """{ "cklgenPolicy": 1, "deviations": [ { "rule": "EX16-MB-000550", "connector": "R", "reference": "EDSP 4.2 signed by AO", "expires": "EXP" } ] }""";
        JObject[] conns = [new() { ["Name"] = "R", ["ConnectionTimeout"] = "00:30:00" }];
        var ok = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector", conns));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("accepted deviation: EDSP 4.2 signed by AO (until 2027-01-01)", ok.FindingDetails);
        var expired = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2026-01-01")), f => f.With("Get-ReceiveConnector", conns));
        Assert.Equal(ChecklistStatus.Open, expired.Status);
        var other = Run(Mb16, "V-228399", Policy(json.Replace("EXP", "2027-01-01")), f => f.With("Get-ReceiveConnector",
            new JObject { ["Name"] = "Other", ["ConnectionTimeout"] = "00:30:00" }));
        Assert.Equal(ChecklistStatus.Open, other.Status);
    }

    [Fact]
    public void Global_size_comes_from_transport_config_and_its_absence_is_said()
    {
        JObject conn = new() { ["Name"] = "Out", ["MaxMessageSize"] = "25 MB (26,214,400 bytes)" };
        var r = Run(Mb16, "V-228385", null, f => f.With("Get-SendConnector", conn)
            .With("Get-TransportConfig", new JObject { ["MaxSendSize"] = new JObject { ["IsUnlimited"] = false, ["Value"] = "25 MB (26,214,400 bytes)" } }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("global value MaxSendSize from Get-TransportConfig (25 MB (26,214,400 bytes))", r.FindingDetails);
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
    public void Internal_receive_rule_skips_internet_facing_connectors_by_remote_ranges()
    {
        var r = Run(Edge19, "V-259622", null, f => f.With("Get-ReceiveConnector",
            new JObject { ["Name"] = "Internet", ["RemoteIPRanges"] = new JArray("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"), ["PermissionGroups"] = "AnonymousUsers, Partners" },
            new JObject { ["Name"] = "From Hub", ["RemoteIPRanges"] = new JArray("10.10.1.21"), ["PermissionGroups"] = "ExchangeServers" }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("\"Internet\": out of scope", r.FindingDetails);
    }

    [Fact]
    public void Rules_without_automation_are_left_alone()
    {
        var rule = SharedBenchmarks.Get(Mb16).Rules.First(x => !RuleCatalog.BuiltIn.BindingsFor(x.VulnId).Any());
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
        Assert.Equal("corp.example.mil", p.InternalSmtpDomain);
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
