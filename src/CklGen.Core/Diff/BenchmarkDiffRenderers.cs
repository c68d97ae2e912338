using System.Text;
using CklGen.Benchmarks;
using Newtonsoft.Json.Linq;

namespace CklGen.Diff;

/// <summary>Renders a <see cref="BenchmarkDiff"/> as text, Markdown, JSON or a self-contained HTML page.</summary>
public static class BenchmarkDiffRenderers
{
    static string Label(Benchmark b) => $"{b.Id} {b.VersionLabel}";

    static string Cat(string severity) => ChecklistDiff.CatLabel(ChecklistDiff.ToCat(severity));

    static string Summary(BenchmarkDiff d) =>
        $"Rules: {d.Old.Rules.Count} -> {d.New.Rules.Count}; added {d.Added.Count}, removed {d.Removed.Count}, " +
        $"changed {d.Changed.Count} (renumbered {d.Renumbered.Count()}), unchanged {d.UnchangedCount}" +
        (d.HiddenRevisionOnly > 0 ? $"; {d.HiddenRevisionOnly} changed only in their rule id revision, not shown (--changes-only)" : "");

    /// <summary>"Re-review (check text changed): V-1, V-2", or null when no check text changed.</summary>
    static string? ReReviewLine(BenchmarkDiff d) =>
        d.ReReview.Any() ? $"Re-review (check text changed, so answers to these need a person again): {string.Join(", ", d.ReReview.Select(c => c.New.VulnId))}" : null;

    static IEnumerable<string> Warnings(BenchmarkDiff d)
    {
        if (!d.SameBenchmarkId) yield return $"the benchmarks differ: {d.Old.Id} vs {d.New.Id}; rules were still paired by id";
    }

    static string RuleIds(BenchmarkRuleChange c) =>
        string.Equals(c.Old.RuleId, c.New.RuleId, StringComparison.OrdinalIgnoreCase) ? c.New.RuleId : $"{c.Old.RuleId} -> {c.New.RuleId}";

    static string VulnIds(BenchmarkRuleChange c) =>
        string.Equals(c.Old.VulnId, c.New.VulnId, StringComparison.OrdinalIgnoreCase) ? c.New.VulnId : $"{c.Old.VulnId} -> {c.New.VulnId}";

    static string Severity(BenchmarkRuleChange c) =>
        c.SeverityChanged ? $"{Cat(c.Old.Severity)} -> {Cat(c.New.Severity)}" : Cat(c.New.Severity);

    static string FieldLabel(string field) => field switch
    {
        BenchmarkDiff.FieldTitle => "Title",
        BenchmarkDiff.FieldDiscussion => "Discussion",
        BenchmarkDiff.FieldCheck => "Check text",
        BenchmarkDiff.FieldFix => "Fix text",
        BenchmarkDiff.FieldStigId => "STIG id",
        BenchmarkDiff.FieldCcis => "CCIs",
        _ => field,
    };

    // ---------------------------------------------------------------- text

    public static string Text(BenchmarkDiff d)
    {
        var sb = new StringBuilder();
        sb.Append("Benchmark diff: ").Append(Label(d.Old)).Append(" -> ").Append(Label(d.New)).Append('\n');
        sb.Append("Old: ").Append(d.Old.Title).Append(", ").Append(d.Old.ReleaseInfo).Append(" (").Append(d.Old.FileName).Append(")\n");
        sb.Append("New: ").Append(d.New.Title).Append(", ").Append(d.New.ReleaseInfo).Append(" (").Append(d.New.FileName).Append(")\n");
        sb.Append(Summary(d)).Append('\n');
        if (ReReviewLine(d) is { } rr) sb.Append(rr).Append('\n');
        foreach (var w in Warnings(d)) sb.Append("warning: ").Append(w).Append('\n');

        void Rules(string title, IReadOnlyList<BenchmarkRule> rules)
        {
            sb.Append('\n').Append(title).Append(" (").Append(rules.Count).Append(")\n");
            foreach (var r in rules)
                sb.Append("  ").Append(r.VulnId).Append("  ").Append(r.RuleId).Append("  ").Append(r.StigId).Append("  ")
                  .Append(Cat(r.Severity)).Append("  ").Append(OneLine(r.Title)).Append('\n');
        }
        Rules("Added", d.Added);
        Rules("Removed", d.Removed);

        sb.Append("\nChanged (").Append(d.Changed.Count).Append(")\n");
        foreach (var c in d.Changed)
        {
            sb.Append("  ").Append(VulnIds(c)).Append("  ").Append(c.New.StigId).Append("  ").Append(Severity(c)).Append("  ")
              .Append(RuleIds(c)).Append("  [").Append(string.Join(", ", c.ChangeNames)).Append("]\n");
            sb.Append("    ").Append(OneLine(c.New.Title)).Append('\n');
            foreach (var f in c.Fields)
            {
                sb.Append("    ").Append(FieldLabel(f.Field)).Append(":\n");
                foreach (var line in WordDiff.ToInlineText(f.Diff).Replace("\r\n", "\n").Split('\n'))
                    sb.Append("      ").Append(line.TrimEnd()).Append('\n');
            }
        }
        return sb.ToString();
    }

    static string OneLine(string? s) => WordDiff.NormalizeSpace(s);

    // ---------------------------------------------------------------- Markdown

    public static string Markdown(BenchmarkDiff d)
    {
        var sb = new StringBuilder();
        sb.Append("# Benchmark diff: ").Append(Md.Cell(Label(d.Old))).Append(" -> ").Append(Md.Cell(Label(d.New))).Append("\n\n");
        sb.Append("| | Old | New |\n|---|---|---|\n");
        sb.Append($"| Benchmark | {Md.Cell(d.Old.Id)} | {Md.Cell(d.New.Id)} |\n");
        sb.Append($"| Title | {Md.Cell(d.Old.Title)} | {Md.Cell(d.New.Title)} |\n");
        sb.Append($"| Version | {Md.Cell(d.Old.VersionLabel)} | {Md.Cell(d.New.VersionLabel)} |\n");
        sb.Append($"| Release info | {Md.Cell(d.Old.ReleaseInfo)} | {Md.Cell(d.New.ReleaseInfo)} |\n");
        sb.Append($"| File | {Md.Cell(d.Old.FileName)} | {Md.Cell(d.New.FileName)} |\n");
        sb.Append($"| Rules | {d.Old.Rules.Count} | {d.New.Rules.Count} |\n\n");
        sb.Append(Md.Cell(Summary(d))).Append("\n\n");
        if (ReReviewLine(d) is { } rr) sb.Append(Md.Cell(rr)).Append("\n\n");
        foreach (var w in Warnings(d)) sb.Append("> Warning: ").Append(Md.Cell(w)).Append("\n\n");

        void Rules(string title, IReadOnlyList<BenchmarkRule> rules)
        {
            sb.Append("## ").Append(title).Append(" (").Append(rules.Count).Append(")\n\n");
            if (rules.Count == 0) { sb.Append("None.\n\n"); return; }
            sb.Append("| Vuln | Rule id | STIG ID | CAT | Title |\n|---|---|---|---|---|\n");
            foreach (var r in rules)
                sb.Append($"| {Md.Cell(r.VulnId)} | {Md.Cell(r.RuleId)} | {Md.Cell(r.StigId)} | {Cat(r.Severity)} | {Md.Cell(r.Title)} |\n");
            sb.Append('\n');
        }
        Rules("Added rules", d.Added);
        Rules("Removed rules", d.Removed);

        sb.Append("## Changed rules (").Append(d.Changed.Count).Append(")\n\n");
        if (d.Changed.Count == 0) sb.Append("None.\n\n");
        else
        {
            sb.Append("| Vuln | STIG ID | CAT | Rule id | Changed |\n|---|---|---|---|---|\n");
            foreach (var c in d.Changed)
                sb.Append($"| {Md.Cell(VulnIds(c))} | {Md.Cell(c.New.StigId)} | {Md.Cell(Severity(c))} | {Md.Cell(RuleIds(c))} | {Md.Cell(string.Join(", ", c.ChangeNames))} |\n");
            sb.Append('\n');
        }
        foreach (var c in d.Changed.Where(c => c.Fields.Count > 0))
        {
            sb.Append("### ").Append(Md.Cell(VulnIds(c))).Append(' ').Append(Md.Cell(c.New.StigId)).Append("\n\n");
            sb.Append(Md.Cell(c.New.Title)).Append("\n\n");
            foreach (var f in c.Fields)
                sb.Append("**").Append(FieldLabel(f.Field)).Append("**\n\n").Append(Md.Fence(WordDiff.ToInlineText(f.Diff))).Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    // ---------------------------------------------------------------- JSON

    /// <summary>JSON contract (schemaVersion 1), camelCase field names.</summary>
    public static string Json(BenchmarkDiff d)
    {
        var root = new JObject
        {
            ["kind"] = "benchmarkDiff",
            ["schemaVersion"] = 1,
            ["old"] = JsonBenchmark(d.Old),
            ["new"] = JsonBenchmark(d.New),
            ["summary"] = new JObject
            {
                ["added"] = d.Added.Count,
                ["removed"] = d.Removed.Count,
                ["changed"] = d.Changed.Count,
                ["renumbered"] = d.Renumbered.Count(),
                ["unchanged"] = d.UnchangedCount,
                ["hiddenRevisionOnly"] = d.HiddenRevisionOnly,
            },
            ["reReview"] = new JArray(d.ReReview.Select(c => c.New.VulnId)),
            ["warnings"] = new JArray(Warnings(d)),
            ["added"] = new JArray(d.Added.Select(JsonRule)),
            ["removed"] = new JArray(d.Removed.Select(JsonRule)),
            ["changed"] = new JArray(d.Changed.Select(c => new JObject
            {
                ["oldVulnId"] = c.Old.VulnId,
                ["newVulnId"] = c.New.VulnId,
                ["oldRuleId"] = c.Old.RuleId,
                ["newRuleId"] = c.New.RuleId,
                ["oldStigId"] = c.Old.StigId,
                ["newStigId"] = c.New.StigId,
                ["title"] = c.New.Title,
                ["matchedBy"] = DiffNames.Token(c.MatchedBy),
                ["renumbering"] = c.Renumbering switch { Renumbering.NewRevision => "newRevision", Renumbering.Replaced => "replaced", _ => null },
                ["oldSeverity"] = c.Old.Severity,
                ["newSeverity"] = c.New.Severity,
                ["changes"] = new JArray(c.ChangeNames),
                ["fields"] = new JArray(c.Fields.Select(f => new JObject
                {
                    ["field"] = f.Field,
                    ["old"] = f.Old,
                    ["new"] = f.New,
                    ["diff"] = new JArray(f.Diff.Select(s => new JObject
                    {
                        ["op"] = s.Op switch { DiffOp.Delete => "delete", DiffOp.Insert => "insert", _ => "equal" },
                        ["text"] = s.Text,
                    })),
                })),
            })),
        };
        return DiffRenderers.Serialize(root);
    }

    static JObject JsonBenchmark(Benchmark b) => new()
    {
        ["id"] = b.Id,
        ["title"] = b.Title,
        ["version"] = b.Version,
        ["release"] = b.Release,
        ["versionLabel"] = b.VersionLabel,
        ["releaseInfo"] = b.ReleaseInfo,
        ["benchmarkDate"] = b.BenchmarkDate,
        ["fileName"] = b.FileName,
        ["ruleCount"] = b.Rules.Count,
    };

    static JObject JsonRule(BenchmarkRule r) => new()
    {
        ["vulnId"] = r.VulnId,
        ["ruleId"] = r.RuleId,
        ["stigId"] = r.StigId,
        ["severity"] = r.Severity,
        ["cat"] = Cat(r.Severity),
        ["title"] = r.Title,
        ["legacyIds"] = new JArray(r.LegacyIds),
    };

    // ---------------------------------------------------------------- HTML

    public static string Html(BenchmarkDiff d)
    {
        static string E(string? s) => CklGen.Diff.Html.Escape(s);
        var sb = new StringBuilder();
        HtmlPage.Begin(sb, $"Benchmark diff: {Label(d.Old)} -> {Label(d.New)}");
        sb.Append("<h1>Benchmark diff: ").Append(E(Label(d.Old))).Append(" &rarr; ").Append(E(Label(d.New))).Append("</h1>\n");
        sb.Append("<table><thead><tr><th></th><th>Old</th><th>New</th></tr></thead><tbody>\n");
        void Meta(string name, string? o, string? n) =>
            sb.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(o)).Append("</td><td>").Append(E(n)).Append("</td></tr>\n");
        Meta("Benchmark", d.Old.Id, d.New.Id);
        Meta("Title", d.Old.Title, d.New.Title);
        Meta("Version", d.Old.VersionLabel, d.New.VersionLabel);
        Meta("Release info", d.Old.ReleaseInfo, d.New.ReleaseInfo);
        Meta("File", d.Old.FileName, d.New.FileName);
        Meta("Rules", d.Old.Rules.Count.ToString(), d.New.Rules.Count.ToString());
        sb.Append("</tbody></table>\n<p>").Append(E(Summary(d))).Append("</p>\n");
        foreach (var w in Warnings(d)) sb.Append("<p class=\"warning\">Warning: ").Append(E(w)).Append("</p>\n");

        void Rules(string id, string title, IReadOnlyList<BenchmarkRule> rules)
        {
            sb.Append("<h2 id=\"").Append(id).Append("\">").Append(E(title)).Append(" (").Append(rules.Count).Append(")</h2>\n");
            if (rules.Count == 0) { sb.Append("<p class=\"none\">None.</p>\n"); return; }
            sb.Append("<table><thead><tr><th>Vuln</th><th>Rule id</th><th>STIG ID</th><th>CAT</th><th>Title</th></tr></thead><tbody>\n");
            foreach (var r in rules)
                sb.Append("<tr><td>").Append(E(r.VulnId)).Append("</td><td>").Append(E(r.RuleId)).Append("</td><td>").Append(E(r.StigId))
                  .Append("</td><td>").Append(E(Cat(r.Severity))).Append("</td><td>").Append(E(r.Title)).Append("</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        Rules("added", "Added rules", d.Added);
        Rules("removed", "Removed rules", d.Removed);

        sb.Append("<h2 id=\"changed\">Changed rules (").Append(d.Changed.Count).Append(")</h2>\n");
        if (d.Changed.Count == 0) sb.Append("<p class=\"none\">None.</p>\n");
        foreach (var c in d.Changed)
        {
            sb.Append("<h3>").Append(E(VulnIds(c))).Append(' ').Append(E(c.New.StigId)).Append("</h3>\n<p>").Append(E(c.New.Title)).Append("</p>\n");
            sb.Append("<p>Rule id: <code>").Append(E(RuleIds(c))).Append("</code>; ").Append(E(Severity(c)))
              .Append("; changed: ").Append(E(string.Join(", ", c.ChangeNames))).Append("</p>\n");
            foreach (var f in c.Fields)
                sb.Append("<h4>").Append(E(FieldLabel(f.Field))).Append("</h4>\n<div class=\"diff\">").Append(WordDiff.ToHtml(f.Diff)).Append("</div>\n");
        }
        HtmlPage.End(sb);
        return sb.ToString();
    }
}
