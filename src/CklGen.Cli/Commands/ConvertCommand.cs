using CklGen.Checklists;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("convert", HelpText = "Convert a checklist between CKL (STIG Viewer 2, eMASS) and CKLB (STIG Viewer 3), keeping every review; " +
    "or write the results CklGen decided as XCCDF 1.2 results for STIG Manager.")]
public sealed class ConvertOptions
{
    [Value(0, MetaName = "IN", Required = true, HelpText = "Checklist to read (.ckl or .cklb; the format is detected from the content).")]
    public string In { get; set; } = "";

    [Option("to", Required = true, HelpText = "Format to write: ckl, cklb or xccdf. xccdf writes one STIG as XCCDF 1.2 results naming " +
        "CklGen as the test system (cpe:/a:cklgen:cklgen:VERSION): STIG Manager records result engine product \"cklgen\" and that version " +
        "for every result in the file. So only rules CklGen decided keep their result, finding details and comments; every other rule, " +
        "including any a person reviewed, is written notchecked and empty (STIG Manager's \"unreviewed\" import option decides whether " +
        "those are imported). Import the CKL/CKLB for manual reviews.")]
    public ChecklistFormat To { get; set; }

    [Option("stig", HelpText = "Write only this STIG (benchmark id, e.g. MS_Exchange_2019_Mailbox_Server_STIG) of a checklist that holds several; " +
        "xccdf holds one STIG.")]
    public string? Stig { get; set; }

    [Option('o', "out", Required = true, HelpText = "File to write.")]
    public string Out { get; set; } = "";

    [Option("force", HelpText = "Overwrite OUT if it exists.")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

    [Option("json", HelpText = "Print a machine-readable summary on stdout.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("CKL to CKLB", new ConvertOptions { In = "EXMBX01.ckl", To = ChecklistFormat.Cklb, Out = "EXMBX01.cklb" }),
        new("CklGen's results as XCCDF for STIG Manager", new ConvertOptions { In = "EXMBX01.ckl", To = ChecklistFormat.Xccdf, Out = "EXMBX01-xccdf.xml" }),
    ];
}

public static class ConvertCommand
{
    public static int Run(ConvertOptions o, CliContext ctx)
    {
        var from = ChecklistFile.Detect(o.In);
        var checklist = ChecklistFile.Read(o.In);
        if (Path.GetFullPath(o.In) == Path.GetFullPath(o.Out))
            throw new UsageException("IN and --out are the same file; write to another file");
        IO.AtomicFile.CheckTarget(o.Out, new IO.OutputOptions(o.Force, o.FollowSymlinks));
        if (o.Stig is not null)
        {
            var stig = checklist.Stigs.FirstOrDefault(s => string.Equals(s.StigId, o.Stig, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--stig {o.Stig}: {o.In} holds no such STIG (it holds {StigList(checklist)})");
            checklist.Stigs = [stig];
        }
        if (o.To == ChecklistFormat.Xccdf && checklist.Stigs.Count > 1)
            throw new UsageException($"{o.In} holds {checklist.Stigs.Count} STIGs ({StigList(checklist)}) and an XCCDF results file holds one: pick it with --stig");
        ChecklistFile.Write(checklist, o.Out, o.To, new IO.OutputOptions(o.Force, o.FollowSymlinks));
        var rules = checklist.AllRules().Select(r => r.Rule).ToList();
        var xccdf = o.To == ChecklistFormat.Xccdf;
        var dropped = xccdf ? rules.Count(r => !XccdfResultsWriter.DecidedByCklGen(r) && HasReview(r)) : 0;
        if (dropped > 0)
            ctx.Error.WriteLine($"cklgen: note: {dropped} rule(s) hold a review CklGen did not make; the XCCDF file has them notchecked and empty (import the checklist for them)");
        if (o.Json)
        {
            var summary = new JObject
            {
                ["in"] = Path.GetFullPath(o.In),
                ["from"] = from.ToString().ToLowerInvariant(),
                ["out"] = Path.GetFullPath(o.Out),
                ["to"] = o.To.ToString().ToLowerInvariant(),
                ["host"] = checklist.Asset.HostName,
                ["benchmarkIds"] = new JArray(checklist.Stigs.Select(s => s.StigId)),
                ["ruleCount"] = rules.Count,
                ["statusCounts"] = CommandSupport.StatusCounts(rules.Select(r => r.Status)),
            };
            if (xccdf) summary["xccdfResults"] = CommandSupport.XccdfResultCounts(rules);
            ctx.Out.WriteLine(summary.ToString(Formatting.Indented));
        }
        else
            ctx.Out.WriteLine($"{o.Out}: {from.ToString().ToUpperInvariant()} -> {o.To.ToString().ToUpperInvariant()}, {checklist.Stigs.Count} STIG(s), {rules.Count} rules" +
                (xccdf ? $", {rules.Count(XccdfResultsWriter.DecidedByCklGen)} decided by CklGen" : ""));
        return ExitCodes.Success;
    }

    static string StigList(Checklist c) => string.Join(", ", c.Stigs.Select(s => s.StigId));

    static bool HasReview(ChecklistRule r) =>
        r.Status != ChecklistStatus.NotReviewed || !string.IsNullOrWhiteSpace(r.FindingDetails) || !string.IsNullOrWhiteSpace(r.Comments);
}
