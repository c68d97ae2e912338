using System.Text.RegularExpressions;
using CklGen.Checklists;

namespace CklGen.Reports;

/// <summary>How many rules have each status, per severity category.</summary>
public sealed class StatusCounts
{
    public static readonly ChecklistStatus[] Statuses =
        [ChecklistStatus.Open, ChecklistStatus.NotAFinding, ChecklistStatus.NotApplicable, ChecklistStatus.NotReviewed];

    readonly int[,] cells = new int[4, 4];

    public void Add(ChecklistStatus status, Cat cat) => cells[(int)status, (int)cat]++;

    public int this[ChecklistStatus status, Cat cat] => cells[(int)status, (int)cat];

    public int Count(ChecklistStatus status)
    {
        var n = 0;
        for (var c = 0; c < 4; c++) n += cells[(int)status, c];
        return n;
    }

    public int Count(Cat cat)
    {
        var n = 0;
        for (var s = 0; s < 4; s++) n += cells[s, (int)cat];
        return n;
    }

    public int Total
    {
        get
        {
            var n = 0;
            foreach (var v in cells) n += v;
            return n;
        }
    }

    public int Open => Count(ChecklistStatus.Open);
    public int NotAFinding => Count(ChecklistStatus.NotAFinding);
    public int NotApplicable => Count(ChecklistStatus.NotApplicable);
    public int NotReviewed => Count(ChecklistStatus.NotReviewed);
}

/// <summary>A checklist to report on: where it was read from, and its content.</summary>
public sealed record ReportSource(string Path, Checklist Checklist);

/// <summary>One STIG on one host: a checklist's iSTIG.</summary>
public sealed class ReportSection
{
    public required string Host { get; init; }
    /// <summary>The checklist file the section came from.</summary>
    public required string SourcePath { get; init; }
    public required string BenchmarkTitle { get; init; }
    public string? BenchmarkId { get; init; }
    /// <summary>"V2R5" (or "V2" when the release is unknown, "" when neither is).</summary>
    public required string VersionLabel { get; init; }
    public string? ReleaseInfo { get; init; }
    public StatusCounts Counts { get; } = new();
    public List<ReportRow> Rows { get; } = [];

    /// <summary>"Title V2R5".</summary>
    public string Label => VersionLabel.Length == 0 ? BenchmarkTitle : $"{BenchmarkTitle} {VersionLabel}";
}

/// <summary>One rule on one host.</summary>
public sealed class ReportRow
{
    public required ReportSection Section { get; init; }
    public string Host => Section.Host;
    public required ChecklistRule Rule { get; init; }
    public string VulnId => Rule.VulnId;
    public string RuleId => Rule.RuleId ?? "";
    public string StigId => Rule.StigId ?? "";
    public string Title => Rule.RuleTitle ?? Rule.GroupTitle ?? "";
    public ChecklistStatus Status => Rule.Status;
    /// <summary>The benchmark's category.</summary>
    public required Cat OriginalCat { get; init; }
    /// <summary>The category after a severity override, when the review set one.</summary>
    public required Cat Cat { get; init; }
    public bool SeverityOverridden => Cat != OriginalCat;
    public IReadOnlyList<string> Ccis => Rule.Ccis;
    /// <summary>NIST SP 800-53 controls of the rule's CCIs (empty without a CCI list).</summary>
    public required IReadOnlyList<string> Controls { get; init; }
    /// <summary>Roll-up keys this row counts under (controls, CCIs, DIACAP IA controls or "(none)").</summary>
    public required IReadOnlyList<RollupKey> RollupKeys { get; init; }
}

/// <summary>What a roll-up line stands for.</summary>
public enum RollupKind
{
    /// <summary>A NIST SP 800-53 control reached through the CCI list.</summary>
    NistControl,
    /// <summary>A CCI, when no CCI list was given or the list does not know it.</summary>
    Cci,
    /// <summary>A DIACAP IA control (IA_Controls of benchmarks without CCIs, e.g. the 2010 Exchange STIGs).</summary>
    Diacap,
    /// <summary>Rules with neither CCIs nor IA controls.</summary>
    None,
}

public sealed record RollupKey(RollupKind Kind, string Name);

/// <summary>A roll-up line: a control (or CCI, or DIACAP control) and the rules that count under it.</summary>
public sealed class ControlRollup
{
    public required RollupKey Key { get; init; }
    public string Name => Key.Name;
    public RollupKind Kind => Key.Kind;
    /// <summary>NIST revisions the control was taken from (5, or 4 where a CCI has no rev 5 reference).</summary>
    public SortedSet<int> Revisions { get; } = [];
    public SortedSet<string> Ccis { get; } = new(StringComparer.Ordinal);
    public StatusCounts Counts { get; } = new();
    /// <summary>Open V-ids under this control.</summary>
    public SortedSet<string> OpenVulnIds { get; } = new(VulnIdComparer.Instance);
    /// <summary>The benchmark ids (checklist stigid) each open V-id came from.</summary>
    public Dictionary<string, SortedSet<string>> OpenBenchmarkIds { get; } = new(StringComparer.Ordinal);
}

/// <summary>An open rule with every host it is open on (a POA&amp;M item).</summary>
public sealed class OpenFinding
{
    public required string BenchmarkTitle { get; init; }
    public required string VersionLabel { get; init; }
    public required string VulnId { get; init; }
    public required string RuleId { get; init; }
    public required string StigId { get; init; }
    public required string Title { get; init; }
    /// <summary>The most severe category among the hosts (overrides honored).</summary>
    public required Cat Cat { get; init; }
    public required Cat OriginalCat { get; init; }
    public required IReadOnlyList<ReportRow> Rows { get; init; }
    public IEnumerable<string> Hosts => Rows.Select(r => r.Host).Distinct(StringComparer.OrdinalIgnoreCase);
    public ChecklistRule Rule => Rows[0].Rule;
    public IReadOnlyList<string> Ccis => Rows.SelectMany(r => r.Ccis).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    public IReadOnlyList<string> Controls => Rows.SelectMany(r => r.Controls).Distinct().Order(NistControls.Comparer).ToList();
    public string BenchmarkLabel => VersionLabel.Length == 0 ? BenchmarkTitle : $"{BenchmarkTitle} {VersionLabel}";
}

/// <summary>
/// Everything the HTML, CSV and POA&amp;M writers show, computed once from checklists and an
/// optional CCI list.
/// </summary>
public sealed class Report
{
    public required DateTimeOffset GeneratedAt { get; init; }
    public CciList? CciList { get; init; }
    public required IReadOnlyList<ReportSource> Sources { get; init; }
    public required IReadOnlyList<ReportSection> Sections { get; init; }
    public IEnumerable<ReportRow> Rows => Sections.SelectMany(s => s.Rows);
    public required StatusCounts Totals { get; init; }
    public required IReadOnlyList<string> Hosts { get; init; }
    public required IReadOnlyList<OpenFinding> OpenFindings { get; init; }
    public required IReadOnlyList<ControlRollup> Rollup { get; init; }
    /// <summary>Plain sentences about what the roll-up could and could not do (no CCI list, DIACAP fallback...).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>One sentence per STIG of a host read from more than one checklist (a CKL and a CKLB of the same run): which file was used.</summary>
    public IReadOnlyList<string> Duplicates { get; init; } = [];

    public static Report Build(IEnumerable<ReportSource> sources, CciList? cci, DateTimeOffset generatedAt)
    {
        var srcList = sources.ToList();
        var sections = new List<ReportSection>();
        var totals = new StatusCounts();
        var (chosen, duplicates) = ChooseAmongDuplicates(srcList);
        foreach (var src in srcList)
        {
            var host = HostName(src);
            foreach (var stig in src.Checklist.Stigs)
            {
                if (!chosen.Contains(stig)) continue;
                var section = new ReportSection
                {
                    Host = host,
                    SourcePath = src.Path,
                    BenchmarkTitle = FirstNonEmpty(stig.Title, stig.DisplayName, stig.StigId, "(untitled STIG)"),
                    BenchmarkId = stig.StigId,
                    VersionLabel = VersionLabel(stig.Version, stig.ReleaseInfo),
                    ReleaseInfo = stig.ReleaseInfo,
                };
                foreach (var rule in stig.Rules)
                {
                    var original = Cats.FromSeverity(rule.Severity);
                    var overridden = Cats.FromSeverity(rule.SeverityOverride);
                    var controls = new List<string>();
                    var keys = new List<RollupKey>();
                    foreach (var c in rule.Ccis)
                    {
                        var found = cci?.ControlsFor(c) ?? [];
                        foreach (var ctl in found)
                            if (!controls.Contains(ctl.Control)) controls.Add(ctl.Control);
                        if (found.Count == 0) keys.Add(new RollupKey(RollupKind.Cci, CciIds.Normalize(c) ?? c.Trim()));
                    }
                    keys.InsertRange(0, controls.Select(c => new RollupKey(RollupKind.NistControl, c)));
                    if (rule.Ccis.Count == 0)
                        keys.AddRange(SplitIaControls(rule.IaControls).Select(c => new RollupKey(RollupKind.Diacap, c)));
                    if (keys.Count == 0) keys.Add(new RollupKey(RollupKind.None, "(none)"));
                    var row = new ReportRow
                    {
                        Section = section,
                        Rule = rule,
                        OriginalCat = original,
                        Cat = overridden == Cat.Unknown ? original : overridden,
                        Controls = controls.Order(NistControls.Comparer).ToList(),
                        RollupKeys = keys.Distinct().ToList(),
                    };
                    section.Rows.Add(row);
                    section.Counts.Add(row.Status, row.Cat);
                    totals.Add(row.Status, row.Cat);
                }
                sections.Add(section);
            }
        }
        sections = sections
            .OrderBy(s => s.Host, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.BenchmarkTitle, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.VersionLabel, StringComparer.Ordinal)
            .ToList();
        var rows = sections.SelectMany(s => s.Rows).ToList();
        return new Report
        {
            GeneratedAt = generatedAt,
            CciList = cci,
            Sources = srcList,
            Sections = sections,
            Totals = totals,
            Hosts = sections.Select(s => s.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            OpenFindings = GroupOpen(rows),
            Rollup = BuildRollup(rows, cci),
            Notes = BuildNotes(rows, cci),
            Duplicates = duplicates,
        };
    }

    /// <summary>
    /// A STIG of a host that several checklists hold (the same host, benchmark and release) is counted once.
    /// When the copies agree rule for rule the CKLB is used (STIG Viewer 3's format), else the newest file
    /// (last written), and the sentence says they differ.
    /// </summary>
    static (HashSet<ChecklistStig> Chosen, List<string> Sentences) ChooseAmongDuplicates(List<ReportSource> sources)
    {
        var chosen = new HashSet<ChecklistStig>(ReferenceEqualityComparer.Instance);
        var sentences = new List<string>();
        var groups = sources
            .SelectMany((src, order) => src.Checklist.Stigs.Select(stig => (Src: src, Stig: stig, Order: order)))
            .GroupBy(x => (Host: HostName(x.Src).ToUpperInvariant(), Key: StigKey(x.Stig)));
        foreach (var g in groups)
        {
            var copies = g.ToList();
            if (copies.Count == 1) { chosen.Add(copies[0].Stig); continue; }
            var distinctFiles = copies.Select(c => Path.GetFullPath(c.Src.Path)).Distinct(StringComparer.Ordinal).Count();
            var agree = copies.Skip(1).All(c => SameResults(copies[0].Stig, c.Stig));
            var pick = agree
                ? copies.OrderByDescending(c => c.Src.Path.EndsWith(".cklb", StringComparison.OrdinalIgnoreCase)).ThenBy(c => c.Order).First()
                : copies.OrderByDescending(c => LastWrite(c.Src.Path)).ThenBy(c => c.Order).First();
            chosen.Add(pick.Stig);
            if (distinctFiles == 1) continue; // the same file given twice
            var label = $"{HostName(pick.Src)}, {FirstNonEmpty(pick.Stig.Title, pick.Stig.StigId, "(untitled STIG)")} {VersionLabel(pick.Stig.Version, pick.Stig.ReleaseInfo)}".TrimEnd();
            var others = copies.Where(c => !ReferenceEquals(c.Stig, pick.Stig)).Select(c => Path.GetFileName(c.Src.Path)).Distinct();
            sentences.Add(agree
                ? $"{label}: read from {Path.GetFileName(pick.Src.Path)} and {string.Join(", ", others)} with the same results; counted once, from {Path.GetFileName(pick.Src.Path)}."
                : $"{label}: {Path.GetFileName(pick.Src.Path)} and {string.Join(", ", others)} differ; counted once, from the newest, {Path.GetFileName(pick.Src.Path)}.");
        }
        return (chosen, sentences);
    }

    static string StigKey(ChecklistStig s) =>
        $"{FirstNonEmpty(s.StigId, s.Title, "(untitled STIG)").ToUpperInvariant()}|{VersionLabel(s.Version, s.ReleaseInfo)}";

    static bool SameResults(ChecklistStig a, ChecklistStig b)
    {
        if (a.Rules.Count != b.Rules.Count) return false;
        var statuses = a.Rules.GroupBy(r => r.VulnId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return b.Rules.All(r => statuses.TryGetValue(r.VulnId, out var o) && o.Status == r.Status
            && string.Equals(Cats.EffectiveSeverity(o), Cats.EffectiveSeverity(r), StringComparison.OrdinalIgnoreCase));
    }

    static DateTime LastWrite(string path)
    {
        try { return File.GetLastWriteTimeUtc(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return DateTime.MinValue; }
    }

    static List<OpenFinding> GroupOpen(List<ReportRow> rows) =>
        rows.Where(r => r.Status == ChecklistStatus.Open)
            .GroupBy(r => (r.Section.BenchmarkTitle, r.Section.VersionLabel, r.VulnId, Rule: r.Rule.RuleIdBase))
            .Select(g =>
            {
                var list = g.OrderBy(r => r.Host, StringComparer.OrdinalIgnoreCase).ToList();
                return new OpenFinding
                {
                    BenchmarkTitle = g.Key.BenchmarkTitle,
                    VersionLabel = g.Key.VersionLabel,
                    VulnId = g.Key.VulnId,
                    RuleId = list[0].RuleId,
                    StigId = list[0].StigId,
                    Title = list[0].Title,
                    Cat = list.Select(r => r.Cat).OrderBy(CatRank).First(),
                    OriginalCat = list[0].OriginalCat,
                    Rows = list,
                };
            })
            .OrderBy(f => CatRank(f.Cat))
            .ThenBy(f => f.BenchmarkTitle, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.VersionLabel, StringComparer.Ordinal)
            .ThenBy(f => f.VulnId, VulnIdComparer.Instance)
            .ToList();

    /// <summary>Sorts CAT I first and unknown last.</summary>
    public static int CatRank(Cat c) => c == Cat.Unknown ? 4 : (int)c;

    static List<ControlRollup> BuildRollup(List<ReportRow> rows, CciList? cci)
    {
        var map = new Dictionary<RollupKey, ControlRollup>();
        foreach (var row in rows)
        {
            foreach (var key in row.RollupKeys)
            {
                if (!map.TryGetValue(key, out var line)) map[key] = line = new ControlRollup { Key = key };
                line.Counts.Add(row.Status, row.Cat);
                if (row.Status == ChecklistStatus.Open)
                {
                    line.OpenVulnIds.Add(row.VulnId);
                    if (!string.IsNullOrWhiteSpace(row.Section.BenchmarkId))
                    {
                        if (!line.OpenBenchmarkIds.TryGetValue(row.VulnId, out var ids)) line.OpenBenchmarkIds[row.VulnId] = ids = new(StringComparer.Ordinal);
                        ids.Add(row.Section.BenchmarkId.Trim());
                    }
                }
                if (key.Kind == RollupKind.Cci) line.Ccis.Add(key.Name);
                if (key.Kind != RollupKind.NistControl || cci is null) continue;
                foreach (var c in row.Ccis)
                    foreach (var ctl in cci.ControlsFor(c))
                        if (ctl.Control == key.Name)
                        {
                            line.Ccis.Add(CciIds.Normalize(c) ?? c);
                            line.Revisions.Add(ctl.Revision);
                        }
            }
        }
        return map.Values
            .OrderBy(l => (int)l.Kind)
            .ThenBy(l => l.Name, NistControls.Comparer)
            .ToList();
    }

    static List<string> BuildNotes(List<ReportRow> rows, CciList? cci)
    {
        var notes = new List<string>();
        var withCci = rows.Count(r => r.Ccis.Count > 0);
        if (withCci > 0 && cci is null)
            notes.Add("No CCI list was given, so rules are rolled up by CCI; pass --cci U_CCI_List.xml to roll them up by NIST SP 800-53 control.");
        if (cci is not null)
        {
            var unknown = rows.SelectMany(r => r.Ccis).Where(c => cci.ControlsFor(c).Count == 0)
                .Select(c => CciIds.Normalize(c) ?? c).Distinct().Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
                notes.Add($"The CCI list (version {cci.Version ?? "unknown"}) maps no NIST SP 800-53 rev 5 or rev 4 control to {string.Join(", ", unknown)}; these are shown as CCIs.");
            if (rows.Any(r => r.RollupKeys.Any(k => k.Kind == RollupKind.NistControl)))
                notes.Add("Controls are NIST SP 800-53 rev 5 as DISA's CCI list maps them, rev 4 where a CCI has no rev 5 reference.");
        }
        var diacap = rows.Where(r => r.RollupKeys.Any(k => k.Kind == RollupKind.Diacap)).Select(r => r.Section.Label).Distinct().ToList();
        if (diacap.Count > 0)
            notes.Add($"Some benchmarks carry no CCIs ({string.Join("; ", diacap)}); their rules are rolled up by their IA_Controls, which are DIACAP controls (e.g. ECSC-1), not NIST SP 800-53.");
        if (rows.Any(r => r.RollupKeys.Any(k => k.Kind == RollupKind.None)))
            notes.Add("Rules with neither CCIs nor IA controls are counted under \"(none)\".");
        return notes;
    }

    static IEnumerable<string> SplitIaControls(string? ia) =>
        (ia ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Distinct();

    /// <summary>The host a checklist is about: HOST_NAME, else FQDN, else the file name.</summary>
    public static string HostName(ReportSource src) =>
        FirstNonEmpty(src.Checklist.Asset.HostName, src.Checklist.Asset.HostFqdn, Path.GetFileNameWithoutExtension(src.Path), "(unknown host)");

    /// <summary>"V2R5" from version "2" and release info "Release: 5 Benchmark Date: ...".</summary>
    public static string VersionLabel(string? version, string? releaseInfo)
    {
        var v = (version ?? "").Trim();
        var m = Regex.Match(releaseInfo ?? "", @"Release:\s*([0-9.]+)", RegexOptions.IgnoreCase);
        if (v.Length == 0) return m.Success ? "R" + m.Groups[1].Value : "";
        return m.Success ? $"V{v}R{m.Groups[1].Value}" : $"V{v}";
    }

    static string FirstNonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!.Trim();
}

/// <summary>Orders V-ids by number (V-9 before V-10); other ids after, ordinally.</summary>
public sealed class VulnIdComparer : IComparer<string>
{
    public static readonly VulnIdComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var nx = Number(x);
        var ny = Number(y);
        if (nx is not null && ny is not null && nx != ny) return nx.Value.CompareTo(ny.Value);
        if (nx is null != ny is null) return nx is null ? 1 : -1;
        return string.CompareOrdinal(x, y);
    }

    static long? Number(string? id)
    {
        var m = Regex.Match(id ?? "", @"^S?V-(\d+)", RegexOptions.IgnoreCase);
        return m.Success && long.TryParse(m.Groups[1].Value, out var n) ? n : null;
    }
}
