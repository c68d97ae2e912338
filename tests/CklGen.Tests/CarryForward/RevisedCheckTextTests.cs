using CklGen.Checklists;
using CklGen.Evaluation;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>DISA changed V-228391's check text between Exchange 2016 Mailbox V2R3 and V2R4: an answer to the old text is no answer to the new.</summary>
public class RevisedCheckTextTests
{
    [Fact]
    public void The_shared_benchmarks_really_changed_the_check_text()
    {
        Assert.NotEqual(CheckText.Fingerprint(Bench(Mb16R3).FindRule("V-228391")!.CheckContent),
                        CheckText.Fingerprint(Bench(Mb16R4).FindRule("V-228391")!.CheckContent));
    }

    [Fact]
    public void Revised_rule_returns_to_Not_Reviewed_keeping_comments_and_details_with_a_note_quoting_the_old_status()
    {
        var old = Blank(Mb16R3, "EXMBX16");
        var a = Answer(old, "V-228391", ChecklistStatus.NotAFinding, "No anonymous permission on any connector.", "Get-ReceiveConnector output attached.");
        a.SeverityOverride = "low";
        a.SeverityJustification = "Internal only.";
        var target = Blank(Mb16R4);

        var report = Carry(target, Mb16R4, ThroughFile(old));

        var r = Rule(target, "V-228391");
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Equal("Get-ReceiveConnector output attached.", r.FindingDetails);
        Assert.StartsWith("No anonymous permission on any connector.\n\n[CklGen] Status not carried: the previous status was NotAFinding", r.Comments);
        Assert.Contains("DISA revised this rule (SV-228391r612748_rule -> SV-228391r766722_rule) and the check text changed", r.Comments);
        Assert.Equal("low", r.SeverityOverride);
        var reset = Assert.Single(report.ResetRevised);
        Assert.Equal(("V-228391", ChecklistStatus.NotAFinding, ChecklistStatus.NotReviewed), (reset.VulnId, reset.PreviousStatus, reset.Status));
        Assert.DoesNotContain(report.Carried, c => c.VulnId == "V-228391");
    }

    [Fact]
    public void Whitespace_only_differences_do_not_count_as_a_revision()
    {
        var old = Blank(Mb16R4);
        var a = Answer(old, "V-228391", ChecklistStatus.Open, "POA&M 88");
        a.CheckContent = "  " + a.CheckContent!.Replace("\n", "\r\n   ") + "\n";
        var target = Blank(Mb16R6);

        Carry(target, Mb16R6, ThroughFile(old));

        Assert.Equal(ChecklistStatus.Open, Rule(target, "V-228391").Status);
    }

    [Fact]
    public void A_previous_rule_without_check_text_is_treated_as_revised()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.NotAFinding, "ok").CheckContent = "";
        var target = Blank(Mb16R6);

        Carry(target, Mb16R6, ThroughFile(old));

        var r = Rule(target, "V-228409");
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("the previous checklist holds no check text to compare", r.Comments);
    }
}
