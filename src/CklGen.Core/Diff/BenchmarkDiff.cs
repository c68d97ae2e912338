using CklGen.Benchmarks;

namespace CklGen.Diff;

/// <summary>How a changed rule was renumbered, if it was.</summary>
public enum Renumbering
{
    None,
    /// <summary>Same V-id, new rule id revision (SV-228391r612748 to SV-228391r879588).</summary>
    NewRevision,
    /// <summary>A rule with another V-id whose legacy ids or STIG id show it replaced the old one.</summary>
    Replaced,
}

/// <summary>One text field of a rule that changed, with its word diff.</summary>
public sealed record FieldChange(string Field, string Old, string New, IReadOnlyList<DiffSegment> Diff);

/// <summary>A rule present in both releases.</summary>
public sealed class BenchmarkRuleChange
{
    public required BenchmarkRule Old { get; init; }
    public required BenchmarkRule New { get; init; }
    public RuleMatch MatchedBy { get; init; }
    public Renumbering Renumbering { get; init; }
    public bool SeverityChanged => !string.Equals(Old.Severity, New.Severity, StringComparison.OrdinalIgnoreCase);
    /// <summary>Title, discussion, check, fix, STIG id and CCIs that differ (beyond whitespace), in that order.</summary>
    public required IReadOnlyList<FieldChange> Fields { get; init; }
    public bool HasChanges => Renumbering != Renumbering.None || SeverityChanged || Fields.Count > 0;

    /// <summary>Names of what changed: revision, replaced, severity, then the field names.</summary>
    public IEnumerable<string> ChangeNames
    {
        get
        {
            if (Renumbering == Renumbering.NewRevision) yield return "revision";
            if (Renumbering == Renumbering.Replaced) yield return "replaced";
            if (SeverityChanged) yield return "severity";
            foreach (var f in Fields) yield return f.Field;
        }
    }
}

/// <summary>
/// What DISA changed between two releases of a benchmark. Rules are paired by V-id, then by legacy
/// ids (a new rule listing the old rule's V-/SV-id), then by STIG id.
/// </summary>
public sealed class BenchmarkDiff
{
    public const string FieldTitle = "title";
    public const string FieldDiscussion = "discussion";
    public const string FieldCheck = "checkText";
    public const string FieldFix = "fixText";
    public const string FieldStigId = "stigId";
    public const string FieldCcis = "ccis";

    public required Benchmark Old { get; init; }
    public required Benchmark New { get; init; }
    public required IReadOnlyList<BenchmarkRule> Added { get; init; }
    public required IReadOnlyList<BenchmarkRule> Removed { get; init; }
    /// <summary>Paired rules that differ in anything.</summary>
    public required IReadOnlyList<BenchmarkRuleChange> Changed { get; init; }
    public int UnchangedCount { get; init; }
    public bool SameBenchmarkId => string.Equals(Old.Id, New.Id, StringComparison.OrdinalIgnoreCase);
    public IEnumerable<BenchmarkRuleChange> Renumbered => Changed.Where(c => c.Renumbering != Renumbering.None);
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0 || Changed.Count > 0;
    /// <summary>Rules left out by <see cref="ChangesOnly"/> because their only change was a new rule id revision.</summary>
    public int HiddenRevisionOnly { get; init; }

    /// <summary>Rules a person who answered them must review again: DISA changed their check text.</summary>
    public IEnumerable<BenchmarkRuleChange> ReReview => Changed.Where(c => c.Fields.Any(f => f.Field == FieldCheck));

    /// <summary>The same diff without the rules whose only change is a new revision of their rule id (--changes-only).</summary>
    public BenchmarkDiff ChangesOnly()
    {
        var kept = Changed.Where(c => c.ChangeNames.Any(n => n != "revision")).ToList();
        return new BenchmarkDiff
        {
            Old = Old, New = New, Added = Added, Removed = Removed, Changed = kept,
            UnchangedCount = UnchangedCount, HiddenRevisionOnly = HiddenRevisionOnly + Changed.Count - kept.Count,
        };
    }

    public static BenchmarkDiff Compare(Benchmark old, Benchmark @new)
    {
        var pairs = Match(old.Rules, @new.Rules);
        var added = new List<BenchmarkRule>();
        var changed = new List<BenchmarkRuleChange>();
        var matchedOld = new HashSet<BenchmarkRule>(ReferenceEqualityComparer.Instance);
        var unchanged = 0;
        foreach (var n in @new.Rules)
        {
            if (!pairs.TryGetValue(n, out var p)) { added.Add(n); continue; }
            matchedOld.Add(p.Old);
            var c = CompareRule(p.Old, n, p.By);
            if (c.HasChanges) changed.Add(c); else unchanged++;
        }
        return new BenchmarkDiff
        {
            Old = old,
            New = @new,
            Added = added,
            Removed = old.Rules.Where(r => !matchedOld.Contains(r)).ToList(),
            Changed = changed,
            UnchangedCount = unchanged,
        };
    }

    static BenchmarkRuleChange CompareRule(BenchmarkRule o, BenchmarkRule n, RuleMatch by)
    {
        var fields = new List<FieldChange>();
        void Field(string name, string a, string b)
        {
            if (WordDiff.Differs(a, b)) fields.Add(new FieldChange(name, a, b, WordDiff.Compute(a, b)));
        }
        Field(FieldTitle, o.Title, n.Title);
        Field(FieldDiscussion, o.Discussion, n.Discussion);
        Field(FieldCheck, o.CheckContent, n.CheckContent);
        Field(FieldFix, o.FixText, n.FixText);
        Field(FieldStigId, o.StigId, n.StigId);
        Field(FieldCcis, string.Join(" ", o.Ccis), string.Join(" ", n.Ccis));

        var renumbering = !string.Equals(o.VulnId, n.VulnId, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(o.RuleIdBase, n.RuleIdBase, StringComparison.OrdinalIgnoreCase) ? Renumbering.Replaced
            : !string.Equals(o.Revision, n.Revision, StringComparison.OrdinalIgnoreCase) ? Renumbering.NewRevision
            : Renumbering.None;
        return new BenchmarkRuleChange { Old = o, New = n, MatchedBy = by, Renumbering = renumbering, Fields = fields };
    }

    static Dictionary<BenchmarkRule, (BenchmarkRule Old, RuleMatch By)> Match(IReadOnlyList<BenchmarkRule> olds, IReadOnlyList<BenchmarkRule> news) =>
        RuleMatcher.Match(olds, news, r => r.VulnId,
            r => [r.VulnId, r.RuleIdBase, .. r.LegacyIds.Select(RuleIds.Base)], r => r.StigId);
}
