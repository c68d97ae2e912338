using CklGen.Checklists;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

[Verb("validate", HelpText = "Check checklists against DISA's CKL schema and for sense (duplicate rules, unknown statuses, missing host, ...). Exit 1 when any has an error.")]
public sealed class ValidateOptions
{
    [Value(0, MetaName = "FILE", Required = true, HelpText = "Checklists to validate (.ckl or .cklb).")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("schema", HelpText = "DISA's U_Checklist_Schema_V2.xsd (default: ../shared/schemas/ or ./schemas/ when present).")]
    public string? Schema { get; set; }

    [Option("json", HelpText = "Print the problems as JSON on stdout.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "cklgen")]
    public static IEnumerable<Example> Examples =>
    [
        new("Validate against DISA's schema", new ValidateOptions { Files = ["EXMBX01.ckl"], Schema = "U_Checklist_Schema_V2.xsd" }),
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
        if (o.Schema is not null && !File.Exists(o.Schema)) throw new InputException(o.Schema, "schema file not found");
        // A file that is not DISA's CKL schema is an error up front, never a silent "valid".
        if (schema is not null) ChecklistValidator.LoadSchema(schema);
        var results = new List<(string File, IReadOnlyList<ValidationProblem> Problems)>();
        foreach (var f in o.Files)
        {
            if (!File.Exists(f)) throw new InputException(f, "file not found");
            results.Add((f, ChecklistValidator.Validate(f, schema)));
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
                ctx.Out.WriteLine($"{file}: {(e == 0 ? "valid" : "INVALID")} ({e} error(s), {w} warning(s))");
                foreach (var p in problems) ctx.Out.WriteLine("  " + p);
            }
        }
        return errors == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
