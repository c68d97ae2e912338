using CklGen.Checklists;
using CklGen.Reports;
using CklGen.Tests.Support;

namespace CklGen.Tests.Reports;

public class ReportGateTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Cli.Cli.Run(args, new CklGen.Cli.CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Gates_fail_with_the_reason()
    {
        var r = ReportFixtures.Build();
        // EDGE02 has V-259631 open at CAT I; EDGE01's copy was overridden to CAT III.
        Assert.Equal("1 CAT I rule open: EDGE02 V-259631", ReportGate.Parse("cat1-open").Check(r));
        Assert.Equal("6 rules open: EDGE01 V-259629, EDGE01 V-259631, EDGE02 V-33607, EDGE02 V-259629, EDGE02 V-259631 and 1 more", ReportGate.Parse("open").Check(r));
        // 1 Not_Reviewed of 12 rules = 8.3%.
        Assert.Null(ReportGate.Parse("not-reviewed-over:10%").Check(r));
        Assert.Equal("1 of 12 rules Not_Reviewed (8.3%), over 5%", ReportGate.Parse("not-reviewed-over:5%").Check(r));
        Assert.NotNull(ReportGate.Parse("not-reviewed-over:0").Check(r));
    }

    [Fact]
    public void A_clean_report_passes_every_gate()
    {
        var sources = ReportFixtures.Sources();
        foreach (var s in sources) foreach (var stig in s.Checklist.Stigs) foreach (var rule in stig.Rules) rule.Status = ChecklistStatus.NotAFinding;
        var r = Report.Build(sources, null, ReportFixtures.Generated);
        Assert.All(ReportGate.ParseList("cat1-open,open,not-reviewed-over:0%"), g => Assert.Null(g.Check(r)));
    }

    [Theory]
    [InlineData("cat2-open")]
    [InlineData("not-reviewed-over")]
    [InlineData("not-reviewed-over:150%")]
    [InlineData(" , ")]
    public void Bad_gates_say_what_is_allowed(string spec) =>
        Assert.Contains("not-reviewed-over", Assert.Throws<FormatException>(() => ReportGate.ParseList(spec)).Message);

    [Fact]
    public void Report_fail_on_exits_1_after_writing_the_report()
    {
        var a = Path.Combine(TestPaths.SharedChecklists, "ckl", "Asset_a-multi-stig.ckl");
        var (code, output, err) = Run("report", a, "-f", "csv", "--fail-on", "open");
        Assert.Equal(1, code);
        Assert.NotEmpty(output);
        Assert.Contains("cklgen: --fail-on open matched: ", err);

        (code, _, err) = Run("report", a, "-f", "csv", "--fail-on", "not-reviewed-over:100%");
        Assert.Equal(0, code);
        Assert.DoesNotContain("matched", err);

        (code, _, err) = Run("report", a, "--fail-on", "sometimes");
        Assert.Equal(2, code);
        Assert.Contains("cat1-open, open, not-reviewed-over:N%", err);
    }
}
