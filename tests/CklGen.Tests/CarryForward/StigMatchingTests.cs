using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;
using CarryForwardApi = CklGen.Checklists.CarryForward;

namespace CklGen.Tests.CarryForward;

/// <summary>Which STIG of the previous checklist feeds which benchmark.</summary>
public class StigMatchingTests
{
    [Fact]
    public void Matches_by_benchmark_id()
    {
        var old = Blank(Mb16R3);
        var (i, how) = CarryForwardApi.MatchStig(Bench(Mb16R6), old.Stigs);
        Assert.Equal((0, "benchmark id"), (i, how));
    }

    [Fact]
    public void Falls_back_to_title_words_when_DISA_renamed_the_benchmark_id()
    {
        // Older checklists of the 2010 Edge STIG have the id without the "MS_" and the title with it, or the reverse.
        var old = Blank(Edge10R14);
        old.Stigs[0].StigId = "MS_Exchange_2010_Edge_Transport_Server_STIG";
        old.Stigs[0].Title = "Microsoft Exchange 2010 Edge Transport Server Security Technical Implementation Guide";

        var (i, how) = CarryForwardApi.MatchStig(Bench(Edge10R15), old.Stigs);

        Assert.Equal((0, "title"), (i, how));
    }

    [Fact]
    public void Another_product_version_does_not_match_by_title()
    {
        var old = Blank(Edge19R2);
        Assert.Equal(-1, CarryForwardApi.MatchStig(Bench(Edge10R15), old.Stigs).Index);
        var mb = Blank(Mb16R6);
        mb.Stigs[0].StigId = "Something_Else";
        Assert.Equal(-1, CarryForwardApi.MatchStig(Bench("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml"), mb.Stigs).Index);
    }

    [Fact]
    public void Previous_STIGs_no_benchmark_matched_are_reported_with_their_answer_counts()
    {
        var old = ChecklistFactory.Blank([Bench(Mb16R4), Bench(Edge19R2)], ChecklistFactoryOptions.Deterministic(3) with { HostName = "EXTEST01" });
        Answer(old, "V-228409", ChecklistStatus.Open, "mailbox answer");
        Answer(old, "V-259580", ChecklistStatus.NotAFinding, "edge answer");
        var target = Blank(Mb16R6);

        var report = Carry(target, Mb16R6, ThroughFile(old));

        var m = Assert.Single(report.MatchedStigs);
        Assert.Equal(("MS_Exchange_2016_Mailbox_Server_STIG", 0), (m.BenchmarkId, m.PreviousIndex));
        var u = Assert.Single(report.UnmatchedPreviousStigs);
        Assert.Equal(("MS_Exchange_2019_Edge_Server_STIG", 1), (u.StigId, u.AnsweredRules));
        Assert.Empty(report.Orphaned); // the edge STIG was not regenerated: its answers are not orphans
    }

    [Fact]
    public void A_benchmark_without_previous_STIG_is_listed_and_nothing_changes()
    {
        var old = Blank(Edge19R2);
        Answer(old, "V-259580", ChecklistStatus.NotAFinding, "edge answer");
        var target = Blank(Mb16R6);

        var report = Carry(target, Mb16R6, ThroughFile(old));

        Assert.Equal(["MS_Exchange_2016_Mailbox_Server_STIG"], report.BenchmarksWithoutPrevious);
        Assert.Empty(report.Carried);
        Assert.All(target.AllRules(), x => Assert.Equal(ChecklistStatus.NotReviewed, x.Rule.Status));
    }
}
