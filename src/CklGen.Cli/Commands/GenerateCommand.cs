using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.Generation;
using CklGen.IO;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

public enum OutputFormat { Ckl, Cklb, Both, Xccdf, All }

[Verb("generate", HelpText = "Write one checklist per benchmark: blank (every rule Not_Reviewed), or filled from an Exchange facts snapshot.")]
public sealed class GenerateOptions
{
    [Option('b', "benchmark", HelpText = "DISA XCCDF benchmark (.xml or DISA's .zip). Repeat for several. A bare file name is also looked up in ./benchmarks-xccdf.")]
    public IEnumerable<string> Benchmarks { get; set; } = [];

    [Option("benchmarks", HelpText = "Fleet: folder of benchmarks (.xml, DISA .zip). Each snapshot in the --facts folder is one host; its benchmark is " +
        "picked from its Exchange version and server role (the newest release unless --release), its previous checklist from the --previous folder.")]
    public string? BenchmarkFolder { get; set; }

    [Option("inventory", HelpText = "Fleet: CSV or JSON file listing the hosts (columns host, facts, benchmark, previous; paths relative to the file) " +
        "instead of the folder conventions. Rows without a benchmark get one picked from --benchmarks.")]
    public string? Inventory { get; set; }

    [Option("release", HelpText = "Fleet: use this release (e.g. V2R6) of each host's benchmark instead of the newest in --benchmarks.")]
    public string? Release { get; set; }

    [Option("jobs", HelpText = "Fleet: hosts evaluated at once (default: the number of processor cores).")]
    public int? Jobs { get; set; }

    [Option('o', "out", Required = true, HelpText = "Folder to write the checklists into (created if missing).")]
    public string Out { get; set; } = "";

    [Option('f', "format", Default = OutputFormat.Ckl, HelpText = "ckl (STIG Viewer 2, eMASS), cklb (STIG Viewer 3), both, xccdf (XCCDF 1.2 results of the rules CklGen decided, " +
        "which STIG Manager records with CklGen as the product; written as NAME.xccdf.xml) or all three.")]
    public OutputFormat Format { get; set; }

    [Option("host", HelpText = "Host name for the checklist (default: the one the facts name). Required without --facts: importers refuse checklists that name no host.")]
    public string? Host { get; set; }

    [Option("facts", HelpText = "Facts snapshot (JSON file) or folder of per-command exports: decides the automated rules and fills host name, FQDN, IP and MAC. " +
        "With --benchmarks: a folder holding one snapshot per host (JSON files, or subfolders of exports).")]
    public string? Facts { get; set; }

    [Option("policy", HelpText = "Site policy (JSON): organization-defined values from the EDSP, internet-facing connectors, deviations. See templates/site-policy.json.")]
    public string? Policy { get; set; }

    [Option("previous", HelpText = "Last quarter's checklist of this server (CKL or CKLB, any release of the same STIG): carries its answers " +
        "(status, comments, finding details, severity override) into rules the automation did not decide, and its host fields where the new " +
        "checklist has none. Where DISA changed a rule's check text since, the status goes back to Not_Reviewed with a note. Answers to rules " +
        "the new benchmark dropped are written to <checklist>.orphaned-answers.json beside the output. " +
        "With --benchmarks: the folder of last quarter's checklists, matched to each host by host name and STIG.")]
    public string? Previous { get; set; }

    [Option("answers", HelpText = "Answer file (JSON, see templates/answers.json): site-wide answers by rule, optionally only when the automated " +
        "result is a given status, only on some hosts, only for one benchmark. Applied after --previous and wins over it. Repeat for several; " +
        "for each rule the first entry that applies wins.")]
    public IEnumerable<string> Answers { get; set; } = [];

    [Option("allow-mismatch", HelpText = CommandSupport.AllowMismatchHelp +
        " Also carries a --previous checklist of another host (its carried rules say so).")]
    public bool AllowMismatch { get; set; }

    [Option("force", HelpText = "Overwrite existing checklists (and orphaned-answers files).")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

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
        new("The whole fleet: each snapshot of facts/ gets its benchmark and last quarter's answers", new GenerateOptions { BenchmarkFolder = "benchmarks-xccdf", Facts = "facts", Previous = "last-quarter", Out = "out", Format = OutputFormat.Both }),
        new("This quarter's checklist, keeping last quarter's answers", new GenerateOptions { Benchmarks = ["U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"], Out = "out", Facts = "EXEDGE01-facts.json", Previous = "EXEDGE01_MS_Exchange_2019_Edge_Server_STIG_V2R1.ckl", Answers = ["answers.json"] }),
    ];
}

public static class GenerateCommand
{
    public static int Run(GenerateOptions o, CliContext ctx)
    {
        if (o.BenchmarkFolder is not null || o.Inventory is not null) return GenerateFleet.Run(o, ctx);
        if (o.Jobs is not null || o.Release is not null)
            throw new UsageException($"{(o.Jobs is not null ? "--jobs" : "--release")} is for a fleet: give --benchmarks DIR (or --inventory FILE) with a --facts folder");
        if (!o.Benchmarks.Any())
            throw new UsageException("no benchmark: give --benchmark FILE for one host, or --benchmarks DIR with a --facts folder for a fleet");
        var time = CommandSupport.ParseTime(o.Time);
        var benchmarkPaths = o.Benchmarks.Select(CommandSupport.ResolveBenchmark).ToList();
        var facts = o.Facts is null ? null : FactsReader.Read(o.Facts);
        var policy = o.Policy is null ? null : SitePolicy.Load(o.Policy);
        var previous = o.Previous is null ? null : ChecklistFile.Read(o.Previous);
        // STIG Manager, eMASS and CklGen's own reader refuse a checklist that names no host.
        if (HostGeneration.HostName(o.Host, facts, previous) is null)
            throw new UsageException(facts is null
                ? "no host name: give --host NAME (or --facts or --previous, whose host name is used)"
                : $"no host name: {o.Facts} does not name the host; give --host NAME");
        var answerFiles = o.Answers.Select(AnswerFile.Load).ToList();
        var evaluator = new Evaluator(RuleCatalog.BuiltIn, policy) { AllowMismatch = o.AllowMismatch };

        var benchmarks = new List<Benchmark>();
        foreach (var path in benchmarkPaths)
        {
            // progress goes to stderr so stdout stays clean for --json
            if (benchmarkPaths.Count > 1) ctx.Error.WriteLine($"[{benchmarks.Count + 1}/{benchmarkPaths.Count}] {Path.GetFileName(path)}");
            benchmarks.AddRange(XccdfReader.ReadAll(path)); // a DISA zip holding several benchmarks gives a checklist for each
        }
        var plan = HostGeneration.Plan(new HostRequest
        {
            Benchmarks = benchmarks, Facts = facts, Host = o.Host, Previous = previous, PreviousPath = o.Previous, Answers = answerFiles,
            Formats = CommandSupport.Formats(o.Format).ToList(), OutDir = o.Out, UuidSeed = o.UuidSeed, Time = time,
        }, evaluator);
        HostGeneration.Write(plan, new OutputOptions(o.Force, o.FollowSymlinks));
        var planned = plan.Checklists;
        foreach (var w in plan.Warnings) ctx.Error.WriteLine("warning: " + w);

        ReportToStderr(planned, previous, plan.UnmatchedPrevious, o, ctx);

        if (o.Json)
        {
            var summary = new JObject
            {
                ["checklists"] = new JArray(planned.Select(ChecklistJson)),
                ["carryForward"] = previous is null ? null : new JObject
                {
                    ["previous"] = Path.GetFullPath(o.Previous!),
                    ["counts"] = Totals(planned.Select(p => (JObject)p.Carry!.ToJson()["counts"]!)),
                    ["unmatchedPreviousStigs"] = new JArray(plan.UnmatchedPrevious.Select(u => new JObject
                    {
                        ["stigId"] = u.StigId, ["title"] = u.Title, ["version"] = u.Version, ["answeredRules"] = u.AnsweredRules,
                    })),
                    ["orphanedFiles"] = new JArray(planned.Where(p => p.OrphanPath is not null).Select(p => Path.GetFullPath(p.OrphanPath!))),
                },
                ["answers"] = answerFiles.Count == 0 ? null : new JObject
                {
                    ["files"] = new JArray(answerFiles.Select(f => Path.GetFullPath(f.SourcePath))),
                    ["counts"] = Totals(planned.Select(p => (JObject)p.Answers!.ToJson()["counts"]!)),
                },
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
                if (p.OrphanPath is not null) ctx.Out.WriteLine(p.OrphanPath);
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>One checklist in the --json summary.</summary>
    internal static JObject ChecklistJson(PlannedChecklist p) => new()
    {
        ["paths"] = new JArray(p.Paths.Select(Path.GetFullPath)),
        ["host"] = p.Checklist.Asset.HostName,
        ["benchmarkId"] = p.Benchmark.Id,
        ["benchmarkVersion"] = p.Benchmark.VersionLabel,
        ["releaseInfo"] = p.Benchmark.ReleaseInfo,
        ["ruleCount"] = p.Checklist.Stigs.Sum(s => s.Rules.Count),
        ["automatedCount"] = p.Automated,
        ["statusCounts"] = CommandSupport.StatusCounts(p.Checklist.AllRules().Select(r => r.Rule.Status)),
        ["xccdfResults"] = p.Paths.Any(x => HostGeneration.FormatOfOutput(x) == ChecklistFormat.Xccdf)
            ? CommandSupport.XccdfResultCounts(p.Checklist.AllRules().Select(r => r.Rule)) : null,
        ["carryForward"] = p.Carry is null ? null : WithOrphanFile(p.Carry.ToJson(), p.OrphanPath),
        ["answers"] = p.Answers?.ToJson(),
    };

    static void ReportToStderr(IReadOnlyList<PlannedChecklist> planned, Checklist? previous, IReadOnlyList<PreviousStig> unmatchedPrevious, GenerateOptions o, CliContext ctx)
    {
        foreach (var p in planned)
        {
            var label = $"{p.Benchmark.Id} {p.Benchmark.VersionLabel}";
            if (p.Carry is { } c)
            {
                if (c.MatchedStigs.Count == 0)
                    ctx.Error.WriteLine($"carry-forward into {label}: {o.Previous} has no STIG for this benchmark; nothing carried");
                else
                {
                    var m = c.MatchedStigs[0];
                    ctx.Error.WriteLine($"carry-forward from {o.Previous} ({m.PreviousStigId} {m.PreviousVersion}, matched by {m.How}) into {label}: {c.Summary()}");
                }
                foreach (var r in c.ResetRevised)
                    ctx.Error.WriteLine($"  reset {r.VulnId}: was {r.PreviousStatus.ToCkl()}; the check text changed ({r.PreviousRuleId} -> {r.RuleId})");
                foreach (var a in c.Orphaned)
                    ctx.Error.WriteLine($"  orphaned {a.VulnId} ({a.StigId}): {a.Status.ToCkl()}; no such rule in {label}");
                if (p.OrphanPath is not null) ctx.Error.WriteLine($"  orphaned answers written to {p.OrphanPath}");
            }
            if (p.Answers is { } a2)
            {
                ctx.Error.WriteLine($"answers into {label}: {a2.Applied.Count} applied ({a2.Applied.Count(x => x.OverrodeAutomated)} overriding an automated result), " +
                                    $"{a2.WhenNotMet} not applied (\"when\" not met), {a2.NotForThisHost} for other hosts");
                foreach (var w in a2.Warnings) ctx.Error.WriteLine("  warning: " + w);
            }
        }
        if (previous is not null)
            foreach (var u in unmatchedPrevious)
                ctx.Error.WriteLine($"carry-forward: STIG {u.StigId} {u.Version} of {o.Previous} matched no benchmark given; its {u.AnsweredRules} answered rule(s) were not carried");
    }

    static JObject WithOrphanFile(JObject carry, string? orphanPath)
    {
        carry["orphanedFile"] = orphanPath is null ? null : Path.GetFullPath(orphanPath);
        return carry;
    }

    static JObject Totals(IEnumerable<JObject> counts)
    {
        var total = new JObject();
        foreach (var c in counts)
            foreach (var prop in c.Properties())
                total[prop.Name] = (total.Value<int?>(prop.Name) ?? 0) + prop.Value.Value<int>();
        return total;
    }
}
