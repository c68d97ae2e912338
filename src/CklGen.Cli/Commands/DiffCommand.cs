using CklGen.Checklists;
using CklGen.Diff;
using CklGen.IO;
using CommandLine;
using CommandLine.Text;

namespace CklGen.Cli.Commands;

[Verb("diff", HelpText = "Compare two checklists (CKL or CKLB, in any mix), or two folders of them, and report what changed: "
    + "newly open, closed, still open, added, removed and revised rules, with counts by CAT.")]
public sealed class DiffOptions
{
    [Value(0, MetaName = "OLD", Required = true, HelpText = "The earlier checklist, or a folder of checklists.")]
    public string Old { get; set; } = "";

    [Value(1, MetaName = "NEW", Required = true, HelpText = "The later checklist, or a folder of checklists (the same kind as OLD).")]
    public string New { get; set; } = "";

    [Option('f', "format", Default = "table", HelpText = "Report format: table, markdown, csv, json or html.")]
    public string Format { get; set; } = "table";

    [Option('o', "out", HelpText = "Write the report to this file (atomically) instead of standard output.")]
    public string? Out { get; set; }

    [Option("force", HelpText = "Overwrite the --out file if it exists.")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

    [Option("fail-on", HelpText = "Exit with 1 when: new-open (a rule is open that was not open before), "
        + "open (any rule is open in NEW), any-change (anything differs).")]
    public string? FailOn { get; set; }

    [Option('r', "recursive", HelpText = "With folders: also read checklists in subfolders.")]
    public bool Recursive { get; set; }

    /// <summary>Examples leave out options at their defaults.</summary>
    static readonly UnParserSettings Quiet = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Compare last quarter's checklist with this quarter's", Quiet, new DiffOptions { Old = "2025Q1/EXCH01.ckl", New = "2025Q2/EXCH01.cklb" }),
        new("Compare two folders of checklists, host by host, as an HTML page", Quiet,
            new DiffOptions { Old = "2025Q1", New = "2025Q2", Recursive = true, Format = "html", Out = "changes.html" }),
        new("Fail a pipeline when anything newly open appears", Quiet, new DiffOptions { Old = "baseline", New = "current", FailOn = "new-open" }),
    ];
}

public static class DiffCommand
{
    public static readonly string[] Formats = ["table", "markdown", "csv", "json", "html"];
    public static readonly string[] FailOnValues = ["new-open", "open", "any-change"];

    public static int Run(DiffOptions o, CliContext ctx)
    {
        var format = Choose("--format", o.Format, Formats, new() { ["md"] = "markdown" });
        var failOn = o.FailOn is null ? null : Choose("--fail-on", o.FailOn, FailOnValues, new());
        var oldIsDir = Kind(o.Old);
        var newIsDir = Kind(o.New);
        if (oldIsDir != newIsDir)
            throw new UsageException($"OLD and NEW must both be checklist files or both be folders: {o.Old} is a {(oldIsDir ? "folder" : "file")}, {o.New} is a {(newIsDir ? "folder" : "file")}");
        if (o.Recursive && !oldIsDir) throw new UsageException("--recursive applies to folders; OLD and NEW are files");
        if (o.Out is not null) AtomicFile.CheckTarget(o.Out, new OutputOptions(o.Force, o.FollowSymlinks));

        FleetDiff diff;
        if (oldIsDir)
        {
            var old = FleetDiff.LoadFolder(o.Old, o.Recursive, Read, w => ctx.Error.WriteLine("cklgen: warning: " + w));
            var @new = FleetDiff.LoadFolder(o.New, o.Recursive, Read, w => ctx.Error.WriteLine("cklgen: warning: " + w));
            if (old.Count == 0 && @new.Count == 0)
                throw new InputException(null, $"no .ckl or .cklb files in {o.Old} or {o.New}{(o.Recursive ? "" : " (use --recursive for subfolders)")}");
            if (old.Count == 0) ctx.Error.WriteLine($"cklgen: warning: {o.Old} has no checklists; everything in NEW counts as added");
            if (@new.Count == 0) ctx.Error.WriteLine($"cklgen: warning: {o.New} has no checklists; everything in OLD counts as removed");
            diff = FleetDiff.Compare(old, @new, o.Old, o.New);
        }
        else
        {
            var one = ChecklistDiff.Compare(Read(o.Old), Read(o.New), o.Old, o.New);
            diff = FleetDiff.Single(one, o.Old, o.New);
        }
        // On stderr always (a script reading stdout must hear them too); the reports carry them as well (csv has no place for them).
        foreach (var w in diff.Warnings) ctx.Error.WriteLine("cklgen: warning: " + w);

        var text = format switch
        {
            "markdown" => DiffRenderers.Markdown(diff),
            "csv" => DiffRenderers.Csv(diff),
            "json" => DiffRenderers.Json(diff),
            "html" => DiffRenderers.Html(diff),
            _ => DiffRenderers.Table(diff),
        };
        Emit(ctx, text, o.Out, new OutputOptions(o.Force, o.FollowSymlinks));

        var matched = failOn switch
        {
            "new-open" => diff.Counts.Total.NewlyOpen > 0 ? $"{diff.Counts.Total.NewlyOpen} newly open rule(s)" : null,
            "open" => diff.Counts.Total.OpenNew > 0 ? $"{diff.Counts.Total.OpenNew} open rule(s) in NEW" : null,
            "any-change" => diff.HasChanges ? "the checklists differ" : null,
            _ => null,
        };
        if (matched is null) return ExitCodes.Success;
        ctx.Error.WriteLine($"cklgen: --fail-on {failOn} matched: {matched}");
        return ExitCodes.CheckFailed;
    }

    static Checklist Read(string path) => ChecklistFile.Read(path);

    /// <summary>True for a folder, false for a file; a path that is neither is bad input.</summary>
    static bool Kind(string path) =>
        Directory.Exists(path) ? true
        : File.Exists(path) ? false
        : throw new InputException(path, "no such file or folder");

    /// <summary>Validates an option value against its choices (case-insensitive, with aliases).</summary>
    internal static string Choose(string option, string value, string[] choices, Dictionary<string, string> aliases)
    {
        var v = value.Trim().ToLowerInvariant();
        if (aliases.TryGetValue(v, out var a)) v = a;
        if (choices.Contains(v)) return v;
        throw new UsageException($"{option} must be one of {string.Join(", ", choices)}; got \"{value}\"");
    }

    /// <summary>Writes a report to stdout, or atomically to a file (refusing to overwrite without --force).</summary>
    internal static void Emit(CliContext ctx, string text, string? outPath, OutputOptions options)
    {
        if (outPath is null)
        {
            ctx.Out.Write(text);
            return;
        }
        AtomicFile.WriteText(outPath, text, options);
        ctx.Error.WriteLine($"cklgen: wrote {outPath}");
    }
}
