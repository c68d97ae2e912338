using CklGen.Checklists;
using CklGen.Diff;
using CklGen.Tests.Support;
using static CklGen.Tests.Diff.DiffFixtures;

namespace CklGen.Tests.Diff;

public class FleetDiffTests
{
    static FleetDiff Fleet()
    {
        var old = new[]
        {
            new ChecklistSource("old/exch01_mailbox.ckl", Checklist("EXCH01", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open, "high")))),
            new ChecklistSource("old/exch01_edge.cklb", Checklist("exch01", Stig(Edge, "2", "5", Rule("V-9", ChecklistStatus.NotAFinding)))),
            new ChecklistSource("old/exch02.ckl", Checklist("EXCH02", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open, "high")))),
        };
        var @new = new[]
        {
            new ChecklistSource("new/EXCH01.cklb", Checklist("Exch01",
                Stig(Mailbox, "2", "4", Rule("V-1", ChecklistStatus.NotAFinding, "high")),
                Stig(Edge, "2", "6", Rule("V-9", ChecklistStatus.Open)))),
            new ChecklistSource("new/exch03.ckl", Checklist("EXCH03", Stig(Mailbox, "2", "4", Rule("V-1", ChecklistStatus.Open, "high")))),
        };
        return FleetDiff.Compare(old, @new, "old", "new");
    }

    [Fact]
    public void Matches_hosts_case_insensitively_across_files_and_formats()
    {
        var d = Fleet();
        var h = d.Hosts.Single(x => x.Presence == Presence.Both);

        Assert.Equal("Exch01", h.HostName);
        Assert.Equal(["old/exch01_edge.cklb", "old/exch01_mailbox.ckl"], h.OldFiles);
        Assert.Equal(["new/EXCH01.cklb"], h.NewFiles);
        Assert.Equal(2, h.Stigs.Count);
        Assert.All(h.Stigs, s => Assert.Equal(Presence.Both, s.Presence));
        Assert.Equal(RuleChangeKind.Closed, h.Stigs.Single(s => s.BenchmarkId == Mailbox).Rules.Single().Kind);
        Assert.Equal(RuleChangeKind.NewlyOpen, h.Stigs.Single(s => s.BenchmarkId == Edge).Rules.Single().Kind);
    }

    [Fact]
    public void Reports_hosts_on_one_side_and_counts_them_in_the_totals()
    {
        var d = Fleet();

        Assert.Equal(["EXCH02"], d.HostsOnlyInOld.Select(h => h.HostName));
        Assert.Equal(["EXCH03"], d.HostsOnlyInNew.Select(h => h.HostName));
        Assert.Equal(["EXCH01", "EXCH02", "EXCH03"], d.Hosts.Select(h => h.HostName.ToUpperInvariant()));
        // Old open: EXCH01 V-1 and EXCH02 V-1 (CAT I). New open: EXCH01 V-9 (II), EXCH03 V-1 (I).
        Assert.Equal((2, 2), (d.Counts.Total.OpenOld, d.Counts.Total.OpenNew));
        Assert.Equal((2, 1), (d.Counts.CatI.OpenOld, d.Counts.CatI.OpenNew));
        Assert.Equal((2, 1), (d.Counts.Total.NewlyOpen, d.Counts.Total.Closed));
        Assert.Equal((1, 1), (d.Counts.Total.Added, d.Counts.Total.Removed));
        Assert.Empty(d.Warnings);
    }

    [Fact]
    public void Warns_about_duplicate_stigs_and_missing_host_names()
    {
        var old = new[]
        {
            new ChecklistSource("a/x.ckl", Checklist("H", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open)))),
            new ChecklistSource("a/x.cklb", Checklist("h", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.NotAFinding)))),
        };
        var @new = new[] { new ChecklistSource("b/H.ckl", Checklist("", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open)))) };
        var d = FleetDiff.Compare(old, @new);

        Assert.Equal(2, d.Warnings.Count);
        Assert.Contains(d.Warnings, w => w.Contains("a/x.cklb") && w.Contains("more than once"));
        Assert.Contains(d.Warnings, w => w.Contains("b/H.ckl") && w.Contains("no host name"));
        var h = Assert.Single(d.Hosts);
        Assert.Equal(RuleChangeKind.StillOpen, h.AllRules.Single().Kind);
    }

    [Fact]
    public void Finds_checklist_files_by_extension_optionally_recursive()
    {
        var dir = TestPaths.NewTempDir();
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        foreach (var f in new[] { "a.ckl", "b.CKLB", "notes.txt", "sub/c.ckl" }) File.WriteAllText(Path.Combine(dir, f), "");

        Assert.Equal(["a.ckl", "b.CKLB"], FleetDiff.FindChecklistFiles(dir, false).Select(Path.GetFileName));
        Assert.Equal(["a.ckl", "b.CKLB", "c.ckl"], FleetDiff.FindChecklistFiles(dir, true).Select(Path.GetFileName));
        Assert.Throws<InputException>(() => FleetDiff.FindChecklistFiles(Path.Combine(dir, "missing"), false));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Single_pair_warns_when_hosts_or_benchmarks_do_not_match()
    {
        var o = Checklist("EXCH01", Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open)));
        var n = Checklist("EXCH02", Stig(Edge, "2", "3", Rule("V-1", ChecklistStatus.Open)));
        var d = FleetDiff.Single(ChecklistDiff.Compare(o, n), "a", "b");

        Assert.Equal(2, d.Warnings.Count);
        Assert.Contains(d.Warnings, w => w.Contains("EXCH01 and EXCH02"));
        Assert.Contains(d.Warnings, w => w.Contains("no STIG"));
        Assert.Empty(FleetDiff.Single(ChecklistDiff.Compare(o, Checklist("exch01", Stig(Mailbox, "2", "4"))), "a", "b").Warnings);
    }
}
