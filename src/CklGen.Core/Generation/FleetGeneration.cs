using System.Collections.Concurrent;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Generation;

/// <summary>A fleet run: every host through <see cref="HostGeneration"/>, in parallel, written as one durable batch.</summary>
public sealed record FleetRequest
{
    public required IReadOnlyList<FleetHostInput> Hosts { get; init; }
    /// <summary>Where each host's benchmark is picked from; null when every host names its benchmark (inventory).</summary>
    public BenchmarkShelf? Shelf { get; init; }
    /// <summary>Pins the release (V2R6) instead of the newest.</summary>
    public string? Release { get; init; }
    public PreviousShelf? Previous { get; init; }
    public IReadOnlyList<AnswerFile> Answers { get; init; } = [];
    public required Evaluator Evaluator { get; init; }
    public required IReadOnlyList<ChecklistFormat> Formats { get; init; }
    public required string OutDir { get; init; }
    public int? UuidSeed { get; init; }
    public required DateTimeOffset Time { get; init; }
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public OutputOptions Output { get; init; } = new();
    /// <summary>Describes a checklist for the caller's summary while its model is still in memory (the model is not kept).</summary>
    public Func<PlannedChecklist, JObject>? Describe { get; init; }
}

/// <summary>What a fleet run kept of one checklist: counts and paths, not the model.</summary>
public sealed record FleetChecklist(string BenchmarkId, string BenchmarkVersion, IReadOnlyList<string> Paths, int Rules, int Automated,
    IReadOnlyDictionary<ChecklistStatus, int> Counts, int Carried, int AnswersApplied, string? Previous, JObject? Description);

/// <summary>One host's outcome: its checklists, warnings, or the error that failed it (nothing of it was written then).</summary>
public sealed class FleetHostResult
{
    public required int Index { get; init; }
    public required FleetHostInput Input { get; init; }
    public string? Host { get; internal set; }
    public List<FleetChecklist> Checklists { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>The part of <see cref="Warnings"/> the evaluation and the checks of the inputs gave (see <see cref="HostPlan.Warnings"/>), each once.</summary>
    public List<string> EvaluationWarnings { get; } = [];
    public Exception? Error { get; internal set; }
    public bool Failed => Error is not null;
    internal AtomicFileSet? Staged { get; set; }
}

public sealed class FleetResult
{
    public required IReadOnlyList<FleetHostResult> Hosts { get; init; }
    /// <summary>How the batch was made durable: "one file-system sync" or "a flush per file".</summary>
    public required string Durability { get; init; }
    public int Failed => Hosts.Count(h => h.Failed);
}

/// <summary>
/// Runs a fleet. Each host is read, picked a benchmark, evaluated, carried forward and answered on its own
/// (a bad host fails alone, naming its file); its files are staged under temporary names. Then the whole
/// batch is made durable with one file-system sync (a flush per file where the platform has none), and
/// only then is each host's set renamed into place: a checklist is never half-written, even on power loss.
/// </summary>
public static class FleetGeneration
{
    public static FleetResult Run(FleetRequest r, Action<FleetHostResult>? onHostDone = null)
    {
        var syncOnce = OperatingSystem.IsLinux();
        var results = new FleetHostResult[r.Hosts.Count];
        var claimed = new ConcurrentDictionary<string, int>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var collided = new ConcurrentDictionary<int, string>();
        var benchmarkCache = new ConcurrentDictionary<string, Lazy<Benchmark>>(StringComparer.Ordinal);
        try
        {
            Parallel.For(0, r.Hosts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, r.Jobs) }, i =>
            {
                var result = new FleetHostResult { Index = i, Input = r.Hosts[i] };
                results[i] = result;
                try { Stage(r, result, syncOnce, benchmarkCache, claimed, collided); }
                catch (Exception e) when (e is CklGenException or IOException or UnauthorizedAccessException)
                {
                    result.Error = e;
                    result.Staged?.Dispose();
                    result.Staged = null;
                }
                onHostDone?.Invoke(result);
            });

            // Two snapshots naming the same host would overwrite each other's files: both fail.
            foreach (var (i, message) in collided)
            {
                var h = results[i];
                if (h.Failed) continue;
                h.Staged?.Dispose();
                h.Staged = null;
                h.Error = new InputException(h.Input.Label, message);
            }

            var staged = results.Where(h => h.Staged is not null).ToList();
            var durability = "nothing written";
            if (staged.Count > 0)
            {
                if (syncOnce && staged.Select(h => h.Staged!.AnyStaged).OfType<string>().FirstOrDefault() is { } any && FileSystemSync.TrySync(any))
                    durability = "one file-system sync before the renames, one after";
                else
                {
                    Parallel.ForEach(staged, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, r.Jobs) }, h => h.Staged!.FlushStaged());
                    syncOnce = false;
                    durability = "a flush per file";
                }
                string? anyWritten = null;
                foreach (var h in staged)
                {
                    try { anyWritten = h.Staged!.Commit().FirstOrDefault() ?? anyWritten; }
                    catch (Exception e) when (e is CklGenException or IOException or UnauthorizedAccessException) { h.Error = e; }
                    finally { h.Staged = null; }
                }
                // The renames themselves reach the disk with the second sync.
                if (syncOnce && anyWritten is not null) FileSystemSync.TrySync(anyWritten);
            }
            return new FleetResult { Hosts = results, Durability = durability };
        }
        finally
        {
            foreach (var h in results) h?.Staged?.Dispose();
        }
    }

    static void Stage(FleetRequest r, FleetHostResult result, bool syncOnce, ConcurrentDictionary<string, Lazy<Benchmark>> cache,
        ConcurrentDictionary<string, int> claimed, ConcurrentDictionary<int, string> collided)
    {
        var input = result.Input;
        var facts = FactsReader.Read(input.Facts);
        IReadOnlyList<Benchmark> benchmarks = input.Benchmark is { } benchmarkPath
            ? [cache.GetOrAdd(Path.GetFullPath(benchmarkPath), p => new Lazy<Benchmark>(() => XccdfReader.Read(p))).Value]
            : (r.Shelf ?? throw new GenerationUsageException($"{input.Label}: no benchmark given and no --benchmarks folder to pick one from")).Pick(facts, r.Release);
        var host = HostGeneration.HostName(input.Host, facts, null)
            ?? throw new InputException(facts.SourcePath, "does not name the host (host.name); name it in the snapshot or in an inventory", "host.name");
        result.Host = host;

        // Requests: one per previous checklist found (a host may have one per STIG), or one with the inventory's.
        var requests = new List<(IReadOnlyList<Benchmark> Benchmarks, string? Previous)>();
        if (input.Previous is not null || r.Previous is null) requests.Add((benchmarks, input.Previous));
        else
            foreach (var g in benchmarks.Select(b => (Benchmark: b, Previous: r.Previous.Find(host, b.Id, out var note), Note: note)).GroupBy(x => x.Previous))
            {
                foreach (var x in g)
                {
                    if (x.Previous is null) result.Warnings.Add($"no previous checklist of {x.Benchmark.Id} for {host}; nothing carried");
                    if (x.Note is not null) result.Warnings.Add($"previous checklist of {x.Benchmark.Id}: {x.Note}");
                }
                requests.Add((g.Select(x => x.Benchmark).ToList(), g.Key));
            }

        var plans = new List<HostPlan>();
        foreach (var (bs, previousPath) in requests)
        {
            var previous = previousPath is null ? null : ChecklistFile.Read(previousPath);
            plans.Add(HostGeneration.Plan(new HostRequest
            {
                Benchmarks = bs, Facts = facts, Host = input.Host, Previous = previous, PreviousPath = previousPath, Answers = r.Answers,
                Formats = r.Formats, OutDir = r.OutDir, UuidSeed = r.UuidSeed, Time = r.Time, HostIndex = result.Index,
            }, r.Evaluator));
        }

        var paths = plans.SelectMany(p => p.AllPaths).ToList();
        foreach (var p in paths) AtomicFile.CheckTarget(p, r.Output);
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            var owner = claimed.GetOrAdd(full, result.Index);
            if (owner == result.Index) continue;
            var message = $"writes {full} as {r.Hosts[owner].Label} does: both snapshots name host {host}; give each host one snapshot";
            collided.TryAdd(result.Index, message);
            collided.TryAdd(owner, $"writes {full} as {input.Label} does: both snapshots name host {host}; give each host one snapshot");
        }

        var set = new AtomicFileSet(r.Output, flushEach: !syncOnce);
        result.Staged = set;
        foreach (var plan in plans)
            foreach (var (path, write) in HostGeneration.Render(plan))
                set.Add(path, write);

        foreach (var w in plans.SelectMany(p => p.Warnings).Distinct(StringComparer.Ordinal)) result.EvaluationWarnings.Add(w);
        result.Warnings.AddRange(result.EvaluationWarnings);
        foreach (var plan in plans)
        {
            foreach (var p in plan.Checklists)
            {
                var counts = p.Checklist.AllRules().GroupBy(x => x.Rule.Status).ToDictionary(g => g.Key, g => g.Count());
                result.Checklists.Add(new FleetChecklist(p.Benchmark.Id, p.Benchmark.VersionLabel, p.Paths, p.Checklist.Stigs.Sum(s => s.Rules.Count),
                    p.Automated, counts, p.Carry?.Carried.Count ?? 0, p.Answers?.Applied.Count ?? 0, plan.Request.PreviousPath, r.Describe?.Invoke(p)));
                if (p.Carry is { } c)
                {
                    if (c.ResetRevised.Count > 0) result.Warnings.Add($"{c.ResetRevised.Count} carried answer(s) reset to Not_Reviewed in {p.Benchmark.Id}: the check text changed");
                    if (c.Orphaned.Count > 0) result.Warnings.Add($"{c.Orphaned.Count} answer(s) to rules {p.Benchmark.Id} {p.Benchmark.VersionLabel} dropped, kept in {p.OrphanPath}");
                }
                if (p.Answers is { } a) result.Warnings.AddRange(a.Warnings);
            }
            foreach (var u in plan.UnmatchedPrevious)
                result.Warnings.Add($"STIG {u.StigId} {u.Version} of {plan.Request.PreviousPath} matched no benchmark; its {u.AnsweredRules} answered rule(s) were not carried");
        }
    }
}
