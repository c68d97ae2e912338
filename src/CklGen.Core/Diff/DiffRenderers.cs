using System.Globalization;
using System.Text;
using CklGen.Checklists;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Diff;

/// <summary>A rule in a report, with where it belongs.</summary>
public sealed record DiffRow(ChecklistDiff Host, StigDiff Stig, RuleDiff Rule);

/// <summary>A rule revision seen on one or more hosts (revisions come from DISA, so they repeat per host).</summary>
public sealed record RevisionGroup(StigDiff Stig, RuleDiff Rule, IReadOnlyList<string> Hosts);

/// <summary>
/// What the human-readable reports list. STIGs and hosts on one side only are summarised, not listed
/// rule by rule; their open rules still appear as newly open.
/// </summary>
public static class DiffSections
{
    /// <summary>Rules worth a line: reportable rules of STIGs on both sides, and newly open rules anywhere.</summary>
    public static IReadOnlyList<DiffRow> Rows(FleetDiff d) =>
        d.AllRules
            .Where(x => x.Stig.Presence == Presence.Both ? x.Rule.IsReportable : x.Rule.IsNewlyOpen)
            .Select(x => new DiffRow(x.Host, x.Stig, x.Rule))
            .OrderBy(x => Array.IndexOf(DiffNames.ReportOrder, x.Rule.Kind == RuleChangeKind.Added && x.Rule.IsNewlyOpen ? RuleChangeKind.NewlyOpen : x.Rule.Kind))
            .ThenBy(x => x.Host.HostName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Stig.BenchmarkId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => VulnSortKey(x.Rule.VulnId))
            .ThenBy(x => x.Rule.VulnId, StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<DiffRow> NewlyOpen(IEnumerable<DiffRow> rows) => rows.Where(r => r.Rule.IsNewlyOpen);
    public static IEnumerable<DiffRow> OfKind(IEnumerable<DiffRow> rows, RuleChangeKind k) =>
        rows.Where(r => r.Rule.Kind == k && !r.Rule.IsNewlyOpen);
    public static IEnumerable<DiffRow> ReviewTextChanged(IEnumerable<DiffRow> rows) =>
        rows.Where(r => r.Rule.FindingDetailsChanged || r.Rule.CommentsChanged);

    /// <summary>Revised rules, one entry per benchmark and old/new rule id, with the hosts where seen.</summary>
    public static IReadOnlyList<RevisionGroup> Revisions(IEnumerable<DiffRow> rows) =>
        rows.Where(r => r.Rule.IsRevised)
            .GroupBy(r => (r.Stig.BenchmarkId.ToUpperInvariant(), r.Rule.Old?.RuleId, r.Rule.New?.RuleId, r.Rule.Revisions))
            .Select(g => new RevisionGroup(g.First().Stig, g.First().Rule, g.Select(x => x.Host.HostName).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();

    /// <summary>The number in a V-/SV-id, for natural ordering; long.MaxValue when there is none.</summary>
    public static long VulnSortKey(string? id)
    {
        var digits = new string((id ?? "").SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and < 18 ? long.Parse(digits, CultureInfo.InvariantCulture) : long.MaxValue;
    }


    /// <summary>CAT rows to show: I, II, III always; unknown only when it has anything.</summary>
    internal static IEnumerable<(string Label, CatCounts Counts)> CountRows(DiffCounts c)
    {
        foreach (var cat in CklGen.Checklists.Cats.Ordered)
        {
            var x = c[cat];
            if (cat == Cat.Unknown && x.OpenOld + x.OpenNew + x.NewlyOpen + x.Closed + x.StillOpen + x.Added + x.Removed + x.Revised == 0) continue;
            yield return (ChecklistDiff.CatLabel(cat), x);
        }
        yield return ("Total", c.Total);
    }

    internal static readonly string[] CountHeaders = ["Open (old)", "Open (new)", "Newly open", "Closed", "Still open", "Added", "Removed", "Revised"];

    internal static int[] CountValues(CatCounts x) => [x.OpenOld, x.OpenNew, x.NewlyOpen, x.Closed, x.StillOpen, x.Added, x.Removed, x.Revised];

    internal static string HostLine(FleetDiff d)
    {
        var both = d.Hosts.Count(h => h.Presence == Presence.Both);
        var onlyOld = d.HostsOnlyInOld.Select(h => h.HostName).ToList();
        var onlyNew = d.HostsOnlyInNew.Select(h => h.HostName).ToList();
        var s = $"Hosts compared: {both}";
        s += onlyOld.Count == 0 ? "; none only in old" : $"; only in old ({onlyOld.Count}): {string.Join(", ", onlyOld)}";
        s += onlyNew.Count == 0 ? "; none only in new" : $"; only in new ({onlyNew.Count}): {string.Join(", ", onlyNew)}";
        return s;
    }

    internal static string PresenceText(Presence p) => p switch
    {
        Presence.OnlyOld => "only in old",
        Presence.OnlyNew => "only in new",
        _ => "both",
    };

    internal static string CatOf(RuleDiff r) => ChecklistDiff.CatLabel(r.Cat);

    internal static string Change(RuleDiff r) =>
        r.Kind == RuleChangeKind.Added && r.IsNewlyOpen ? "Newly open (added)" : DiffNames.Label(r.Kind);
}

/// <summary>Renders a <see cref="FleetDiff"/> (a single file pair is a fleet of one host).</summary>
public static class DiffRenderers
{
    // ---------------------------------------------------------------- terminal table

    public static string Table(FleetDiff d)
    {
        var sb = new StringBuilder();
        sb.Append("Checklist diff: ").Append(d.OldLabel).Append(" -> ").Append(d.NewLabel).Append('\n');
        sb.Append(DiffSections.HostLine(d)).Append("\n\n");

        var counts = new List<string[]>();
        counts.Add(["", .. DiffSections.CountHeaders]);
        foreach (var (label, c) in DiffSections.CountRows(d.Counts))
            counts.Add([label, .. DiffSections.CountValues(c).Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        AppendAligned(sb, counts, rightAlignFrom: 1);
        sb.Append('\n');

        var stigs = new List<string[]> { new[] { "Host", "Benchmark", "Release", "Present", "Open old", "Open new" } };
        foreach (var (h, s) in d.AllStigs)
            stigs.Add([h.HostName, s.BenchmarkId, DiffNames.Release(s), DiffSections.PresenceText(s.Presence),
                Open(s.Old).ToString(CultureInfo.InvariantCulture), Open(s.New).ToString(CultureInfo.InvariantCulture)]);
        AppendAligned(sb, stigs, rightAlignFrom: 4);
        sb.Append('\n');

        var rows = DiffSections.Rows(d);
        if (rows.Count == 0) sb.Append("No rule changes.\n");
        else
        {
            var table = new List<string[]> { new[] { "Host", "Benchmark", "Vuln", "STIG ID", "CAT", "Change", "Old", "New", "Notes" } };
            foreach (var (h, s, r) in rows)
                table.Add([h.HostName, s.BenchmarkId, r.VulnId, r.StigId ?? "", DiffSections.CatOf(r), DiffSections.Change(r),
                    DiffNames.Status(r.OldStatus), DiffNames.Status(r.NewStatus), DiffNames.Notes(r)]);
            AppendAligned(sb, table, rightAlignFrom: int.MaxValue);
        }
        foreach (var w in d.Warnings) sb.Append("warning: ").Append(w).Append('\n');
        return sb.ToString();
    }

    static int Open(ChecklistStig? s) => s?.Rules.Count(r => r.Status == ChecklistStatus.Open) ?? 0;

    /// <summary>Columns padded to their widest cell, two spaces apart; the last column is not padded.</summary>
    static void AppendAligned(StringBuilder sb, List<string[]> rows, int rightAlignFrom)
    {
        var cols = rows[0].Length;
        var width = new int[cols];
        foreach (var r in rows)
            for (var i = 0; i < cols; i++) width[i] = Math.Max(width[i], OneLine(r[i]).Length);
        foreach (var r in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < cols; i++)
            {
                var cell = OneLine(r[i]);
                if (i > 0) line.Append("  ");
                if (i >= rightAlignFrom) line.Append(cell.PadLeft(width[i]));
                else line.Append(i == cols - 1 ? cell : cell.PadRight(width[i]));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    static string OneLine(string? s) => (s ?? "").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    // ---------------------------------------------------------------- Markdown

    public static string Markdown(FleetDiff d)
    {
        var sb = new StringBuilder();
        sb.Append("# Checklist diff\n\n");
        sb.Append("- Old: ").Append(Md.Code(d.OldLabel)).Append('\n');
        sb.Append("- New: ").Append(Md.Code(d.NewLabel)).Append('\n');
        sb.Append("- ").Append(Md.Cell(DiffSections.HostLine(d))).Append("\n\n");

        sb.Append("## Summary\n\n");
        sb.Append("| |").Append(string.Join("", DiffSections.CountHeaders.Select(h => $" {h} |"))).Append('\n');
        sb.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", DiffSections.CountHeaders.Length))).Append('\n');
        foreach (var (label, c) in DiffSections.CountRows(d.Counts))
            sb.Append("| ").Append(label).Append(" |").Append(string.Concat(DiffSections.CountValues(c).Select(v => $" {v} |"))).Append('\n');
        sb.Append('\n');

        sb.Append("## STIGs\n\n| Host | Benchmark | Release | Present |\n|---|---|---|---|\n");
        foreach (var (h, s) in d.AllStigs)
            sb.Append($"| {Md.Cell(h.HostName)} | {Md.Cell(s.BenchmarkId)} | {Md.Cell(DiffNames.Release(s))} | {DiffSections.PresenceText(s.Presence)} |\n");
        sb.Append('\n');

        var rows = DiffSections.Rows(d);
        RuleSection(sb, "Newly open", DiffSections.NewlyOpen(rows));
        RuleSection(sb, "Closed", DiffSections.OfKind(rows, RuleChangeKind.Closed));
        RuleSection(sb, "Still open", DiffSections.OfKind(rows, RuleChangeKind.StillOpen));
        RuleSection(sb, "Other status changes", DiffSections.OfKind(rows, RuleChangeKind.StatusChanged));
        RuleSection(sb, "Added rules", DiffSections.OfKind(rows, RuleChangeKind.Added));
        RuleSection(sb, "Removed rules", DiffSections.OfKind(rows, RuleChangeKind.Removed));

        var revisions = DiffSections.Revisions(rows);
        sb.Append("## Revised rules (").Append(revisions.Count).Append(")\n\n");
        if (revisions.Count == 0) sb.Append("None.\n\n");
        foreach (var g in revisions)
        {
            var r = g.Rule;
            sb.Append("### ").Append(Md.Cell(g.Stig.BenchmarkId)).Append(' ').Append(Md.Cell(r.VulnId))
              .Append(" (").Append(Md.Cell(r.StigId ?? "")).Append(")\n\n");
            sb.Append("- Rule id: ").Append(Md.Code(r.Old?.RuleId ?? "")).Append(" -> ").Append(Md.Code(r.New?.RuleId ?? "")).Append('\n');
            sb.Append("- Changed: ").Append(string.Join(", ", DiffNames.Tokens(r.Revisions))).Append('\n');
            sb.Append("- Hosts: ").Append(Md.Cell(string.Join(", ", g.Hosts))).Append("\n\n");
            foreach (var (name, o, n) in RevisedTexts(r))
            {
                sb.Append("**").Append(name).Append("**\n\n");
                sb.Append(Md.Fence(WordDiff.ToInlineText(WordDiff.Compute(o, n)))).Append('\n');
            }
        }

        var texts = DiffSections.ReviewTextChanged(rows).ToList();
        sb.Append("## Finding details or comments changed (").Append(texts.Count).Append(")\n\n");
        if (texts.Count == 0) sb.Append("None.\n\n");
        foreach (var (h, s, r) in texts)
        {
            sb.Append("### ").Append(Md.Cell(h.HostName)).Append(' ').Append(Md.Cell(r.VulnId)).Append(" (").Append(Md.Cell(s.BenchmarkId)).Append(")\n\n");
            if (r.FindingDetailsChanged)
                sb.Append("**Finding details**\n\n").Append(Md.Fence(WordDiff.ToInlineText(WordDiff.Compute(r.Old?.FindingDetails, r.New?.FindingDetails)))).Append('\n');
            if (r.CommentsChanged)
                sb.Append("**Comments**\n\n").Append(Md.Fence(WordDiff.ToInlineText(WordDiff.Compute(r.Old?.Comments, r.New?.Comments)))).Append('\n');
        }

        if (d.Warnings.Count > 0)
        {
            sb.Append("## Warnings\n\n");
            foreach (var w in d.Warnings) sb.Append("- ").Append(Md.Cell(w)).Append('\n');
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Check, fix, title and discussion texts that a revision changed: (name, old, new).</summary>
    internal static IEnumerable<(string Name, string Old, string New)> RevisedTexts(RuleDiff r)
    {
        if (r.Old is null || r.New is null) yield break;
        if (r.Revisions.HasFlag(RuleRevision.Title)) yield return ("Title", r.Old.RuleTitle ?? "", r.New.RuleTitle ?? "");
        if (r.Revisions.HasFlag(RuleRevision.Discussion)) yield return ("Discussion", r.Old.Discussion ?? "", r.New.Discussion ?? "");
        if (r.Revisions.HasFlag(RuleRevision.CheckText)) yield return ("Check text", r.Old.CheckContent ?? "", r.New.CheckContent ?? "");
        if (r.Revisions.HasFlag(RuleRevision.FixText)) yield return ("Fix text", r.Old.FixText ?? "", r.New.FixText ?? "");
    }

    static void RuleSection(StringBuilder sb, string title, IEnumerable<DiffRow> rows)
    {
        var list = rows.ToList();
        sb.Append("## ").Append(title).Append(" (").Append(list.Count).Append(")\n\n");
        if (list.Count == 0) { sb.Append("None.\n\n"); return; }
        sb.Append("| Host | Benchmark | Vuln | STIG ID | CAT | Old | New | Title | Notes |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var (h, s, r) in list)
            sb.Append($"| {Md.Cell(h.HostName)} | {Md.Cell(s.BenchmarkId)} | {Md.Cell(r.VulnId)} | {Md.Cell(r.StigId ?? "")} | {DiffSections.CatOf(r)} | " +
                      $"{DiffNames.Status(r.OldStatus)} | {DiffNames.Status(r.NewStatus)} | {Md.Cell(r.Title ?? "")} | {Md.Cell(DiffNames.Notes(r))} |\n");
        sb.Append('\n');
    }

    // ---------------------------------------------------------------- CSV

    public static readonly string[] CsvColumns =
    [
        "host", "benchmark_id", "old_release", "new_release", "vuln_id", "old_vuln_id", "stig_id", "rule_id", "old_rule_id",
        "severity", "cat", "change", "newly_open", "old_status", "new_status", "revised", "severity_changed",
        "finding_details_changed", "comments_changed", "matched_by", "title",
    ];

    /// <summary>One row per reportable rule (every host and STIG, one-sided ones included), RFC 4180.</summary>
    public static string Csv(FleetDiff d)
    {
        var sb = new StringBuilder();
        Csv(sb, CsvColumns);
        foreach (var (h, s, r) in d.AllRules.Where(x => x.Rule.IsReportable))
            Csv(sb,
            [
                h.HostName, s.BenchmarkId, s.OldVersionLabel ?? "", s.NewVersionLabel ?? "", r.VulnId, r.OldVulnId ?? "", r.StigId ?? "",
                r.New?.RuleId ?? "", r.Old?.RuleId ?? "", r.Severity ?? "", DiffSections.CatOf(r), DiffNames.Token(r.Kind),
                Bool(r.IsNewlyOpen), DiffNames.Status(r.OldStatus), DiffNames.Status(r.NewStatus), string.Join(";", DiffNames.Tokens(r.Revisions)),
                Bool(r.SeverityChanged), Bool(r.FindingDetailsChanged), Bool(r.CommentsChanged),
                r.MatchedBy == RuleMatch.None ? "" : DiffNames.Token(r.MatchedBy), r.Title ?? "",
            ]);
        return sb.ToString();
    }

    static string Bool(bool b) => b ? "true" : "false";

    static void Csv(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CsvCell(cells[i]));
        }
        sb.Append("\r\n");
    }

    /// <summary>
    /// RFC 4180 quoting; a cell a spreadsheet would take for a formula (=, +, -, @, tab, CR first) is
    /// prefixed with an apostrophe so that opening the file never runs one.
    /// </summary>
    public static string CsvCell(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    // ---------------------------------------------------------------- JSON

    /// <summary>
    /// The JSON contract (schemaVersion 1): field names are camelCase and stable; absent values are null.
    /// Rules list only reportable rules; summaries count every rule.
    /// </summary>
    public static string Json(FleetDiff d)
    {
        var root = new JObject
        {
            ["kind"] = "checklistDiff",
            ["schemaVersion"] = 1,
            ["old"] = d.OldLabel,
            ["new"] = d.NewLabel,
            ["summary"] = JsonCounts(d.Counts),
            ["hostsOnlyInOld"] = new JArray(d.HostsOnlyInOld.Select(h => h.HostName)),
            ["hostsOnlyInNew"] = new JArray(d.HostsOnlyInNew.Select(h => h.HostName)),
            ["warnings"] = new JArray(d.Warnings),
            ["hosts"] = new JArray(d.Hosts.Select(h => new JObject
            {
                ["hostName"] = h.HostName,
                ["oldHostName"] = h.OldHostName,
                ["newHostName"] = h.NewHostName,
                ["presence"] = DiffNames.Token(h.Presence),
                ["oldFiles"] = new JArray(h.OldFiles),
                ["newFiles"] = new JArray(h.NewFiles),
                ["summary"] = JsonCounts(h.Counts),
                ["stigs"] = new JArray(h.Stigs.Select(JsonStig)),
            })),
        };
        return Serialize(root);
    }

    internal static string Serialize(JToken token)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var w = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2 })
            token.WriteTo(w);
        return sw.ToString() + "\n";
    }

    static JObject JsonStig(StigDiff s) => new()
    {
        ["benchmarkId"] = s.BenchmarkId,
        ["title"] = s.Title,
        ["presence"] = DiffNames.Token(s.Presence),
        ["oldVersion"] = s.Old?.Version,
        ["newVersion"] = s.New?.Version,
        ["oldReleaseInfo"] = s.OldReleaseInfo,
        ["newReleaseInfo"] = s.NewReleaseInfo,
        ["oldVersionLabel"] = s.OldVersionLabel,
        ["newVersionLabel"] = s.NewVersionLabel,
        ["releaseChanged"] = s.ReleaseChanged,
        ["summary"] = JsonCounts(s.Counts),
        ["unreportedRules"] = s.Rules.Count(r => !r.IsReportable),
        ["rules"] = new JArray(s.Rules.Where(r => r.IsReportable).Select(JsonRule)),
    };

    static JObject JsonRule(RuleDiff r) => new()
    {
        ["vulnId"] = r.VulnId,
        ["oldVulnId"] = r.OldVulnId,
        ["newVulnId"] = r.NewVulnId,
        ["stigId"] = r.StigId,
        ["oldRuleId"] = r.Old?.RuleId,
        ["newRuleId"] = r.New?.RuleId,
        ["title"] = r.Title,
        ["change"] = DiffNames.Token(r.Kind),
        ["newlyOpen"] = r.IsNewlyOpen,
        ["oldStatus"] = r.OldStatus?.ToCkl(),
        ["newStatus"] = r.NewStatus?.ToCkl(),
        ["severity"] = r.Severity,
        ["cat"] = DiffSections.CatOf(r),
        ["oldSeverity"] = r.OldSeverity,
        ["newSeverity"] = r.NewSeverity,
        ["severityChanged"] = r.SeverityChanged,
        ["matchedBy"] = r.MatchedBy == RuleMatch.None ? null : DiffNames.Token(r.MatchedBy),
        ["revised"] = new JArray(DiffNames.Tokens(r.Revisions)),
        ["findingDetailsChanged"] = r.FindingDetailsChanged,
        ["commentsChanged"] = r.CommentsChanged,
        ["oldFindingDetails"] = r.FindingDetailsChanged ? r.Old?.FindingDetails : null,
        ["newFindingDetails"] = r.FindingDetailsChanged ? r.New?.FindingDetails : null,
        ["oldComments"] = r.CommentsChanged ? r.Old?.Comments : null,
        ["newComments"] = r.CommentsChanged ? r.New?.Comments : null,
    };

    static JObject JsonCounts(DiffCounts c) => new()
    {
        ["catI"] = JsonCat(c.CatI),
        ["catII"] = JsonCat(c.CatII),
        ["catIII"] = JsonCat(c.CatIII),
        ["catUnknown"] = JsonCat(c.CatUnknown),
        ["total"] = JsonCat(c.Total),
    };

    static JObject JsonCat(CatCounts x) => new()
    {
        ["openOld"] = x.OpenOld,
        ["openNew"] = x.OpenNew,
        ["newlyOpen"] = x.NewlyOpen,
        ["closed"] = x.Closed,
        ["stillOpen"] = x.StillOpen,
        ["added"] = x.Added,
        ["removed"] = x.Removed,
        ["revised"] = x.Revised,
    };

    // ---------------------------------------------------------------- HTML

    /// <summary>A self-contained page: inline CSS, no scripts, no external resources; every value escaped.</summary>
    public static string Html(FleetDiff d)
    {
        var sb = new StringBuilder();
        HtmlPage.Begin(sb, "Checklist diff");
        sb.Append("<h1>Checklist diff</h1>\n<dl class=\"meta\"><dt>Old</dt><dd><code>").Append(CklGen.Diff.Html.Escape(d.OldLabel))
          .Append("</code></dd><dt>New</dt><dd><code>").Append(CklGen.Diff.Html.Escape(d.NewLabel)).Append("</code></dd></dl>\n");
        sb.Append("<p>").Append(E(DiffSections.HostLine(d))).Append("</p>\n");

        sb.Append("<h2>Summary</h2>\n<table class=\"counts\"><thead><tr><th></th>");
        foreach (var h in DiffSections.CountHeaders) sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var (label, c) in DiffSections.CountRows(d.Counts))
        {
            sb.Append("<tr class=\"").Append(CatClass(label)).Append("\"><th>").Append(E(label)).Append("</th>");
            foreach (var v in DiffSections.CountValues(c)) sb.Append("<td>").Append(v.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");

        sb.Append("<h2>STIGs</h2>\n<table><thead><tr><th>Host</th><th>Benchmark</th><th>Release</th><th>Present</th></tr></thead><tbody>\n");
        foreach (var (h, s) in d.AllStigs)
            sb.Append("<tr><td>").Append(E(h.HostName)).Append("</td><td>").Append(E(s.BenchmarkId)).Append("</td><td>")
              .Append(E(DiffNames.Release(s))).Append("</td><td>").Append(DiffSections.PresenceText(s.Presence)).Append("</td></tr>\n");
        sb.Append("</tbody></table>\n");

        var rows = DiffSections.Rows(d);
        HtmlRuleSection(sb, "newly-open", "Newly open", DiffSections.NewlyOpen(rows));
        HtmlRuleSection(sb, "closed", "Closed", DiffSections.OfKind(rows, RuleChangeKind.Closed));
        HtmlRuleSection(sb, "still-open", "Still open", DiffSections.OfKind(rows, RuleChangeKind.StillOpen));
        HtmlRuleSection(sb, "status-changed", "Other status changes", DiffSections.OfKind(rows, RuleChangeKind.StatusChanged));
        HtmlRuleSection(sb, "added", "Added rules", DiffSections.OfKind(rows, RuleChangeKind.Added));
        HtmlRuleSection(sb, "removed", "Removed rules", DiffSections.OfKind(rows, RuleChangeKind.Removed));

        var revisions = DiffSections.Revisions(rows);
        sb.Append("<h2 id=\"revised\">Revised rules (").Append(revisions.Count).Append(")</h2>\n");
        if (revisions.Count == 0) sb.Append("<p class=\"none\">None.</p>\n");
        else
        {
            sb.Append("<table><thead><tr><th>Benchmark</th><th>Vuln</th><th>STIG ID</th><th>CAT</th><th>Rule id</th><th>Changed</th><th>Hosts</th><th>Detail</th></tr></thead><tbody>\n");
            foreach (var g in revisions)
            {
                var r = g.Rule;
                sb.Append("<tr><td>").Append(E(g.Stig.BenchmarkId)).Append("</td><td>").Append(E(r.VulnId)).Append("</td><td>").Append(E(r.StigId))
                  .Append("</td><td class=\"").Append(CatClass(DiffSections.CatOf(r))).Append("\">").Append(E(DiffSections.CatOf(r)))
                  .Append("</td><td>").Append(E(r.Old?.RuleId)).Append(" &rarr; ").Append(E(r.New?.RuleId))
                  .Append("</td><td>").Append(E(string.Join(", ", DiffNames.Tokens(r.Revisions))))
                  .Append("</td><td>").Append(E(string.Join(", ", g.Hosts))).Append("</td><td>");
                foreach (var (name, o, n) in RevisedTexts(r)) HtmlDetail(sb, name, o, n);
                sb.Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }

        var texts = DiffSections.ReviewTextChanged(rows).ToList();
        HtmlRuleSection(sb, "review-text", "Finding details or comments changed", texts);

        if (d.Warnings.Count > 0)
        {
            sb.Append("<h2>Warnings</h2>\n<ul>\n");
            foreach (var w in d.Warnings) sb.Append("<li>").Append(E(w)).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        HtmlPage.End(sb);
        return sb.ToString();
    }

    static string E(string? s) => CklGen.Diff.Html.Escape(s);

    static string CatClass(string label) => label switch
    {
        "CAT I" => "cat1",
        "CAT II" => "cat2",
        "CAT III" => "cat3",
        "Total" => "total",
        _ => "catx",
    };

    static void HtmlRuleSection(StringBuilder sb, string id, string title, IEnumerable<DiffRow> rows)
    {
        var list = rows.ToList();
        sb.Append("<h2 id=\"").Append(id).Append("\">").Append(E(title)).Append(" (").Append(list.Count).Append(")</h2>\n");
        if (list.Count == 0) { sb.Append("<p class=\"none\">None.</p>\n"); return; }
        sb.Append("<table><thead><tr><th>Host</th><th>Benchmark</th><th>Vuln</th><th>STIG ID</th><th>CAT</th><th>Old</th><th>New</th><th>Title</th><th>Notes</th><th>Detail</th></tr></thead><tbody>\n");
        foreach (var (h, s, r) in list)
        {
            var cat = DiffSections.CatOf(r);
            sb.Append("<tr><td>").Append(E(h.HostName)).Append("</td><td>").Append(E(s.BenchmarkId)).Append("</td><td>").Append(E(r.VulnId))
              .Append("</td><td>").Append(E(r.StigId)).Append("</td><td class=\"").Append(CatClass(cat)).Append("\">").Append(E(cat))
              .Append("</td><td>").Append(E(DiffNames.Status(r.OldStatus))).Append("</td><td>").Append(E(DiffNames.Status(r.NewStatus)))
              .Append("</td><td>").Append(E(r.Title)).Append("</td><td>").Append(E(DiffNames.Notes(r))).Append("</td><td>");
            if (r.FindingDetailsChanged) HtmlDetail(sb, "Finding details", r.Old?.FindingDetails, r.New?.FindingDetails);
            else if (!string.IsNullOrWhiteSpace(r.New?.FindingDetails ?? r.Old?.FindingDetails))
                HtmlText(sb, "Finding details", r.New?.FindingDetails ?? r.Old?.FindingDetails);
            if (r.CommentsChanged) HtmlDetail(sb, "Comments", r.Old?.Comments, r.New?.Comments);
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    static void HtmlDetail(StringBuilder sb, string name, string? old, string? @new) =>
        sb.Append("<details><summary>").Append(E(name)).Append(" (changed)</summary><div class=\"diff\">")
          .Append(WordDiff.ToHtml(WordDiff.Compute(old, @new))).Append("</div></details>");

    static void HtmlText(StringBuilder sb, string name, string? text) =>
        sb.Append("<details><summary>").Append(E(name)).Append("</summary><div class=\"diff\">").Append(E(text)).Append("</div></details>");
}

/// <summary>Markdown escaping.</summary>
internal static class Md
{
    /// <summary>Text for a table cell or a line: one line, Markdown punctuation and '&lt;' escaped.</summary>
    public static string Cell(string? s)
    {
        var sb = new StringBuilder();
        var t = (s ?? "").Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            switch (c)
            {
                // Escaping '<' alone is enough to keep raw HTML out; '>' and '&' stay readable.
                case '<': sb.Append("&lt;"); break;
                // Underscores inside a word cannot start emphasis (MS_Exchange_2016 stays as is).
                case '_' when i > 0 && i < t.Length - 1 && char.IsLetterOrDigit(t[i - 1]) && char.IsLetterOrDigit(t[i + 1]): sb.Append(c); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Inline code, with a backtick fence longer than any run inside.</summary>
    public static string Code(string? s)
    {
        s = (s ?? "").Replace("\r\n", " ").Replace('\n', ' ');
        var fence = new string('`', LongestRun(s, '`') + 1);
        var pad = s.StartsWith('`') || s.EndsWith('`') ? " " : "";
        return fence + pad + s + pad + fence;
    }

    /// <summary>A fenced text block that the content cannot close.</summary>
    public static string Fence(string s)
    {
        var fence = new string('`', Math.Max(3, LongestRun(s, '`') + 1));
        return fence + "text\n" + s.Replace("\r\n", "\n").TrimEnd('\n') + "\n" + fence + "\n";
    }

    static int LongestRun(string s, char c)
    {
        int best = 0, run = 0;
        foreach (var x in s) { run = x == c ? run + 1 : 0; best = Math.Max(best, run); }
        return best;
    }
}

/// <summary>The page frame both HTML reports share.</summary>
internal static class HtmlPage
{
    public static void Begin(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Html.Escape(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    public static void End(StringBuilder sb) => sb.Append("</body>\n</html>\n");

    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1em; }
        table { border-collapse: collapse; margin: .5em 0; }
        th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; }
        table.counts td { text-align: right; min-width: 5em; }
        .cat1 { background: #fbe3e4; } .cat2 { background: #fdf2dc; } .cat3 { background: #eef6e8; } .total { font-weight: bold; }
        .none { color: #666; }
        .diff, pre { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9em; max-width: 70em; }
        del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
        dl.meta dt { font-weight: bold; float: left; width: 3em; } dl.meta dd { margin-left: 3.5em; }
        details summary { cursor: pointer; }

        """;
}
