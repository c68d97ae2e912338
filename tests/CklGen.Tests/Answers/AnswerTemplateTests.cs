using CklGen.Checklists;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.Answers;

/// <summary>templates/answers.json is what users copy: it must parse and its examples must hit real rules.</summary>
public class AnswerTemplateTests
{
    static readonly string Template = Path.Combine(TestPaths.RepoRoot, "templates", "answers.json");

    [Fact]
    public void The_template_parses_and_documents_every_key()
    {
        var file = AnswerFile.Load(Template);
        Assert.Equal(2, file.Answers.Count);
        var text = File.ReadAllText(Template);
        foreach (var key in new[] { "rule", "status", "comment", "findingDetails", "when", "hosts", "benchmark" })
            Assert.Contains($"//   \"{key}\" ", text);
        Assert.Contains("// The answer file format version.", text);
    }

    [Fact]
    public void The_template_examples_match_rules_of_the_2016_Mailbox_STIG_without_warnings()
    {
        var c = Blank(Mb16R6, "EXMBX16");
        Automate(c, "V-228391", ChecklistStatus.Open, "Open: 1 of 2 receive connector(s) not compliant.");
        var report = AnswerFile.Apply(c, [Bench(Mb16R6)], [AnswerFile.Load(Template)], new AnswerApplyOptions
        {
            AutomatedResults = new Dictionary<string, ChecklistStatus> { ["V-228391"] = ChecklistStatus.Open },
        });
        Assert.Empty(report.Warnings);
        Assert.Equal(2, report.Applied.Count);
        Assert.Equal(ChecklistStatus.NotApplicable, Rule(c, "V-228391").Status);
    }
}
