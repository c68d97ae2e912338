using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Diff;
using CklGen.Reports;

namespace CklGen.Library;

/// <summary>
/// The benchmarks of a folder grouped the way the library shows them: each STIG (benchmark id)
/// with its releases, each rule with the releases that have it, and the NIST SP 800-53 controls
/// the rules reach through their CCIs.
/// </summary>
public sealed class LibraryCatalog
{
    public IReadOnlyList<LibraryStig> Stigs { get; }
    public CciList? CciList { get; }
    /// <summary>Releases left out (the same release of a STIG given twice), with the reason.</summary>
    public IReadOnlyList<string> Warnings { get; }
    /// <summary>Controls per NIST SP 800-53 revision (4 and 5), in reading order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<LibraryControl>> Controls { get; }

    public LibraryCatalog(IEnumerable<Benchmark> benchmarks, CciList? cci)
    {
        var warnings = new List<string>();
        var stigs = new List<LibraryStig>();
        foreach (var g in benchmarks.GroupBy(b => LibraryPaths.Segment(b.Id), StringComparer.OrdinalIgnoreCase))
        {
            var releases = new List<Benchmark>();
            foreach (var b in g.OrderBy(BenchmarkLibrary.ReleaseKey))
            {
                if (releases.FirstOrDefault(r => r.VersionLabel.Equals(b.VersionLabel, StringComparison.OrdinalIgnoreCase)) is { } dup)
                {
                    warnings.Add($"{b.SourcePath}: {b.Id} {b.VersionLabel} is already in the library from {dup.SourcePath}; left out");
                    continue;
                }
                releases.Add(b);
            }
            stigs.Add(new LibraryStig(releases));
        }
        Stigs = stigs.OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id, StringComparer.OrdinalIgnoreCase).ToList();
        CciList = cci;
        Warnings = warnings;
        Controls = new Dictionary<int, IReadOnlyList<LibraryControl>> { [5] = BuildControls(5), [4] = BuildControls(4) };
    }

    public LibraryStig? FindStig(string benchmarkId) =>
        Stigs.FirstOrDefault(s => string.Equals(s.Id, benchmarkId, StringComparison.OrdinalIgnoreCase)
                                  || string.Equals(s.Segment, LibraryPaths.Segment(benchmarkId), StringComparison.OrdinalIgnoreCase));

    /// <summary>The controls of one 800-53 revision a CCI maps to, as DISA's list gives them ("SC-5 a" -> SC-5).</summary>
    public IReadOnlyList<string> ControlsOf(string cci, int revision) =>
        CciList?.Find(cci) is { } item ? ControlsOf(item, revision) : [];

    public static IReadOnlyList<string> ControlsOf(CciItem item, int revision) =>
        item.References.Where(r => r.NistRevision == revision)
            .Select(r => NistControls.Normalize(r.Index)).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(NistControls.Comparer).ToList();

    IReadOnlyList<LibraryControl> BuildControls(int revision)
    {
        if (CciList is null) return [];
        var byControl = new Dictionary<string, (SortedSet<string> Ccis, List<LibraryRule> Rules)>(StringComparer.Ordinal);
        foreach (var stig in Stigs)
            foreach (var rule in stig.CurrentRules)
                foreach (var cci in rule.Latest.Ccis)
                    foreach (var control in ControlsOf(cci, revision))
                    {
                        if (!byControl.TryGetValue(control, out var e)) byControl[control] = e = (new SortedSet<string>(StringComparer.Ordinal), []);
                        e.Ccis.Add(CciIds.Normalize(cci) ?? cci);
                        if (!e.Rules.Contains(rule)) e.Rules.Add(rule);
                    }
        return byControl.OrderBy(kv => kv.Key, NistControls.Comparer)
            .Select(kv => new LibraryControl(kv.Key, revision, kv.Value.Ccis.ToList(), kv.Value.Rules)).ToList();
    }
}

/// <summary>One STIG (one benchmark id) and its releases, oldest first.</summary>
public sealed class LibraryStig
{
    public IReadOnlyList<Benchmark> Releases { get; }
    public Benchmark Newest => Releases[^1];
    public string Id => Newest.Id;
    public string Segment => LibraryPaths.Segment(Newest.Id);
    public string Title => Newest.Title;
    /// <summary>Every rule any release has, in the newest release's order, then rules only older releases have.</summary>
    public IReadOnlyList<LibraryRule> Rules { get; }
    /// <summary>The rules of the newest release.</summary>
    public IEnumerable<LibraryRule> CurrentRules => Rules.Where(r => r.InNewest);

    public LibraryStig(IReadOnlyList<Benchmark> releases)
    {
        if (releases.Count == 0) throw new ArgumentException("a STIG needs at least one release", nameof(releases));
        Releases = releases;
        var byVuln = new Dictionary<string, List<LibraryRuleVersion>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var b in releases.Reverse())
            foreach (var r in b.Rules)
            {
                if (!byVuln.TryGetValue(r.VulnId, out var list))
                {
                    byVuln[r.VulnId] = list = [];
                    order.Add(r.VulnId);
                }
                if (list.All(v => v.Release != b)) list.Add(new LibraryRuleVersion(b, r));
            }
        Rules = order.Select(v => new LibraryRule(this, byVuln[v].AsEnumerable().Reverse().ToList())).ToList();
    }

    public LibraryRule? FindRule(string vulnId) =>
        Rules.FirstOrDefault(r => string.Equals(r.VulnId, vulnId, StringComparison.OrdinalIgnoreCase)
                                  || string.Equals(LibraryPaths.Segment(r.VulnId), LibraryPaths.Segment(vulnId), StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts by CAT of one release: CAT I, CAT II, CAT III.</summary>
    public static (int Cat1, int Cat2, int Cat3) CatCounts(Benchmark b) =>
        (b.Rules.Count(r => Cats.FromSeverity(r.Severity) == Cat.I),
         b.Rules.Count(r => Cats.FromSeverity(r.Severity) == Cat.II),
         b.Rules.Count(r => Cats.FromSeverity(r.Severity) == Cat.III));
}

/// <summary>A rule (one V-id of one STIG) through the releases that have it, oldest first.</summary>
public sealed class LibraryRule
{
    public LibraryStig Stig { get; }
    public IReadOnlyList<LibraryRuleVersion> Versions { get; }
    public LibraryRuleVersion LatestVersion => Versions[^1];
    public BenchmarkRule Latest => LatestVersion.Rule;
    public string VulnId => Latest.VulnId;
    public bool InNewest => LatestVersion.Release == Stig.Newest;

    public LibraryRule(LibraryStig stig, IReadOnlyList<LibraryRuleVersion> versions)
    {
        Stig = stig;
        Versions = versions;
        for (var i = 1; i < versions.Count; i++) versions[i].Previous = versions[i - 1];
    }
}

/// <summary>A rule as one release has it.</summary>
public sealed class LibraryRuleVersion(Benchmark release, BenchmarkRule rule)
{
    public Benchmark Release { get; } = release;
    public BenchmarkRule Rule { get; } = rule;
    /// <summary>The same rule in the release before, when that release has it.</summary>
    public LibraryRuleVersion? Previous { get; internal set; }

    /// <summary>What differs from <see cref="Previous"/>: severity, title, discussion, check, fix, STIG id, CCIs (beyond whitespace).</summary>
    public IReadOnlyList<string> ChangesFromPrevious
    {
        get
        {
            if (Previous is not { Rule: var o }) return [];
            var n = Rule;
            var changes = new List<string>();
            if (!string.Equals(o.RuleId, n.RuleId, StringComparison.OrdinalIgnoreCase)) changes.Add("ruleId");
            if (!string.Equals(o.Severity, n.Severity, StringComparison.OrdinalIgnoreCase)) changes.Add("severity");
            if (WordDiff.Differs(o.Title, n.Title)) changes.Add(BenchmarkDiff.FieldTitle);
            if (WordDiff.Differs(o.Discussion, n.Discussion)) changes.Add(BenchmarkDiff.FieldDiscussion);
            if (WordDiff.Differs(o.CheckContent, n.CheckContent)) changes.Add(BenchmarkDiff.FieldCheck);
            if (WordDiff.Differs(o.FixText, n.FixText)) changes.Add(BenchmarkDiff.FieldFix);
            if (!string.Equals(o.StigId, n.StigId, StringComparison.OrdinalIgnoreCase)) changes.Add(BenchmarkDiff.FieldStigId);
            if (!o.Ccis.SequenceEqual(n.Ccis, StringComparer.OrdinalIgnoreCase)) changes.Add(BenchmarkDiff.FieldCcis);
            return changes;
        }
    }

    /// <summary>True when the check text is the same (beyond whitespace) as in the release before.</summary>
    public bool TextSameAsPrevious => Previous is not null && !ChangesFromPrevious.Any(c => c is not "ruleId");
}

/// <summary>A NIST SP 800-53 control of one revision, the CCIs that reach it and the rules (newest releases) that carry those CCIs.</summary>
public sealed record LibraryControl(string Control, int Revision, IReadOnlyList<string> Ccis, IReadOnlyList<LibraryRule> Rules);
