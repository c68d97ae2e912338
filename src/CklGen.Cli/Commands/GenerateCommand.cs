using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.IO;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

public enum OutputFormat { Ckl, Cklb, Both }

[Verb("generate", HelpText = "Write one checklist per benchmark: blank (every rule Not_Reviewed), or filled from an Exchange facts snapshot.")]
public sealed class GenerateOptions
{
    [Option('b', "benchmark", Required = true, HelpText = "DISA XCCDF benchmark (.xml or DISA's .zip). Repeat for several. A bare file name is also looked up in ./benchmarks-xccdf.")]
    public IEnumerable<string> Benchmarks { get; set; } = [];

    [Option('o', "out", Required = true, HelpText = "Folder to write the checklists into (created if missing).")]
    public string Out { get; set; } = "";

    [Option('f', "format", Default = OutputFormat.Ckl, HelpText = "ckl (STIG Viewer 2, eMASS), cklb (STIG Viewer 3) or both.")]
    public OutputFormat Format { get; set; }

    [Option("host", HelpText = "Host name for the checklist (default: from the facts, else blank).")]
    public string? Host { get; set; }

    [Option("facts", HelpText = "Facts snapshot (JSON file) or folder of per-command exports: decides the automated rules and fills host name, FQDN, IP and MAC.")]
    public string? Facts { get; set; }

    [Option("policy", HelpText = "Site policy (JSON): organization-defined values from the EDSP, internet-facing connectors, deviations. See templates/site-policy.json.")]
    public string? Policy { get; set; }

    [Option("force", HelpText = "Overwrite existing checklists.")]
    public bool Force { get; set; }

    [Option("json", HelpText = "Print a machine-readable summary (paths, benchmark ids, rule and status counts) on stdout.")]
    public bool Json { get; set; }

    [Option("uuid-seed", HelpText = "Derive checklist uuids from this seed instead of random ones (reproducible output).")]
    public int? UuidSeed { get; set; }

    [Option("time", HelpText = "Timestamp written into the checklist (ISO 8601) instead of now (reproducible output).")]
    public string? Time { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Blank checklist in both formats", new GenerateOptions { Benchmarks = ["U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"], Out = "out", Format = OutputFormat.Both, Host = "EXEDGE01" }),
        new("Checklist filled from collected facts", new GenerateOptions { Benchmarks = ["U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"], Out = "out", Facts = "EXEDGE01-facts.json", Policy = "site-policy.json" }),
    ];
}

public static class GenerateCommand
{
    public static int Run(GenerateOptions o, CliContext ctx)
    {
        var time = CommandSupport.ParseTime(o.Time);
        var benchmarkPaths = o.Benchmarks.Select(CommandSupport.ResolveBenchmark).ToList();
        var facts = o.Facts is null ? null : FactsReader.Read(o.Facts);
        var policy = o.Policy is null ? null : SitePolicy.Load(o.Policy);
        var host = o.Host ?? facts?.Host.Name;
        var evaluator = new Evaluator(RuleCatalog.BuiltIn, policy);

        var planned = new List<(Checklist Checklist, Benchmark Benchmark, List<string> Paths, int Automated)>();
        var n = 0;
        foreach (var path in benchmarkPaths)
        {
            n++; // progress goes to stderr so stdout stays clean for --json
            if (benchmarkPaths.Count > 1) ctx.Error.WriteLine($"[{n}/{benchmarkPaths.Count}] {Path.GetFileName(path)}");
            var benchmark = XccdfReader.Read(path);
            var checklist = ChecklistFactory.Blank([benchmark], CommandSupport.FactoryOptions(host, o.UuidSeed, time, n));
            var automated = 0;
            if (facts is not null)
            {
                ChecklistFiller.ApplyHost(checklist.Asset, facts);
                if (o.Host is not null) checklist.Asset.HostName = o.Host;
                var results = evaluator.Evaluate(benchmark, facts);
                automated = ChecklistFiller.Apply(checklist.Stigs[0], results, time);
                if (automated > 0) checklist.ResultEngine = ChecklistFiller.Engine(time);
            }
            var paths = CommandSupport.Formats(o.Format)
                .Select(f => Path.Combine(o.Out, ChecklistNaming.FileName(checklist.Asset.HostName ?? "", benchmark, f == ChecklistFormat.Ckl ? "ckl" : "cklb")))
                .ToList();
            planned.Add((checklist, benchmark, paths, automated));
        }

        // Refuse before writing anything, so a refusal leaves no half-written set behind.
        var all = planned.SelectMany(p => p.Paths).ToList();
        var dup = all.GroupBy(p => Path.GetFullPath(p)).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new UsageException($"two benchmarks would be written to the same file {dup.Key}; give them separately");
        AtomicFile.EnsureWritable(all, o.Force);

        var cklbWriter = CommandSupport.CklbWriterFor(o.UuidSeed, time);
        foreach (var (checklist, _, paths, _) in planned)
            foreach (var p in paths)
                ChecklistFile.Write(checklist, p, p.EndsWith(".cklb", StringComparison.OrdinalIgnoreCase) ? ChecklistFormat.Cklb : ChecklistFormat.Ckl, o.Force, cklbWriter);

        if (o.Json)
        {
            var summary = new JObject
            {
                ["checklists"] = new JArray(planned.Select(p => new JObject
                {
                    ["paths"] = new JArray(p.Paths.Select(Path.GetFullPath)),
                    ["host"] = p.Checklist.Asset.HostName,
                    ["benchmarkId"] = p.Benchmark.Id,
                    ["benchmarkVersion"] = p.Benchmark.VersionLabel,
                    ["releaseInfo"] = p.Benchmark.ReleaseInfo,
                    ["ruleCount"] = p.Checklist.Stigs.Sum(s => s.Rules.Count),
                    ["automatedCount"] = p.Automated,
                    ["statusCounts"] = CommandSupport.StatusCounts(p.Checklist.AllRules().Select(r => r.Rule.Status)),
                })),
            };
            ctx.Out.WriteLine(summary.ToString(Formatting.Indented));
        }
        else
        {
            foreach (var p in planned)
            {
                var counts = CommandSupport.StatusCounts(p.Checklist.AllRules().Select(r => r.Rule.Status));
                foreach (var path in p.Paths) ctx.Out.WriteLine(path);
                ctx.Out.WriteLine($"  {p.Benchmark.Title} {p.Benchmark.VersionLabel}: {p.Checklist.Stigs.Sum(s => s.Rules.Count)} rules; " +
                                  string.Join(", ", counts.Properties().Select(c => $"{c.Name} {c.Value}")));
            }
        }
        return ExitCodes.Success;
    }
}
