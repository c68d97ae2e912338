using System.Text.RegularExpressions;

namespace CklGen.Benchmarks;

/// <summary>
/// The benchmarks of a folder (several STIGs, several releases of each), to look rules up by
/// any of their ids or by text.
/// </summary>
public sealed class BenchmarkLibrary
{
    /// <summary>Benchmarks ordered by title, newest release first.</summary>
    public IReadOnlyList<Benchmark> Benchmarks { get; }
    /// <summary>Files that were skipped, with the reason.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public BenchmarkLibrary(IEnumerable<Benchmark> benchmarks, IEnumerable<string>? warnings = null)
    {
        Benchmarks = benchmarks
            .OrderBy(b => b.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(b => b.Id, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(b => ReleaseKey(b))
            .ToList();
        Warnings = warnings?.ToList() ?? [];
    }

    /// <summary>
    /// Reads every .xml and .zip under <paramref name="folder"/> (subfolders included) with
    /// <paramref name="read"/>; files it refuses with an <see cref="InputException"/> are skipped
    /// and reported to <paramref name="warn"/>. CCI lists (U_CCI_List.xml) are skipped quietly.
    /// </summary>
    public static BenchmarkLibrary Load(string folder, Func<string, Benchmark> read, Action<string>? warn = null) =>
        LoadAll(folder, p => [read(p)], warn);

    /// <summary>As above, with a reader that may give several benchmarks per file (a DISA zip holding several).</summary>
    public static BenchmarkLibrary LoadAll(string folder, Func<string, IEnumerable<Benchmark>> read, Action<string>? warn = null)
    {
        if (File.Exists(folder))
            throw new InputException(folder, "is a file, not a folder (expected the folder of benchmark downloads)");
        if (!Directory.Exists(folder))
            throw new InputException(folder, "benchmark folder not found");
        var benchmarks = new List<Benchmark>();
        var warnings = new List<string>();
        var files = IO.FolderWalk.Files(folder, recursive: true, w => { warnings.Add(w); warn?.Invoke(w); })
            .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Where(f => !IsCciList(f))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try { benchmarks.AddRange(read(file)); }
            catch (InputException e)
            {
                var w = $"skipped {file}: {e.Message}";
                warnings.Add(w);
                warn?.Invoke(w);
            }
        }
        if (benchmarks.Count == 0)
            throw new InputException(folder, "no XCCDF benchmarks (.xml or DISA .zip) found in this folder");
        return new BenchmarkLibrary(benchmarks, warnings);
    }

    static bool IsCciList(string path) => Path.GetFileName(path).Contains("CCI_List", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first U_CCI_List.xml (or .zip) under the folder, if any.</summary>
    public static string? FindCciList(string folder) =>
        Directory.Exists(folder)
            ? IO.FolderWalk.Files(folder, recursive: true).Where(IsCciList)
                .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).FirstOrDefault()
            : null;

    /// <summary>
    /// The rule an id names (V-id, SV-id with or without revision, STIG id, legacy id) in every
    /// benchmark that has it; releases carrying the same rule revision are merged into one hit.
    /// </summary>
    public IReadOnlyList<RuleHit> Find(string id) => Group(Benchmarks.Select(b => (b, b.FindRule(id))));

    /// <summary>
    /// Rules whose title, discussion, check, fix or ids contain every word of <paramref name="text"/>
    /// (case-insensitive), one hit per rule revision per benchmark.
    /// </summary>
    public IReadOnlyList<RuleHit> Search(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        return Group(Benchmarks.SelectMany(b => b.Rules.Where(r => words.All(w => Contains(r, w))).Select(r => (b, (BenchmarkRule?)r))));
    }

    static bool Contains(BenchmarkRule r, string word)
    {
        static bool In(string? s, string w) => s is not null && s.Contains(w, StringComparison.OrdinalIgnoreCase);
        return In(r.Title, word) || In(r.Discussion, word) || In(r.CheckContent, word) || In(r.FixText, word)
               || In(r.VulnId, word) || In(r.RuleId, word) || In(r.StigId, word) || In(r.GroupTitle, word)
               || r.LegacyIds.Any(l => In(l, word)) || r.Ccis.Any(c => In(c, word));
    }

    static List<RuleHit> Group(IEnumerable<(Benchmark Benchmark, BenchmarkRule? Rule)> found)
    {
        var hits = new List<RuleHit>();
        // Benchmarks are in title, newest-first order, so the first of a group is the newest release.
        foreach (var g in found.Where(f => f.Rule is not null)
                     .GroupBy(f => (Id: f.Benchmark.Id.ToUpperInvariant(), Rule: f.Rule!.RuleId.ToUpperInvariant())))
        {
            var list = g.ToList();
            hits.Add(new RuleHit(list[0].Benchmark, list[0].Rule!, list.Select(f => f.Benchmark).ToList()));
        }
        return hits;
    }

    /// <summary>Sorts releases: version, then release number (V2R10 after V2R9).</summary>
    public static (int Version, int Release, string Label) ReleaseKey(Benchmark b)
    {
        var v = int.TryParse(Regex.Match(b.Version, @"\d+").Value, out var vn) ? vn : 0;
        var r = int.TryParse(Regex.Match(b.Release ?? "", @"\d+").Value, out var rn) ? rn : 0;
        return (v, r, b.VersionLabel);
    }
}

/// <summary>A rule found in a benchmark: the newest release that has it and every release that has this revision.</summary>
public sealed record RuleHit(Benchmark Benchmark, BenchmarkRule Rule, IReadOnlyList<Benchmark> Releases)
{
    /// <summary>"V2R6, V2R5" (newest first).</summary>
    public string ReleaseLabels => string.Join(", ", Releases.Select(r => r.VersionLabel));
}
