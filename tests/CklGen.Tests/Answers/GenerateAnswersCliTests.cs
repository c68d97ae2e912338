using CklGen.Checklists;
using CklGen.Tests.CarryForward;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.Answers;

/// <summary>cklgen generate --answers, end to end.</summary>
public class GenerateAnswersCliTests
{
    static readonly string Template = Path.Combine(TestPaths.RepoRoot, "templates", "answers.json");

    static string Write(string json)
    {
        var p = Path.Combine(TestPaths.NewTempDir(), "site-answers.json");
        File.WriteAllText(p, json);
        return p;
    }

    [Fact]
    public void Template_answers_override_the_automated_Open_with_the_note_and_count_in_json()
    {
        var outDir = TestPaths.NewTempDir();
        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--facts", CliRun.Facts16, "--answers", Template, "--json")).Expect(0);

        var c = ChecklistFile.Read(Path.Combine(outDir, "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl"));
        var r = Rule(c, "V-228391");
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.StartsWith("Answer file answers.json overrides the automated result Open: ", r.Comments);
        Assert.Equal(("true", "Open", "Not_Applicable"), (r.ResultEngine!.AnswerFileModified, r.ResultEngine.OldStatus, r.ResultEngine.NewStatus));

        var counts = run.Json["answers"]!["counts"]!;
        Assert.Equal((2, 1), ((int)counts["applied"]!, (int)counts["overrodeAutomated"]!));
        Assert.Equal(Path.GetFullPath(Template), (string?)run.Json["answers"]!["files"]![0]);
        Assert.Equal(2, (int)run.Json["checklists"]![0]!["answers"]!["counts"]!["applied"]!);
        Assert.Contains("answers into MS_Exchange_2016_Mailbox_Server_STIG V2R6: 2 applied (1 overriding an automated result)", run.Err);
    }

    [Fact]
    public void A_bad_answer_file_is_exit_3_naming_file_and_field_and_nothing_is_written()
    {
        var bad = Write("""{ "cklgenAnswers": 1, "answers": [ { "rule": "V-228409", "status": "Passed", "comment": "x" } ] }""");
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--host", "EXMBX16", "--answers", bad)).Expect(3);

        Assert.Contains($"{bad}: answers[0].status: 'Passed' is not a status", run.Err);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void Repeated_answers_files_apply_in_order_and_unknown_ids_warn_on_stderr()
    {
        var hostFile = Write("""{ "cklgenAnswers": 1, "answers": [ { "rule": "V-228409", "hosts": ["EXMBX16"], "status": "Not_Applicable", "comment": "host file" } ] }""");
        var siteFile = Write("""
            // site-wide
            { "cklgenAnswers": 1, "answers": [
              { "rule": "V-228409", "status": "Open", "comment": "site file" },
              { "rule": "V-999999", "status": "Open", "comment": "typo'd id" }
            ] }
            """);
        var outDir = TestPaths.NewTempDir();

        var run = CliRun.Of(CliRun.Generate(Mb16R6, outDir, "--host", "EXMBX16", "--answers", hostFile, "--answers", siteFile)).Expect(0);

        var r = Rule(ChecklistFile.Read(Path.Combine(outDir, "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl")), "V-228409");
        Assert.Equal(ChecklistStatus.NotApplicable, r.Status);
        Assert.Equal("Answer file site-answers.json: host file", r.Comments);
        Assert.Contains("warning: site-answers.json answers[1] (V-999999): matches no rule", run.Err);
        Assert.Contains("an earlier entry already answered it", run.Err);
    }
}
