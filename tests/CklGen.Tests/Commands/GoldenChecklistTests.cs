using CklGen.Tests.Support;

namespace CklGen.Tests.Commands;

/// <summary>
/// Checklists as `cklgen generate` writes them, compared with approved files: blank ones for a 2010,
/// a 2016 and a 2019 benchmark, and one filled from each example facts snapshot. Uuids and time are
/// fixed with --uuid-seed and --time.
/// </summary>
public class GoldenChecklistTests
{
    static readonly string Examples = Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts");

    static void Generate(string name, string benchmark, params string[] extra)
    {
        var dir = TestPaths.NewTempDir();
        string[] args = ["generate", "--benchmark", TestPaths.Benchmark(benchmark), "--out", dir, "--format", "both",
                         "--uuid-seed", "7", "--time", "2026-11-01T12:00:00Z", .. extra];
        var r = CliRunner.Run(args);
        Assert.True(r.Exit == 0, r.Err);
        var files = Directory.GetFiles(dir).Order().ToList();
        Assert.Equal(2, files.Count);
        foreach (var f in files)
            Approvals.Verify(File.ReadAllText(f), $"Generate.{name}", Path.GetExtension(f).TrimStart('.'));
    }

    [Fact] public void Blank_2010_Hub() => Generate("Blank.2010Hub", "U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml", "--host", "EXHUB10");
    [Fact] public void Blank_2016_Edge() => Generate("Blank.2016Edge", "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R2_Manual-xccdf.xml", "--host", "EXEDGE16");
    [Fact] public void Blank_2019_Edge() => Generate("Blank.2019Edge", "U_MS_Exchange_2019_Edge_Server_STIG_V1R1_Manual-xccdf.xml", "--host", "EXEDGE01");

    static string[] Facts(string file) => ["--facts", Path.Combine(Examples, file)];

    [Fact] public void Example_2010_Edge() => Generate("Example.2010Edge", "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml", Facts("exch2010-edge-EXEDGE10.json"));
    [Fact] public void Example_2016_Mailbox() => Generate("Example.2016Mailbox", "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", Facts("exch2016-mailbox-EXMBX16.json"));
    [Fact] public void Example_2016_Edge() => Generate("Example.2016Edge", "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml", Facts("exch2016-edge-EXEDGE16.json"));
    [Fact] public void Example_2019_Mailbox() => Generate("Example.2019Mailbox", "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml",
        [.. Facts("exch2019-mailbox-EXMBX01.json"), "--policy", Path.Combine(TestPaths.RepoRoot, "templates", "site-policy.json")]);
    [Fact] public void Example_2019_Edge() => Generate("Example.2019Edge", "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml", Facts("exch2019-edge-EXEDGE01.json"));
}
