using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Reports;
using CommandLine;
using CommandLine.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

/// <summary>Placeholder so "cklgen --help" lists the group; "cklgen rules ..." is dispatched to the sub-verbs.</summary>
[Verb("rules", HelpText =
    "Browse STIG rules in a folder of benchmarks: 'rules show ID' (V-id, SV-id, STIG id or legacy id) or 'rules search TEXT'. " +
    "See 'cklgen rules --help'.")]
public sealed class RulesGroupOptions;

public abstract class RulesOptionsBase
{
    [Option('b', "benchmarks", Default = "benchmarks-xccdf", HelpText = "Folder of XCCDF benchmarks (.xml, DISA .zip), searched with its subfolders.")]
    public string Benchmarks { get; set; } = "benchmarks-xccdf";

    [Option("json", HelpText = "Write JSON instead of text.")]
    public bool Json { get; set; }
}

[Verb("show", HelpText =
    "Show a rule as STIG browsers do: CAT, ids, STIG and release, CCIs with their NIST SP 800-53 controls, discussion, check and fix; " +
    "one block per benchmark that has it. Exit 0 when found, 1 when no benchmark has the id, 3 when the folder cannot be used.")]
public sealed class RulesShowOptions : RulesOptionsBase
{
    [Value(0, MetaName = "ID", Required = true, HelpText = "V-228409, SV-228409, SV-228409r879806_rule, EX16-MB-000660 or a legacy id (V-80493).")]
    public string Id { get; set; } = "";

    [Option("cci", HelpText = "DISA's U_CCI_List.xml to show each CCI's controls; default: the first *CCI_List* file in the benchmark folder.")]
    public string? Cci { get; set; }

    [Option("library", HelpText = "Also give each rule's stable address in the STIG library ('cklgen library build'): its folder (the page file is printed) or the web address it is served at.")]
    public string? Library { get; set; }

    [Usage(ApplicationAlias = "cklgen rules")]
    public static IEnumerable<Example> Examples =>
    [
        new("A rule by its V-id, in every release in ./benchmarks-xccdf", new RulesShowOptions { Id = "V-228409" }),
        new("A rule by its STIG id, as JSON, from another folder", new RulesShowOptions { Id = "EX16-MB-000660", Benchmarks = "../shared/benchmarks-xccdf", Json = true }),
    ];
}

[Verb("search", HelpText =
    "List rules whose title, discussion, check, fix or ids contain every word given (case-insensitive). " +
    "Exit 0 when something matched, 1 when nothing did, 3 when the folder cannot be used.")]
public sealed class RulesSearchOptions : RulesOptionsBase
{
    [Value(0, MetaName = "TEXT", Min = 1, HelpText = "Words to look for.")]
    public IEnumerable<string> Words { get; set; } = [];

    [Usage(ApplicationAlias = "cklgen rules")]
    public static IEnumerable<Example> Examples =>
    [
        new("Rules that mention both words", new RulesSearchOptions { Words = ["connector", "TLS"] }),
    ];
}

public static class RulesCommand
{
    public static int RunGroup(RulesGroupOptions _, CliContext ctx) =>
        throw new UsageException("give a sub-command: 'cklgen rules show ID' or 'cklgen rules search TEXT'");

    public static int Show(RulesShowOptions o, CliContext ctx)
    {
        var library = Load(o, ctx);
        var cciPath = o.Cci ?? BenchmarkLibrary.FindCciList(o.Benchmarks);
        var cci = cciPath is null ? null : CciList.Load(cciPath);
        var hits = library.Find(o.Id);
        if (hits.Count == 0)
        {
            ctx.Error.WriteLine($"cklgen: no rule {o.Id.Trim()} in the {library.Benchmarks.Count} benchmarks of {o.Benchmarks}");
            if (o.Json) ctx.Out.WriteLine("[]");
            return ExitCodes.CheckFailed;
        }
        if (o.Json) ctx.Out.WriteLine(new JArray(hits.Select(h => WithLibrary(RuleJson(h, cci), h, o.Library))).ToString(Formatting.Indented));
        else ctx.Out.Write(ShowText(hits, cci, o.Library));
        return ExitCodes.Success;
    }

    public static int Search(RulesSearchOptions o, CliContext ctx)
    {
        var library = Load(o, ctx);
        var text = string.Join(' ', o.Words);
        var hits = library.Search(text);
        if (o.Json)
            ctx.Out.WriteLine(new JArray(hits.Select(h => new JObject
            {
                ["vulnId"] = h.Rule.VulnId,
                ["ruleId"] = h.Rule.RuleId,
                ["stigId"] = h.Rule.StigId,
                ["severity"] = h.Rule.Severity,
                ["cat"] = Cats.FromSeverity(h.Rule.Severity).Label(),
                ["title"] = h.Rule.Title,
                ["benchmark"] = BenchmarkJson(h.Benchmark),
                ["releases"] = new JArray(h.Releases.Select(r => r.VersionLabel)),
            })).ToString(Formatting.Indented));
        else
            ctx.Out.Write(SearchText(hits));
        ctx.Error.WriteLine($"cklgen: {hits.Count} match{(hits.Count == 1 ? "" : "es")} for \"{text}\" in {library.Benchmarks.Count} benchmarks");
        return hits.Count == 0 ? ExitCodes.CheckFailed : ExitCodes.Success;
    }

    static BenchmarkLibrary Load(RulesOptionsBase o, CliContext ctx) =>
        BenchmarkLibrary.LoadAll(o.Benchmarks, p => XccdfReader.ReadAll(p), w => ctx.Error.WriteLine("cklgen: warning: " + w));

    /// <summary>The rule's stable page in a library (a folder or a web address): stigs/&lt;benchmark-id&gt;/&lt;V-id&gt;/.</summary>
    public static string LibraryLink(RuleHit h, string library) =>
        CklGen.Library.LibraryPaths.RuleAddress(library, h.Benchmark.Id, h.Rule.VulnId);

    static JObject WithLibrary(JObject o, RuleHit h, string? library)
    {
        if (library is not null) o["library"] = LibraryLink(h, library);
        return o;
    }

    public static string ShowText(IReadOnlyList<RuleHit> hits, CciList? cci, string? library = null)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var h in hits)
        {
            if (!first) sb.Append('\n').Append(new string('=', 78)).Append("\n\n");
            first = false;
            var r = h.Rule;
            sb.Append($"{r.VulnId}  {Cats.FromSeverity(r.Severity).Label()} ({r.Severity})  {r.StigId}\n");
            sb.Append(r.Title).Append("\n\n");
            Field(sb, "STIG", $"{h.Benchmark.Title} {h.Benchmark.VersionLabel}");
            Field(sb, "Release info", h.Benchmark.ReleaseInfo);
            if (h.Releases.Count > 1) Field(sb, "Same rule in", h.ReleaseLabels);
            if (library is not null) Field(sb, "Library", LibraryLink(h, library));
            Field(sb, "Rule ID", r.RuleId);
            Field(sb, "STIG ID", r.StigId);
            Field(sb, "Group", r.GroupTitle);
            if (r.LegacyIds.Count > 0) Field(sb, "Legacy IDs", string.Join(", ", r.LegacyIds));
            if (r.Ccis.Count == 0)
                Field(sb, "IA controls", string.IsNullOrWhiteSpace(r.IaControls) ? "(none)" : r.IaControls + " (DIACAP; this benchmark has no CCIs)");
            else
            {
                sb.Append("CCIs:\n");
                foreach (var c in r.Ccis)
                {
                    var item = cci?.Find(c);
                    sb.Append("  ").Append(c);
                    if (item is null) sb.Append(cci is null ? "" : "  (not in the CCI list)").Append('\n');
                    else
                    {
                        var ctl = item.Controls;
                        sb.Append("  ").Append(ctl.Count == 0 ? "(no 800-53 rev 4/5 control)"
                            : $"{string.Join(", ", ctl.Select(x => x.Control).Distinct())} (800-53 rev {ctl[0].Revision}: {string.Join("; ", ctl.Select(x => x.Index))})");
                        sb.Append('\n');
                        Wrap(sb, item.Definition, "      ");
                    }
                }
                if (cci is null) sb.Append("  (pass --cci U_CCI_List.xml, or put it in the benchmark folder, to see NIST SP 800-53 controls)\n");
            }
            Block(sb, "Discussion", r.Discussion);
            Block(sb, "Check", r.CheckContent);
            Block(sb, "Fix", r.FixText);
        }
        return sb.ToString();
    }

    public static string SearchText(IReadOnlyList<RuleHit> hits)
    {
        var sb = new StringBuilder();
        foreach (var h in hits)
        {
            var releases = h.Releases.Count > 1 ? h.ReleaseLabels : h.Benchmark.VersionLabel;
            sb.Append($"{h.Rule.VulnId,-10} {Cats.FromSeverity(h.Rule.Severity).Label(),-7} {h.Rule.StigId,-16} {h.Benchmark.Title} {releases}\n");
            sb.Append("           ").Append(h.Rule.Title).Append('\n');
        }
        return sb.ToString();
    }

    static void Field(StringBuilder sb, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        sb.Append((name + ":").PadRight(14)).Append(value.Trim()).Append('\n');
    }

    static void Block(StringBuilder sb, string name, string? text)
    {
        sb.Append('\n').Append(name).Append('\n');
        if (string.IsNullOrWhiteSpace(text)) { sb.Append("  (none)\n"); return; }
        foreach (var line in text.Trim().Replace("\r\n", "\n").Split('\n'))
            sb.Append(line.Length == 0 ? "" : "  " + line.TrimEnd()).Append('\n');
    }

    static void Wrap(StringBuilder sb, string text, string indent)
    {
        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > 78)
            {
                sb.Append(line).Append('\n');
                line.Clear().Append(indent);
            }
            if (line.Length > indent.Length) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > indent.Length) sb.Append(line).Append('\n');
    }

    static JObject BenchmarkJson(Benchmark b) => new()
    {
        ["id"] = b.Id,
        ["title"] = b.Title,
        ["version"] = b.Version,
        ["release"] = b.Release,
        ["label"] = b.VersionLabel,
        ["releaseInfo"] = b.ReleaseInfo,
        ["file"] = b.FileName,
    };

    static JObject RuleJson(RuleHit h, CciList? cci)
    {
        var r = h.Rule;
        return new JObject
        {
            ["vulnId"] = r.VulnId,
            ["ruleId"] = r.RuleId,
            ["stigId"] = r.StigId,
            ["legacyIds"] = new JArray(r.LegacyIds),
            ["severity"] = r.Severity,
            ["cat"] = Cats.FromSeverity(r.Severity).Label(),
            ["title"] = r.Title,
            ["groupTitle"] = r.GroupTitle,
            ["benchmark"] = BenchmarkJson(h.Benchmark),
            ["releases"] = new JArray(h.Releases.Select(x => x.VersionLabel)),
            ["ccis"] = new JArray(r.Ccis.Select(c =>
            {
                var item = cci?.Find(c);
                return new JObject
                {
                    ["id"] = c,
                    ["definition"] = item?.Definition,
                    ["controls"] = item is null ? null : new JArray(item.Controls.Select(x => new JObject
                    {
                        ["control"] = x.Control, ["index"] = x.Index, ["revision"] = x.Revision,
                    })),
                };
            })),
            ["iaControls"] = r.IaControls,
            ["discussion"] = r.Discussion,
            ["check"] = r.CheckContent,
            ["fix"] = r.FixText,
        };
    }
}
