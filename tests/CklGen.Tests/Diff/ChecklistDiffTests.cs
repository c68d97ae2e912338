using CklGen.Checklists;
using CklGen.Diff;
using static CklGen.Tests.Diff.DiffFixtures;

namespace CklGen.Tests.Diff;

public class ChecklistDiffTests
{
    static RuleDiff Find(ChecklistDiff d, string vuln) => d.AllRules.Single(r => r.VulnId == vuln);

    [Theory]
    [InlineData(ChecklistStatus.NotAFinding, ChecklistStatus.Open, RuleChangeKind.NewlyOpen)]
    [InlineData(ChecklistStatus.NotReviewed, ChecklistStatus.Open, RuleChangeKind.NewlyOpen)]
    [InlineData(ChecklistStatus.NotApplicable, ChecklistStatus.Open, RuleChangeKind.NewlyOpen)]
    [InlineData(ChecklistStatus.Open, ChecklistStatus.NotAFinding, RuleChangeKind.Closed)]
    [InlineData(ChecklistStatus.Open, ChecklistStatus.NotApplicable, RuleChangeKind.Closed)]
    [InlineData(ChecklistStatus.Open, ChecklistStatus.Open, RuleChangeKind.StillOpen)]
    [InlineData(ChecklistStatus.Open, ChecklistStatus.NotReviewed, RuleChangeKind.StatusChanged)]
    [InlineData(ChecklistStatus.NotReviewed, ChecklistStatus.NotAFinding, RuleChangeKind.StatusChanged)]
    [InlineData(ChecklistStatus.NotAFinding, ChecklistStatus.NotApplicable, RuleChangeKind.StatusChanged)]
    [InlineData(ChecklistStatus.NotAFinding, ChecklistStatus.NotAFinding, RuleChangeKind.Unchanged)]
    [InlineData(ChecklistStatus.NotReviewed, ChecklistStatus.NotReviewed, RuleChangeKind.Unchanged)]
    public void Classifies_status_moves(ChecklistStatus old, ChecklistStatus @new, RuleChangeKind expected) =>
        Assert.Equal(expected, ChecklistDiff.Classify(old, @new));

    [Fact]
    public void Quarter_classifies_every_rule()
    {
        var (o, n) = Quarter();
        var d = ChecklistDiff.Compare(o, n);

        Assert.Equal(RuleChangeKind.NewlyOpen, Find(d, "V-1001").Kind);
        Assert.Equal(RuleChangeKind.Closed, Find(d, "V-1002").Kind);
        Assert.Equal(RuleChangeKind.StillOpen, Find(d, "V-1003").Kind);
        Assert.Equal(RuleChangeKind.StatusChanged, Find(d, "V-1004").Kind);
        Assert.Equal(RuleChangeKind.Unchanged, Find(d, "V-1005").Kind);
        Assert.Equal(RuleChangeKind.Removed, Find(d, "V-1006").Kind);
        Assert.Equal(RuleChangeKind.Added, Find(d, "V-2001").Kind);
        Assert.True(Find(d, "V-2001").IsNewlyOpen);
        Assert.Equal(RuleChangeKind.Unchanged, Find(d, "V-1008").Kind);
        Assert.Equal(9, d.AllRules.Count());
    }

    [Fact]
    public void Matches_renumbered_rule_by_legacy_id()
    {
        var (o, n) = Quarter();
        var r = Find(ChecklistDiff.Compare(o, n), "V-228400");

        Assert.Equal(RuleMatch.LegacyId, r.MatchedBy);
        Assert.Equal("V-60981", r.OldVulnId);
        Assert.Equal(RuleChangeKind.StillOpen, r.Kind);
        Assert.True(r.Revisions.HasFlag(RuleRevision.RuleId));
    }

    [Fact]
    public void Matches_by_legacy_id_listed_on_the_old_side_and_by_stig_id_last()
    {
        var o = Checklist("h", Stig(Mailbox, "2", "1",
            Rule("V-500", ChecklistStatus.Open, legacy: ["V-90"]),
            Rule("V-600", ChecklistStatus.Open, stigId: "EX16-MB-999999")));
        var n = Checklist("h", Stig(Mailbox, "2", "2",
            Rule("V-90", ChecklistStatus.NotAFinding),
            Rule("V-700", ChecklistStatus.Open, stigId: "EX16-MB-999999")));
        var d = ChecklistDiff.Compare(o, n);

        Assert.Equal((RuleMatch.LegacyId, "V-500", RuleChangeKind.Closed), (Find(d, "V-90").MatchedBy, Find(d, "V-90").OldVulnId, Find(d, "V-90").Kind));
        Assert.Equal((RuleMatch.StigId, "V-600"), (Find(d, "V-700").MatchedBy, Find(d, "V-700").OldVulnId));
        Assert.DoesNotContain(d.AllRules, r => r.Kind is RuleChangeKind.Added or RuleChangeKind.Removed);
    }

    [Fact]
    public void Vuln_id_match_wins_over_legacy_and_stig_id()
    {
        // V-2 lists V-1 as legacy, but V-1 still exists in the new release: V-1 must pair with V-1.
        var o = Checklist("h", Stig(Mailbox, "2", "1", Rule("V-1", ChecklistStatus.Open, stigId: "X-1")));
        var n = Checklist("h", Stig(Mailbox, "2", "2",
            Rule("V-2", ChecklistStatus.Open, legacy: ["V-1"], stigId: "X-1"),
            Rule("V-1", ChecklistStatus.NotAFinding, stigId: "X-1")));
        var d = ChecklistDiff.Compare(o, n);

        Assert.Equal(RuleMatch.VulnId, Find(d, "V-1").MatchedBy);
        Assert.Equal(RuleChangeKind.Closed, Find(d, "V-1").Kind);
        Assert.Equal(RuleChangeKind.Added, Find(d, "V-2").Kind);
    }

    [Fact]
    public void Revised_says_which_part_changed()
    {
        var (o, n) = Quarter();
        var d = ChecklistDiff.Compare(o, n);

        Assert.Equal(RuleRevision.RuleId, Find(d, "V-1003").Revisions);
        Assert.Equal(RuleRevision.RuleId | RuleRevision.CheckText, Find(d, "V-1005").Revisions);
        Assert.Equal(RuleRevision.None, Find(d, "V-1001").Revisions);
        Assert.Equal(["ruleId", "checkText"], DiffNames.Tokens(Find(d, "V-1005").Revisions));
    }

    [Fact]
    public void Rewrapped_text_is_not_a_revision()
    {
        var o = Checklist("h", Stig(Mailbox, "2", "1", Rule("V-1", ChecklistStatus.Open, check: "Open the\r\nshell.  Run it.", details: "a\r\nb")));
        var n = Checklist("h", Stig(Mailbox, "2", "1", Rule("V-1", ChecklistStatus.Open, check: "Open the shell.\nRun it.", details: "a\nb\n")));
        var r = ChecklistDiff.Compare(o, n).AllRules.Single();

        Assert.Equal(RuleRevision.None, r.Revisions);
        Assert.False(r.FindingDetailsChanged);
        Assert.False(r.HasChanges);
        Assert.True(r.IsReportable);
    }

    [Fact]
    public void Flags_finding_details_and_comment_changes()
    {
        var (o, n) = Quarter();
        var d = ChecklistDiff.Compare(o, n);

        Assert.True(Find(d, "V-1001").FindingDetailsChanged);
        Assert.False(Find(d, "V-1001").CommentsChanged);
        Assert.True(Find(d, "V-1008").CommentsChanged);
        Assert.False(Find(d, "V-1003").CommentsChanged);
        Assert.True(Find(d, "V-1008").HasChanges);
    }

    [Fact]
    public void Counts_by_cat_use_severity_override()
    {
        var (o, n) = Quarter();
        var c = ChecklistDiff.Compare(o, n).Counts;

        // Old open: V-1002 (I), V-1003 (II), V-60981 (II), V-1006 (III).
        Assert.Equal((1, 2, 1, 4), (c.CatI.OpenOld, c.CatII.OpenOld, c.CatIII.OpenOld, c.Total.OpenOld));
        // New open: V-1001 (I), V-228400 (II overridden to high: I), V-1003 (II), V-2001 (II).
        Assert.Equal((2, 2, 0, 4), (c.CatI.OpenNew, c.CatII.OpenNew, c.CatIII.OpenNew, c.Total.OpenNew));
        // Newly open: V-1001 (I) and the added, open V-2001 (II).
        Assert.Equal((1, 1, 0, 2), (c.CatI.NewlyOpen, c.CatII.NewlyOpen, c.CatIII.NewlyOpen, c.Total.NewlyOpen));
        Assert.Equal((1, 1), (c.CatI.Closed, c.Total.Closed));
        Assert.Equal((1, 1, 2), (c.CatI.StillOpen, c.CatII.StillOpen, c.Total.StillOpen));
        Assert.Equal((1, 1, 3), (c.Total.Added, c.CatIII.Removed, c.Total.Revised));
        Assert.Equal(0, c.CatUnknown.OpenNew);
        Assert.True(Find(ChecklistDiff.Compare(o, n), "V-228400").SeverityChanged);
    }

    [Fact]
    public void Stigs_pair_by_benchmark_id_and_report_release_change()
    {
        var o = Checklist("h",
            Stig(Mailbox, "2", "3", Rule("V-1", ChecklistStatus.Open)),
            Stig(Edge, "2", "5", Rule("V-9", ChecklistStatus.Open, "high")));
        var n = Checklist("h", Stig(Mailbox.ToLowerInvariant(), "2", "4", Rule("V-1", ChecklistStatus.Open)));
        var d = ChecklistDiff.Compare(o, n);

        var mb = d.Stigs.Single(s => s.Presence == Presence.Both);
        Assert.True(mb.ReleaseChanged);
        Assert.Equal(("V2R3", "V2R4"), (mb.OldVersionLabel, mb.NewVersionLabel));
        Assert.Equal("V2R3 -> V2R4", DiffNames.Release(mb));
        var edge = d.Stigs.Single(s => s.Presence == Presence.OnlyOld);
        Assert.Equal(Edge, edge.BenchmarkId);
        Assert.Equal(RuleChangeKind.Removed, edge.Rules.Single().Kind);
        Assert.Equal(1, d.Counts.CatI.Removed);
        Assert.Equal(2, d.Counts.Total.OpenOld);
        Assert.Equal(Presence.Both, d.Presence);
    }

    [Fact]
    public void Identical_checklists_have_no_changes()
    {
        var (o, _) = Quarter();
        var (o2, _) = Quarter();
        var d = ChecklistDiff.Compare(o, o2);

        Assert.False(d.HasChanges);
        Assert.All(d.AllRules, r => Assert.Contains(r.Kind, new[] { RuleChangeKind.Unchanged, RuleChangeKind.StillOpen }));
        Assert.Equal(d.Counts.Total.OpenOld, d.Counts.Total.OpenNew);
        Assert.Equal(0, d.Counts.Total.NewlyOpen + d.Counts.Total.Closed + d.Counts.Total.Revised);
    }
}
