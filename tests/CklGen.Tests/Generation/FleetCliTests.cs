using CklGen.Checklists;
using CklGen.Tests.CarryForward;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Generation;

/// <summary>cklgen generate --benchmarks DIR --facts DIR: a fleet in one command, a bad host failing alone.</summary>
public class FleetCliTests
{
    static string Examples => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts");

    /// <summary>A facts folder holding the example snapshots, plus any extra files given (name, text).</summary>
    static string FactsFolder(params (string Name, string Text)[] extra)
    {
        var dir = TestPaths.NewTempDir();
        foreach (var f in Directory.GetFiles(Examples, "*.json")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        foreach (var (name, text) in extra) File.WriteAllText(Path.Combine(dir, name), text);
        return dir;
    }

    static string Snapshot(string example, Action<JObject> change)
    {
        var o = JObject.Parse(File.ReadAllText(Path.Combine(Examples, example)));
        change(o);
        return o.ToString();
    }

    static string[] Fleet(string facts, string outDir, params string[] more) =>
        ["generate", "--benchmarks", TestPaths.SharedBenchmarks, "--facts", facts, "--out", outDir, "--uuid-seed", "5", "--time", "2026-11-22T10:00:00Z", .. more];

    [Fact]
    public void Each_host_gets_the_newest_benchmark_for_its_version_and_role_and_a_bad_snapshot_fails_alone()
    {
        var facts = FactsFolder(("broken.json", "{\"cklgenFacts\": 1"));
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(Fleet(facts, outDir, "--format", "both", "--json")).Expect(5);

        var written = run.Json["hosts"]!.Where(h => (string?)h["result"] == "written")
            .ToDictionary(h => (string)h["host"]!, h => (string)h["checklists"]![0]!["benchmarkId"]! + " " + (string)h["checklists"]![0]!["benchmarkVersion"]!);
        Assert.Equal("MS_Exchange_2019_Mailbox_Server_STIG V1R1", written["EXMBX01"]);
        Assert.Equal("MS_Exchange_2019_Edge_Server_STIG V2R2", written["EXEDGE01"]);
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG V2R6", written["EXMBX16"]);
        Assert.Equal("MS_Exchange_2016_Edge_Transport_Server_STIG V2R6", written["EXEDGE16"]);
        Assert.Equal(5, (int)run.Json["counts"]!["written"]!);
        Assert.Equal(1, (int)run.Json["counts"]!["failed"]!);
        var bad = run.Json["hosts"]!.Single(h => (string?)h["result"] == "failed");
        Assert.Contains("broken.json", (string?)bad["error"]);
        Assert.Contains("broken.json", run.Err);
        Assert.Equal(10, Directory.GetFiles(outDir).Length);
        Assert.DoesNotContain(Directory.GetFiles(outDir), f => Path.GetFileName(f).StartsWith('.'));
        // The same checklist as a single-host run with the same benchmark and facts.
        var single = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml", single, "--facts", Path.Combine(Examples, "exch2019-mailbox-EXMBX01.json"))).Expect(0);
        var a = ChecklistFile.Read(Directory.GetFiles(single).Single());
        var b = ChecklistFile.Read(Path.Combine(outDir, "EXMBX01_MS_Exchange_2019_Mailbox_Server_STIG_V1R1.ckl"));
        Assert.Equal(a.AllRules().Select(r => (r.Rule.VulnId, r.Rule.Status, r.Rule.FindingDetails)), b.AllRules().Select(r => (r.Rule.VulnId, r.Rule.Status, r.Rule.FindingDetails)));
    }

    [Fact]
    public void Release_pins_the_benchmark_and_a_host_without_one_fails_with_the_reason()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(Path.Combine(Examples, "exch2016-mailbox-EXMBX16.json"), Path.Combine(dir, "a.json"));
        File.WriteAllText(Path.Combine(dir, "b.json"), Snapshot("exch2016-mailbox-EXMBX16.json", o => { o["host"]!["name"] = "NOVER"; ((JObject)o["exchange"]!).Remove("version"); }));
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(Fleet(dir, outDir, "--release", "V2R4", "--json")).Expect(5);

        Assert.True(File.Exists(Path.Combine(outDir, "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R4.ckl")));
        var failed = run.Json["hosts"]!.Single(h => (string?)h["result"] == "failed");
        Assert.Equal("NOVER", (string?)failed["host"] ?? "NOVER");
        Assert.Contains("exchange.version is not given", (string?)failed["error"]);
        Assert.Contains("b.json", (string?)failed["error"]);
    }

    [Fact]
    public void Last_quarters_answers_are_found_by_host_and_STIG_in_the_previous_folder()
    {
        var facts = FactsFolder();
        var q1 = TestPaths.NewTempDir();
        CliRun.Of(Fleet(facts, q1, "--format", "both")).Expect(0);
        // The person answered V-228409 in the CKLB (STIG Viewer 3), which is now newer than the CKL beside it.
        var cklb = Path.Combine(q1, "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.cklb");
        var c = ChecklistFile.Read(cklb);
        // A rule CklGen left Not_Reviewed, answered by the person (their tool drops CklGen's annotation and comment).
        var rule = c.AllRules().First(r => r.Rule.Status == ChecklistStatus.NotReviewed).Rule;
        rule.ResultEngine = null;
        rule.FindingDetails = "";
        rule.Status = ChecklistStatus.NotApplicable;
        rule.Comments = "Not used at this site.";
        ChecklistFile.Write(c, cklb, ChecklistFormat.Cklb, overwrite: true);
        File.SetLastWriteTimeUtc(cklb, DateTime.UtcNow.AddMinutes(1));
        var q2 = TestPaths.NewTempDir();

        var run = CliRun.Of(Fleet(facts, q2, "--previous", q1, "--json")).Expect(0);

        var after = ChecklistFile.Read(Path.Combine(q2, "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl"));
        var carried = after.AllRules().Single(r => r.Rule.VulnId == rule.VulnId).Rule;
        Assert.Equal(ChecklistStatus.NotApplicable, carried.Status);
        Assert.Contains("Not used at this site.", carried.Comments);
        var host = run.Json["hosts"]!.Single(h => (string?)h["host"] == "EXMBX16");
        Assert.Equal(Path.GetFullPath(cklb), (string?)host["previous"]![0]);
        Assert.Contains(host["warnings"]!, w => ((string)w!).Contains("changed last"));
    }

    [Fact]
    public void An_inventory_names_hosts_benchmarks_and_previous_checklists()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(Path.Combine(Examples, "exch2016-mailbox-EXMBX16.json"), Path.Combine(dir, "mbx16.json"));
        File.Copy(TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"), Path.Combine(dir, "bench.xml"));
        File.WriteAllText(Path.Combine(dir, "fleet.csv"), "host,facts,benchmark\nMAILBOX-A,mbx16.json,bench.xml\n\"MAILBOX-B\",mbx16.json,\n");
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(["generate", "--inventory", Path.Combine(dir, "fleet.csv"), "--benchmarks", TestPaths.SharedBenchmarks, "--out", outDir, "--json"]).Expect(0);

        Assert.True(File.Exists(Path.Combine(outDir, "MAILBOX-A_MS_Exchange_2016_Mailbox_Server_STIG_V2R3.ckl")));
        Assert.True(File.Exists(Path.Combine(outDir, "MAILBOX-B_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl")));
        Assert.Contains("line 2", (string?)run.Json["hosts"]![0]!["source"]);
    }

    [Fact]
    public void Two_snapshots_of_one_host_both_fail_and_the_others_are_written()
    {
        var facts = FactsFolder(("copy.json", File.ReadAllText(Path.Combine(Examples, "exch2019-mailbox-EXMBX01.json"))));
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(Fleet(facts, outDir, "--json")).Expect(5);

        Assert.Equal(2, (int)run.Json["counts"]!["failed"]!);
        Assert.All(run.Json["hosts"]!.Where(h => (string?)h["result"] == "failed"), h => Assert.Contains("both snapshots name host EXMBX01", (string?)h["error"]));
        Assert.DoesNotContain(Directory.GetFiles(outDir), f => f.Contains("EXMBX01"));
        Assert.Equal(4, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public void A_second_run_without_force_refuses_every_host_and_writes_nothing()
    {
        var facts = FactsFolder();
        var outDir = TestPaths.NewTempDir();
        CliRun.Of(Fleet(facts, outDir)).Expect(0);
        var before = Directory.GetFiles(outDir).ToDictionary(f => f, File.ReadAllText);

        CliRun.Of(Fleet(facts, outDir, "--format", "ckl")).Expect(4);

        Assert.Equal(before, Directory.GetFiles(outDir).ToDictionary(f => f, File.ReadAllText));
        CliRun.Of(Fleet(facts, outDir, "--force")).Expect(0);
    }

    [Theory]
    [InlineData("--host", "X", "--host names one host")]
    [InlineData("--jobs", "0", "--jobs 0")]
    [InlineData("--release", "2", "give a release as V2R6")]
    public void Options_that_do_not_fit_a_fleet_are_usage_errors(string option, string value, string message)
    {
        var run = CliRun.Of(Fleet(FactsFolder(), TestPaths.NewTempDir(), option, value)).Expect(2);
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public void Fleet_options_without_a_fleet_are_usage_errors()
    {
        var run = CliRun.Of(CliRun.Generate("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml", TestPaths.NewTempDir(), "--host", "A", "--jobs", "2")).Expect(2);
        Assert.Contains("--jobs is for a fleet", run.Err);
        Assert.Contains("no benchmark", CliRun.Of("generate", "--out", TestPaths.NewTempDir(), "--host", "A").Expect(2).Err);
    }
}
