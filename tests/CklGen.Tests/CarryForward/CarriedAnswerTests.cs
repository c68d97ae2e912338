using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>A person's answers to rules whose check text did not change come across whole.</summary>
public class CarriedAnswerTests
{
    [Fact]
    public void Status_comments_details_and_severity_override_are_carried_into_a_newer_release()
    {
        var old = Blank(Mb16R3, "EXMBX16");
        var a = Answer(old, "V-228409", ChecklistStatus.NotAFinding, "Checked with the messaging team.", "TlsAuthLevel = DomainValidation on all send connectors.");
        a.SeverityOverride = "low";
        a.SeverityJustification = "Compensated by the boundary TLS proxy (EDSP 6.3).";
        Answer(old, "V-228391", ChecklistStatus.Open, "POA&M 1234"); // check text changed R3 -> R4; not this test's concern

        var target = Blank(Mb16R4);
        var report = Carry(target, Mb16R4, ThroughFile(old));

        var r = Rule(target, "V-228409");
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Equal("TlsAuthLevel = DomainValidation on all send connectors.", r.FindingDetails);
        Assert.StartsWith("Checked with the messaging team.\n\n[CklGen] Carried forward from previous.ckl (MS_Exchange_2016_Mailbox_Server_STIG V2R3), V-228409: NotAFinding.", r.Comments);
        Assert.Equal("low", r.SeverityOverride);
        Assert.Equal("Compensated by the boundary TLS proxy (EDSP 6.3).", r.SeverityJustification);
        Assert.Contains(report.Carried, c => c.VulnId == "V-228409" && c.MatchedBy == "V-id" && c.Status == ChecklistStatus.NotAFinding);
        Assert.Null(r.ResultEngine);
    }

    [Fact]
    public void Unanswered_rules_stay_blank_and_are_not_counted()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.Open, "Open per scan");
        var target = Blank(Mb16R6);
        var report = Carry(target, Mb16R6, ThroughFile(old));

        Assert.Single(report.Carried);
        Assert.All(target.AllRules().Where(x => x.Rule.VulnId != "V-228409"), x =>
        {
            Assert.Equal(ChecklistStatus.NotReviewed, x.Rule.Status);
            Assert.Equal("", x.Rule.Comments);
        });
    }

    [Fact]
    public void Carrying_quarter_after_quarter_does_not_pile_up_provenance_lines()
    {
        var q1 = Blank(Mb16R4);
        Answer(q1, "V-228409", ChecklistStatus.NotAFinding, "Person's note.");
        var q2 = Blank(Mb16R6);
        Carry(q2, Mb16R6, ThroughFile(q1));
        var q3 = Blank(Mb16R6);
        Carry(q3, Mb16R6, ThroughFile(q2));

        var comments = Rule(q3, "V-228409").Comments!;
        Assert.StartsWith("Person's note.\n\n[CklGen] Carried forward from", comments);
        Assert.Single(comments.Split('\n'), l => l.StartsWith("[CklGen] Carried forward"));
    }

    [Fact]
    public void Asset_fields_come_from_the_previous_checklist_where_the_new_one_has_none()
    {
        var old = Blank(Mb16R4, "EXMBX16");
        old.Asset.HostFqdn = "exmbx16.corp.example.mil";
        old.Asset.HostIp = "10.10.2.16";
        old.Asset.HostMac = "00-50-56-8A-16-16";
        old.Asset.Role = "Member Server";
        old.Asset.Marking = "CUI";
        old.Asset.TargetComment = "Mailbox DAG member 2";
        var target = Blank(Mb16R6, host: "");
        target.Asset.HostIp = "10.10.2.99"; // the new checklist's own value wins

        Carry(target, Mb16R6, ThroughFile(old));

        Assert.Equal("EXMBX16", target.Asset.HostName);
        Assert.Equal("exmbx16.corp.example.mil", target.Asset.HostFqdn);
        Assert.Equal("10.10.2.99", target.Asset.HostIp);
        Assert.Equal("00-50-56-8A-16-16", target.Asset.HostMac);
        Assert.Equal("Member Server", target.Asset.Role);
        Assert.Equal("CUI", target.Asset.Marking);
        Assert.Equal("Mailbox DAG member 2", target.Asset.TargetComment);
    }

    [Fact]
    public void A_status_CklGen_automated_last_time_is_not_carried_into_an_undecided_rule()
    {
        // Last quarter CklGen said NotAFinding from last quarter's facts; this run has no facts for it.
        var old = Blank(Mb16R4);
        Automate(old, "V-228409", ChecklistStatus.NotAFinding, "Not a finding: all 1 send connector(s) compliant.");
        Rule(old, "V-228409").Comments += "\n\nISSO: confirmed with the messaging team.";
        var target = Blank(Mb16R6);

        var report = Carry(target, Mb16R6, ThroughFile(old));

        var r = Rule(target, "V-228409");
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Equal("", r.FindingDetails);
        Assert.Contains("ISSO: confirmed with the messaging team.", r.Comments);
        Assert.Contains("the previous status NotAFinding was CklGen's automated result and is not carried", r.Comments);
        Assert.DoesNotContain("Automated by CklGen", r.Comments);
        Assert.Single(report.NotCarriedAutomated);
        Assert.Empty(report.Carried);
    }
}
