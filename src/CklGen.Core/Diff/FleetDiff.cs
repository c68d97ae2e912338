using CklGen.Checklists;

namespace CklGen.Diff;

/// <summary>A checklist and the file it came from.</summary>
public sealed record ChecklistSource(string Path, Checklist Checklist);

/// <summary>
/// Two sets of checklists (two quarters of a fleet) compared: checklists are grouped by host name
/// (case-insensitive; the file name when a checklist names no host), then each host's STIGs are
/// compared by benchmark id. Hosts and STIGs on one side only are kept, with all their rules
/// added or removed, so the counts are totals over each side.
/// </summary>
public sealed class FleetDiff
{
    /// <summary>What was compared, as the user named it (folders or files).</summary>
    public string OldLabel { get; init; } = "";
    public string NewLabel { get; init; } = "";
    /// <summary>Every host, sorted by name; see <see cref="ChecklistDiff.Presence"/>.</summary>
    public required IReadOnlyList<ChecklistDiff> Hosts { get; init; }
    public required DiffCounts Counts { get; init; }
    /// <summary>Things the user should know that are not differences (duplicate checklists, missing host names).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IEnumerable<ChecklistDiff> HostsOnlyInOld => Hosts.Where(h => h.Presence == Presence.OnlyOld);
    public IEnumerable<ChecklistDiff> HostsOnlyInNew => Hosts.Where(h => h.Presence == Presence.OnlyNew);
    public IEnumerable<(ChecklistDiff Host, StigDiff Stig)> AllStigs => Hosts.SelectMany(h => h.Stigs.Select(s => (h, s)));
    public IEnumerable<(ChecklistDiff Host, StigDiff Stig, RuleDiff Rule)> AllRules =>
        AllStigs.SelectMany(x => x.Stig.Rules.Select(r => (x.Host, x.Stig, r)));
    public bool HasChanges => Hosts.Any(h => h.HasChanges);

    /// <summary>A report of one file pair, in the same shape as a fleet; warns when the pair looks mismatched.</summary>
    public static FleetDiff Single(ChecklistDiff diff, string oldLabel, string newLabel)
    {
        var warnings = new List<string>();
        if (diff.OldHostName is not null && diff.NewHostName is not null
            && !Generation.HostGeneration.SameHost(diff.OldHostName, diff.NewHostName))
            warnings.Add($"the checklists name different hosts: {diff.OldHostName} and {diff.NewHostName} (OLD {Name(oldLabel)}, NEW {Name(newLabel)}); " +
                         "a checklist attests one server, so these differences are between two servers, not a change over time");
        if (diff.Stigs.Count > 0 && diff.Stigs.All(s => s.Presence != Presence.Both))
            warnings.Add("the checklists have no STIG (benchmark id) in common; every rule counts as added or removed");
        return new FleetDiff { OldLabel = oldLabel, NewLabel = newLabel, Hosts = [diff], Counts = diff.Counts, Warnings = warnings };
    }

    static string Name(string label) => label.Length == 0 ? "?" : System.IO.Path.GetFileName(label.TrimEnd('/', '\\'));

    public static FleetDiff Compare(IEnumerable<ChecklistSource> old, IEnumerable<ChecklistSource> @new, string oldLabel = "", string newLabel = "")
    {
        var warnings = new List<string>();
        var oldHosts = Group(old, "old", warnings);
        var newHosts = Group(@new, "new", warnings);
        var names = oldHosts.Keys.Concat(newHosts.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
        var hosts = new List<ChecklistDiff>();
        var counts = new DiffCounts();
        foreach (var key in names)
        {
            oldHosts.TryGetValue(key, out var o);
            newHosts.TryGetValue(key, out var n);
            var d = ChecklistDiff.Compare(o?.Name, o?.Stigs ?? [], o?.Files ?? [], n?.Name, n?.Stigs ?? [], n?.Files ?? []);
            hosts.Add(d);
            counts.Add(d.Counts);
        }
        return new FleetDiff { OldLabel = oldLabel, NewLabel = newLabel, Hosts = hosts, Counts = counts, Warnings = warnings };
    }

    /// <summary>The .ckl and .cklb files in a folder, sorted by path (ordinal) so reports are stable.</summary>
    public static IReadOnlyList<string> FindChecklistFiles(string folder, bool recursive, Action<string>? warn = null)
    {
        if (File.Exists(folder)) throw new InputException(folder, "is a file, not a folder (expected a folder of checklists)");
        if (!Directory.Exists(folder)) throw new InputException(folder, "folder not found");
        // FolderWalk follows links to folders once each, so a link loop under the folder ends the walk.
        return IO.FolderWalk.Files(folder, recursive, warn, skipHidden: true).Where(IsChecklistFile).ToList();
    }

    public static bool IsChecklistFile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".ckl" or ".cklb";

    /// <summary>Reads every checklist under a folder with <paramref name="read"/> (a CKL/CKLB reader).</summary>
    public static IReadOnlyList<ChecklistSource> LoadFolder(string folder, bool recursive, Func<string, Checklist> read, Action<string>? warn = null) =>
        FindChecklistFiles(folder, recursive, warn).Select(p => new ChecklistSource(p, read(p))).ToList();

    sealed class HostGroup
    {
        public required string Name { get; init; }
        public List<string> Files { get; } = [];
        public List<ChecklistStig> Stigs { get; } = [];
    }

    static Dictionary<string, HostGroup> Group(IEnumerable<ChecklistSource> sources, string side, List<string> warnings)
    {
        var hosts = new Dictionary<string, HostGroup>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, checklist) in sources.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var name = ChecklistDiff.HostOf(checklist);
            if (name is null)
            {
                name = Path.GetFileNameWithoutExtension(path);
                warnings.Add($"{path}: no host name in the checklist; matched by file name \"{name}\"");
            }
            if (!hosts.TryGetValue(name, out var g)) hosts[name] = g = new HostGroup { Name = name };
            g.Files.Add(path);
            foreach (var stig in checklist.Stigs)
            {
                var key = ChecklistDiff.BenchmarkKey(stig);
                if (g.Stigs.Any(s => string.Equals(ChecklistDiff.BenchmarkKey(s), key, StringComparison.OrdinalIgnoreCase)))
                {
                    warnings.Add($"{path}: {side} side has {key} for host {name} more than once; compared the first (by path), ignored this one");
                    continue;
                }
                g.Stigs.Add(stig);
            }
        }
        return hosts;
    }
}
