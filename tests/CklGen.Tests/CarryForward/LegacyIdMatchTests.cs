using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>Answers keyed by ids DISA has since replaced still find their rule.</summary>
public class LegacyIdMatchTests
{
    [Fact]
    public void Previous_rule_keyed_by_an_old_V_id_finds_the_rule_listing_it_as_legacy_id()
    {
        // V-228409 (EX16-MB-000660) lists SV-95461 / V-80751 as legacy idents.
        Assert.Contains("V-80751", Bench(Mb16R6).FindRule("V-228409")!.LegacyIds);
        var old = Blank(Mb16R6);
        var r = Answer(old, "V-228409", ChecklistStatus.NotAFinding, "Answered under the 2018 id.");
        r.VulnId = "V-80751";
        r.RuleId = "SV-95461r1_rule";
        r.StigId = "EX16-MB-000660-old";
        r.LegacyIds = [];
        var target = Blank(Mb16R6);

        var report = Carry(target, Mb16R6, ThroughFile(old));

        var carried = Assert.Single(report.Carried);
        Assert.Equal(("V-228409", "V-80751", "legacy id"), (carried.VulnId, carried.PreviousVulnId, carried.MatchedBy));
        Assert.Equal(ChecklistStatus.NotAFinding, Rule(target, "V-228409").Status);
        Assert.Contains("V-80751 SV-95461r1_rule: NotAFinding", Rule(target, "V-228409").Comments);
        Assert.Empty(report.Orphaned);
    }

    [Fact]
    public void Previous_rule_listing_the_new_V_id_among_its_legacy_ids_matches_too()
    {
        var old = Blank(Mb16R6);
        var r = Answer(old, "V-228409", ChecklistStatus.Open, "Renumbered the other way.");
        r.VulnId = "V-999001";
        r.RuleId = "SV-999001r1_rule";
        r.StigId = "X";
        r.LegacyIds = ["SV-228409"];

        var report = Carry(Blank(Mb16R6), Mb16R6, ThroughFile(old));

        Assert.Equal("legacy id", Assert.Single(report.Carried).MatchedBy);
    }

    [Fact]
    public void Rule_renumbered_without_legacy_ids_is_matched_by_its_STIG_id()
    {
        var old = Blank(Mb16R6);
        var r = Answer(old, "V-228409", ChecklistStatus.Open, "By STIG id.");
        r.VulnId = "V-999002";
        r.RuleId = "SV-999002r1_rule";
        r.LegacyIds = [];

        var report = Carry(Blank(Mb16R6), Mb16R6, ThroughFile(old));

        var c = Assert.Single(report.Carried);
        Assert.Equal(("V-228409", "STIG id"), (c.VulnId, c.MatchedBy));
    }
}
