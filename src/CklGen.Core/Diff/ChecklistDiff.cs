using System.Text.RegularExpressions;
using CklGen.Benchmarks;
using CklGen.Checklists;

namespace CklGen.Diff;

/// <summary>How a rule's review moved between the old and the new checklist.</summary>
public enum RuleChangeKind
{
    /// <summary>Same status (and not Open).</summary>
    Unchanged,
    /// <summary>Was not Open, now Open.</summary>
    NewlyOpen,
    /// <summary>Was Open, now NotAFinding or Not_Applicable.</summary>
    Closed,
    /// <summary>Open in both.</summary>
    StillOpen,
    /// <summary>Any other status change (e.g. Not_Reviewed to NotAFinding, Open to Not_Reviewed).</summary>
    StatusChanged,
    /// <summary>Only in the new checklist.</summary>
    Added,
    /// <summary>Only in the old checklist.</summary>
    Removed,
}

/// <summary>How an old rule was paired with a new one.</summary>
public enum RuleMatch { None, VulnId, LegacyId, StigId }

/// <summary>Which parts of a rule's benchmark content differ between old and new.</summary>
[Flags]
public enum RuleRevision
{
    None = 0,
    /// <summary>Rule id (SV-...rNNN) differs: DISA revised or renumbered the rule.</summary>
    RuleId = 1,
    Title = 2,
    Severity = 4,
    Discussion = 8,
    CheckText = 16,
    FixText = 32,
}

/// <summary>Whether a host or STIG is on both sides.</summary>
public enum Presence { Both, OnlyOld, OnlyNew }


/// <summary>One rule of a compared STIG.</summary>
public sealed class RuleDiff
{
    public ChecklistRule? Old { get; init; }
    public ChecklistRule? New { get; init; }
    public RuleMatch MatchedBy { get; init; }
    public RuleChangeKind Kind { get; init; }
    public RuleRevision Revisions { get; init; }

    public ChecklistStatus? OldStatus => Old?.Status;
    public ChecklistStatus? NewStatus => New?.Status;

    /// <summary>The new V-id, or the old one for a removed rule.</summary>
    public string VulnId => (New ?? Old)!.VulnId;
    public string? OldVulnId => Old?.VulnId;
    public string? NewVulnId => New?.VulnId;
    public string? StigId => (New ?? Old)!.StigId;
    public string? RuleId => (New ?? Old)!.RuleId;
    public string? Title => (New ?? Old)!.RuleTitle;

    /// <summary>Severity in effect (override first), per side; null when the side has no such rule.</summary>
    public string? OldSeverity => Old is null ? null : ChecklistDiff.EffectiveSeverity(Old);
    public string? NewSeverity => New is null ? null : ChecklistDiff.EffectiveSeverity(New);
    /// <summary>The severity in effect now (old for a removed rule).</summary>
    public string? Severity => NewSeverity ?? OldSeverity;
    public Cat Cat => ChecklistDiff.ToCat(Severity);

    /// <summary>Open now and not before: matched rules that became Open, and added rules that are Open.</summary>
    public bool IsNewlyOpen => Kind == RuleChangeKind.NewlyOpen || (Kind == RuleChangeKind.Added && NewStatus == ChecklistStatus.Open);
    public bool IsRevised => Revisions != RuleRevision.None;
    public bool FindingDetailsChanged { get; init; }
    public bool CommentsChanged { get; init; }
    /// <summary>The effective severity differs (benchmark change or a new/removed override).</summary>
    public bool SeverityChanged => Old is not null && New is not null
        && !string.Equals(OldSeverity, NewSeverity, StringComparison.OrdinalIgnoreCase);

    /// <summary>Anything at all differs between the sides (Still Open alone is not a change).</summary>
    public bool HasChanges => Kind is not (RuleChangeKind.Unchanged or RuleChangeKind.StillOpen)
        || IsRevised || FindingDetailsChanged || CommentsChanged || SeverityChanged;

    /// <summary>Worth a line in a report: changed, or still open.</summary>
    public bool IsReportable => HasChanges || Kind == RuleChangeKind.StillOpen;
}

/// <summary>Counts for one CAT (or the total).</summary>
public sealed class CatCounts
{
    /// <summary>Open in the old checklists (by old severity).</summary>
    public int OpenOld { get; set; }
    /// <summary>Open in the new checklists (by new severity).</summary>
    public int OpenNew { get; set; }
    /// <summary><see cref="RuleDiff.IsNewlyOpen"/>, by new severity.</summary>
    public int NewlyOpen { get; set; }
    /// <summary>Was Open, now NotAFinding/Not_Applicable, by old severity.</summary>
    public int Closed { get; set; }
    public int StillOpen { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
    public int Revised { get; set; }

    internal void Add(CatCounts o)
    {
        OpenOld += o.OpenOld; OpenNew += o.OpenNew; NewlyOpen += o.NewlyOpen; Closed += o.Closed;
        StillOpen += o.StillOpen; Added += o.Added; Removed += o.Removed; Revised += o.Revised;
    }
}

/// <summary>Counts by CAT I/II/III (Unknown: no or odd severity) and in total.</summary>
public sealed class DiffCounts
{
    public CatCounts CatI { get; } = new();
    public CatCounts CatII { get; } = new();
    public CatCounts CatIII { get; } = new();
    public CatCounts CatUnknown { get; } = new();
    public CatCounts Total { get; } = new();

    public CatCounts this[Cat cat] => cat switch { Cat.I => CatI, Cat.II => CatII, Cat.III => CatIII, _ => CatUnknown };

    public static DiffCounts Of(IEnumerable<RuleDiff> rules)
    {
        var c = new DiffCounts();
        foreach (var r in rules) c.Count(r);
        return c;
    }

    public void Add(DiffCounts other)
    {
        foreach (var cat in Enum.GetValues<Cat>()) this[cat].Add(other[cat]);
        Total.Add(other.Total);
    }

    void Count(RuleDiff r)
    {
        var oldCat = ChecklistDiff.ToCat(r.OldSeverity);
        var newCat = ChecklistDiff.ToCat(r.NewSeverity);
        if (r.OldStatus == ChecklistStatus.Open) Bump(oldCat, x => x.OpenOld++);
        if (r.NewStatus == ChecklistStatus.Open) Bump(newCat, x => x.OpenNew++);
        if (r.IsNewlyOpen) Bump(newCat, x => x.NewlyOpen++);
        if (r.Kind == RuleChangeKind.Closed) Bump(oldCat, x => x.Closed++);
        if (r.Kind == RuleChangeKind.StillOpen) Bump(newCat, x => x.StillOpen++);
        if (r.Kind == RuleChangeKind.Added) Bump(newCat, x => x.Added++);
        if (r.Kind == RuleChangeKind.Removed) Bump(oldCat, x => x.Removed++);
        if (r.IsRevised) Bump(newCat, x => x.Revised++);
    }

    void Bump(Cat cat, Action<CatCounts> f) { f(this[cat]); f(Total); }
}

/// <summary>One STIG (benchmark) of a host, compared.</summary>
public sealed class StigDiff
{
    /// <summary>Benchmark id (stigid); the title when a checklist has none.</summary>
    public required string BenchmarkId { get; init; }
    public ChecklistStig? Old { get; init; }
    public ChecklistStig? New { get; init; }
    public Presence Presence => Old is null ? Presence.OnlyNew : New is null ? Presence.OnlyOld : Presence.Both;
    public string? Title => New?.Title ?? Old?.Title;
    public string? OldReleaseInfo => Old?.ReleaseInfo;
    public string? NewReleaseInfo => New?.ReleaseInfo;
    /// <summary>"V2R3" style, from version and release info; null for a missing side.</summary>
    public string? OldVersionLabel => Old is null ? null : ChecklistDiff.VersionLabel(Old);
    public string? NewVersionLabel => New is null ? null : ChecklistDiff.VersionLabel(New);
    public bool ReleaseChanged => Presence == Presence.Both
        && (!string.Equals(Old!.Version ?? "", New!.Version ?? "", StringComparison.Ordinal)
            || !string.Equals(WordDiff.NormalizeSpace(Old.ReleaseInfo), WordDiff.NormalizeSpace(New.ReleaseInfo), StringComparison.Ordinal));
    /// <summary>Every rule of both sides, in new-checklist order, removed rules last.</summary>
    public required IReadOnlyList<RuleDiff> Rules { get; init; }
    public required DiffCounts Counts { get; init; }
    public bool HasChanges => Presence != Presence.Both || ReleaseChanged || Rules.Any(r => r.HasChanges);
}

/// <summary>
/// Two checklists of one host compared: STIGs paired by benchmark id, rules by V-id, then legacy id,
/// then STIG id. A host can have several checklist files per side (one per STIG); all are pooled.
/// </summary>
public sealed class ChecklistDiff
{
    public string HostName => NewHostName ?? OldHostName ?? "";
    public string? OldHostName { get; init; }
    public string? NewHostName { get; init; }
    public Presence Presence { get; init; }
    public IReadOnlyList<string> OldFiles { get; init; } = [];
    public IReadOnlyList<string> NewFiles { get; init; } = [];
    public required IReadOnlyList<StigDiff> Stigs { get; init; }
    public required DiffCounts Counts { get; init; }
    public bool HasChanges => Presence != Presence.Both || Stigs.Any(s => s.HasChanges);
    public IEnumerable<RuleDiff> AllRules => Stigs.SelectMany(s => s.Rules);

    /// <summary>Compares two checklists; the paths are only recorded for reports.</summary>
    public static ChecklistDiff Compare(Checklist old, Checklist @new, string? oldPath = null, string? newPath = null) =>
        Compare(HostOf(old), old.Stigs, oldPath is null ? [] : [oldPath], HostOf(@new), @new.Stigs, newPath is null ? [] : [newPath], true, true);

    /// <summary>Compares pooled STIGs of one host; a side with no files is a host only on the other side.</summary>
    public static ChecklistDiff Compare(string? oldHost, IEnumerable<ChecklistStig> oldStigs, IReadOnlyList<string> oldFiles,
        string? newHost, IEnumerable<ChecklistStig> newStigs, IReadOnlyList<string> newFiles) =>
        Compare(oldHost, oldStigs, oldFiles, newHost, newStigs, newFiles, oldFiles.Count > 0, newFiles.Count > 0);

    static ChecklistDiff Compare(string? oldHost, IEnumerable<ChecklistStig> oldStigs, IReadOnlyList<string> oldFiles,
        string? newHost, IEnumerable<ChecklistStig> newStigs, IReadOnlyList<string> newFiles, bool oldPresent, bool newPresent)
    {
        var olds = oldStigs.ToList();
        var news = newStigs.ToList();
        var stigs = new List<StigDiff>();
        var used = new bool[olds.Count];
        foreach (var n in news)
        {
            var key = BenchmarkKey(n);
            ChecklistStig? o = null;
            for (var i = 0; i < olds.Count && o is null; i++)
            {
                if (used[i] || !string.Equals(BenchmarkKey(olds[i]), key, StringComparison.OrdinalIgnoreCase)) continue;
                used[i] = true;
                o = olds[i];
            }
            stigs.Add(CompareStig(o, n));
        }
        for (var i = 0; i < olds.Count; i++)
            if (!used[i]) stigs.Add(CompareStig(olds[i], null));

        var counts = new DiffCounts();
        foreach (var s in stigs) counts.Add(s.Counts);
        return new ChecklistDiff
        {
            OldHostName = oldPresent ? oldHost : null,
            NewHostName = newPresent ? newHost : null,
            Presence = (oldPresent, newPresent) switch
            {
                (true, false) => Presence.OnlyOld,
                (false, true) => Presence.OnlyNew,
                _ => Presence.Both,
            },
            OldFiles = oldFiles,
            NewFiles = newFiles,
            Stigs = stigs,
            Counts = counts,
        };
    }

    /// <summary>Compares one STIG; pass null for a side that lacks it (all rules then added or removed).</summary>
    public static StigDiff CompareStig(ChecklistStig? old, ChecklistStig? @new)
    {
        if (old is null && @new is null) throw new ArgumentException("both sides are null");
        var oldRules = old?.Rules ?? [];
        var newRules = @new?.Rules ?? [];
        var pairs = MatchRules(oldRules, newRules);
        var diffs = new List<RuleDiff>(oldRules.Count + newRules.Count);
        var oldMatched = new HashSet<ChecklistRule>(ReferenceEqualityComparer.Instance);
        foreach (var n in newRules)
        {
            if (pairs.TryGetValue(n, out var m))
            {
                oldMatched.Add(m.Old);
                diffs.Add(CompareRule(m.Old, n, m.By));
            }
            else diffs.Add(new RuleDiff { New = n, Kind = RuleChangeKind.Added });
        }
        foreach (var o in oldRules)
            if (!oldMatched.Contains(o)) diffs.Add(new RuleDiff { Old = o, Kind = RuleChangeKind.Removed });

        return new StigDiff
        {
            BenchmarkId = BenchmarkKey((@new ?? old)!),
            Old = old,
            New = @new,
            Rules = diffs,
            Counts = DiffCounts.Of(diffs),
        };
    }

    static RuleDiff CompareRule(ChecklistRule o, ChecklistRule n, RuleMatch by) => new()
    {
        Old = o,
        New = n,
        MatchedBy = by,
        Kind = Classify(o.Status, n.Status),
        Revisions = Revisions(o, n),
        FindingDetailsChanged = TextChanged(o.FindingDetails, n.FindingDetails),
        CommentsChanged = TextChanged(o.Comments, n.Comments),
    };

    public static RuleChangeKind Classify(ChecklistStatus old, ChecklistStatus @new)
    {
        var wasOpen = old == ChecklistStatus.Open;
        var isOpen = @new == ChecklistStatus.Open;
        if (wasOpen && isOpen) return RuleChangeKind.StillOpen;
        if (isOpen) return RuleChangeKind.NewlyOpen;
        if (wasOpen && @new is ChecklistStatus.NotAFinding or ChecklistStatus.NotApplicable) return RuleChangeKind.Closed;
        return old == @new ? RuleChangeKind.Unchanged : RuleChangeKind.StatusChanged;
    }

    static RuleRevision Revisions(ChecklistRule o, ChecklistRule n)
    {
        var r = RuleRevision.None;
        if (!string.Equals((o.RuleId ?? "").Trim(), (n.RuleId ?? "").Trim(), StringComparison.OrdinalIgnoreCase)) r |= RuleRevision.RuleId;
        if (WordDiff.Differs(o.RuleTitle, n.RuleTitle)) r |= RuleRevision.Title;
        if (!string.Equals((o.Severity ?? "").Trim(), (n.Severity ?? "").Trim(), StringComparison.OrdinalIgnoreCase)) r |= RuleRevision.Severity;
        if (WordDiff.Differs(o.Discussion, n.Discussion)) r |= RuleRevision.Discussion;
        if (WordDiff.Differs(o.CheckContent, n.CheckContent)) r |= RuleRevision.CheckText;
        if (WordDiff.Differs(o.FixText, n.FixText)) r |= RuleRevision.FixText;
        return r;
    }

    /// <summary>Finding details and comments: line endings and trailing space are not changes.</summary>
    static bool TextChanged(string? a, string? b) =>
        !string.Equals(NormalizeReview(a), NormalizeReview(b), StringComparison.Ordinal);

    static string NormalizeReview(string? s) => (s ?? "").Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd();

    static Dictionary<ChecklistRule, (ChecklistRule Old, RuleMatch By)> MatchRules(IReadOnlyList<ChecklistRule> olds, IReadOnlyList<ChecklistRule> news) =>
        RuleMatcher.Match(olds, news, r => r.VulnId,
            r => [r.VulnId, r.RuleIdBase, .. r.LegacyIds.Select(RuleIds.Base)], r => r.StigId);

    /// <summary>The STIG's benchmark id (stigid), or its title when the checklist has none.</summary>
    public static string BenchmarkKey(ChecklistStig s) =>
        !string.IsNullOrWhiteSpace(s.StigId) ? s.StigId.Trim()
        : !string.IsNullOrWhiteSpace(s.Title) ? s.Title.Trim()
        : "(no benchmark id)";

    public static string? HostOf(Checklist c) =>
        string.IsNullOrWhiteSpace(c.Asset.HostName) ? null : c.Asset.HostName.Trim();

    /// <summary>SEVERITY_OVERRIDE when set, else the rule's severity.</summary>
    public static string? EffectiveSeverity(ChecklistRule r) => Cats.EffectiveSeverity(r);

    public static Cat ToCat(string? severity) => Cats.FromSeverity(severity);

    public static string CatLabel(Cat cat) => cat.Label();

    /// <summary>"V2R3" from STIG_INFO version and "Release: 3 ..." in releaseinfo; as much as is known.</summary>
    public static string VersionLabel(ChecklistStig s)
    {
        var version = (s.Version ?? "").Trim();
        var m = ReleasePattern.Match(s.ReleaseInfo ?? "");
        var release = m.Success ? m.Groups[1].Value : null;
        if (version.Length == 0 && release is null) return "";
        return (version.Length > 0 ? "V" + version : "") + (release is null ? "" : "R" + release);
    }

    static readonly Regex ReleasePattern = new(@"Release:\s*([0-9.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
