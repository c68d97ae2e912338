using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>The rules users name, checked in detail against the real benchmark text.</summary>
public class V228409_TlsAuthLevel_2016Mailbox
{
    const string File = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";

    static RuleResult Run(params JObject[] connectors) =>
        new Evaluator(RuleCatalog.BuiltIn).Evaluate(SharedBenchmarks.Rule(File, "V-228409"), new FactsBuilder().With("Get-SendConnector", connectors).Build());

    [Fact]
    public void Finding_details_name_connector_property_actual_and_expected()
    {
        var r = Run(new JObject { ["Name"] = "Outbound", ["TlsAuthLevel"] = "DomainValidation" },
                    new JObject { ["Name"] = "To Partner", ["TlsAuthLevel"] = "EncryptionOnly" });
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Equal("EX16-MB-000660", r.StigId);
        Assert.Contains("Open: 1 of 2 send connector(s) not compliant.", r.FindingDetails);
        Assert.Contains("Send connector \"To Partner\": NOT COMPLIANT\n  TlsAuthLevel = EncryptionOnly; expected DomainValidation", r.FindingDetails);
        Assert.Contains("Send connector \"Outbound\": compliant\n  TlsAuthLevel = DomainValidation (expected DomainValidation)", r.FindingDetails);
        Assert.Contains("Facts: Get-SendConnector from test-facts.json, collected 2026-11-01T14:03:22Z by test; host EXTEST01; Exchange version not recorded.", r.FindingDetails);
        Assert.Contains($"Automated by CklGen {CklGenInfo.Version}", r.Comments);
    }

    [Fact]
    public void Integer_form_is_trusted_only_where_the_enum_value_is_known()
    {
        Assert.Equal(ChecklistStatus.NotAFinding, Run(new JObject { ["Name"] = "Outbound", ["TlsAuthLevel"] = 4 }).Status);
        var unknown = Run(new JObject { ["Name"] = "Outbound", ["TlsAuthLevel"] = 7 });
        Assert.Equal(ChecklistStatus.NotReviewed, unknown.Status);
        Assert.Contains("7", unknown.FindingDetails);
    }

    [Fact]
    public void Unset_level_is_a_finding_and_missing_property_is_not_judged()
    {
        Assert.Equal(ChecklistStatus.Open, Run(new JObject { ["Name"] = "Outbound", ["TlsAuthLevel"] = null }).Status);
        var missing = Run(new JObject { ["Name"] = "Outbound" });
        Assert.Equal(ChecklistStatus.NotReviewed, missing.Status);
        Assert.Contains("TlsAuthLevel: not judged: it is not in the collected output of Get-SendConnector", missing.FindingDetails);
    }

    [Fact]
    public void No_send_connectors_is_not_applicable()
    {
        var r = Run();
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.Contains("returned no send connectors", r.FindingDetails);
    }
}

public class V259594_DomainSecure_2019Edge
{
    const string File = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    static RuleResult Run(JObject connector) =>
        new Evaluator(RuleCatalog.BuiltIn).Evaluate(SharedBenchmarks.Rule(File, "V-259594"), new FactsBuilder().With("Get-SendConnector", connector).Build());

    static JObject Conn(bool dse, bool dns, string? level = null, string? tlsDomain = null) => new()
    {
        ["Name"] = "EdgeSync - Inbound", ["DomainSecureEnabled"] = dse, ["DNSRoutingEnabled"] = dns,
        ["TlsAuthLevel"] = level, ["TlsDomain"] = tlsDomain,
    };

    [Fact]
    public void Domain_secure_with_dns_routing_is_compliant() =>
        Assert.Equal(ChecklistStatus.NotAFinding, Run(Conn(true, true)).Status);

    [Fact]
    public void Domain_secure_disabled_is_open()
    {
        var r = Run(Conn(false, true));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("DomainSecureEnabled = False; expected True", r.FindingDetails);
    }

    [Fact]
    public void Domain_secure_without_dns_routing_is_open_with_the_reason()
    {
        var r = Run(Conn(true, false));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("DNSRoutingEnabled = False; expected True (required because DomainSecureEnabled = True: DNSRoutingEnabled must be $true when DomainSecureEnabled is $true)", r.FindingDetails);
    }

    [Fact]
    public void Domain_validation_without_dns_routing_requires_a_tls_domain()
    {
        var r = Run(Conn(true, false, "DomainValidation", null));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("TlsDomain = null (not set); expected a value (not empty) (required because TlsAuthLevel = DomainValidation and DNSRoutingEnabled = False: TlsDomain is required when TlsAuthLevel is DomainValidation and DNSRoutingEnabled is $false)", r.FindingDetails);
    }
}

public class V259687_AnonymousReceive_2019Mailbox
{
    const string File = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    static RuleResult Run(params JObject[] connectors) =>
        new Evaluator(RuleCatalog.BuiltIn).Evaluate(SharedBenchmarks.Rule(File, "V-259687"), new FactsBuilder().With("Get-ReceiveConnector", connectors).Build());

    [Fact]
    public void Anonymous_on_any_receive_connector_is_open_whatever_its_face()
    {
        var r = Run(new JObject { ["Name"] = "Default Frontend EXMBX01", ["PermissionGroups"] = "AnonymousUsers, ExchangeServers, ExchangeLegacyServers", ["RemoteIPRanges"] = new JArray(ConnectorFixtures.AllIPv4) },
                    new JObject { ["Name"] = "Client Frontend EXMBX01", ["PermissionGroups"] = "ExchangeUsers" });
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("PermissionGroups = AnonymousUsers, ExchangeServers, ExchangeLegacyServers; expected not to include AnonymousUsers", r.FindingDetails);
    }

    [Theory]
    [InlineData("\"ExchangeUsers, ExchangeServers\"")]
    [InlineData("[\"ExchangeUsers\", \"ExchangeServers\"]")]
    [InlineData("{\"value\": [\"ExchangeUsers\"], \"Count\": 1}")]
    [InlineData("6")]
    public void Every_flags_form_is_read(string json) =>
        Assert.Equal(ChecklistStatus.NotAFinding, Run(new JObject { ["Name"] = "C", ["PermissionGroups"] = JToken.Parse(json) }).Status);

    [Fact]
    public void Anonymous_as_integer_bit_is_open() =>
        Assert.Equal(ChecklistStatus.Open, Run(new JObject { ["Name"] = "C", ["PermissionGroups"] = 5 }).Status);

    [Fact]
    public void The_deviation_of_the_policy_does_not_apply_where_the_check_allows_none()
    {
        var policy = SitePolicy.Parse("""{ "cklgenPolicy": 1, "deviations": [ { "rule": "V-259687", "connector": "C", "reference": "EDSP 3.1" } ] }""", "p.json");
        var r = new Evaluator(RuleCatalog.BuiltIn, policy).Evaluate(SharedBenchmarks.Rule(File, "V-259687"),
            new FactsBuilder().With("Get-ReceiveConnector", new JObject { ["Name"] = "C", ["PermissionGroups"] = "AnonymousUsers" }).Build());
        Assert.Equal(ChecklistStatus.Open, r.Status);
    }
}

public class V60981_TlsAuthLevel_2010Edge
{
    [Theory]
    [InlineData("U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml")]
    [InlineData("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml")]
    [InlineData("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml")]
    public void Evaluated_in_every_2010_release_and_found_by_its_legacy_rule_id(string file)
    {
        var benchmark = SharedBenchmarks.Get(file);
        var rule = benchmark.FindRule("SV-75445")!;
        Assert.Equal("V-60981", rule.VulnId);
        var facts = new FactsBuilder().With("Get-SendConnector",
            new JObject { ["Name"] = "EdgeSync - Inbound", ["TlsAuthLevel"] = "DomainValidation" },
            new JObject { ["Name"] = "EdgeSync - to Internet", ["TlsAuthLevel"] = "CertificateValidation" }).Build();
        var r = new Evaluator(RuleCatalog.BuiltIn).Evaluate(rule, facts);
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("\"EdgeSync - to Internet\": NOT COMPLIANT", r.FindingDetails);
    }
}

public class V221206_ReceiveDomainSecure_2016Edge
{
    [Theory]
    [InlineData("U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml")]
    [InlineData("U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml")]
    public void Found_by_legacy_ids_and_decided(string file)
    {
        var benchmark = SharedBenchmarks.Get(file);
        Assert.Equal("V-221206", benchmark.FindRule("SV-95203")!.VulnId);
        Assert.Equal("V-221206", benchmark.FindRule("V-80493")!.VulnId);
        var rule = benchmark.FindRule("EX16-ED-000050")!;
        var eval = new Evaluator(RuleCatalog.BuiltIn);
        Assert.Equal(ChecklistStatus.NotAFinding, eval.Evaluate(rule,
            new FactsBuilder().With("Get-ReceiveConnector", new JObject { ["Name"] = "Default internal receive connector", ["DomainSecureEnabled"] = "True" }).Build()).Status);
        Assert.Equal(ChecklistStatus.Open, eval.Evaluate(rule,
            new FactsBuilder().With("Get-ReceiveConnector", new JObject { ["Name"] = "Default internal receive connector", ["DomainSecureEnabled"] = "$false" }).Build()).Status);
    }
}
