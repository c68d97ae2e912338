using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>A verdict this run's automation decided stands; what a person wrote last time is kept beneath it.</summary>
public class AutomatedWinsTests
{
    [Fact]
    public void Automated_status_and_details_win_and_previous_comments_and_details_go_under_Previous_comments()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.NotAFinding, "Checked by hand in May.", "All connectors DomainValidation (screenshot in SharePoint).");
        var target = Blank(Mb16R6);
        Automate(target, "V-228409", ChecklistStatus.Open, "Open: 1 of 2 send connector(s) not compliant.");
        var automatedComment = Rule(target, "V-228409").Comments;

        var report = Carry(target, Mb16R6, ThroughFile(old), new HashSet<string> { "V-228409" });

        var r = Rule(target, "V-228409");
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Equal("Open: 1 of 2 send connector(s) not compliant.", r.FindingDetails);
        Assert.Equal(automatedComment + "\n\nPrevious comments:\nChecked by hand in May.\n\nPrevious finding details:\nAll connectors DomainValidation (screenshot in SharePoint).", r.Comments);
        Assert.NotNull(r.ResultEngine);
        var kept = Assert.Single(report.KeptAutomated);
        Assert.Equal(ChecklistStatus.NotAFinding, kept.PreviousStatus);
        Assert.Equal(ChecklistStatus.Open, kept.Status);
        Assert.Empty(report.Carried);
    }

    [Fact]
    public void Previous_comments_under_an_automated_result_do_not_pile_up_over_quarters()
    {
        var q1 = Blank(Mb16R4);
        Answer(q1, "V-228409", ChecklistStatus.Open, "Person's note.");
        var q2 = Blank(Mb16R6);
        Automate(q2, "V-228409", ChecklistStatus.Open, "Open: 1 of 2.");
        Carry(q2, Mb16R6, ThroughFile(q1), new HashSet<string> { "V-228409" });
        var q3 = Blank(Mb16R6);
        Automate(q3, "V-228409", ChecklistStatus.NotAFinding, "Not a finding.");
        Carry(q3, Mb16R6, ThroughFile(q2), new HashSet<string> { "V-228409" });

        var c = Rule(q3, "V-228409").Comments!;
        Assert.Equal(1, c.Split('\n').Count(l => l == "Previous comments:"));
        Assert.Equal(1, c.Split('\n').Count(l => l.StartsWith("Automated by CklGen")));
        Assert.EndsWith("Previous comments:\nPerson's note.", c);
    }

    [Fact]
    public void Undecided_automated_rule_takes_the_person_answer_and_names_why_automation_did_not_decide()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.NotAFinding, "Verified by hand.", "Send connectors checked on the console.");
        var target = Blank(Mb16R6);
        Automate(target, "V-228409", ChecklistStatus.NotReviewed, "Not reviewed: Get-SendConnector was not collected in facts.json.");

        var report = Carry(target, Mb16R6, ThroughFile(old), new HashSet<string>()); // automated, but not decided

        var r = Rule(target, "V-228409");
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Equal("Send connectors checked on the console.", r.FindingDetails);
        Assert.Contains("CklGen's automation did not decide it this run: Not reviewed: Get-SendConnector was not collected", r.Comments);
        Assert.Null(r.ResultEngine); // the verdict is the person's, not CklGen's
        Assert.Single(report.Carried);
    }
}
