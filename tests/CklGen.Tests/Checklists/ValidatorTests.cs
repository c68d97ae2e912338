using CklGen.Checklists;
using CklGen.Tests.Support;

namespace CklGen.Tests.Checklists;

public class ValidatorTests
{
    static List<ValidationProblem> Errors(IEnumerable<ValidationProblem> p) => p.Where(x => x.Severity == ValidationSeverity.Error).ToList();

    [Fact]
    public void A_clean_file_has_no_problems()
    {
        var c = Corpus.Load("cklb/TargetObjectBasic.cklb");
        c.Asset.Role = "None";
        var path = Path.Combine(TestPaths.NewTempDir(), "clean.ckl");
        ChecklistFile.Write(c, path, ChecklistFormat.Ckl, overwrite: false);
        Assert.Empty(ChecklistValidator.Validate(path, Corpus.Schema));
    }

    [Fact]
    public void Schema_errors_of_a_corpus_file_are_reported_with_line_numbers()
    {
        var problems = ChecklistValidator.Validate(Corpus.PathOf("ckl/TargetObjectBasic.ckl"), Corpus.Schema);
        var role = Assert.Single(problems, p => p.Message.Contains("'ROLE'"));
        Assert.Equal(ValidationSeverity.Error, role.Severity);
        Assert.Matches(@"^line \d+, position \d+$", role.Path);
        Assert.Contains("MyRole", role.Message);
    }

    [Fact]
    public void Without_a_schema_validation_warns_and_still_checks_sense()
    {
        foreach (var schema in new[] { null, "/nonexistent/U_Checklist_Schema_V2.xsd" })
        {
            var problems = ChecklistValidator.Validate(Corpus.PathOf("ckl/No-RuleId-Value.ckl"), schema);
            Assert.Contains(problems, p => p.Severity == ValidationSeverity.Warning && p.Message.Contains("schema validation skipped"));
            Assert.Contains(problems, p => p.Message.Contains("no rule id (Rule_ID)"));
        }
    }

    [Fact]
    public void A_schema_that_is_not_a_schema_is_an_error_not_valid()
    {
        var bogus = Path.Combine(TestPaths.NewTempDir(), "bogus.xsd");
        File.WriteAllText(bogus, "<not-a-schema");
        var problems = ChecklistValidator.Validate(Corpus.PathOf("ckl/TargetObjectBasic.ckl"), bogus);
        Assert.Contains(problems, p => p.Severity == ValidationSeverity.Error && p.Message.Contains("not an XML schema"));
    }

    [Fact]
    public void Broken_files_become_one_error_not_an_exception()
    {
        foreach (var (name, fragment) in Corpus.Broken)
        {
            var problems = ChecklistValidator.Validate(Corpus.PathOf(name), Corpus.Schema);
            Assert.Contains(Errors(problems), p => (p.Path + ": " + p.Message).Contains(fragment) || p.Message.Contains(fragment));
        }
        var empty = Path.Combine(TestPaths.NewTempDir(), "empty.ckl");
        File.WriteAllText(empty, "");
        Assert.Contains("empty", Assert.Single(ChecklistValidator.Validate(empty, Corpus.Schema)).Message);
    }

    [Fact]
    public void An_empty_status_is_reported_not_refused()
    {
        var problems = ChecklistValidator.Validate(Corpus.PathOf("ckl/no-Status-xml-element.ckl"), Corpus.Schema);
        Assert.Contains(problems, p => p.Path == "iSTIG[1]/VULN[V-257777]" && p.Message.StartsWith("no status"));
    }

    [Fact]
    public void Sense_checks_report_every_problem_with_its_place()
    {
        var c = Corpus.Load("ckl/MultiStig-Simple.ckl");
        c.Asset.HostName = "";
        var s0 = c.Stigs[0];
        var dup = s0.Rules[0];
        s0.Rules.Add(new ChecklistRule { VulnId = dup.VulnId, RuleId = dup.RuleId });
        s0.Rules.Add(new ChecklistRule { VulnId = "", RuleId = "SV-9r1_rule" });
        s0.Rules.Add(new ChecklistRule { VulnId = "V-9", RuleId = null, UnrecognizedStatus = "Passed" });
        s0.Rules.Add(new ChecklistRule { VulnId = "V-10", RuleId = "SV-10r1_rule", SeverityOverride = "high" });
        s0.Rules.Add(new ChecklistRule { VulnId = "V-11", RuleId = "SV-11r1_rule", SeverityOverride = "critical", SeverityJustification = "x" });
        s0.Rules.Add(new ChecklistRule { VulnId = "V-12", RuleId = "SV-12r1_rule", SeverityJustification = "why" });
        c.Stigs[1].Rules.Clear();
        c.Stigs[2].StigId = c.Stigs[3].StigId;

        var ckl = ChecklistValidator.Validate(c, "x.ckl", ChecklistFormat.Ckl).Select(p => p.ToString()).ToList();
        string[] expected =
        [
            "error: x.ckl: ASSET/HOST_NAME: no host name",
            $"error: x.ckl: iSTIG[1]/VULN[{dup.VulnId}]: {dup.VulnId} appears again in this STIG",
            "error: x.ckl: iSTIG[1]/VULN[3]: no rule group id (Vuln_Num)",
            "error: x.ckl: iSTIG[1]/VULN[V-9]: no rule id (Rule_ID)",
            "error: x.ckl: iSTIG[1]/VULN[V-9]: status \"Passed\" is not one of Open, NotAFinding, Not_Applicable, Not_Reviewed",
            "error: x.ckl: iSTIG[1]/VULN[V-10]: severity override without a justification",
            "error: x.ckl: iSTIG[1]/VULN[V-11]: severity override \"critical\" is not low, medium or high",
            "warning: x.ckl: iSTIG[1]/VULN[V-12]: severity justification without a severity override",
            "error: x.ckl: iSTIG[2]: the STIG holds no rules",
            $"error: x.ckl: iSTIG[4]: STIG {c.Stigs[3].StigId} appears again (first at iSTIG[3])",
        ];
        foreach (var e in expected) Assert.Contains(ckl, p => p.StartsWith(e));
        Assert.Equal(expected.Length, ckl.Count);

        var cklb = ChecklistValidator.Validate(c, "x.cklb", ChecklistFormat.Cklb).Select(p => p.ToString()).ToList();
        Assert.Contains(cklb, p => p.StartsWith("error: x.cklb: target_data.host_name: no host name"));
        Assert.Contains(cklb, p => p.StartsWith("error: x.cklb: stigs[0].rules[V-9]: status \"Passed\" is not one of open, not_a_finding"));
    }

    [Fact]
    public void Model_validation_includes_the_schema_of_what_would_be_written()
    {
        var c = Corpus.Load("cklb/TargetObjectBasic.cklb");
        c.Asset.Role = "TestRole"; // free text in CKLB, a fixed list in CKL
        Assert.Empty(ChecklistValidator.Validate(c, "x.cklb", ChecklistFormat.Cklb, Corpus.Schema));
        Assert.Contains(ChecklistValidator.Validate(c, "x.ckl", ChecklistFormat.Ckl, Corpus.Schema), p => p.Message.Contains("'ROLE'"));
        c.Stigs[0].Rules[0].Comments = "\u0001";
        Assert.Contains(ChecklistValidator.Validate(c, "x.ckl", ChecklistFormat.Ckl, Corpus.Schema), p => p.Message.StartsWith("cannot be written as CKL"));
    }

    [Fact]
    public void Long_host_names_are_a_warning()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        c.Asset.HostName = new string('h', 256);
        var p = Assert.Single(ChecklistValidator.Validate(c, "x.ckl", ChecklistFormat.Ckl));
        Assert.Equal(ValidationSeverity.Warning, p.Severity);
    }
}
