using CklGen.Benchmarks;
using CklGen.Cli;
using CklGen.Evaluation;
using CklGen.Tests.Evaluation;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.CoverageReport;

public class CoverageTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Cli.Cli.Run(args, new CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    static RuleCatalog Catalog(string checks, string bindings) =>
        new(RuleCatalog.Parse($$"""{ "catalog": "t", "checks": [ {{checks}} ], "bindings": [ {{bindings}} ] }""", "t").Checks,
            RuleCatalog.Parse($$"""{ "catalog": "t", "checks": [ {{checks}} ], "bindings": [ {{bindings}} ] }""", "t").Bindings);

    static Benchmark OneRule(string check) => new()
    {
        Id = "B", Title = "B", Version = "1", FileName = "b.xml",
        Rules = [new BenchmarkRule { VulnId = "V-1", RuleId = "SV-1r1_rule", StigId = "X-1", CheckContent = check }],
    };

    static string Bind(string check, string text) =>
        $$"""{ "vulnId": "V-1", "stigId": "X-1", "check": "{{check}}", "text": "{{CheckText.Fingerprint(text)}}" }""";

    [Fact]
    public void A_rule_without_a_binding_is_manual_and_says_so()
    {
        var c = Coverage.Of(OneRule("anything").Rules[0], Catalog("""{ "id": "a", "command": "Get-X", "assert": [ { "property": "P", "kind": "Boolean", "op": "equals", "expected": true } ] }""", ""));
        Assert.Equal(CoverageClass.Manual, c.Class);
        Assert.Contains("no catalog entry", c.Reason);
    }

    [Fact]
    public void A_changed_check_text_is_manual_naming_both_fingerprints()
    {
        var c = Coverage.Of(OneRule("new text").Rules[0],
            Catalog("""{ "id": "a", "command": "Get-X", "assert": [ { "property": "P", "kind": "Boolean", "op": "equals", "expected": true } ] }""", Bind("a", "old text")));
        Assert.Equal(CoverageClass.Manual, c.Class);
        Assert.Contains(CheckText.Fingerprint("new text"), c.Reason);
        Assert.Contains(CheckText.Fingerprint("old text"), c.Reason);
    }

    [Fact]
    public void Classes_follow_what_the_check_needs()
    {
        const string checks = """
            { "id": "auto", "command": "Get-X", "assert": [ { "property": "P", "kind": "Boolean", "op": "equals", "expected": true } ] },
            { "id": "stigOrPolicy", "command": "Get-X", "assert": [ { "property": "P", "kind": "Count", "op": "equals", "expected": 5, "edsp": "maxHopCount" } ] },
            { "id": "policy", "command": "Get-X", "assert": [ { "property": "P", "kind": "Text", "op": "equalsIgnoreCase", "org": "internalSmtpDomain" } ] },
            { "id": "evidence", "command": "Get-X", "manual": "look", "evidence": [ "P" ] },
            { "id": "person", "manual": "ask the ISSO for the baseline copy" },
            { "id": "both", "all": [ "auto", "policy" ] },
            { "id": "both-manual", "all": [ "auto", "evidence" ] }
            """;
        CoverageClass Class(string id) => Coverage.Of(OneRule("t").Rules[0], Catalog(checks, Bind(id, "t"))).Class;
        Assert.Equal(CoverageClass.Decided, Class("auto"));
        Assert.Equal(CoverageClass.Decided, Class("stigOrPolicy"));
        Assert.Equal(CoverageClass.DecidedWithPolicy, Class("policy"));
        Assert.Equal(CoverageClass.Assisted, Class("evidence"));
        Assert.Equal(CoverageClass.Manual, Class("person"));
        Assert.Equal(CoverageClass.DecidedWithPolicy, Class("both"));
        Assert.Equal(CoverageClass.Assisted, Class("both-manual"));
        var withPolicy = Coverage.Of(OneRule("t").Rules[0], Catalog(checks, Bind("policy", "t")));
        Assert.Equal(["internalSmtpDomain"], withPolicy.Needs);
        Assert.Contains("internalSmtpDomain", withPolicy.Reason);
    }

    [Fact]
    public void A_composite_naming_an_unknown_check_is_a_catalog_error() =>
        Assert.Contains("unknown check 'nope'", Assert.Throws<CklGenException>(() => Catalog("""{ "id": "c", "all": [ "nope" ] }""", "")).Message);

    [Fact]
    public void A_check_without_command_must_be_manual() =>
        Assert.Contains("names no command", Assert.Throws<CklGenException>(() =>
            Catalog("""{ "id": "c", "assert": [ { "property": "P", "kind": "Boolean", "op": "equals", "expected": true } ] }""", "")).Message);

    [Fact]
    public void Json_gives_counts_and_lists_for_every_shared_benchmark()
    {
        var (code, output, _) = Run("coverage", "--benchmarks", TestPaths.SharedBenchmarks, "--json");
        Assert.Equal(ExitCodes.Success, code);
        var all = JArray.Parse(output);
        Assert.Equal(SharedBenchmarks.Files.Count, all.Count);
        foreach (var b in all)
        {
            var rules = (int)b["rules"]!;
            Assert.Equal(rules, (int)b["decided"]! + (int)b["decidedWithPolicy"]! + (int)b["assisted"]! + (int)b["manual"]!);
            Assert.Equal((int)b["decided"]!, ((JArray)b["decidedRules"]!).Count);
            Assert.Equal((int)b["manual"]!, ((JArray)b["manualRules"]!).Count);
            foreach (var r in ((JArray)b["manualRules"]!).Concat((JArray)b["assistedRules"]!).Concat((JArray)b["decidedWithPolicyRules"]!))
                Assert.False(string.IsNullOrWhiteSpace((string?)r["reason"]), $"{b["benchmarkId"]} {r["vulnId"]} has no reason");
            Assert.Matches(@"^V\d+R\d+$", (string)b["release"]!);
            Assert.False(string.IsNullOrEmpty((string?)b["benchmarkId"]));
        }
    }

    [Fact]
    public void Text_is_a_table_then_the_rules_of_each_benchmark()
    {
        var file = TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml");
        var (code, output, _) = Run("coverage", "--benchmark", file);
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("Benchmark", output);
        Assert.Contains("MS_Exchange_2019_Mailbox_Server_STIG", output);
        Assert.Contains("V-259708", output);
    }

    [Fact]
    public void No_benchmark_is_a_usage_error() => Assert.Equal(ExitCodes.Usage, Run("coverage").Code);

    const string Begin = "<!-- coverage: cklgen coverage --benchmarks ../shared/benchmarks-xccdf --markdown -->";
    const string End = "<!-- /coverage -->";

    [Fact]
    public void The_readme_shows_the_coverage_commands_own_table()
    {
        var (code, md, err) = Run("coverage", "--benchmarks", TestPaths.SharedBenchmarks, "--markdown");
        Assert.True(code == 0, err);
        var readmePath = Path.Combine(TestPaths.RepoRoot, "README.md");
        var readme = File.ReadAllText(readmePath).Replace("\r\n", "\n");
        var a = readme.IndexOf(Begin, StringComparison.Ordinal);
        var b = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, $"README.md lacks the coverage table between {Begin} and {End}");
        var shown = readme[(a + Begin.Length)..b].Trim('\n');
        if (Environment.GetEnvironmentVariable("CKLGEN_APPROVE") == "1" && shown != md.TrimEnd('\n'))
        {
            File.WriteAllText(readmePath, readme[..(a + Begin.Length)] + "\n" + md + readme[b..]);
            return;
        }
        Assert.True(shown == md.TrimEnd('\n'), "README's coverage table is not the command's output: run CKLGEN_APPROVE=1 dotnet test --filter The_readme_shows_the_coverage");
    }

    [Fact]
    public void Markdown_and_json_together_are_a_usage_error()
    {
        var (code, _, err) = Run("coverage", "--benchmarks", TestPaths.SharedBenchmarks, "--markdown", "--json");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--json and --markdown", err);
    }
}
