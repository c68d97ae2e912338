using CklGen.Checklists;
using CklGen.Cli;
using CklGen.Generation;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>Attestations belong to one server: --previous from another host is refused (exit 3, both hosts named) unless --allow-mismatch.</summary>
public class PreviousHostCliTests
{
    const string Mb16Base = "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG";

    static string Previous(string host)
    {
        var dir = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(Mb16R4, dir, "--host", host)).Expect(0);
        var path = Directory.GetFiles(dir).Single();
        var c = ChecklistFile.Read(path);
        Answer(c, "V-228401", ChecklistStatus.Open, "POA&M 42");
        ChecklistFile.Write(c, path, ChecklistFormat.Ckl, overwrite: true);
        return path;
    }

    static string NewOut() => Path.Combine(TestPaths.NewTempDir(), "out");

    [Fact]
    public void Previous_checklist_of_another_host_is_refused_naming_both_and_nothing_is_written()
    {
        var prev = Previous("EXMBX99");
        foreach (var args in new[] { new[] { "--facts", CliRun.Facts16 }, ["--host", "EXMBX16"] })
        {
            var outDir = NewOut();
            var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, [.. args, "--previous", prev, "--json"])).Expect(ExitCodes.BadInput);
            Assert.Equal("", run.Out);
            Assert.Contains("host EXMBX99", run.Err);
            Assert.Contains("host EXMBX16", run.Err);
            Assert.Contains(Path.GetFileName(prev), run.Err);
            Assert.Contains("--allow-mismatch", run.Err);
            Assert.False(Directory.Exists(outDir) && Directory.GetFileSystemEntries(outDir).Length > 0);
        }
    }

    [Fact]
    public void Allow_mismatch_carries_it_with_a_note_in_every_carried_rule_and_on_stderr()
    {
        var prev = Previous("EXMBX99");
        var outDir = NewOut();
        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--facts", CliRun.Facts16, "--previous", prev, "--allow-mismatch")).Expect(0);
        Assert.Single(run.Err.Split('\n'), l => l.StartsWith("warning: ") && l.Contains("host EXMBX99") && l.Contains("EXMBX16") && l.Contains("--allow-mismatch"));
        var r = Rule(ChecklistFile.Read(Path.Combine(outDir, Mb16Base + "_V2R6.ckl")), "V-228401");
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("a checklist of host EXMBX99, carried into EXMBX16 with --allow-mismatch", r.Comments);
    }

    [Fact]
    public void The_same_host_by_short_name_or_FQDN_and_any_case_is_accepted()
    {
        foreach (var host in new[] { "EXMBX16", "exmbx16", "exmbx16.corp.example.mil" })
        {
            var run = CliRun.Of(CliRun.Generate(Mb16R6, NewOut(), "--facts", CliRun.Facts16, "--previous", Previous(host))).Expect(0);
            Assert.DoesNotContain("warning: carried answers", run.Err);
        }
        Assert.True(HostGeneration.SameHost("EXMBX16", "exmbx16.corp.example.mil"));
        Assert.False(HostGeneration.SameHost("exmbx16.corp.example.mil", "exmbx16.lab.example.mil"));
        Assert.False(HostGeneration.SameHost("EXMBX16", "EXMBX160"));
    }

    [Fact]
    public void A_fleet_inventory_pointing_a_host_at_another_hosts_checklist_fails_that_host()
    {
        var prev = Previous("EXMBX99");
        var dir = TestPaths.NewTempDir();
        var csv = Path.Combine(dir, "fleet.csv");
        File.WriteAllText(csv, "host,facts,benchmark,previous\n" + $"EXMBX16,{CliRun.Facts16},{TestPaths.Benchmark(Mb16R6)},{prev}\n");
        var outDir = NewOut();
        var run = CliRun.Of("generate", "--inventory", csv, "--out", outDir).Expect(ExitCodes.BadInput);
        Assert.Contains("host EXMBX99", run.Err);
        Assert.False(Directory.Exists(outDir) && Directory.GetFiles(outDir).Length > 0);
        CliRun.Of("generate", "--inventory", csv, "--out", NewOut(), "--allow-mismatch").Expect(0);
    }
}
