using CklGen.Checklists;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>cklgen generate --previous, end to end: files, stderr report, --json, exit codes.</summary>
public class GenerateCarryCliTests
{
    const string Mb16Base = "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG";

    /// <summary>Last quarter's checklist as a person left it, written where --previous can read it.</summary>
    static string Previous(string benchmark, Action<Checklist> answer, string format = "ckl", string host = "EXMBX16")
    {
        var dir = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(benchmark, dir, "--host", host, "--format", format)).Expect(0);
        var path = Directory.GetFiles(dir).Single();
        var c = ChecklistFile.Read(path);
        answer(c);
        ChecklistFile.Write(c, path, ChecklistFile.FormatFromExtension(path), overwrite: true);
        return path;
    }

    [Fact]
    public void Quarter_to_quarter_from_V2R3_to_V2R4_carries_answers_and_resets_the_revised_V_228391()
    {
        var prev = Previous(Mb16R3, c =>
        {
            Answer(c, "V-228391", ChecklistStatus.NotAFinding, "No anonymous relay.", "Checked all receive connectors.");
            Answer(c, "V-228409", ChecklistStatus.Open, "POA&M 42");
        });
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Mb16R4, outDir, "--previous", prev, "--json")).Expect(0);

        var ckl = ChecklistFile.Read(Path.Combine(outDir, Mb16Base + "_V2R4.ckl"));
        Assert.Equal("EXMBX16", ckl.Asset.HostName); // from the previous checklist: no --host, no facts
        var revised = Rule(ckl, "V-228391");
        Assert.Equal(ChecklistStatus.NotReviewed, revised.Status);
        Assert.Contains("the previous status was NotAFinding", revised.Comments);
        Assert.Equal("Checked all receive connectors.", revised.FindingDetails);
        Assert.Equal(ChecklistStatus.Open, Rule(ckl, "V-228409").Status);

        var cf = run.Json["checklists"]![0]!["carryForward"]!;
        Assert.Equal((1, 1, 0), ((int)cf["counts"]!["carried"]!, (int)cf["counts"]!["resetRevised"]!, (int)cf["counts"]!["orphaned"]!));
        Assert.Equal("V-228391", (string?)cf["resetRevised"]![0]!["vulnId"]);
        Assert.Equal(Path.GetFullPath(prev), (string?)run.Json["carryForward"]!["previous"]);
        Assert.Equal(1, (int)run.Json["carryForward"]!["counts"]!["resetRevised"]!);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, run.Json["answers"]!.Type);
        Assert.Equal(64, (int)run.Json["checklists"]![0]!["ruleCount"]!); // existing fields stay
        Assert.Contains("carry-forward from", run.Err);
        Assert.Contains("reset V-228391: was NotAFinding", run.Err);
    }

    [Fact]
    public void With_facts_the_automated_result_wins_and_the_person_comment_is_kept()
    {
        var prev = Previous(Mb16R4, c => Answer(c, "V-228391", ChecklistStatus.NotAFinding, "Looked fine in May."));
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--facts", CliRun.Facts16, "--previous", prev, "--json")).Expect(0);

        var r = Rule(ChecklistFile.Read(Path.Combine(outDir, Mb16Base + "_V2R6.ckl")), "V-228391");
        Assert.Equal(ChecklistStatus.Open, r.Status); // the example facts have an anonymous receive connector
        Assert.EndsWith("Previous comments:\nLooked fine in May.", r.Comments);
        Assert.Equal(1, (int)run.Json["checklists"]![0]!["carryForward"]!["counts"]!["keptAutomated"]!);
    }

    [Fact]
    public void Orphaned_answers_go_to_a_side_file_and_are_never_overwritten_without_force()
    {
        var prev = Previous(Edge10R14, c => Answer(c, "V-33598", ChecklistStatus.Open, "POA&M 77", "found 20"), host: "EXEDGE10");
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Edge10R15, outDir, "--previous", prev, "--json")).Expect(0);

        var side = Path.Combine(outDir, "EXEDGE10_Exchange_2010_Edge_Transport_Server_STIG_V1R15.orphaned-answers.json");
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(side));
        Assert.Equal(("V-33598", "Open", "POA&M 77", "found 20"),
            ((string?)json["answers"]![0]!["vulnId"], (string?)json["answers"]![0]!["status"], (string?)json["answers"]![0]!["comments"], (string?)json["answers"]![0]!["findingDetails"]));
        Assert.Equal(Path.GetFullPath(side), (string?)run.Json["checklists"]![0]!["carryForward"]!["orphanedFile"]);
        Assert.Contains("orphaned V-33598", run.Err);

        // Same run again: the side file exists, so nothing is written without --force.
        File.Delete(Path.Combine(outDir, "EXEDGE10_Exchange_2010_Edge_Transport_Server_STIG_V1R15.ckl"));
        var again = CliRun.Of(CliRun.Generate(Edge10R15, outDir, "--previous", prev)).Expect(4);
        Assert.Contains("orphaned-answers.json", again.Err);
        Assert.False(File.Exists(Path.Combine(outDir, "EXEDGE10_Exchange_2010_Edge_Transport_Server_STIG_V1R15.ckl")));
        CliRun.Of(CliRun.Generate(Edge10R15, outDir, "--previous", prev, "--force")).Expect(0);
    }

    [Fact]
    public void A_CKLB_previous_is_read_like_a_CKL()
    {
        var prev = Previous(Mb16R4, c => Answer(c, "V-228409", ChecklistStatus.NotApplicable, "No send connectors."), format: "cklb");
        var outDir = TestPaths.NewTempDir();

        CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--previous", prev, "--format", "cklb")).Expect(0);

        var c = ChecklistFile.Read(Path.Combine(outDir, Mb16Base + "_V2R6.cklb"));
        Assert.Equal(ChecklistStatus.NotApplicable, Rule(c, "V-228409").Status);
    }

    [Fact]
    public void A_previous_checklist_of_another_STIG_is_refused_with_exit_3_and_nothing_written()
    {
        var prev = Previous(Edge19R2, c => Answer(c, "V-259580", ChecklistStatus.Open, "edge"), host: "EXEDGE01");
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--previous", prev)).Expect(3);

        Assert.Contains("has no STIG matching MS_Exchange_2016_Mailbox_Server_STIG", run.Err);
        Assert.Contains("MS_Exchange_2019_Edge_Server_STIG", run.Err);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void With_several_benchmarks_each_is_reported_and_one_without_previous_is_not_refused()
    {
        var prev = Previous(Mb16R4, c => Answer(c, "V-228409", ChecklistStatus.Open, "POA&M 42"));
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(["generate", "--benchmark", TestPaths.Benchmark(Mb16R6), "--benchmark", TestPaths.Benchmark(Edge19R2),
            "--out", outDir, "--previous", prev, "--json"]).Expect(0);

        var lists = run.Json["checklists"]!;
        Assert.Equal(1, (int)lists[0]!["carryForward"]!["counts"]!["carried"]!);
        Assert.Equal("MS_Exchange_2019_Edge_Server_STIG", (string?)lists[1]!["carryForward"]!["benchmarksWithoutPrevious"]![0]);
        Assert.Contains("has no STIG for this benchmark", run.Err);
    }

    [Fact]
    public void Previous_given_twice_is_a_usage_error_not_the_last_one_silently()
    {
        var outDir = TestPaths.NewTempDir();
        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--previous", "a.ckl", "--previous", "b.ckl")).Expect(2);
        Assert.Contains("--previous is given 2 times", run.Err);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void A_missing_or_broken_previous_file_is_exit_3()
    {
        var outDir = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--previous", Path.Combine(outDir, "nope.ckl"))).Expect(3);
        var broken = Path.Combine(TestPaths.NewTempDir(), "broken.ckl");
        File.WriteAllText(broken, "<CHECKLIST><ASSET>");
        CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--previous", broken)).Expect(3);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void Without_previous_the_summary_says_null_and_help_teaches_the_options()
    {
        var run = CliRun.Of(CliRun.Generate(Mb16R6, TestPaths.NewTempDir(), "--host", "EXMBX16", "--json")).Expect(0);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, run.Json["carryForward"]!.Type);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, run.Json["checklists"]![0]!["carryForward"]!.Type);

        var help = CliRun.Of("generate", "--help").Expect(0);
        Assert.Contains("--previous", help.Out);
        Assert.Contains("orphaned-answers.json", help.Out);
        Assert.Contains("--answers", help.Out);
    }
}
