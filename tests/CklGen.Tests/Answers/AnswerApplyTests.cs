using CklGen.Checklists;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.Answers;

/// <summary>How answer file entries land on a checklist: when, hosts, benchmark, and overriding an automated result.</summary>
public class AnswerApplyTests
{
    const string Bid = "MS_Exchange_2016_Mailbox_Server_STIG";

    static AnswerFile File(string answers) =>
        AnswerFile.Parse($$"""{ "cklgenAnswers": 1, "answers": [ {{answers}} ] }""", "/site/answers.json");

    static AnswerReport Apply(Checklist c, AnswerFile f, params (string VulnId, ChecklistStatus Status)[] automated) =>
        AnswerFile.Apply(c, [Bench(Mb16R6)], [f], new AnswerApplyOptions
        {
            AutomatedResults = automated.ToDictionary(a => a.VulnId, a => a.Status, StringComparer.OrdinalIgnoreCase),
        });

    [Fact]
    public void Answer_to_a_manual_rule_sets_status_comment_and_details_and_names_the_file()
    {
        var c = Blank(Mb16R6);
        var report = Apply(c, File("""{ "rule": "EX16-MB-000010", "status": "NotAFinding", "comment": "EDSP 4.2", "findingDetails": "Checked role groups." }"""));

        var r = Rule(c, Bench(Mb16R6).FindRule("EX16-MB-000010")!.VulnId);
        Assert.Equal((ChecklistStatus.NotAFinding, "Answer file answers.json: EDSP 4.2",
            "Status set by answer file answers.json (entry answers[0], rule EX16-MB-000010): NotAFinding.\n\nChecked role groups."), (r.Status, r.Comments, r.FindingDetails));
        Assert.Single(report.Applied);
    }

    [Fact]
    public void Entry_without_when_never_changes_an_automated_verdict()
    {
        var c = Blank(Mb16R6);
        Automate(c, "V-228391", ChecklistStatus.Open, "Open: 1 of 2 receive connector(s) not compliant.");
        var report = Apply(c, File("""{ "rule": "V-228391", "status": "NotAFinding", "comment": "We think it is fine." }"""), ("V-228391", ChecklistStatus.Open));

        Assert.Equal(ChecklistStatus.Open, Rule(c, "V-228391").Status);
        Assert.Empty(report.Applied);
        Assert.Contains(report.Warnings, w => w.Contains("answers[0]") && w.Contains("add \"when\": \"Open\""));
    }

    [Fact]
    public void Override_of_an_automated_result_says_so_in_comments_and_on_the_result_engine()
    {
        var c = Blank(Mb16R6);
        Automate(c, "V-228391", ChecklistStatus.Open, "Open: 1 of 2 receive connector(s) not compliant.");
        var automatedComment = Rule(c, "V-228391").Comments;
        var report = Apply(c, File("""{ "rule": "V-228391", "when": "Open", "status": "Not_Applicable", "comment": "Scanner relay only (EDSP 6.1)." }"""),
            ("V-228391", ChecklistStatus.Open));

        var r = Rule(c, "V-228391");
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.Equal("Answer file answers.json overrides the automated result Open: Scanner relay only (EDSP 6.1).\n\n" + automatedComment, r.Comments);
        // The first line says an answer set the status; the evidence stays under it.
        Assert.Equal("Status set by answer file answers.json (entry answers[0], rule V-228391): Not_Applicable, overriding the automated result Open.\n\n" +
                     "Open: 1 of 2 receive connector(s) not compliant.", r.FindingDetails);
        Assert.Equal(("CklGen", "answers.json", "true", "Open", "Not_Applicable"),
            (r.ResultEngine!.ModuleName, r.ResultEngine.AnswerFile, r.ResultEngine.AnswerFileModified, r.ResultEngine.OldStatus, r.ResultEngine.NewStatus));
        Assert.True(Assert.Single(report.Applied).OverrodeAutomated);
        // The note survives writing the checklist.
        Assert.Contains("<AnswerFile>answers.json</AnswerFile>", ChecklistFile.ToText(c, ChecklistFormat.Ckl));
    }

    [Fact]
    public void When_that_does_not_hold_leaves_the_rule_alone()
    {
        var c = Blank(Mb16R6);
        Automate(c, "V-228391", ChecklistStatus.NotAFinding, "Not a finding.");
        var report = Apply(c, File("""{ "rule": "V-228391", "when": "Open", "status": "Not_Applicable", "comment": "x" }"""), ("V-228391", ChecklistStatus.NotAFinding));

        Assert.Equal(ChecklistStatus.NotAFinding, Rule(c, "V-228391").Status);
        Assert.Equal(1, report.WhenNotMet);
        Assert.Empty(report.Applied);
    }

    [Fact]
    public void When_Not_Reviewed_applies_to_rules_without_automation_and_to_undecided_automated_ones()
    {
        var c = Blank(Mb16R6);
        Automate(c, "V-228409", ChecklistStatus.NotReviewed, "Not reviewed: Get-SendConnector was not collected.");
        var report = Apply(c, File("""
            { "rule": "V-228409", "when": ["Not_Reviewed"], "status": "Open", "comment": "Until collected, treat as open." },
            { "rule": "EX16-MB-000010", "when": "not_reviewed", "status": "NotAFinding", "comment": "EDSP 4.2" }
            """), ("V-228409", ChecklistStatus.NotReviewed));

        Assert.Equal(ChecklistStatus.Open, Rule(c, "V-228409").Status);
        Assert.Equal("true", Rule(c, "V-228409").ResultEngine!.AnswerFileModified);
        Assert.Equal(2, report.Applied.Count);
        Assert.All(report.Applied, a => Assert.False(a.OverrodeAutomated));
    }

    [Fact]
    public void Hosts_limit_an_entry_to_named_hosts_ignoring_case_and_accepting_the_FQDN()
    {
        var entry = """{ "rule": "V-228409", "hosts": ["exmbx16"], "status": "Open", "comment": "x" }""";
        var other = Blank(Mb16R6, "EXMBX99");
        var r1 = Apply(other, File(entry));
        Assert.Equal((0, 1), (r1.Applied.Count, r1.NotForThisHost));
        Assert.Equal(ChecklistStatus.NotReviewed, Rule(other, "V-228409").Status);

        var named = Blank(Mb16R6, "EXMBX16");
        Assert.Single(Apply(named, File(entry)).Applied);

        var byFqdn = Blank(Mb16R6, "");
        byFqdn.Asset.HostFqdn = "EXMBX16.corp.example.mil";
        Assert.Single(Apply(byFqdn, File(entry)).Applied);
    }

    [Fact]
    public void Benchmark_limits_an_entry_and_entries_for_other_benchmarks_do_not_warn()
    {
        var c = Blank(Mb16R6);
        var report = Apply(c, File($$"""
            { "rule": "V-259580", "benchmark": "MS_Exchange_2019_Edge_Server_STIG", "status": "Open", "comment": "edge only" },
            { "rule": "V-228409", "benchmark": "{{Bid}}", "status": "Open", "comment": "mailbox" }
            """));

        Assert.Single(report.Applied);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Id_matching_no_rule_is_a_warning_naming_file_and_entry()
    {
        var report = Apply(Blank(Mb16R6), File("""{ "rule": "V-259580", "status": "Open", "comment": "edge rule without benchmark key" }"""));

        var w = Assert.Single(report.Warnings);
        Assert.Equal($"answers.json answers[0] (V-259580): matches no rule of {Bid} V2R6", w);
    }

    [Fact]
    public void Legacy_and_STIG_ids_find_the_rule()
    {
        var c = Blank(Mb16R6);
        Apply(c, File("""{ "rule": "V-80751", "status": "Open", "comment": "legacy" }, { "rule": "EX16-MB-000470", "status": "Not_Applicable", "comment": "stig id" }"""));
        Assert.Equal(ChecklistStatus.Open, Rule(c, "V-228409").Status);
        Assert.Equal(ChecklistStatus.NotApplicable, Rule(c, "V-228391").Status);
    }

    [Fact]
    public void First_entry_that_applies_wins_and_later_ones_are_reported()
    {
        var c = Blank(Mb16R6, "EXMBX16");
        var report = Apply(c, File("""
            { "rule": "V-228409", "hosts": ["EXMBX16"], "status": "Not_Applicable", "comment": "host specific" },
            { "rule": "V-228409", "status": "Open", "comment": "site default" }
            """));

        Assert.Equal(ChecklistStatus.NotApplicable, Rule(c, "V-228409").Status);
        Assert.Contains(report.Warnings, w => w.Contains("answers[1]") && w.Contains("an earlier entry already answered it"));
    }

    [Fact]
    public void Answer_beats_a_carried_answer_and_keeps_its_comments_without_repeating_itself_next_quarter()
    {
        var old = Blank(Mb16R4);
        Answer(old, "V-228409", ChecklistStatus.Open, "Person wrote this.");
        var q1 = Blank(Mb16R6);
        Carry(q1, Mb16R6, ThroughFile(old));
        Apply(q1, File("""{ "rule": "V-228409", "status": "Not_Applicable", "comment": "No send connectors.", "findingDetails": "None configured." }"""));

        var r = Rule(q1, "V-228409");
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.StartsWith("Answer file answers.json: No send connectors.\n\nPerson wrote this.\n\n[CklGen] Carried forward from", r.Comments);

        var q2 = Blank(Mb16R6);
        Carry(q2, Mb16R6, ThroughFile(q1));
        Apply(q2, File("""{ "rule": "V-228409", "status": "Not_Applicable", "comment": "No send connectors.", "findingDetails": "None configured." }"""));
        var c2 = Rule(q2, "V-228409");
        Assert.Single(c2.Comments!.Split('\n'), l => l.Contains("Answer file answers.json: No send connectors."));
        // The line saying the answer set the status is replaced, not repeated, quarter after quarter.
        Assert.Equal("Status set by answer file answers.json (entry answers[0], rule V-228409): Not_Applicable.\n\nNone configured.", c2.FindingDetails);
    }
}
