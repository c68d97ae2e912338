using CklGen.Cli;
using CklGen.Tests.Support;

namespace CklGen.Tests.Reports;

public class ReportCommandTests
{
    static readonly string A = Path.Combine(TestPaths.SharedChecklists, "ckl", "Asset_a-multi-stig.ckl");
    static readonly string B = Path.Combine(TestPaths.SharedChecklists, "ckl", "Asset_b-multi-stig.ckl");

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Cli.Cli.Run(args, new CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void POAM_goes_to_stdout_with_one_row_per_open_rule()
    {
        var (code, output, err) = Run("report", A, B, "--format", "poam", "--cci", TestPaths.SharedCci);
        Assert.Equal(ExitCodes.Success, code);
        var lines = CsvTests.ParseCsv(output);
        Assert.Equal("POA&M Item ID", lines[0][0]);
        Assert.True(lines.Count > 1);
        Assert.All(lines.Skip(1), l => Assert.Equal("Ongoing", l[10]));
        Assert.Contains(lines.Skip(1), l => l[13].Contains("Asset_aaaaaaaaaa"));
        Assert.Contains("POA&M items", err);
    }

    [Fact]
    public void CSV_has_a_row_per_rule_of_every_checklist()
    {
        var (code, output, _) = Run("report", A, B, "-f", "csv");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(1 + 30 + 30, CsvTests.ParseCsv(output).Count);
    }

    [Fact]
    public void HTML_is_written_atomically_and_not_overwritten_without_force()
    {
        var dir = TestPaths.NewTempDir();
        var outFile = Path.Combine(dir, "report.html");
        Assert.Equal(ExitCodes.Success, Run("report", A, B, "--cci", TestPaths.SharedCci, "--out", outFile).Code);
        var html = File.ReadAllText(outFile);
        Assert.Contains("Asset_aaaaaaaaaa", html);
        Assert.Contains("Roll-up by NIST SP 800-53 control", html);
        Assert.DoesNotContain("https:", html);

        var (code, _, err) = Run("report", A, "--out", outFile);
        Assert.Equal(ExitCodes.RefusedOverwrite, code);
        Assert.Contains("--force", err);
        Assert.Equal(html, File.ReadAllText(outFile));
        Assert.Equal(ExitCodes.Success, Run("report", A, "--out", outFile, "--force").Code);
        Assert.NotEqual(html, File.ReadAllText(outFile));
    }

    [Fact]
    public void CSV_files_start_with_a_BOM_for_Excel()
    {
        var outFile = Path.Combine(TestPaths.NewTempDir(), "rules.csv");
        Assert.Equal(ExitCodes.Success, Run("report", A, "-f", "csv", "-o", outFile).Code);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(outFile)[..3]);
    }

    [Fact]
    public void A_wrong_CCI_file_or_checklist_is_bad_input()
    {
        var (code, _, err) = Run("report", A, "--cci", TestPaths.Benchmark("U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a DISA CCI list", err);
        Assert.Equal(ExitCodes.BadInput, Run("report", Path.Combine(TestPaths.NewTempDir(), "missing.ckl")).Code);
    }
}
