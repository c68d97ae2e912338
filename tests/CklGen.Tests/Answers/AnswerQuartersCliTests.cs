using CklGen.Checklists;
using CklGen.Tests.CarryForward;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.Answers;

/// <summary>
/// Answer files quarter after quarter (issue 7): FINDING_DETAILS' first line says an answer set the status, once;
/// no "Previous comments:" header is ever left without comments under it, however many quarters are carried.
/// </summary>
public class AnswerQuartersCliTests
{
    static readonly string Template = Path.Combine(TestPaths.RepoRoot, "templates", "answers.json");
    const string File16 = "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl";

    /// <summary>Every "Previous comments:" line has a comment under it.</summary>
    static void NoEmptyHeader(string? comments, string where)
    {
        var lines = (comments ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Trim() == CklGen.Checklists.CarryForward.PreviousCommentsHeader)
                Assert.True(i + 1 < lines.Length && lines[i + 1].Trim().Length > 0 && lines[i + 1].Trim() != CklGen.Checklists.CarryForward.PreviousCommentsHeader,
                    $"{where}: empty \"Previous comments:\" header in:\n{comments}");
    }

    static int Count(string? text, string what) => ((text ?? "").Length - (text ?? "").Replace(what, "").Length) / what.Length;

    [Fact]
    public void Four_quarters_with_the_template_answers_three_carry_forwards_in_a_row()
    {
        // A person's comment on an automated rule and on a manual one, which must survive every quarter under their headers.
        var q0 = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(Mb16R6, q0, "--facts", CliRun.Facts16)).Expect(0);
        var start = Path.Combine(q0, File16);
        var c0 = ChecklistFile.Read(start);
        Rule(c0, "V-228409").Comments += "\n\nPerson: reviewed the send connectors in May.";
        ChecklistFile.Write(c0, start, ChecklistFormat.Ckl, overwrite: true);

        var previous = start;
        for (var q = 1; q <= 4; q++)
        {
            var outDir = TestPaths.NewTempDir();
            CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--facts", CliRun.Facts16, "--answers", Template, "--previous", previous)).Expect(0);
            previous = Path.Combine(outDir, File16);
            var c = ChecklistFile.Read(previous);
            foreach (var (_, rule) in c.AllRules()) NoEmptyHeader(rule.Comments, $"quarter {q} {rule.VulnId}");

            // The override of an automated Open (template entry answers[1]).
            var overridden = Rule(c, "V-228391");
            Assert.Equal(ChecklistStatus.NotApplicable, overridden.Status);
            var first = overridden.FindingDetails!.Split('\n')[0];
            Assert.Equal("Status set by answer file answers.json (entry answers[1], rule V-228391): Not_Applicable, overriding the automated result Open.", first);
            Assert.Equal(1, Count(overridden.FindingDetails, AnswerFile.StatusSetByPrefix));
            Assert.Contains("receive connector", overridden.FindingDetails); // the automated evidence stays under it
            Assert.Equal(1, Count(overridden.Comments, "Answer file answers.json overrides the automated result Open"));
            Assert.DoesNotContain(CklGen.Checklists.CarryForward.PreviousCommentsHeader, overridden.Comments); // nobody wrote anything else

            // The answer to a manual rule (template entry answers[0], by STIG id).
            var manual = Rule(c, "V-228401");
            Assert.Equal(ChecklistStatus.NotAFinding, manual.Status);
            Assert.StartsWith("Status set by answer file answers.json (entry answers[0], rule EX16-MB-000580): NotAFinding.\n\nBaseline copy and its procedure", manual.FindingDetails);
            Assert.Equal(1, Count(manual.FindingDetails, AnswerFile.StatusSetByPrefix));
            Assert.Equal(1, Count(manual.Comments, "Answer file answers.json:"));

            // The person's comment under an automated result: one header, the comment under it.
            var person = Rule(c, "V-228409");
            Assert.Equal(1, Count(person.Comments, "Person: reviewed the send connectors in May."));
            Assert.Equal(1, Count(person.Comments, CklGen.Checklists.CarryForward.PreviousCommentsHeader + "\n"));
        }
    }

    [Fact]
    public void No_empty_header_when_an_answer_was_the_only_previous_comment_of_an_automated_rule()
    {
        // Quarter 1 without answers, then the answers, then three more quarters carried.
        var previous = "";
        for (var q = 1; q <= 4; q++)
        {
            var outDir = TestPaths.NewTempDir();
            string[] more = q == 1 ? ["--facts", CliRun.Facts16] : ["--facts", CliRun.Facts16, "--answers", Template, "--previous", previous];
            CliRun.Of(CliRun.Generate(Mb16R6, outDir, more)).Expect(0);
            previous = Path.Combine(outDir, File16);
            foreach (var (_, rule) in ChecklistFile.Read(previous).AllRules()) NoEmptyHeader(rule.Comments, $"quarter {q} {rule.VulnId}");
        }
    }

    [Fact]
    public void DropEmptyHeaders_keeps_headers_with_comments()
    {
        Assert.Equal("a\n\nPrevious comments:\nb", AnswerFile.DropEmptyHeaders("a\n\nPrevious comments:\nb"));
        Assert.Equal("a", AnswerFile.DropEmptyHeaders("a\n\nPrevious comments:"));
        Assert.Equal("a\n\nPrevious finding details:\nx", AnswerFile.DropEmptyHeaders("a\n\nPrevious comments:\n\nPrevious finding details:\nx"));
    }
}
