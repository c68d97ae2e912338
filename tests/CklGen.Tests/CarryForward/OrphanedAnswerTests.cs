using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>Exchange 2010 Edge V1R15 dropped four rules of V1R14: their answers are reported with everything the person wrote.</summary>
public class OrphanedAnswerTests
{
    static readonly string[] Removed = ["V-33598", "V-33599", "V-33601", "V-33603"];

    [Fact]
    public void Answers_to_removed_rules_are_reported_with_status_comments_and_details()
    {
        Assert.All(Removed, v => Assert.Null(Bench(Edge10R15).FindRule(v)));
        var old = Blank(Edge10R14, "EXEDGE10");
        var a = Answer(old, "V-33598", ChecklistStatus.Open, "POA&M 77: waiting on vendor.", "Setting found at 20.");
        a.SeverityOverride = "low";
        a.SeverityJustification = "Edge is in the DMZ behind the proxy.";
        Answer(old, "V-33601", ChecklistStatus.NotReviewed, "Started looking; ask Bob.");
        Answer(old, "V-33603", ChecklistStatus.NotReviewed, ""); // nothing written: not an answer
        var target = Blank(Edge10R15);

        var report = Carry(target, Edge10R15, ThroughFile(old));

        Assert.Equal(["V-33598", "V-33601"], report.Orphaned.Select(o => o.VulnId));
        var o = report.Orphaned[0];
        Assert.Equal(("Exch-2-805", ChecklistStatus.Open, "POA&M 77: waiting on vendor.", "Setting found at 20."), (o.StigId, o.Status, o.Comments, o.FindingDetails));
        Assert.Equal(("low", "Edge is in the DMZ behind the proxy."), (o.SeverityOverride, o.SeverityJustification));
        Assert.Equal(("Exchange_2010_Edge_Transport_Server_STIG", "V1R14"), (o.PreviousStigId, o.PreviousVersion));
        var json = report.ToJson();
        Assert.Equal(2, (int)json["counts"]!["orphaned"]!);
        Assert.Equal("Started looking; ask Bob.", (string?)json["orphaned"]![1]!["comments"]);
    }
}
