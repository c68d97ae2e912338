using CklGen.Benchmarks;
using CklGen.Diff;
using CommandLine;
using CommandLine.Text;

namespace CklGen.Cli.Commands;

/// <summary>Lists the "benchmarks" verb group in the top-level help; its sub-verbs are dispatched by Cli.Groups.</summary>
[Verb("benchmarks", HelpText = "Work with DISA STIG benchmarks. 'cklgen benchmarks diff OLD NEW' shows what DISA changed between two releases; "
    + "'cklgen benchmarks --help' lists the sub-commands.")]
public sealed class BenchmarksGroupOptions;

[Verb("diff", HelpText = "Show what DISA changed between two releases of a benchmark: rules added, removed and renumbered, "
    + "title and severity changes, and check, fix and discussion text edits word by word.")]
public sealed class BenchmarksDiffOptions
{
    [Value(0, MetaName = "OLD", Required = true, HelpText = "The earlier release: an XCCDF .xml file or a DISA .zip (a bare name is also looked up in ./benchmarks-xccdf).")]
    public string Old { get; set; } = "";

    [Value(1, MetaName = "NEW", Required = true, HelpText = "The later release: an XCCDF .xml file or a DISA .zip.")]
    public string New { get; set; } = "";

    [Option('f', "format", Default = "text", HelpText = "Report format: text, markdown, json or html.")]
    public string Format { get; set; } = "text";

    [Option('o', "out", HelpText = "Write the report to this file (atomically) instead of standard output.")]
    public string? Out { get; set; }

    [Option("force", HelpText = "Overwrite the --out file if it exists.")]
    public bool Force { get; set; }

    [Option("follow-symlinks", HelpText = CommandSupport.FollowSymlinksHelp)]
    public bool FollowSymlinks { get; set; }

    [Option("changes-only", HelpText = "Leave out rules whose only change is a new revision of their rule id (SV-...r1 to r2): what is left is what DISA changed in substance.")]
    public bool ChangesOnly { get; set; }

    /// <summary>Examples leave out options at their defaults.</summary>
    static readonly UnParserSettings Quiet = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "cklgen benchmarks")]
    public static IEnumerable<Example> Examples =>
    [
        new("What changed in the Exchange 2016 Mailbox STIG from V2R3 to V2R4", Quiet,
            new BenchmarksDiffOptions
            {
                Old = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml",
                New = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R4_Manual-xccdf.xml",
            }),
        new("The same as a Markdown file for the change record", Quiet,
            new BenchmarksDiffOptions { Old = "U_MS_Exchange_2016_V2R3.zip", New = "U_MS_Exchange_2016_V2R4.zip", Format = "markdown", Out = "stig-changes.md" }),
    ];
}

public static class BenchmarksCommand
{
    public static readonly string[] Formats = ["text", "markdown", "json", "html"];

    /// <summary>Handler for the placeholder verb. Cli.Run dispatches "benchmarks ..." to the group first, so this
    /// only runs if the verb is reached another way; it prints the group's help.</summary>
    public static int RunGroup(BenchmarksGroupOptions _, CliContext ctx) => Cli.Run(["benchmarks", "--help"], ctx);

    public static int Diff(BenchmarksDiffOptions o, CliContext ctx)
    {
        var format = DiffCommand.Choose("--format", o.Format, Formats, new() { ["md"] = "markdown", ["txt"] = "text" });
        if (o.Out is not null) IO.AtomicFile.CheckTarget(o.Out, new IO.OutputOptions(o.Force, o.FollowSymlinks));
        var old = Read(o.Old);
        var @new = Read(o.New);
        var diff = BenchmarkDiff.Compare(old, @new);
        if (o.ChangesOnly) diff = diff.ChangesOnly();
        if (!diff.SameBenchmarkId) ctx.Error.WriteLine($"cklgen: warning: comparing different benchmarks: {old.Id} and {@new.Id}");
        var text = format switch
        {
            "markdown" => BenchmarkDiffRenderers.Markdown(diff),
            "json" => BenchmarkDiffRenderers.Json(diff),
            "html" => BenchmarkDiffRenderers.Html(diff),
            _ => BenchmarkDiffRenderers.Text(diff),
        };
        DiffCommand.Emit(ctx, text, o.Out, new IO.OutputOptions(o.Force, o.FollowSymlinks));
        return ExitCodes.Success;
    }

    static Benchmark Read(string path)
    {
        if (Directory.Exists(path)) throw new InputException(path, "is a folder; give an XCCDF .xml or a DISA .zip");
        return XccdfReader.Read(CommandSupport.ResolveBenchmark(path));
    }
}
