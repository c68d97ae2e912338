using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>
/// Every automated rule, in every shared benchmark release whose check text it was written against:
/// compliant, non-compliant, command absent, command failed, a value of unknown form, and a changed
/// check text. Rule-specific behaviour is tested in the files named after the rules.
/// </summary>
public class CatalogRuleTests
{
    /// <summary>
    /// The site policy a complete EDSP gives: organization-defined values, and every connector classified as the
    /// check's scope needs (unclassified connectors are tested in EngineBehaviourTests).
    /// </summary>
    static SitePolicy PolicyFor(CheckDefinition check) => SitePolicy.Parse($$"""
        { "cklgenPolicy": 1, "internalSmtpDomain": "corp.example.mil", "smartHosts": [ "10.10.1.50" ],
          "sendConnectorValidation": { "*": "DomainValidation" },
          "values": { "maxSendSize": "25 MB (26,214,400 bytes)" },
          "{{(check.Scope == CheckScope.Internal ? "internal" : "internetFacing")}}": { "sendConnectors": [ "*" ], "receiveConnectors": [ "*" ] } }
        """, "policy.json");

    public static TheoryData<string, string> AutomatedRules()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (Binding(rule) is { } b && IsConnectorCheck(RuleCatalog.BuiltIn.Check(b.Check))) data.Add(file, rule.VulnId);
        return data;
    }

    /// <summary>These tests know connector fixtures; the other catalogs have their own test files (Evaluation/Areas).</summary>
    static bool IsConnectorCheck(CheckDefinition c) => c.Command is "Get-SendConnector" or "Get-ReceiveConnector";

    static RuleBinding? Binding(BenchmarkRule rule) =>
        RuleCatalog.BuiltIn.BindingsFor(rule.VulnId).FirstOrDefault(b => b.Text == CheckText.Fingerprint(rule.CheckContent));

    static (BenchmarkRule Rule, RuleBinding Binding, CheckDefinition Check, ConnectorFixtures.Case Case) Setup(string file, string vulnId)
    {
        var rule = SharedBenchmarks.Rule(file, vulnId);
        var binding = Binding(rule)!;
        var check = RuleCatalog.BuiltIn.Check(binding.Check);
        return (rule, binding, check, check.Manual is null ? ConnectorFixtures.For(check, binding) : null!);
    }

    static RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts) =>
        new Evaluator(RuleCatalog.BuiltIn, PolicyFor(RuleCatalog.BuiltIn.Check(RuleCatalog.BuiltIn.BindingsFor(rule.VulnId).First().Check))).Evaluate(rule, facts);

    static FactsSnapshot FactsWith(CheckDefinition check, params JObject[] objects) =>
        new FactsBuilder().With(check.Command, objects).With("Get-TransportConfig", ConnectorFixtures.TransportConfig()).Build();

    [Theory, MemberData(nameof(AutomatedRules))]
    public void Compliant_connectors_are_not_a_finding(string file, string vulnId)
    {
        var (rule, binding, check, c) = Setup(file, vulnId);
        if (check.Manual is not null)
        {
            var manual = Evaluate(rule, FactsWith(check, ConnectorFixtures.Send(), ConnectorFixtures.Receive("00:10:00")));
            Assert.Equal(ChecklistStatus.NotReviewed, manual.Status);
            Assert.Contains("Outbound to Internet", manual.FindingDetails);
            return;
        }
        var result = Evaluate(rule, FactsWith(check, c.Good));
        Assert.True(result.Status == ChecklistStatus.NotAFinding, $"{vulnId} ({binding.Check}): {result.Status}\n{result.FindingDetails}");
        Assert.True(result.Automated);
        Assert.Contains(c.Good["Name"]!.ToString(), result.FindingDetails);
        Assert.Contains("test-facts.json", result.FindingDetails);
        Assert.Contains("CklGen", result.Comments);
    }

    [Theory, MemberData(nameof(AutomatedRules))]
    public void A_non_compliant_connector_opens_the_rule_and_says_why(string file, string vulnId)
    {
        var (rule, binding, check, c) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var other = c.Good;
        other["Name"] = "Second connector";
        var result = Evaluate(rule, FactsWith(check, other, c.Bad));
        Assert.True(result.Status == ChecklistStatus.Open, $"{vulnId} ({binding.Check}): {result.Status}\n{result.FindingDetails}");
        Assert.Contains("NOT COMPLIANT", result.FindingDetails);
        Assert.Contains("expected", result.FindingDetails);
    }

    [Theory, MemberData(nameof(AutomatedRules))]
    public void Command_not_collected_is_not_reviewed(string file, string vulnId)
    {
        var (rule, _, check, _) = Setup(file, vulnId);
        var result = Evaluate(rule, new FactsBuilder().With("Get-TransportConfig", ConnectorFixtures.TransportConfig()).Build());
        Assert.Equal(ChecklistStatus.NotReviewed, result.Status);
        Assert.Contains($"{check.Command} was not collected", result.FindingDetails);
    }

    [Theory, MemberData(nameof(AutomatedRules))]
    public void Command_that_failed_is_not_reviewed(string file, string vulnId)
    {
        var (rule, _, check, _) = Setup(file, vulnId);
        var result = Evaluate(rule, new FactsBuilder().Failed(check.Command, "Access is denied.").Build());
        Assert.Equal(ChecklistStatus.NotReviewed, result.Status);
        Assert.Contains("failed", result.FindingDetails);
        Assert.Contains("Access is denied.", result.FindingDetails);
    }

    [Theory, MemberData(nameof(AutomatedRules))]
    public void A_value_of_unknown_form_is_not_reviewed(string file, string vulnId)
    {
        var (rule, binding, check, c) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var odd = c.Good;
        odd[c.OddProperty] = c.OddValue;
        var result = Evaluate(rule, FactsWith(check, odd));
        Assert.True(result.Status == ChecklistStatus.NotReviewed, $"{vulnId} ({binding.Check}): {result.Status}\n{result.FindingDetails}");
        Assert.Contains(c.OddProperty, result.FindingDetails);
        Assert.Contains("NOT JUDGED", result.FindingDetails);
    }

    [Theory, MemberData(nameof(AutomatedRules))]
    public void A_changed_check_text_gives_no_verdict(string file, string vulnId)
    {
        var (rule, _, check, c) = Setup(file, vulnId);
        var revised = new BenchmarkRule
        {
            VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId,
            CheckContent = rule.CheckContent.Replace("this is a finding", "this is a finding unless the ISSM agrees"),
        };
        if (revised.CheckContent == rule.CheckContent) revised = new BenchmarkRule { VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, CheckContent = rule.CheckContent + " Revised." };
        var facts = check.Manual is null ? FactsWith(check, c.Bad) : FactsWith(check, ConnectorFixtures.Send());
        var result = Evaluate(revised, facts);
        Assert.Equal(ChecklistStatus.NotReviewed, result.Status);
        Assert.Contains("DISA revised this rule's check text", result.FindingDetails);
    }

    [Fact]
    public void Every_connector_rule_in_the_shared_benchmarks_is_bound()
    {
        var unbound = new List<string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (System.Text.RegularExpressions.Regex.IsMatch(rule.CheckContent, "Get-(Send|Receive)Connector") && Binding(rule) is null)
                    unbound.Add($"{file} {rule.VulnId} {CheckText.Fingerprint(rule.CheckContent)}");
        Assert.Empty(unbound);
    }

    [Fact]
    public void Every_binding_matches_a_shared_benchmark_rule_with_its_stig_id()
    {
        var seen = new HashSet<RuleBinding>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (Binding(rule) is { } b)
                {
                    Assert.Equal(b.StigId, rule.StigId);
                    seen.Add(b);
                }
        Assert.Empty(RuleCatalog.BuiltIn.Bindings.Where(b => !seen.Contains(b)).Select(b => $"{b.VulnId} {b.Text}"));
    }
}

public class CatalogDocumentationTests
{
    static string CatalogReadme => Path.Combine(Support.TestPaths.RepoRoot, "src", "CklGen.Core", "Evaluation", "Catalog", "README.md");

    [Fact]
    public void The_catalog_readme_describes_every_check_as_the_catalog_says()
    {
        var actual = CatalogMarkdown.Render(RuleCatalog.BuiltIn);
        if (Environment.GetEnvironmentVariable("CKLGEN_APPROVE") == "1") File.WriteAllText(CatalogReadme, actual);
        var written = File.Exists(CatalogReadme) ? File.ReadAllText(CatalogReadme).Replace("\r\n", "\n") : "";
        Assert.True(written == actual, $"{CatalogReadme} is out of date: run CKLGEN_APPROVE=1 dotnet test --filter CatalogDocumentationTests");
        foreach (var c in RuleCatalog.BuiltIn.Checks) Assert.Contains($"`{c.Id}`", written);
    }

    [Fact]
    public void The_readme_points_to_the_catalog_description()
    {
        var readme = File.ReadAllText(Path.Combine(Support.TestPaths.RepoRoot, "README.md"));
        Assert.Contains("src/CklGen.Core/Evaluation/Catalog/README.md", readme);
    }
}
