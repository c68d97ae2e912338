using CklGen.Checklists;

namespace CklGen.Diff;

/// <summary>Names of diff values as reports and the JSON/CSV contract spell them.</summary>
public static class DiffNames
{
    /// <summary>Order in which reports list change kinds.</summary>
    public static readonly RuleChangeKind[] ReportOrder =
    [
        RuleChangeKind.NewlyOpen, RuleChangeKind.Closed, RuleChangeKind.StillOpen, RuleChangeKind.StatusChanged,
        RuleChangeKind.Added, RuleChangeKind.Removed, RuleChangeKind.Unchanged,
    ];

    /// <summary>Token for JSON and CSV: newlyOpen, closed, stillOpen, statusChanged, unchanged, added, removed.</summary>
    public static string Token(RuleChangeKind k) => k switch
    {
        RuleChangeKind.NewlyOpen => "newlyOpen",
        RuleChangeKind.Closed => "closed",
        RuleChangeKind.StillOpen => "stillOpen",
        RuleChangeKind.StatusChanged => "statusChanged",
        RuleChangeKind.Added => "added",
        RuleChangeKind.Removed => "removed",
        _ => "unchanged",
    };

    public static string Label(RuleChangeKind k) => k switch
    {
        RuleChangeKind.NewlyOpen => "Newly open",
        RuleChangeKind.Closed => "Closed",
        RuleChangeKind.StillOpen => "Still open",
        RuleChangeKind.StatusChanged => "Status changed",
        RuleChangeKind.Added => "Added",
        RuleChangeKind.Removed => "Removed",
        _ => "Status unchanged",
    };

    public static string Token(RuleMatch m) => m switch
    {
        RuleMatch.VulnId => "vulnId",
        RuleMatch.LegacyId => "legacyId",
        RuleMatch.StigId => "stigId",
        _ => "none",
    };

    public static string Token(Presence p) => p switch
    {
        Presence.OnlyOld => "onlyOld",
        Presence.OnlyNew => "onlyNew",
        _ => "both",
    };

    /// <summary>ruleId, title, severity, discussion, checkText, fixText: the flags set, in that order.</summary>
    public static IReadOnlyList<string> Tokens(RuleRevision r)
    {
        var list = new List<string>();
        if (r.HasFlag(RuleRevision.RuleId)) list.Add("ruleId");
        if (r.HasFlag(RuleRevision.Title)) list.Add("title");
        if (r.HasFlag(RuleRevision.Severity)) list.Add("severity");
        if (r.HasFlag(RuleRevision.Discussion)) list.Add("discussion");
        if (r.HasFlag(RuleRevision.CheckText)) list.Add("checkText");
        if (r.HasFlag(RuleRevision.FixText)) list.Add("fixText");
        return list;
    }

    /// <summary>Status as CKL spells it (Open, NotAFinding, Not_Applicable, Not_Reviewed); "" for none.</summary>
    public static string Status(ChecklistStatus? s) => s?.ToCkl() ?? "";

    /// <summary>"V2R3 -> V2R4", "V2R3" when unchanged, "(none) -> V2R4" for a side without the STIG.</summary>
    public static string Release(StigDiff s)
    {
        string Side(string? label, bool present) => !present ? "(none)" : string.IsNullOrEmpty(label) ? "?" : label;
        var o = Side(s.OldVersionLabel, s.Old is not null);
        var n = Side(s.NewVersionLabel, s.New is not null);
        return o == n && !s.ReleaseChanged ? n : $"{o} -> {n}";
    }

    /// <summary>Short notes on a rule besides its status: what was revised, review text changes, matching.</summary>
    public static string Notes(RuleDiff r)
    {
        var notes = new List<string>();
        if (r.Kind == RuleChangeKind.Added) notes.Add("not in the old checklist");
        if (r.IsRevised) notes.Add("revised: " + string.Join(", ", Tokens(r.Revisions)));
        if (r.SeverityChanged) notes.Add($"severity {r.OldSeverity ?? "?"} -> {r.NewSeverity ?? "?"}");
        if (r.MatchedBy is RuleMatch.LegacyId or RuleMatch.StigId)
            notes.Add($"was {r.OldVulnId} (matched by {(r.MatchedBy == RuleMatch.LegacyId ? "legacy id" : "STIG id")})");
        if (r.FindingDetailsChanged) notes.Add("finding details changed");
        if (r.CommentsChanged) notes.Add("comments changed");
        return string.Join("; ", notes);
    }
}
