using CklGen.Checklists;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("convert", HelpText = "Convert a checklist between CKL (STIG Viewer 2, eMASS) and CKLB (STIG Viewer 3), keeping every review.")]
public sealed class ConvertOptions
{
    [Value(0, MetaName = "IN", Required = true, HelpText = "Checklist to read (.ckl or .cklb; the format is detected from the content).")]
    public string In { get; set; } = "";

    [Option("to", Required = true, HelpText = "Format to write: ckl or cklb.")]
    public ChecklistFormat To { get; set; }

    [Option('o', "out", Required = true, HelpText = "File to write.")]
    public string Out { get; set; } = "";

    [Option("force", HelpText = "Overwrite OUT if it exists.")]
    public bool Force { get; set; }

    [Option("json", HelpText = "Print a machine-readable summary on stdout.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("CKL to CKLB", new ConvertOptions { In = "EXMBX01.ckl", To = ChecklistFormat.Cklb, Out = "EXMBX01.cklb" }),
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
        ChecklistFile.Write(checklist, o.Out, o.To, o.Force);
        var rules = checklist.AllRules().Select(r => r.Rule).ToList();
        if (o.Json)
        {
            ctx.Out.WriteLine(new JObject
            {
                ["in"] = Path.GetFullPath(o.In),
                ["from"] = from.ToString().ToLowerInvariant(),
                ["out"] = Path.GetFullPath(o.Out),
                ["to"] = o.To.ToString().ToLowerInvariant(),
                ["host"] = checklist.Asset.HostName,
                ["benchmarkIds"] = new JArray(checklist.Stigs.Select(s => s.StigId)),
                ["ruleCount"] = rules.Count,
                ["statusCounts"] = CommandSupport.StatusCounts(rules.Select(r => r.Status)),
            }.ToString(Formatting.Indented));
        }
        else
            ctx.Out.WriteLine($"{o.Out}: {from.ToString().ToUpperInvariant()} -> {o.To.ToString().ToUpperInvariant()}, {checklist.Stigs.Count} STIG(s), {rules.Count} rules");
        return ExitCodes.Success;
    }
}
