using CklGen.Checklists;
using CklGen.IO;
using CklGen.Reports;
using CommandLine;
using CommandLine.Text;

namespace CklGen.Cli.Commands;

public enum ReportFormat { Html, Csv, Poam }

[Verb("report", HelpText =
    "Report on checklists for an ISSO: counts per host and STIG by status and CAT, open findings with their evidence, " +
    "and a roll-up by NIST SP 800-53 control. Writes to stdout unless --out is given. Exit 0 when written, 3 when a file cannot be read.")]
public sealed class ReportOptions
{
    [Value(0, MetaName = "CHECKLIST", Min = 1, HelpText = "CKL or CKLB files, or folders holding them.")]
    public IEnumerable<string> Checklists { get; set; } = [];

    [Option('f', "format", Default = ReportFormat.Html, HelpText =
        "html: one self-contained page (no network access, works offline). " +
        "csv: one row per rule per host. " +
        "poam: the eMASS POA&M import workbook when --out ends in .xlsx (one row per open rule merged across hosts, " +
        "with the evidence per host, severity and NIST control); CSV in eMASS's older column layout otherwise (stdout or a .csv name). " +
        "Dates, milestones, office and risk analysis are left for you to fill in.")]
    public ReportFormat Format { get; set; }

    [Option("cci", HelpText = "DISA's U_CCI_List.xml (or its .zip) to map CCIs to NIST SP 800-53 controls; without it rules roll up by CCI.")]
    public string? Cci { get; set; }

    [Option('o', "out", HelpText = "File to write (CSV and POA&M files get a UTF-8 BOM so Excel reads them right).")]
    public string? Out { get; set; }

    [Option("force", HelpText = "Overwrite --out if it exists.")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

    [Option("library", HelpText = "With --format html: every rule id links to the rule's stable page in the STIG library ('cklgen library build'): " +
        "its folder (relative links when the folder is given relatively, taken from --out's folder when --out is given; file:/// links when absolute) " +
        "or the web address it is served at (absolute links).")]
    public string? Library { get; set; }

    [Option("fail-on", HelpText = "Exit with 1, saying why, when: cat1-open (a CAT I rule is open), open (any rule is open), " +
        "not-reviewed-over:N% (more than N percent of the rules are Not_Reviewed). Several may be given, comma-separated. " +
        "CATs honor severity overrides. The report is written either way.")]
    public string? FailOn { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("An offline HTML report of a quarter's checklists, NIST controls from DISA's CCI list", new ReportOptions { Checklists = ["checklists"], Cci = "U_CCI_List.xml", Out = "report.html" }),
        new("The eMASS POA&M import workbook", new ReportOptions { Checklists = ["checklists"], Format = ReportFormat.Poam, Out = "poam.xlsx" }),
        new("Fail a pipeline when a CAT I rule is open", new ReportOptions { Checklists = ["checklists"], Format = ReportFormat.Csv, Out = "report.csv", FailOn = "cat1-open" }),
    ];
}

public static class ReportCommand
{
    public static int Run(ReportOptions o, CliContext ctx) => Run(o, ctx, DateTimeOffset.UtcNow);

    public static int Run(ReportOptions o, CliContext ctx, DateTimeOffset now)
    {
        IReadOnlyList<ReportGate> gates = [];
        if (o.FailOn is not null)
        {
            try { gates = ReportGate.ParseList(o.FailOn); }
            catch (FormatException e) { throw new UsageException(e.Message); }
        }
        var workbook = o.Format == ReportFormat.Poam && o.Out is not null && o.Out.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (o.Format == ReportFormat.Poam && o.Out is not null && !workbook && !o.Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--format poam writes an eMASS workbook to a .xlsx file or CSV to a .csv file; got --out {o.Out}");
        if (o.Library is not null && o.Format != ReportFormat.Html)
            throw new UsageException("--library links rules into the STIG library in the HTML report; it needs --format html");
        if (o.Out is not null) AtomicFile.CheckTarget(o.Out, new OutputOptions(o.Force, o.FollowSymlinks));
        var files = ExpandInputs(o.Checklists);
        var sources = files.Select(f => new ReportSource(f, ChecklistFile.Read(f))).ToList();
        var cci = o.Cci is null ? null : CciList.Load(o.Cci);
        var report = Report.Build(sources, cci, now);
        foreach (var d in report.Duplicates) ctx.Error.WriteLine("cklgen: note: " + d);
        if (workbook)
            AtomicFile.Write(o.Out!, s => PoamWorkbook.Write(report, s), new OutputOptions(o.Force, o.FollowSymlinks));
        else
        {
            var text = o.Format switch
            {
                ReportFormat.Csv => CsvReport.Write(report),
                ReportFormat.Poam => PoamReport.Write(report),
                _ => HtmlReport.Write(report, LibraryRoot(o.Library, o.Out)),
            };
            if (o.Out is null)
            {
                ctx.Out.Write(text);
                ctx.Out.Flush();
            }
            else
            {
                var bom = o.Format != ReportFormat.Html;
                AtomicFile.Write(o.Out, s =>
                {
                    if (bom) s.Write([0xEF, 0xBB, 0xBF]);
                    var b = AtomicFile.Utf8NoBom.GetBytes(text);
                    s.Write(b, 0, b.Length);
                }, new OutputOptions(o.Force, o.FollowSymlinks));
            }
        }
        var what = o.Format == ReportFormat.Poam ? $"{report.OpenFindings.Count} POA&M items" : $"{report.Totals.Open} open of {report.Totals.Total} rules";
        ctx.Error.WriteLine($"cklgen: report ({o.Format.ToString().ToLowerInvariant()}{(workbook ? " workbook" : "")}) of {files.Count} checklists, {report.Hosts.Count} hosts: {what}"
                            + (o.Out is null ? "" : $"; wrote {o.Out}"));
        var failed = gates.Select(g => (g, Why: g.Check(report))).Where(x => x.Why is not null).ToList();
        foreach (var (g, why) in failed) ctx.Error.WriteLine($"cklgen: --fail-on {g.Spec} matched: {why}");
        return failed.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Success;
    }

    /// <summary>
    /// The library as the report's links see it: a web address as given; a folder given relatively is
    /// taken relative to the folder of --out (the links resolve from where the report lies), or to the
    /// current folder when the report goes to stdout; an absolute folder stays absolute.
    /// </summary>
    public static string? LibraryRoot(string? library, string? outFile)
    {
        if (library is null || CklGen.Library.LibraryPaths.IsWeb(library) || Path.IsPathRooted(library) || outFile is null) return library;
        var outDir = Path.GetDirectoryName(Path.GetFullPath(outFile))!;
        var rel = Path.GetRelativePath(outDir, Path.GetFullPath(library));
        return rel;
    }

    /// <summary>Files as given; a folder stands for the .ckl and .cklb files directly in it.</summary>
    static List<string> ExpandInputs(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var i in inputs)
        {
            if (Directory.Exists(i))
            {
                var found = Directory.EnumerateFiles(i)
                    .Where(f => f.EndsWith(".ckl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".cklb", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new InputException(i, "folder holds no .ckl or .cklb files");
                files.AddRange(found);
            }
            else files.Add(i);
        }
        return files;
    }
}
