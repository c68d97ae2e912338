using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.Generation;
using CklGen.IO;
using CklGen.Tests.CarryForward;
using CklGen.Tests.Support;

namespace CklGen.Tests.Generation;

/// <summary>The per-host pipeline in the core: the CLI's generate and the library give the same files.</summary>
public class HostGenerationTests
{
    const string Mailbox16 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";

    static HostRequest Request(string outDir, int hostIndex = 0) => new()
    {
        Benchmarks = [XccdfReader.Read(TestPaths.Benchmark(Mailbox16))],
        Facts = FactsReader.Read(CliRun.Facts16),
        Formats = [ChecklistFormat.Ckl, ChecklistFormat.Cklb],
        OutDir = outDir, UuidSeed = 5, Time = DateTimeOffset.Parse("2026-11-22T10:00:00Z"), HostIndex = hostIndex,
    };

    [Fact]
    public void Plan_writes_nothing_and_the_written_files_equal_the_cli_output()
    {
        var dir = TestPaths.NewTempDir();
        var plan = HostGeneration.Plan(Request(Path.Combine(dir, "lib")), new Evaluator(RuleCatalog.BuiltIn));
        Assert.False(Directory.Exists(Path.Combine(dir, "lib")));
        Assert.Equal("EXMBX16", plan.Host);
        var written = HostGeneration.Write(plan, new OutputOptions());
        Assert.Equal(2, written.Count);

        CliRun.Of(CliRun.Generate(Mailbox16, Path.Combine(dir, "cli"), "--facts", CliRun.Facts16, "--format", "both")).Expect(0);
        foreach (var path in written)
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "cli", Path.GetFileName(path))), File.ReadAllText(path));
    }

    [Fact]
    public void Seeded_uuids_differ_between_hosts_of_a_fleet()
    {
        var evaluator = new Evaluator(RuleCatalog.BuiltIn);
        var a = HostGeneration.Plan(Request("a"), evaluator).Checklists[0].Checklist;
        var b = HostGeneration.Plan(Request("b", hostIndex: 1), evaluator).Checklists[0].Checklist;
        var again = HostGeneration.Plan(Request("b", hostIndex: 1), evaluator).Checklists[0].Checklist;
        Assert.NotEqual(a.Stigs[0].Uuid, b.Stigs[0].Uuid);
        Assert.Equal(b.Stigs[0].Uuid, again.Stigs[0].Uuid);
    }

    [Fact]
    public void No_host_name_anywhere_is_a_usage_error()
    {
        var r = Request("x") with { Facts = null };
        var e = Assert.Throws<GenerationUsageException>(() => HostGeneration.Plan(r, new Evaluator(RuleCatalog.BuiltIn)));
        Assert.Contains("--host", e.Message);
    }
}
