using CklGen.Checklists;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("validate", HelpText = "Check checklists against DISA's CKL schema and for sense (duplicate rules, unknown statuses, missing host, ...). Exit 1 when any has an error.")]
public sealed class ValidateOptions
{
    [Value(0, MetaName = "FILE|DIR", Required = true, HelpText = "Checklists to validate (.ckl or .cklb), or folders: every .ckl and .cklb in them and their subfolders.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("schema", HelpText = "DISA's U_Checklist_Schema_V2.xsd (default: ../shared/schemas/ or ./schemas/ when present).")]
    public string? Schema { get; set; }

    [Option("json", HelpText = "Print the problems as JSON on stdout.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Validate against DISA's schema", new ValidateOptions { Files = ["EXMBX01.ckl"], Schema = "U_Checklist_Schema_V2.xsd" }),
        new("Validate every checklist in a folder and its subfolders", new ValidateOptions { Files = ["checklists"] }),
    ];
}

public static class ValidateCommand
{
    static readonly string[] DefaultSchemas =
    [
        Path.Combine("..", "shared", "schemas", "U_Checklist_Schema_V2.xsd"),
        Path.Combine("schemas", "U_Checklist_Schema_V2.xsd"),
    ];

    public static int Run(ValidateOptions o, CliContext ctx)
    {
        var schema = o.Schema ?? DefaultSchemas.FirstOrDefault(File.Exists);
        if (o.Schema is not null && Directory.Exists(o.Schema)) throw new InputException(o.Schema, "is a folder, not a file (expected DISA's U_Checklist_Schema_V2.xsd)");
        if (o.Schema is not null && !File.Exists(o.Schema)) throw new InputException(o.Schema, "schema file not found");
        // A file that is not DISA's CKL schema is an error up front, never a silent "valid".
        if (schema is not null) ChecklistValidator.LoadSchema(schema);
        var results = new List<(string File, IReadOnlyList<ValidationProblem> Problems)>();
        var anyFolder = false;
        foreach (var given in o.Files)
        {
            var isFolder = Directory.Exists(given);
            anyFolder |= isFolder;
            foreach (var f in FilesOf(given, ctx)) results.Add((f, ChecklistValidator.Validate(f, schema)));
        }
        var errors = results.Sum(r => r.Problems.Count(p => p.Severity == ValidationSeverity.Error));
        if (o.Json)
        {
            ctx.Out.WriteLine(new JObject
            {
                ["schema"] = schema is null ? null : Path.GetFullPath(schema),
                ["valid"] = errors == 0,
                ["files"] = new JArray(results.Select(r => new JObject
                {
                    ["file"] = r.File,
                    ["valid"] = r.Problems.All(p => p.Severity != ValidationSeverity.Error),
                    ["problems"] = new JArray(r.Problems.Select(p => new JObject
                    {
                        ["severity"] = p.Severity.ToString().ToLowerInvariant(),
                        ["path"] = p.Path,
                        ["message"] = p.Message,
                    })),
                })),
            }.ToString(Formatting.Indented));
        }
        else
        {
            if (schema is null) ctx.Error.WriteLine("cklgen: warning: no CKL schema given or found; only sense checks run (use --schema)");
            foreach (var (file, problems) in results)
            {
                var e = problems.Count(p => p.Severity == ValidationSeverity.Error);
                var w = problems.Count - e;
                var line = $"{file}: {(e == 0 ? "valid" : "INVALID")} ({e} error(s), {w} warning(s))";
                // A folder gets one line per file (an invalid one names its first error); a file its every problem.
                if (anyFolder)
                {
                    ctx.Out.WriteLine(e == 0 ? line : $"{line}: {problems.First(p => p.Severity == ValidationSeverity.Error)}");
                    continue;
                }
                ctx.Out.WriteLine(line);
                foreach (var p in problems) ctx.Out.WriteLine("  " + p);
            }
            if (anyFolder)
            {
                var invalid = results.Count(r => r.Problems.Any(p => p.Severity == ValidationSeverity.Error));
                ctx.Out.WriteLine($"{results.Count} checklist(s): {results.Count - invalid} valid, {invalid} invalid" +
                    (invalid == 0 ? "" : " (cklgen validate FILE lists a file's problems)"));
            }
        }
        return errors == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>A file as given; a folder's .ckl and .cklb files, its subfolders' too (as diff and report walk them), sorted.</summary>
    static IReadOnlyList<string> FilesOf(string given, CliContext ctx)
    {
        if (File.Exists(given)) return [given];
        if (!Directory.Exists(given)) throw new InputException(given, "not found (expected a checklist file or a folder of checklists)");
        var files = Diff.FleetDiff.FindChecklistFiles(given, recursive: true, w => ctx.Error.WriteLine("cklgen: warning: " + w));
        if (files.Count == 0) throw new InputException(given, "is a folder with no .ckl or .cklb file in it or its subfolders");
        return files;
    }
}
