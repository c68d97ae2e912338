using CklGen.Checklists;
using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Commands;

/// <summary>
/// Facts must be for the benchmark's product and role (issue 7): generate, evaluate and a fleet refuse a mismatch with
/// exit 3 naming both and write nothing; --allow-mismatch evaluates and every automated rule says so. Facts that do not
/// state their version or role are evaluated with a note in every automated rule and one warning on stderr.
/// </summary>
public class ApplicabilityCliTests
{
    const string Mb19 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    const string Edge19 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";
    const string Mb16R5 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R5_Manual-xccdf.xml";
    const string Mb16R6 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    static string Bench(string f) => TestPaths.Benchmark(f);
    static string Example(string f) => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", f);

    /// <summary>A shipped example with its exchange header rewritten (null removes the key; no header at all when both are null).</summary>
    static string Facts(string example, string fileName, string? version, string? role)
    {
        var o = JObject.Parse(File.ReadAllText(Example(example)));
        var exchange = (JObject)o["exchange"]!;
        if (version is null) exchange.Remove("version"); else exchange["version"] = version;
        if (role is null) exchange.Remove("serverRole"); else exchange["serverRole"] = role;
        if (!exchange.HasValues) o.Remove("exchange");
        var path = Path.Combine(TestPaths.NewTempDir(), fileName);
        File.WriteAllText(path, o.ToString());
        return path;
    }

    static string NewOut() => Path.Combine(TestPaths.NewTempDir(), "out");

    static void NothingWritten(string outDir) =>
        Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0,
            $"{outDir} holds {string.Join(", ", Directory.Exists(outDir) ? Directory.GetFileSystemEntries(outDir) : [])}");

    public static TheoryData<string, string, string, string[]> Mismatches => new()
    {
        // file of facts, its header, the benchmark, what the message must name
        { "edge16", Mb19, "exch2016-edge-EXEDGE16.json", ["exch2016-edge-EXEDGE16.json", "Version 15.1 (Build 2507.6)", "Edge", "MS_Exchange_2019_Mailbox_Server_STIG", "V1R1"] },
        { "hub10", Mb19, "EXHUB10.json", ["EXHUB10.json", "Version 14.3 (Build 123.4)", "HubTransport", "MS_Exchange_2019_Mailbox_Server_STIG", "V1R1"] },
        { "mailbox19", Edge19, "exch2019-mailbox-EXMBX01.json", ["exch2019-mailbox-EXMBX01.json", "Version 15.2 (Build 1544.4)", "Mailbox", "MS_Exchange_2019_Edge_Server_STIG", "V2R2"] },
    };

    static string MismatchFacts(string kind) => kind switch
    {
        "edge16" => Example("exch2016-edge-EXEDGE16.json"),
        "hub10" => Facts("exch2019-mailbox-EXMBX01.json", "EXHUB10.json", "Version 14.3 (Build 123.4)", "HubTransport"),
        _ => Example("exch2019-mailbox-EXMBX01.json"),
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Generate_refuses_facts_of_another_product_or_role_with_exit_3_and_writes_nothing(string kind, string benchmark, string _, string[] named)
    {
        var facts = MismatchFacts(kind);
        var outDir = NewOut();
        var r = CliRunner.Run("generate", "--benchmark", Bench(benchmark), "--facts", facts, "--out", outDir, "--format", "all", "--json");
        Assert.True(r.Exit == ExitCodes.BadInput, $"exit {r.Exit}\n{r.Err}");
        Assert.Equal("", r.Out);
        foreach (var n in named) Assert.Contains(n, r.Err);
        Assert.Contains("--allow-mismatch", r.Err);
        Assert.DoesNotContain("internal error", r.Err);
        NothingWritten(outDir);
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Evaluate_refuses_them_too_even_for_one_rule(string kind, string benchmark, string _, string[] named)
    {
        var facts = MismatchFacts(kind);
        foreach (var extra in new[] { Array.Empty<string>(), ["--json"], ["--rule", "V-259645,V-259646"] })
        {
            if (extra.Length == 2 && benchmark != Mb19) continue; // those V-ids are the 2019 Mailbox STIG's
            var r = CliRunner.Run(["evaluate", "--benchmark", Bench(benchmark), "--facts", facts, .. extra]);
            Assert.True(r.Exit == ExitCodes.BadInput, $"exit {r.Exit} with {string.Join(' ', extra)}\n{r.Out}\n{r.Err}");
            Assert.Equal("", r.Out);
            foreach (var n in named) Assert.Contains(n, r.Err);
        }
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Allow_mismatch_evaluates_and_every_automated_rule_says_so(string kind, string benchmark, string _, string[] named)
    {
        var facts = MismatchFacts(kind);
        var outDir = NewOut();
        var r = CliRunner.Run("generate", "--benchmark", Bench(benchmark), "--facts", facts, "--out", outDir, "--allow-mismatch");
        Assert.True(r.Exit == ExitCodes.Success, r.Err);
        var checklist = ChecklistFile.Read(Directory.GetFiles(outDir, "*.ckl").Single());
        var automated = checklist.AllRules().Select(x => x.Rule).Where(x => x.ResultEngine?.ModuleName == "CklGen").ToList();
        Assert.NotEmpty(automated);
        foreach (var rule in automated)
        {
            Assert.Contains("--allow-mismatch", rule.FindingDetails);
            foreach (var n in named) Assert.Contains(n, rule.FindingDetails);
        }
        var warning = r.Err.Split('\n').Where(l => l.StartsWith("warning: evaluated anyway (--allow-mismatch)", StringComparison.Ordinal)).ToList();
        Assert.Single(warning);
        foreach (var n in named) Assert.Contains(n, warning[0]);

        var e = CliRunner.Run("evaluate", "--benchmark", Bench(benchmark), "--facts", facts, "--allow-mismatch", "--json");
        Assert.True(e.Exit == ExitCodes.Success, e.Err);
        var results = JArray.Parse(e.Out).Where(x => (bool)x["automated"]!).ToList();
        Assert.Equal(automated.Count, results.Count);
        Assert.All(results, x => Assert.Contains("--allow-mismatch", (string)x["findingDetails"]!));
        Assert.Contains("warning: evaluated anyway (--allow-mismatch)", e.Err);
    }

    [Fact]
    public void Facts_for_the_benchmark_give_no_applicability_warning()
    {
        var r = CliRunner.Run("generate", "--benchmark", Bench(Mb19), "--facts", Example("exch2019-mailbox-EXMBX01.json"), "--out", NewOut());
        Assert.True(r.Exit == 0, r.Err);
        Assert.DoesNotContain("allow-mismatch", r.Err);
        Assert.DoesNotContain("could not confirm", r.Err);
    }

    [Fact]
    public void Facts_that_do_not_say_their_version_or_role_are_evaluated_with_a_note_in_every_rule_and_one_warning()
    {
        var facts = Facts("exch2016-mailbox-EXMBX16.json", "EXMBX16-unlabelled.json", null, null);
        var outDir = NewOut();
        // Two releases of the same STIG: the same message once for the host, not once per checklist or rule.
        var r = CliRunner.Run("generate", "--benchmark", Bench(Mb16R5), "--benchmark", Bench(Mb16R6), "--facts", facts, "--out", outDir);
        Assert.True(r.Exit == ExitCodes.Success, r.Err);
        var lines = r.Err.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var version = lines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("do not say the Exchange version")).ToList();
        var role = lines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("do not say the server role")).ToList();
        Assert.Single(version);
        Assert.Single(role);
        Assert.Contains("EXMBX16-unlabelled.json", version[0]);
        Assert.Contains("Exchange 2016", version[0]);

        Assert.Equal(2, Directory.GetFiles(outDir, "*.ckl").Length);
        foreach (var file in Directory.GetFiles(outDir, "*.ckl"))
        {
            var automated = ChecklistFile.Read(file).AllRules().Select(x => x.Rule).Where(x => x.ResultEngine?.ModuleName == "CklGen").ToList();
            Assert.NotEmpty(automated);
            Assert.All(automated, x => Assert.Contains("do not say the Exchange version", x.FindingDetails));
            Assert.All(automated, x => Assert.Contains("do not say the server role", x.FindingDetails));
        }

        var e = CliRunner.Run("evaluate", "--benchmark", Bench(Mb16R6), "--facts", facts);
        Assert.Equal(ExitCodes.Success, e.Exit);
        Assert.Equal(1, e.Err.Split('\n').Count(l => l.StartsWith("warning: ") && l.Contains("do not say the Exchange version")));
    }

    [Fact]
    public void A_role_the_facts_do_not_state_is_noted_even_when_the_version_is_given()
    {
        var facts = Facts("exch2019-mailbox-EXMBX01.json", "EXMBX01-norole.json", "Version 15.2 (Build 1544.4)", null);
        var r = CliRunner.Run("evaluate", "--benchmark", Bench(Mb19), "--facts", facts, "--json");
        Assert.Equal(ExitCodes.Success, r.Exit);
        Assert.Single(r.Err.Split('\n'), l => l.StartsWith("warning: ") && l.Contains("do not say the server role"));
        Assert.DoesNotContain("do not say the Exchange version", r.Err);
        Assert.All(JArray.Parse(r.Out).Where(x => (bool)x["automated"]!), x => Assert.Contains("do not say the server role", (string)x["findingDetails"]!));
    }

    [Fact]
    public void Every_evaluation_warning_is_printed_once_on_stderr()
    {
        // The shipped policy names Mailbox connectors EXMBX16 does not have: several rules report each name.
        var policy = Path.Combine(TestPaths.RepoRoot, "templates", "site-policy.json");
        var r = CliRunner.Run("generate", "--benchmark", Bench(Mb16R6), "--facts", Example("exch2016-mailbox-EXMBX16.json"), "--policy", policy, "--out", NewOut());
        Assert.True(r.Exit == 0, r.Err);
        var warnings = r.Err.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        var named = warnings.Where(w => w.Contains("which this server (EXMBX16) does not have")).ToList();
        Assert.Contains(named, w => w.Contains("\"Relay Scanners\"") || w.Contains("\"Default EX*\""));
        Assert.Equal(warnings.Count, warnings.Distinct().Count());

        var e = CliRunner.Run("evaluate", "--benchmark", Bench(Mb16R6), "--facts", Example("exch2016-mailbox-EXMBX16.json"), "--policy", policy);
        var ew = e.Err.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(named.Count, ew.Count(w => w.Contains("which this server (EXMBX16) does not have")));
        Assert.Equal(ew.Count, ew.Distinct().Count());
    }

    [Fact]
    public void An_expired_risk_acceptance_is_a_warning_on_stderr()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "templates", "site-policy.json")).Replace("\"expires\": \"2027-03-01\"", "\"expires\": \"2026-01-01\"");
        Assert.Contains("2026-01-01", text);
        var policy = Path.Combine(TestPaths.NewTempDir(), "site-policy.json");
        File.WriteAllText(policy, text);
        var r = CliRunner.Run("evaluate", "--benchmark", Bench(Mb19), "--facts", Example("exch2019-mailbox-EXMBX01.json"), "--policy", policy, "--rule", "V-259685");
        Assert.Equal(ExitCodes.Success, r.Exit);
        Assert.Single(r.Err.Split('\n'), l => l.StartsWith("warning: ") && l.Contains("expired on 2026-01-01"));
    }

    [Fact]
    public void A_fleet_host_whose_inventory_benchmark_does_not_fit_fails_alone_unless_allowed()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "fleet.csv"),
            "host,facts,benchmark\n" +
            $"EXMBX01,{Example("exch2019-mailbox-EXMBX01.json")},{Bench(Mb19)}\n" +
            $"EXEDGE16,{Example("exch2016-edge-EXEDGE16.json")},{Bench(Mb19)}\n");
        var outDir = NewOut();
        var r = CliRunner.Run("generate", "--inventory", Path.Combine(dir, "fleet.csv"), "--out", outDir, "--jobs", "1");
        Assert.True(r.Exit == ExitCodes.SomeHostsFailed, $"exit {r.Exit}\n{r.Err}");
        Assert.Contains("EXEDGE16", r.Err);
        Assert.Contains("Version 15.1 (Build 2507.6)", r.Err);
        Assert.Contains("MS_Exchange_2019_Mailbox_Server_STIG (V1R1)", r.Err);
        Assert.Equal(["EXMBX01_MS_Exchange_2019_Mailbox_Server_STIG_V1R1.ckl"], Directory.GetFiles(outDir).Select(Path.GetFileName).ToArray());

        File.WriteAllText(Path.Combine(dir, "one.csv"), "host,facts,benchmark\n" + $"EXEDGE16,{Example("exch2016-edge-EXEDGE16.json")},{Bench(Mb19)}\n");
        var only = NewOut();
        var alone = CliRunner.Run("generate", "--inventory", Path.Combine(dir, "one.csv"), "--out", only);
        Assert.True(alone.Exit == ExitCodes.BadInput, $"exit {alone.Exit}\n{alone.Err}");
        NothingWritten(only);

        var allowed = NewOut();
        var a = CliRunner.Run("generate", "--inventory", Path.Combine(dir, "fleet.csv"), "--out", allowed, "--allow-mismatch", "--json");
        Assert.True(a.Exit == ExitCodes.Success, a.Err);
        Assert.Single(a.Err.Split('\n'), l => l.StartsWith("warning: host EXEDGE16: evaluated anyway (--allow-mismatch)"));
        var edge = ChecklistFile.Read(Path.Combine(allowed, "EXEDGE16_MS_Exchange_2019_Mailbox_Server_STIG_V1R1.ckl"));
        Assert.All(edge.AllRules().Select(x => x.Rule).Where(x => x.ResultEngine?.ModuleName == "CklGen"), x => Assert.Contains("--allow-mismatch", x.FindingDetails));
        var hosts = (JArray)JObject.Parse(a.Out)["hosts"]!;
        Assert.Contains(hosts, h => (string?)h["host"] == "EXEDGE16" && ((JArray)h["warnings"]!).Any(w => ((string)w!).Contains("--allow-mismatch")));
    }
}
