using CklGen.Benchmarks;
using CklGen.Diff;
using CklGen.Tests.Support;

namespace CklGen.Tests.Diff;

/// <summary>Benchmark diffs of real DISA releases from ../shared.</summary>
public class BenchmarkDiffRealTests
{
    static Benchmark Read(string file) => XccdfReader.Read(TestPaths.Benchmark(file));

    [Fact]
    public void Mailbox_2016_V2R3_to_V2R4_shows_the_V_228391_check_text_edit()
    {
        var d = BenchmarkDiff.Compare(
            Read("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"),
            Read("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R4_Manual-xccdf.xml"));

        var c = d.Changed.Single(x => x.New.VulnId == "V-228391");
        Assert.Equal(RuleMatch.VulnId, c.MatchedBy);
        var check = c.Fields.Single(f => f.Field == BenchmarkDiff.FieldCheck);
        Assert.True(WordDiff.HasChanges(check.Diff));
        Assert.Equal(c.Old.CheckContent, string.Concat(check.Diff.Select(s => s.Old)));
        Assert.Equal(c.New.CheckContent, string.Concat(check.Diff.Select(s => s.New)));
        // V2R4 put a note about AnonymousUsers in front of the unchanged check.
        Assert.StartsWith("{+NOTE: In some instances, AnonymousUsers may be necessary", WordDiff.ToInlineText(check.Diff));
        Assert.Equal(DiffOp.Equal, check.Diff[^1].Op);
        Assert.Equal(Renumbering.NewRevision, c.Renumbering);
        Assert.Contains("<del>", BenchmarkDiffRenderers.Html(d));
    }

    [Fact]
    public void Edge_2010_V1R14_to_V1R15_removes_four_rules()
    {
        var d = BenchmarkDiff.Compare(
            Read("U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml"),
            Read("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml"));

        Assert.Equal(["V-33598", "V-33599", "V-33601", "V-33603"], d.Removed.Select(r => r.VulnId).Order());
        Assert.Empty(d.Added);
        Assert.Equal(57, d.New.Rules.Count);
        Assert.Equal(57, d.UnchangedCount + d.Changed.Count);
    }

    [Fact]
    public void A_release_compared_with_itself_has_no_changes()
    {
        var b = Read("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
        var d = BenchmarkDiff.Compare(b, b);
        Assert.False(d.HasChanges);
        Assert.Equal(b.Rules.Count, d.UnchangedCount);
    }
}
