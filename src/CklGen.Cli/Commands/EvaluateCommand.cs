using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("evaluate", HelpText = "Evaluate a benchmark's rules against an Exchange facts snapshot and print the results (no checklist is written).")]
public sealed class EvaluateOptions
{
    [Option('b', "benchmark", Required = true, HelpText = "DISA XCCDF benchmark (.xml or DISA's .zip).")]
    public string Benchmark { get; set; } = "";

    [Option("facts", Required = true, HelpText = "Facts snapshot (JSON file) or folder of per-command exports.")]
    public string Facts { get; set; } = "";

    [Option("policy", HelpText = "Site policy (JSON) with the EDSP's organization-defined values. See templates/site-policy.json.")]
    public string? Policy { get; set; }

    [Option("allow-mismatch", HelpText = CommandSupport.AllowMismatchHelp)]
    public bool AllowMismatch { get; set; }

    [Option("rule", HelpText = "Only these rules (V-id, SV-id, STIG id or legacy id; comma separated).", Separator = ',')]
    public IEnumerable<string> Rules { get; set; } = [];

    [Option("all", HelpText = "List every rule, not only the automated ones (table output).")]
    public bool All { get; set; }

    [Option("json", HelpText = "Print one JSON object per rule: vulnId, ruleId, stigId, status, findingDetails, comments.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Table of the automated rules", new EvaluateOptions { Benchmark = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", Facts = "EXMBX01-facts.json" }),
        new("One rule, as JSON", new EvaluateOptions { Benchmark = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", Facts = "EXMBX01-facts.json", Rules = ["V-228409"], Json = true }),
    ];
}

public static class EvaluateCommand
{
    public static int Run(EvaluateOptions o, CliContext ctx)
    {
        var benchmark = XccdfReader.Read(CommandSupport.ResolveBenchmark(o.Benchmark));
        var facts = FactsReader.Read(o.Facts);
        var policy = o.Policy is null ? null : SitePolicy.Load(o.Policy);
        var rules = benchmark.Rules.AsEnumerable();
        var wanted = o.Rules.Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        if (wanted.Count > 0)
        {
            foreach (var id in wanted)
                if (benchmark.FindRule(id) is null) throw new InputException(o.Benchmark, $"has no rule {id}");
            rules = rules.Where(r => wanted.Any(r.Matches));
        }
        var evaluator = new Evaluator(RuleCatalog.BuiltIn, policy) { AllowMismatch = o.AllowMismatch };
        // The whole benchmark, so that facts for another product or role are refused (or, allowed, said in every
        // rule) as generate does; then only the rules asked for.
        var selected = rules.Select(r => r.VulnId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var results = evaluator.Evaluate(benchmark, facts).Where(r => selected.Contains(r.VulnId)).ToList();
        var fit = Applicability.Of(benchmark, facts);
        var warnings = new List<string>();
        if (fit.Mismatch is not null) warnings.Add($"evaluated anyway (--allow-mismatch): {fit.Mismatch}; every automated rule's details say so");
        warnings.AddRange(fit.Unconfirmed.Select(u => $"{u} Every automated rule's details say so."));
        warnings.AddRange(results.SelectMany(r => r.Warnings));
        foreach (var w in warnings.Distinct(StringComparer.Ordinal)) ctx.Error.WriteLine("warning: " + w);

        if (o.Json)
        {
            var arr = new JArray(results.Select(r => new JObject
            {
                ["vulnId"] = r.VulnId,
                ["ruleId"] = r.RuleId,
                ["stigId"] = r.StigId,
                ["status"] = r.Status.ToCkl(),
                ["findingDetails"] = r.FindingDetails,
                ["comments"] = r.Comments,
                ["automated"] = r.Automated,
            }));
            ctx.Out.WriteLine(arr.ToString(Formatting.Indented));
            return ExitCodes.Success;
        }

        var shown = o.All || wanted.Count > 0 ? results : results.Where(r => r.Automated).ToList();
        ctx.Out.WriteLine($"{benchmark.Title} {benchmark.VersionLabel} — host {facts.Host.Name ?? "(unnamed)"}");
        var table = new TextTable("Rule", "STIG ID", "Status", "Summary");
        foreach (var r in shown)
            table.Add(r.VulnId, r.StigId, r.Status.ToCkl(), FirstLine(r.FindingDetails));
        table.Write(ctx.Out);
        var counts = CommandSupport.StatusCounts(results.Select(r => r.Status));
        ctx.Out.WriteLine();
        ctx.Out.WriteLine($"{results.Count(r => r.Automated)} of {results.Count} rules automated; " +
                          string.Join(", ", counts.Properties().Select(c => $"{c.Name} {c.Value}")));
        return ExitCodes.Success;
    }

    static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length == 0 ? "(manual review)" : line;
    }
}
