using System.Globalization;
using CklGen.Benchmarks;
using CklGen.Evaluation;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("coverage", HelpText =
    "How much of each benchmark CklGen decides: per benchmark the rules decided from the facts, decided once the site policy gives an EDSP value, " +
    "assisted (Not_Reviewed with evidence) and manual, with each rule and, for every rule not decided, why. Reads only the benchmarks and CklGen's catalog.")]
public sealed class CoverageOptions
{
    [Option("benchmark", HelpText = "XCCDF benchmark files (.xml or DISA .zip); may be repeated.")]
    public IEnumerable<string> Benchmark { get; set; } = [];

    [Option("benchmarks", HelpText = "A folder of benchmarks, searched with its subfolders.")]
    public string? Benchmarks { get; set; }

    [Option("json", HelpText = "Write JSON: per benchmark benchmarkId, release, rules, decided, decidedWithPolicy, assisted, manual and the rule lists.")]
    public bool Json { get; set; }

    [Option("markdown", HelpText = "Write the summary table as Markdown (the README's coverage table is this output).")]
    public bool Markdown { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Coverage of every shared benchmark", new CoverageOptions { Benchmarks = "../shared/benchmarks-xccdf" }),
    ];
}

public static class CoverageCommand
{
    public static int Run(CoverageOptions o, CliContext ctx)
    {
        var benchmarks = new List<Benchmark>();
        foreach (var f in o.Benchmark) benchmarks.AddRange(XccdfReader.ReadAll(f));
        if (o.Benchmarks is not null)
            benchmarks.AddRange(BenchmarkLibrary.LoadAll(o.Benchmarks, p => XccdfReader.ReadAll(p), w => ctx.Error.WriteLine("cklgen: warning: " + w)).Benchmarks);
        if (benchmarks.Count == 0) throw new UsageException("give benchmarks: --benchmark FILE (repeatable) or --benchmarks DIR");
        var ordered = benchmarks
            .GroupBy(b => (b.SourcePath, b.Id, b.VersionLabel)).Select(g => g.First())
            .OrderBy(b => b.Title, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(b => Num(b.Version)).ThenBy(b => Num(b.Release)).ToList();
        var coverage = ordered.Select(b => Coverage.Of(b, RuleCatalog.BuiltIn)).ToList();
        if (o.Json && o.Markdown) throw new UsageException("--json and --markdown: give one of them");
        if (o.Json) ctx.Out.WriteLine(Json(coverage).ToString(Formatting.Indented));
        else if (o.Markdown) ctx.Out.Write(Markdown(coverage));
        else ctx.Out.Write(Text(coverage));
        return ExitCodes.Success;
    }

    static int Num(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static JArray Json(IEnumerable<BenchmarkCoverage> coverage) => new(coverage.Select(c => new JObject
    {
        ["benchmarkId"] = c.Benchmark.Id,
        ["title"] = c.Benchmark.Title,
        ["release"] = c.Benchmark.VersionLabel,
        ["file"] = c.Benchmark.FileName,
        ["rules"] = c.Rules.Count,
        ["decided"] = c.Count(CoverageClass.Decided),
        ["decidedWithPolicy"] = c.Count(CoverageClass.DecidedWithPolicy),
        ["assisted"] = c.Count(CoverageClass.Assisted),
        ["manual"] = c.Count(CoverageClass.Manual),
        ["decidedShare"] = Math.Round(c.DecidedShare, 4),
        ["decidedOrAssistedShare"] = Math.Round(c.DecidedOrAssistedShare, 4),
        ["decidedRules"] = Rules(c, CoverageClass.Decided),
        ["decidedWithPolicyRules"] = Rules(c, CoverageClass.DecidedWithPolicy),
        ["assistedRules"] = Rules(c, CoverageClass.Assisted),
        ["manualRules"] = Rules(c, CoverageClass.Manual),
    }));

    static JArray Rules(BenchmarkCoverage c, CoverageClass cls) => new(c.Rules.Where(r => r.Class == cls).Select(r =>
    {
        var o = new JObject { ["vulnId"] = r.VulnId, ["stigId"] = r.StigId, ["title"] = r.Title };
        if (r.Check is not null) o["check"] = r.Check;
        if (r.Needs.Count > 0) o["policyKeys"] = new JArray(r.Needs);
        if (cls != CoverageClass.Decided && r.Reason is not null) o["reason"] = r.Reason;
        return o;
    }));

    public static string Markdown(IReadOnlyList<BenchmarkCoverage> coverage)
    {
        var w = new StringWriter();
        w.WriteLine("| Benchmark | Release | Rules | Decided | With policy | Assisted | Manual | Decided % | Decided+assisted % |");
        w.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var c in coverage)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Benchmark.Id} | {c.Benchmark.VersionLabel} | {c.Rules.Count} | {c.Count(CoverageClass.Decided)} | {c.Count(CoverageClass.DecidedWithPolicy)} | {c.Count(CoverageClass.Assisted)} | {c.Count(CoverageClass.Manual)} | {Pct(c.DecidedShare)} | {Pct(c.DecidedOrAssistedShare)} |"));
        return w.ToString();
    }

    public static string Text(IReadOnlyList<BenchmarkCoverage> coverage)
    {
        var w = new StringWriter();
        var t = new TextTable("Benchmark", "Release", "Rules", "Decided", "With policy", "Assisted", "Manual", "Decided %", "Decided+assisted %") { MaxCell = 60 };
        foreach (var c in coverage)
            t.Add(c.Benchmark.Id, c.Benchmark.VersionLabel, c.Rules.Count.ToString(CultureInfo.InvariantCulture),
                c.Count(CoverageClass.Decided).ToString(CultureInfo.InvariantCulture), c.Count(CoverageClass.DecidedWithPolicy).ToString(CultureInfo.InvariantCulture),
                c.Count(CoverageClass.Assisted).ToString(CultureInfo.InvariantCulture), c.Count(CoverageClass.Manual).ToString(CultureInfo.InvariantCulture),
                Pct(c.DecidedShare), Pct(c.DecidedOrAssistedShare));
        t.Write(w);
        foreach (var c in coverage)
        {
            w.WriteLine();
            w.WriteLine($"{c.Benchmark.Title} {c.Benchmark.VersionLabel} ({c.Benchmark.FileName})");
            foreach (var cls in new[] { CoverageClass.Decided, CoverageClass.DecidedWithPolicy, CoverageClass.Assisted, CoverageClass.Manual })
            {
                var rules = c.Rules.Where(r => r.Class == cls).ToList();
                if (rules.Count == 0) continue;
                var label = cls switch
                {
                    CoverageClass.Decided => "decided",
                    CoverageClass.DecidedWithPolicy => "decided with site policy",
                    CoverageClass.Assisted => "assisted (Not_Reviewed with evidence)",
                    _ => "manual",
                };
                w.WriteLine($"  {label} ({rules.Count}):");
                if (cls == CoverageClass.Decided) { w.WriteLine("    " + string.Join(", ", rules.Select(r => r.VulnId))); continue; }
                foreach (var r in rules) w.WriteLine($"    {r.VulnId} {r.StigId}: {r.Reason}");
            }
        }
        return w.ToString();
    }
}
