using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>Last quarter's checklist may be a STIG Viewer 3 CKLB.</summary>
public class CklbPreviousTests
{
    [Fact]
    public void Answers_and_severity_override_are_carried_from_a_CKLB()
    {
        var old = Blank(Mb16R4, "EXMBX16");
        var a = Answer(old, "V-228409", ChecklistStatus.NotApplicable, "No send connectors on this server.", "Get-SendConnector returned nothing.");
        a.SeverityOverride = "low";
        a.SeverityJustification = "Compensating control.";
        Answer(old, "V-228391", ChecklistStatus.Open, "POA&M 12");
        var previous = ThroughFile(old, ChecklistFormat.Cklb);
        var target = Blank(Mb16R6, host: "");

        var report = Carry(target, Mb16R6, previous);

        var r = Rule(target, "V-228409");
        Assert.Equal((ChecklistStatus.NotApplicable, "Get-SendConnector returned nothing.", "low", "Compensating control."),
                     (r.Status, r.FindingDetails, r.SeverityOverride, r.SeverityJustification));
        Assert.Equal(ChecklistStatus.Open, Rule(target, "V-228391").Status); // V2R4 and V2R6 share V-228391's check text
        Assert.Equal(2, report.Carried.Count);
        Assert.Equal("EXMBX16", target.Asset.HostName);
    }

    [Fact]
    public void A_carried_checklist_writes_and_reads_back_in_both_formats()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.Open, "Line one\nline two");
        var target = Blank(Mb16R6);
        Carry(target, Mb16R6, ThroughFile(old, ChecklistFormat.Cklb));

        foreach (var f in new[] { ChecklistFormat.Ckl, ChecklistFormat.Cklb })
        {
            var back = Rule(ThroughFile(target, f), "V-228409");
            Assert.Equal(ChecklistStatus.Open, back.Status);
            Assert.StartsWith("Line one\nline two\n\n[CklGen] Carried forward", back.Comments);
        }
    }
}
