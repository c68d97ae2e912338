using CklGen.Checklists;
using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Commands;

/// <summary>What scripts rely on: exit codes, stdout/stderr split, --json fields, refusal to overwrite.</summary>
public class CommandLineTests
{
    const string Mb19 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    static string Bench(string f = Mb19) => TestPaths.Benchmark(f);
    static string Example(string f) => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", f);

    [Fact]
    public void Help_lists_every_verb_and_the_exit_codes()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(ExitCodes.Success, r.Exit);
        foreach (var verb in new[] { "generate", "evaluate", "convert", "validate" }) Assert.Contains(verb, r.Out);
        Assert.Contains("Exit codes", r.Out);
    }

    [Fact]
    public void Verb_help_teaches_with_examples()
    {
        var r = CliRunner.Run("generate", "--help");
        Assert.Equal(ExitCodes.Success, r.Exit);
        Assert.Contains("--facts", r.Out);
        Assert.Contains("cklgen generate", r.Out);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("generate", "--out", "x")]
    [InlineData("convert", "a.ckl", "--to", "pdf", "--out", "b")]
    public void Bad_usage_exits_2_on_stderr(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Equal("", r.Out);
        Assert.NotEqual("", r.Err);
    }

    [Fact]
    public void Generate_json_summary_and_refusal_to_overwrite()
    {
        var dir = TestPaths.NewTempDir();
        var r = CliRunner.Run("generate", "--benchmark", Bench(), "--facts", Example("exch2019-mailbox-EXMBX01.json"), "--out", dir, "--format", "both", "--json");
        Assert.True(r.Exit == 0, r.Err);
        var summary = JObject.Parse(r.Out);
        var c = (JObject)summary["checklists"]![0]!;
        Assert.Equal("MS_Exchange_2019_Mailbox_Server_STIG", (string?)c["benchmarkId"]);
        Assert.Equal("EXMBX01", (string?)c["host"]);
        Assert.Equal(68, (int)c["ruleCount"]!);
        // Counted from the checklist written: every rule CklGen decided or informed says so in its comments.
        var written = ChecklistFile.Read(((JArray)c["paths"]!).Select(p => (string)p!).Single(p => p.EndsWith(".ckl")));
        Assert.Equal(written.AllRules().Count(x => (x.Rule.Comments ?? "").Contains("Automated by")), (int)c["automatedCount"]!);
        Assert.True((int)c["automatedCount"]! > 11);
        var counts = (JObject)c["statusCounts"]!;
        Assert.Equal(68, counts.Properties().Sum(p => (int)p.Value));
        Assert.Equal(2, ((JArray)c["paths"]!).Count);

        var ckl = (string)c["paths"]![0]!;
        var before = File.ReadAllBytes(ckl);
        var again = CliRunner.Run("generate", "--benchmark", Bench(), "--out", dir, "--host", "EXMBX01", "--format", "both");
        Assert.Equal(ExitCodes.RefusedOverwrite, again.Exit);
        Assert.Contains("--force", again.Err);
        Assert.Equal(before, File.ReadAllBytes(ckl));
        Assert.Empty(Directory.GetFiles(dir, ".*.tmp"));

        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", Bench(), "--out", dir, "--host", "EXMBX01", "--format", "both", "--force").Exit);
        Assert.NotEqual(before, File.ReadAllBytes(ckl));
    }

    [Fact]
    public void Generated_checklist_carries_host_results_and_result_engine()
    {
        var dir = TestPaths.NewTempDir();
        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", Bench(), "--facts", Example("exch2019-mailbox-EXMBX01.json"), "--out", dir).Exit);
        var checklist = ChecklistFile.Read(Directory.GetFiles(dir, "*.ckl").Single());
        Assert.Equal("exmbx01.corp.example.mil", checklist.Asset.HostFqdn);
        Assert.Equal("10.10.1.21", checklist.Asset.HostIp);
        Assert.Equal("00-15-5D-0A-01-15", checklist.Asset.HostMac);
        var rule = checklist.Stigs[0].Rules.Single(r => r.VulnId == "V-259687");
        Assert.Equal(ChecklistStatus.Open, rule.Status);
        Assert.Contains("Default Frontend EXMBX01", rule.FindingDetails);
        Assert.Equal("CklGen", rule.ResultEngine?.ModuleName);
        // Rules CklGen has no automation for (none left in the shared benchmarks) stay Not_Reviewed without a result engine.
        Assert.All(checklist.Stigs[0].Rules.Where(r => r.ResultEngine is null), r => Assert.Equal(ChecklistStatus.NotReviewed, r.Status));
    }

    [Fact]
    public void Bad_input_exits_3_and_names_the_file_with_nothing_written()
    {
        var dir = TestPaths.NewTempDir();
        var bad = Path.Combine(dir, "facts.json");
        File.WriteAllText(bad, "{ not json");
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("generate", "--benchmark", Bench(), "--facts", bad, "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, r.Exit);
        Assert.Contains("facts.json", r.Err);
        Assert.False(Directory.Exists(outDir));

        var missing = CliRunner.Run("generate", "--benchmark", "no-such-benchmark.xml", "--out", outDir);
        Assert.Equal(ExitCodes.BadInput, missing.Exit);
        Assert.Contains("no-such-benchmark.xml", missing.Err);
    }

    [Fact]
    public void Evaluate_json_has_the_contract_fields_and_accepts_legacy_ids()
    {
        var r = CliRunner.Run("evaluate", "--benchmark", TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"),
            "--facts", Example("exch2016-mailbox-EXMBX16.json"), "--rule", "SV-95461", "--json");
        Assert.True(r.Exit == 0, r.Err);
        var arr = JArray.Parse(r.Out);
        var o = (JObject)Assert.Single(arr);
        foreach (var field in new[] { "vulnId", "ruleId", "stigId", "status", "findingDetails", "comments" }) Assert.NotNull(o[field]);
        Assert.Equal("V-228409", (string?)o["vulnId"]);
        Assert.Equal("NotAFinding", (string?)o["status"]);
    }

    [Fact]
    public void Evaluate_table_for_people()
    {
        var r = CliRunner.Run("evaluate", "--benchmark", TestPaths.Benchmark("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"),
            "--facts", Example("exch2019-edge-EXEDGE01.json"));
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("V-259594", r.Out);
        Assert.Contains("rules automated", r.Out);
    }

    [Fact]
    public void Convert_round_trip_and_validate()
    {
        var dir = TestPaths.NewTempDir();
        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", Bench(), "--facts", Example("exch2019-mailbox-EXMBX01.json"), "--out", dir).Exit);
        var ckl = Directory.GetFiles(dir, "*.ckl").Single();
        var cklb = Path.Combine(dir, "converted.cklb");
        var back = Path.Combine(dir, "back.ckl");
        Assert.Equal(0, CliRunner.Run("convert", ckl, "--to", "cklb", "--out", cklb).Exit);
        Assert.Equal(0, CliRunner.Run("convert", cklb, "--to", "ckl", "--out", back, "--json").Exit);
        var a = ChecklistFile.Read(ckl).AllRules().Select(x => (x.Rule.VulnId, x.Rule.Status, x.Rule.FindingDetails, x.Rule.Comments)).ToList();
        var b = ChecklistFile.Read(back).AllRules().Select(x => (x.Rule.VulnId, x.Rule.Status, x.Rule.FindingDetails, x.Rule.Comments)).ToList();
        Assert.Equal(a, b);

        var schema = Path.Combine(TestPaths.SharedSchemas, "U_Checklist_Schema_V2.xsd");
        var v = CliRunner.Run("validate", ckl, cklb, back, "--schema", schema, "--json");
        Assert.True(v.Exit == 0, v.Out + v.Err);
        Assert.True((bool)JObject.Parse(v.Out)["valid"]!);

        Assert.Equal(ExitCodes.RefusedOverwrite, CliRunner.Run("convert", ckl, "--to", "cklb", "--out", cklb).Exit);
    }

    [Fact]
    public void Validate_reports_problems_with_exit_1()
    {
        var file = Path.Combine(TestPaths.SharedChecklists, "ckl", "No-RuleId-Value.ckl");
        var r = CliRunner.Run("validate", file);
        Assert.Equal(ExitCodes.CheckFailed, r.Exit);
        Assert.Contains("INVALID", r.Out);
    }
}

public class GenerateSeveralBenchmarksTests
{
    [Fact]
    public void Repeated_benchmark_option_writes_one_checklist_each_with_progress_on_stderr()
    {
        var dir = TestPaths.NewTempDir();
        var r = CliRunner.Run("generate",
            "--benchmark", TestPaths.Benchmark("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml"),
            "--benchmark", TestPaths.Benchmark("U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"),
            "--host", "EX01", "--out", dir, "--json");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal(2, ((JArray)JObject.Parse(r.Out)["checklists"]!).Count);
        Assert.Contains("[2/2]", r.Err);
        Assert.Equal(2, Directory.GetFiles(dir, "*.ckl").Length);
    }
}

public class GenerateHostTests
{
    [Fact]
    public void A_checklist_that_would_name_no_host_is_refused_as_usage()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "out");
        var r = CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml"), "--out", dir);
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("--host", r.Err);
        Assert.False(Directory.Exists(dir));
    }
}

public class GenerateXccdfResultsTests
{
    [Fact]
    public void Format_all_writes_ckl_cklb_and_xccdf_results_with_their_counts()
    {
        var dir = TestPaths.NewTempDir();
        var r = CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml"),
            "--facts", Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json"),
            "--out", dir, "--format", "all", "--json", "--time", "2026-11-01T12:00:00Z");
        Assert.True(r.Exit == 0, r.Err);
        var c = JObject.Parse(r.Out)["checklists"]![0]!;
        var paths = c["paths"]!.Select(p => (string)p!).ToList();
        Assert.Equal(3, paths.Count);
        var xml = Assert.Single(paths, p => p.EndsWith(".xccdf.xml"));
        var text = File.ReadAllText(xml);
        Assert.Contains("cpe:/a:cklgen:cklgen:", text);
        var counts = (JObject)c["xccdfResults"]!;
        var ckl = System.Xml.Linq.XDocument.Load(Assert.Single(paths, p => p.EndsWith(".ckl")));
        var decided = ckl.Descendants("STATUS").Count(s => s.Value is "Open" or "NotAFinding" or "Not_Applicable");
        Assert.True(decided > 0);
        Assert.Equal(decided, (int)counts["fail"]! + (int)counts["pass"]! + (int)counts["notapplicable"]!);
    }
}

public class EvaluateOptionTests
{
    static string Bench => TestPaths.Benchmark("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
    static string Facts => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-edge-EXEDGE01.json");

    [Fact]
    public void Unknown_rule_id_is_bad_input_naming_it()
    {
        var r = CliRunner.Run("evaluate", "--benchmark", Bench, "--facts", Facts, "--rule", "V-999999");
        Assert.Equal(ExitCodes.BadInput, r.Exit);
        Assert.Contains("V-999999", r.Err);
    }

    [Fact]
    public void All_lists_manual_rules_too()
    {
        // Every shared rule has a catalog entry now: a rule CklGen does not know (its V-id renamed) stands for one without.
        var bench = Path.Combine(TestPaths.NewTempDir(), "renamed-xccdf.xml");
        File.WriteAllText(bench, File.ReadAllText(Bench).Replace("\"V-259578\"", "\"V-999999\""));
        var automated = CliRunner.Run("evaluate", "--benchmark", bench, "--facts", Facts);
        var all = CliRunner.Run("evaluate", "--benchmark", bench, "--facts", Facts, "--all");
        Assert.Equal(0, all.Exit);
        Assert.DoesNotContain("(manual review)", automated.Out);
        Assert.Contains("(manual review)", all.Out);
        Assert.True(all.Out.Split('\n').Length > automated.Out.Split('\n').Length);
        foreach (var rule in CklGen.Benchmarks.XccdfReader.Read(bench).Rules) Assert.Contains(rule.VulnId, all.Out);
    }
}

public class GenerateTimeAndFolderTests
{
    [Fact]
    public void Malformed_time_is_bad_usage()
    {
        var r = CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml"),
            "--host", "H", "--out", TestPaths.NewTempDir(), "--time", "last tuesday");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("--time", r.Err);
    }

    [Fact]
    public void Bare_benchmark_name_is_found_in_the_benchmarks_xccdf_folder_of_the_working_directory()
    {
        const string name = "U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml";
        var dir = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(dir, "benchmarks-xccdf"));
        File.Copy(TestPaths.Benchmark(name), Path.Combine(dir, "benchmarks-xccdf", name));
        var cli = Path.Combine(AppContext.BaseDirectory, "cklgen.dll");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "generate", "--benchmark", name, "--host", "EXHUB10", "--out", "out" }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "out"), "EXHUB10_*.ckl"));
    }
}
