using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Diff;

/// <summary>benchmarks diff --changes-only hides revision-only changes; every format lists the rules to re-review.</summary>
public class ChangesOnlyTests
{
    const string V1R1 = "U_MS_Exchange_2019_Edge_Server_STIG_V1R1_Manual-xccdf.xml";
    const string V2R2 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (Cli.Cli.Run(args, new CliContext(o, e)), o.ToString(), e.ToString());
    }

    [Fact]
    public void Revision_only_changes_are_counted_not_listed_and_the_rules_to_re_review_are_named()
    {
        var (code, all, err) = Run("benchmarks", "diff", TestPaths.Benchmark(V1R1), TestPaths.Benchmark(V2R2), "--format", "json");
        Assert.True(code == 0, err);
        var (code2, only, err2) = Run("benchmarks", "diff", TestPaths.Benchmark(V1R1), TestPaths.Benchmark(V2R2), "--format", "json", "--changes-only");
        Assert.True(code2 == 0, err2);
        var a = JObject.Parse(all);
        var c = JObject.Parse(only);
        var changedAll = (int)a["summary"]!["changed"]!;
        var changedOnly = (int)c["summary"]!["changed"]!;
        var hidden = (int)c["summary"]!["hiddenRevisionOnly"]!;
        Assert.True(changedOnly < changedAll);
        Assert.Equal(changedAll, changedOnly + hidden);
        Assert.Equal(0, (int)a["summary"]!["hiddenRevisionOnly"]!);
        // Every rule still listed changed in more than its revision.
        foreach (var r in (JArray)c["changed"]!)
            Assert.Contains(((JArray)r["changes"]!).Select(x => (string)x!), n => n != "revision");
        // The check-text changes are the re-review list, the same with and without the filter.
        Assert.Equal(a["reReview"]!.ToString(), c["reReview"]!.ToString());
        Assert.Contains("V-259619", c["reReview"]!.Select(x => (string)x!));

        var (_, text, _) = Run("benchmarks", "diff", TestPaths.Benchmark(V1R1), TestPaths.Benchmark(V2R2), "--changes-only");
        Assert.Contains($"{hidden} changed only in their rule id revision, not shown (--changes-only)", text);
        Assert.Contains("Re-review (check text changed", text);
        var (_, md, _) = Run("benchmarks", "diff", TestPaths.Benchmark(V1R1), TestPaths.Benchmark(V2R2), "--format", "markdown");
        Assert.Contains("Re-review (check text changed", md);
    }
}
