using System.Globalization;
using System.Text.RegularExpressions;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Facts;

namespace CklGen.Generation;

/// <summary>Picks each host's benchmarks from a folder by the Exchange version and server role its facts report.</summary>
public sealed class BenchmarkShelf(BenchmarkLibrary library)
{
    public BenchmarkLibrary Library { get; } = library;

    /// <summary>
    /// The newest release (or the pinned one) of every benchmark for the host's Exchange product and roles: one per
    /// role the STIGs cover separately (Exchange 2010's Hub, Client Access, Mailbox and Edge STIGs). Throws, with the
    /// reason, when the facts do not say or the folder has none.
    /// </summary>
    public IReadOnlyList<Benchmark> Pick(FactsSnapshot facts, string? release)
    {
        var product = ProductOfVersion(facts.ExchangeVersion);
        var roles = RolesOf(facts.ServerRole);
        var missing = new List<string>();
        if (product is null) missing.Add(string.IsNullOrWhiteSpace(facts.ExchangeVersion) ? "exchange.version is not given" : $"exchange.version '{facts.ExchangeVersion}' names no Exchange product CklGen knows");
        if (roles.Count == 0) missing.Add(string.IsNullOrWhiteSpace(facts.ServerRole) ? "exchange.serverRole is not given" : $"exchange.serverRole '{facts.ServerRole}' names no Exchange role CklGen knows");
        if (missing.Count > 0)
            throw new InputException(facts.SourcePath, $"cannot pick a benchmark: {string.Join("; ", missing)}; give the benchmark in an inventory (--inventory)", "exchange");

        var fitting = Library.Benchmarks.Where(b => BenchmarkTarget(b) is var (p, r) && p == product && r is not null && roles.Contains(r)).ToList();
        var what = $"Exchange {product} {string.Join(", ", roles.Order(StringComparer.Ordinal))}";
        if (fitting.Count == 0)
            throw new InputException(facts.SourcePath, $"the benchmark folder has no benchmark for {what} (the facts say '{facts.ExchangeVersion}', '{facts.ServerRole}')", "exchange");
        var picked = new List<Benchmark>();
        foreach (var group in fitting.GroupBy(b => b.Id, StringComparer.OrdinalIgnoreCase))
        {
            var releases = group.OrderByDescending(BenchmarkLibrary.ReleaseKey).ToList();
            var chosen = release is null ? releases[0] : releases.FirstOrDefault(b => string.Equals(b.VersionLabel, release, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
                throw new InputException(facts.SourcePath, $"--release {release}: the benchmark folder has {group.Key} only as {string.Join(", ", releases.Select(b => b.VersionLabel))}", "exchange");
            picked.Add(chosen);
        }
        return picked;
    }

    /// <summary>The product (2010..2019) and role a benchmark's id or title names.</summary>
    public static (string? Product, string? Role) BenchmarkTarget(Benchmark b)
    {
        var text = (b.Id + " " + b.Title).Replace('_', ' ');
        if (!Regex.IsMatch(text, @"\bExchange\b", RegexOptions.IgnoreCase)) return (null, null);
        var product = Regex.Match(text, @"\b(2010|2013|2016|2019)\b") is { Success: true } m ? m.Value : null;
        string? role = Regex.IsMatch(text, @"\bEdge\b", RegexOptions.IgnoreCase) ? "Edge"
            : Regex.IsMatch(text, @"\bMailbox\b", RegexOptions.IgnoreCase) ? "Mailbox"
            : Regex.IsMatch(text, @"\bHub\b", RegexOptions.IgnoreCase) ? "Hub"
            : Regex.IsMatch(text, @"\bClient\s*Access\b", RegexOptions.IgnoreCase) ? "ClientAccess" : null;
        return (product, role);
    }

    /// <summary>Exchange version to product: 14.x 2010, 15.0 2013, 15.1 2016, 15.2 2019.</summary>
    public static string? ProductOfVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version)) return null;
        var m = Regex.Match(version, @"(?<!\d)(\d+)\.(\d+)");
        if (!m.Success) return null;
        return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) switch
        {
            (14, _) => "2010", (15, 0) => "2013", (15, 1) => "2016", (15, 2) => "2019", _ => null,
        };
    }

    /// <summary>Roles from Get-ExchangeServer's ServerRole ("Mailbox", "HubTransport, ClientAccess").</summary>
    public static IReadOnlySet<string> RolesOf(string? serverRole) =>
        (serverRole ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace(" ", "").ToLowerInvariant() switch
            {
                "mailbox" => "Mailbox", "edge" or "edgetransport" => "Edge", "hub" or "hubtransport" => "Hub", "clientaccess" => "ClientAccess", _ => null,
            })
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
}

/// <summary>Last quarter's checklists of a fleet, found by host name and STIG (any release, CKL or CKLB).</summary>
public sealed class PreviousShelf
{
    sealed record Entry(string Path, string Host, string StigId, (int, int) Release);

    readonly Dictionary<(string Host, string StigId), List<Entry>> index = new();
    public IReadOnlyList<string> Warnings { get; }

    PreviousShelf(IEnumerable<Entry> entries, List<string> warnings)
    {
        foreach (var e in entries)
        {
            var key = (e.Host.ToUpperInvariant(), e.StigId.ToUpperInvariant());
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(e);
        }
        Warnings = warnings;
    }

    /// <summary>
    /// Indexes the .ckl and .cklb files of the folder (subfolders included). A name CklGen writes
    /// (HOST_STIGID_VxRy.ckl, for a STIG of <paramref name="benchmarks"/>) is indexed by name; any other file is read
    /// for its host and STIGs. Unreadable files are skipped with a warning.
    /// </summary>
    public static PreviousShelf Load(string folder, IEnumerable<Benchmark> benchmarks)
    {
        if (File.Exists(folder)) throw new InputException(folder, "is a file, not a folder (expected a folder of last quarter's checklists)", "--previous");
        if (!Directory.Exists(folder)) throw new InputException(folder, "not found (expected a folder of last quarter's checklists)", "--previous");
        var ids = benchmarks.Select(b => b.Id).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(id => (Id: id, Sanitized: ChecklistNaming.Sanitize(id))).Where(x => x.Sanitized.Length > 0)
            .OrderByDescending(x => x.Sanitized.Length).ToList();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ckl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".cklb", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        var entries = new List<Entry>[files.Count];
        var warnings = new string?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var f = files[i];
            var stem = Path.GetFileNameWithoutExtension(f);
            foreach (var (id, sanitized) in ids)
            {
                var m = Regex.Match(stem, "^(?<host>.+)_" + Regex.Escape(sanitized) + @"_V(?<v>\d+)R(?<r>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                if (!m.Success) continue;
                entries[i] = [new Entry(f, m.Groups["host"].Value, id, (int.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture)))];
                return;
            }
            try
            {
                var c = ChecklistFile.Read(f);
                entries[i] = string.IsNullOrWhiteSpace(c.Asset.HostName) ? [] : c.Stigs.Where(s => !string.IsNullOrWhiteSpace(s.StigId))
                    .Select(s => new Entry(f, c.Asset.HostName!, s.StigId!, ReleaseOf(s))).ToList();
                if (entries[i].Count == 0) warnings[i] = $"skipped {f}: names no host or no STIG";
            }
            catch (CklGenException e)
            {
                entries[i] = [];
                warnings[i] = $"skipped {f}: {e.Message}";
            }
        });
        return new PreviousShelf(entries.SelectMany(e => e), warnings.OfType<string>().ToList());
    }

    static (int, int) ReleaseOf(ChecklistStig s)
    {
        var m = Regex.Match(CarryForward.VersionLabel(s), @"^V(\d+)R(\d+)");
        return m.Success ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) : (0, 0);
    }

    /// <summary>
    /// The host's previous checklist of the STIG: the newest release; of a CKL and a CKLB of that release, the one changed
    /// last (the one a person edited). Null when there is none; <paramref name="note"/> says which was used over which.
    /// </summary>
    public string? Find(string host, string stigId, out string? note)
    {
        note = null;
        if (!index.TryGetValue((host.ToUpperInvariant(), stigId.ToUpperInvariant()), out var list)) return null;
        var newest = list.Max(e => e.Release);
        var same = list.Where(e => e.Release == newest).DistinctBy(e => e.Path).OrderByDescending(e => File.GetLastWriteTimeUtc(e.Path)).ThenBy(e => e.Path, StringComparer.Ordinal).ToList();
        var others = list.Where(e => e.Release != newest).Select(e => Path.GetFileName(e.Path)).Distinct().ToList();
        var parts = new List<string>();
        if (same.Count > 1) parts.Add($"used {Path.GetFileName(same[0].Path)}, changed last, over {string.Join(", ", same.Skip(1).Select(e => Path.GetFileName(e.Path)))}");
        if (others.Count > 0) parts.Add($"older releases not used: {string.Join(", ", others)}");
        note = parts.Count == 0 ? null : string.Join("; ", parts);
        return same[0].Path;
    }
}
