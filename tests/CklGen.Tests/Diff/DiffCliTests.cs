using System.IO.Compression;
using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Diff;

public class DiffCliTests
{
    static string Ckl(string name) => Path.Combine(TestPaths.SharedChecklists, "ckl", name);
    static string Cklb(string name) => Path.Combine(TestPaths.SharedChecklists, "cklb", name);
    static readonly string Pass = Ckl("Single-Vuln-Pass-With-Comment.ckl");
    static readonly string Fail = Ckl("Single-Vuln-fail-With-Detail.ckl");

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = global::CklGen.Cli.Cli.Run(args, new CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Fail_on_new_open_exits_1_when_a_rule_opens()
    {
        var (code, stdout, err) = Run("diff", Pass, Fail, "--fail-on", "new-open");
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("Newly open", stdout);
        Assert.Contains("--fail-on new-open matched: 1 newly open", err);
    }

    [Fact]
    public void Fail_on_exits_0_when_nothing_matches()
    {
        Assert.Equal(ExitCodes.Success, Run("diff", Pass, Fail).Code);
        Assert.Equal(ExitCodes.Success, Run("diff", Fail, Pass, "--fail-on", "new-open").Code);
        Assert.Equal(ExitCodes.Success, Run("diff", Pass, Pass, "--fail-on", "any-change").Code);
        Assert.Equal(ExitCodes.CheckFailed, Run("diff", Fail, Pass, "--fail-on", "any-change").Code);
        Assert.Equal(ExitCodes.CheckFailed, Run("diff", Fail, Fail, "--fail-on", "open").Code);
        Assert.Equal(ExitCodes.Success, Run("diff", Fail, Pass, "--fail-on", "open").Code);
    }

    [Fact]
    public void Bad_arguments_are_usage_errors()
    {
        var (code, _, err) = Run("diff", Pass, TestPaths.SharedChecklists);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("both be checklist files or both be folders", err);
        Assert.Equal(ExitCodes.Usage, Run("diff", Pass, Fail, "--format", "pdf").Code);
        Assert.Equal(ExitCodes.Usage, Run("diff", Pass, Fail, "--fail-on", "sometimes").Code);
        Assert.Equal(ExitCodes.Usage, Run("diff", Pass).Code);
        Assert.Equal(ExitCodes.Usage, Run("diff", Pass, Fail, "--recursive").Code);
        Assert.Equal(ExitCodes.BadInput, Run("diff", Pass, Path.Combine(TestPaths.NewTempDir(), "missing.ckl")).Code);
    }

    [Fact]
    public void Out_is_written_atomically_and_not_overwritten_without_force()
    {
        var dir = TestPaths.NewTempDir();
        var outFile = Path.Combine(dir, "report.md");
        Assert.Equal(ExitCodes.Success, Run("diff", Pass, Fail, "--format", "markdown", "--out", outFile).Code);
        Assert.StartsWith("# Checklist diff", File.ReadAllText(outFile));

        File.WriteAllText(outFile, "keep me");
        var (code, stdout, err) = Run("diff", Pass, Fail, "--out", outFile);
        Assert.Equal(ExitCodes.RefusedOverwrite, code);
        Assert.Contains("--force", err);
        Assert.Equal("", stdout);
        Assert.Equal("keep me", File.ReadAllText(outFile));

        Assert.Equal(ExitCodes.Success, Run("diff", Pass, Fail, "--format", "csv", "--out", outFile, "--force").Code);
        Assert.StartsWith("host,benchmark_id,", File.ReadAllText(outFile));
        Assert.Single(Directory.GetFiles(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Mixed_ckl_and_cklb_of_one_asset_compare_rule_by_rule()
    {
        var (code, stdout, _) = Run("diff", Ckl("Asset_a-VPN_TRUNCATED-V2R5.ckl"), Cklb("Asset_a-VPN_TRUNCATED-V2R5.cklb"), "--format", "json");
        Assert.Equal(ExitCodes.Success, code);
        var j = JObject.Parse(stdout);
        var stig = j["hosts"]!.Single()["stigs"]!.Single();
        Assert.Equal("both", (string?)stig["presence"]);
        Assert.Equal("VPN_TRUNCATED", (string?)stig["benchmarkId"]);
        Assert.Equal(0, (int)stig["summary"]!["total"]!["added"]! + (int)stig["summary"]!["total"]!["removed"]!);
        Assert.Equal(2, (int)stig["summary"]!["total"]!["openNew"]!);
    }

    [Fact]
    public void Folders_match_hosts_and_recurse_on_request()
    {
        var old = TestPaths.NewTempDir();
        var @new = TestPaths.NewTempDir();
        File.Copy(Ckl("Asset_a-VPN_TRUNCATED-V2R5.ckl"), Path.Combine(old, "a.ckl"));
        File.Copy(Ckl("Asset_b-VPN_TRUNCATED-V2R5.ckl"), Path.Combine(old, "b.ckl"));
        File.Copy(Cklb("Asset_a-VPN_TRUNCATED-V2R5.cklb"), Path.Combine(@new, "a.cklb"));
        Directory.CreateDirectory(Path.Combine(@new, "sub"));
        File.Copy(Cklb("Asset_bbbbbbbbb-VPN_TRUNCATED-V2R5.cklb"), Path.Combine(@new, "sub", "b.cklb"));

        var flat = JObject.Parse(Run("diff", old, @new, "--format", "json").Out);
        Assert.Equal(["Asset_bbbbbbbbb"], flat["hostsOnlyInOld"]!.Values<string>());

        var (code, stdout, _) = Run("diff", old, @new, "--format", "json", "--recursive", "--fail-on", "new-open");
        Assert.Equal(ExitCodes.Success, code);
        var deep = JObject.Parse(stdout);
        Assert.Empty(deep["hostsOnlyInOld"]!);
        Assert.Empty(deep["hostsOnlyInNew"]!);
        Assert.Equal(2, deep["hosts"]!.Count());
        Assert.Equal(4, (int)deep["summary"]!["total"]!["openOld"]!);
        Assert.Equal(4, (int)deep["summary"]!["total"]!["openNew"]!);
        Directory.Delete(old, true);
        Directory.Delete(@new, true);
    }

    [Fact]
    public void Help_lists_the_verbs_with_examples()
    {
        var top = Run("--help");
        Assert.Equal(ExitCodes.Success, top.Code);
        Assert.Contains("diff", top.Out);
        Assert.Contains("benchmarks", top.Out);

        var diff = Run("diff", "--help");
        Assert.Equal(ExitCodes.Success, diff.Code);
        Assert.Contains("--fail-on", diff.Out);
        Assert.Contains("cklgen diff", diff.Out);

        var group = Run("benchmarks", "--help");
        Assert.Equal(ExitCodes.Success, group.Code);
        Assert.Contains("diff", group.Out);
        Assert.Equal(ExitCodes.Usage, Run("benchmarks").Code);

        var sub = Run("benchmarks", "diff", "--help");
        Assert.Equal(ExitCodes.Success, sub.Code);
        Assert.Contains("cklgen benchmarks diff", sub.Out);
    }

    [Fact]
    public void Benchmarks_diff_reports_release_changes()
    {
        var (code, stdout, _) = Run("benchmarks", "diff",
            TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"),
            TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R4_Manual-xccdf.xml"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("MS_Exchange_2016_Mailbox_Server_STIG V2R3 -> MS_Exchange_2016_Mailbox_Server_STIG V2R4", stdout);
        Assert.Contains("V-228391", stdout);

        Assert.Equal(ExitCodes.Usage, Run("benchmarks", "diff", "a.xml", "b.xml", "--format", "csv").Code);
        Assert.Equal(ExitCodes.BadInput, Run("benchmarks", "diff", Path.Combine(TestPaths.NewTempDir(), "none.xml"), "b.xml").Code);
    }

    [Fact]
    public void Benchmarks_diff_reads_a_zip_and_writes_json_to_a_file()
    {
        var dir = TestPaths.NewTempDir();
        var zip = Path.Combine(dir, "U_MS_Exchange_2010_Edge_V1R15.zip");
        using (var z = ZipFile.Open(zip, ZipArchiveMode.Create))
            z.CreateEntryFromFile(TestPaths.Benchmark("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml"), "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml");
        var outFile = Path.Combine(dir, "edge.json");

        var (code, stdout, _) = Run("benchmarks", "diff", TestPaths.Benchmark("U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml"), zip,
            "--format", "json", "--out", outFile);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", stdout);
        var j = JObject.Parse(File.ReadAllText(outFile));
        Assert.Equal("benchmarkDiff", (string?)j["kind"]);
        Assert.Equal(4, (int)j["summary"]!["removed"]!);
        Assert.Equal("V1R15", (string?)j["new"]!["versionLabel"]);
        Assert.Equal(ExitCodes.RefusedOverwrite, Run("benchmarks", "diff", zip, zip, "--out", outFile).Code);
        Directory.Delete(dir, true);
    }
}
