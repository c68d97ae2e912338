using CklGen.Checklists;
using CklGen.Reports;
using CklGen.Tests.Support;

namespace CklGen.Tests.Reports;

public class ReportDuplicateTests
{
    [Fact]
    public void A_CKL_and_CKLB_of_the_same_host_and_STIG_count_once_and_the_report_says_which()
    {
        var dir = TestPaths.NewTempDir();
        var facts = Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-edge-EXEDGE01.json");
        var bench = TestPaths.Benchmark("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["generate", "--benchmark", bench, "--facts", facts, "--format", "both", "--out", dir], new CklGen.Cli.CliContext(o, e)));
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".ckl") || f.EndsWith(".cklb")).Order().ToList();
        Assert.Equal(2, files.Count);

        var sources = files.Select(f => new ReportSource(f, ChecklistFile.Read(f))).ToList();
        var both = Report.Build(sources, null, ReportFixtures.Generated);
        var one = Report.Build(sources.Take(1), null, ReportFixtures.Generated);
        Assert.Equal(one.Totals.Total, both.Totals.Total);
        Assert.Single(both.Sections);
        Assert.EndsWith(".cklb", both.Sections[0].SourcePath);
        Assert.Contains("same results; counted once, from ", Assert.Single(both.Duplicates));

        var err = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["report", dir, "-f", "csv"], new CklGen.Cli.CliContext(new StringWriter(), err)));
        Assert.Contains("cklgen: note: EXEDGE01", err.ToString());
    }

    [Fact]
    public void Copies_that_differ_are_counted_once_from_the_newest_file()
    {
        var dir = TestPaths.NewTempDir();
        var oldPath = Path.Combine(dir, "EDGE01.cklb");
        var newPath = Path.Combine(dir, "EDGE01.ckl");
        File.WriteAllText(oldPath, "");
        File.WriteAllText(newPath, "");
        File.SetLastWriteTimeUtc(oldPath, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(newPath, new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        var a = ReportFixtures.Sources()[0].Checklist;
        var b = ReportFixtures.Sources()[0].Checklist;
        b.Stigs[0].Rules[0].Status = ChecklistStatus.NotAFinding;
        var r = Report.Build([new ReportSource(oldPath, a), new ReportSource(newPath, b)], null, ReportFixtures.Generated);
        Assert.Single(r.Sections);
        Assert.Equal(newPath, r.Sections[0].SourcePath);
        Assert.Contains("differ; counted once, from the newest, EDGE01.ckl", Assert.Single(r.Duplicates));
    }

    [Fact]
    public void Different_releases_of_a_STIG_on_one_host_are_both_counted()
    {
        var a = ReportFixtures.Sources()[0].Checklist;
        var b = ReportFixtures.Sources()[0].Checklist;
        b.Stigs[0].ReleaseInfo = "Release: 3 Benchmark Date: 01 Jul 2025";
        var r = Report.Build([new ReportSource("/x/a.ckl", a), new ReportSource("/x/b.ckl", b)], null, ReportFixtures.Generated);
        Assert.Equal(2, r.Sections.Count);
        Assert.Empty(r.Duplicates);
    }
}
