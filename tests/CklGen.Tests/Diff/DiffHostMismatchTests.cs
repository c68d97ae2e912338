using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Diff;

/// <summary>diff of two checklists of different hosts warns on stderr and in the report, whatever the format.</summary>
public class DiffHostMismatchTests
{
    const string Mb16 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = global::CklGen.Cli.Cli.Run(args, new CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    static string Checklist(string host)
    {
        var dir = TestPaths.NewTempDir();
        var (code, _, err) = Run("generate", "--benchmark", TestPaths.Benchmark(Mb16), "--host", host, "--out", dir, "--uuid-seed", "1", "--time", "2026-11-01T00:00:00Z");
        Assert.True(code == 0, err);
        return Directory.GetFiles(dir, "*.ckl").Single();
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("json")]
    [InlineData("html")]
    public void Different_hosts_are_warned_on_stderr_and_in_the_report(string format)
    {
        var a = Checklist("EXMBX16");
        var b = Checklist("EXMBX99");
        var (code, stdout, err) = Run("diff", a, b, "--format", format);
        Assert.Equal(ExitCodes.Success, code);
        var line = Assert.Single(err.Split('\n'), l => l.StartsWith("cklgen: warning: the checklists name different hosts"));
        Assert.Contains("EXMBX16", line);
        Assert.Contains("EXMBX99", line);
        Assert.Contains(Path.GetFileName(a), line);
        if (format == "json")
            Assert.Contains(JObject.Parse(stdout)["warnings"]!, w => ((string)w!).Contains("different hosts: EXMBX16") && ((string)w!).Contains("EXMBX99"));
        else
            Assert.Contains("different hosts: EXMBX16", stdout);

        // Written to a file, the report holds it too, and stderr still says it.
        if (format == "csv") return;
        var outFile = Path.Combine(TestPaths.NewTempDir(), "diff." + format);
        var toFile = Run("diff", a, b, "--format", format, "--out", outFile);
        Assert.Equal(ExitCodes.Success, toFile.Code);
        Assert.Contains("different hosts", toFile.Err);
        Assert.Contains("different hosts", File.ReadAllText(outFile));
    }

    [Theory]
    [InlineData("EXMBX16", "EXMBX16")]
    [InlineData("EXMBX16", "exmbx16")]
    [InlineData("EXMBX16", "exmbx16.corp.example.mil")]
    public void The_same_host_is_not_warned(string oldHost, string newHost)
    {
        var (code, stdout, err) = Run("diff", Checklist(oldHost), Checklist(newHost), "--format", "json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("different hosts", err);
        Assert.Empty((JArray)JObject.Parse(stdout)["warnings"]!);
    }
}
