using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Generation;

/// <summary>What one host's checklists are made from; inputs already read, so a fleet reads shared ones once.</summary>
public sealed record HostRequest
{
    public required IReadOnlyList<Benchmark> Benchmarks { get; init; }
    public FactsSnapshot? Facts { get; init; }
    /// <summary>Host name given by the user; wins over the facts and the previous checklist.</summary>
    public string? Host { get; init; }
    public Checklist? Previous { get; init; }
    /// <summary>The previous checklist's path as the user gave it (quoted in notes and reports).</summary>
    public string? PreviousPath { get; init; }
    public IReadOnlyList<AnswerFile> Answers { get; init; } = [];
    public required IReadOnlyList<ChecklistFormat> Formats { get; init; }
    public required string OutDir { get; init; }
    public int? UuidSeed { get; init; }
    public required DateTimeOffset Time { get; init; }
    /// <summary>Position of the host in a fleet (0 for a single host): keeps seeded uuids distinct per host.</summary>
    public int HostIndex { get; init; }
}

/// <summary>One checklist of a host, ready to write.</summary>
public sealed record PlannedChecklist(Checklist Checklist, Benchmark Benchmark, IReadOnlyList<string> Paths, int Automated,
    CarryForwardReport? Carry, AnswerReport? Answers, string? OrphanPath)
{
    /// <summary>
    /// What the person running CklGen must hear (stderr) about this checklist: the evaluation's warnings (expired risk
    /// acceptances, policy names that match nothing), facts that do not state their version or role, a mismatch or a
    /// previous checklist of another host let through with --allow-mismatch. Distinct, in the order first seen.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Everything one host's run will write, and what it did.</summary>
public sealed class HostPlan
{
    public required HostRequest Request { get; init; }
    public required string Host { get; init; }
    public required IReadOnlyList<PlannedChecklist> Checklists { get; init; }
    /// <summary>STIGs of the previous checklist that no benchmark matched.</summary>
    public IReadOnlyList<PreviousStig> UnmatchedPrevious { get; init; } = [];

    /// <summary>Every checklist's <see cref="PlannedChecklist.Warnings"/>, each distinct message once for the host.</summary>
    public IReadOnlyList<string> Warnings => Checklists.SelectMany(p => p.Warnings).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every path this host writes, orphaned-answers files first.</summary>
    public IEnumerable<string> AllPaths =>
        Checklists.Where(p => p.OrphanPath is not null).Select(p => p.OrphanPath!).Concat(Checklists.SelectMany(p => p.Paths));
}

/// <summary>A request that cannot be carried out as given (the CLI reports it as a usage error).</summary>
public sealed class GenerationUsageException(string message) : CklGenException(message);

/// <summary>
/// The per-host pipeline the single-host and the fleet command share: blank checklist per benchmark, host
/// fields and automated results from the facts, last quarter's answers for undecided rules, then answer
/// files (which win). <see cref="Plan"/> writes nothing; <see cref="Render"/> gives each file's text.
/// </summary>
public static class HostGeneration
{
    /// <summary>The host name the checklists will carry: --host, else the facts', else the previous checklist's.</summary>
    public static string? HostName(string? given, FactsSnapshot? facts, Checklist? previous) =>
        new[] { given, facts?.Host.Name, previous?.Asset.HostName }.FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));

    /// <summary>File extension per written format; XCCDF results get ".xccdf.xml" so they never pass for a benchmark.</summary>
    public static string Extension(ChecklistFormat f) => f switch
    {
        ChecklistFormat.Cklb => "cklb",
        ChecklistFormat.Xccdf => "xccdf.xml",
        _ => "ckl",
    };

    public static ChecklistFormat FormatOfOutput(string path) =>
        path.EndsWith(".cklb", StringComparison.OrdinalIgnoreCase) ? ChecklistFormat.Cklb
        : path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? ChecklistFormat.Xccdf
        : ChecklistFormat.Ckl;

    /// <summary>Seed for the n-th checklist (1-based) of the host; host 0 keeps the single-host numbering.</summary>
    static int Seed(int seed, int hostIndex, int n) => unchecked(seed * 1000 + n + hostIndex * 1_000_003);

    /// <summary>Builds the host's checklists in memory; throws (naming the file) when an input does not fit.</summary>
    public static HostPlan Plan(HostRequest r, Evaluator evaluator)
    {
        var host = HostName(r.Host, r.Facts, r.Previous)
            ?? throw new GenerationUsageException(r.Facts is null
                ? "no host name: give --host NAME (or --facts or --previous, whose host name is used)"
                : $"no host name: {r.Facts.SourcePath} does not name the host; give --host NAME");
        var previousNote = r.Previous is null ? null : PreviousHostNote(r, host, evaluator.AllowMismatch);
        var planned = new List<PlannedChecklist>();
        var n = 0;
        foreach (var benchmark in r.Benchmarks)
        {
            n++;
            var warnings = new List<string>();
            var factory = r.UuidSeed is { } s ? ChecklistFactoryOptions.Deterministic(Seed(s, r.HostIndex, n), r.Time) : new ChecklistFactoryOptions { Now = () => r.Time };
            var checklist = ChecklistFactory.Blank([benchmark], factory with { HostName = host });
            var automated = 0;
            var automatedResults = new Dictionary<string, ChecklistStatus>(StringComparer.OrdinalIgnoreCase);
            if (r.Facts is not null)
            {
                ChecklistFiller.ApplyHost(checklist.Asset, r.Facts);
                if (r.Host is not null) checklist.Asset.HostName = r.Host;
                var results = evaluator.Evaluate(benchmark, r.Facts);
                var fit = Applicability.Of(benchmark, r.Facts);
                if (fit.Mismatch is not null)
                    warnings.Add($"evaluated anyway (--allow-mismatch): {fit.Mismatch}; every automated rule's details say so");
                warnings.AddRange(fit.Unconfirmed.Select(u => $"{u} Every automated rule's details say so."));
                warnings.AddRange(results.SelectMany(x => x.Warnings));
                automated = ChecklistFiller.Apply(checklist.Stigs[0], results, r.Time);
                if (automated > 0) checklist.ResultEngine = ChecklistFiller.Engine(r.Time);
                foreach (var x in results.Where(x => x.Automated)) automatedResults[x.VulnId] = x.Status;
            }
            // Order: automated results, then last quarter's answers for undecided rules, then answer files.
            CarryForwardReport? carry = null;
            if (r.Previous is not null)
            {
                var decided = automatedResults.Where(kv => kv.Value != ChecklistStatus.NotReviewed).Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var previousName = Path.GetFileName(r.PreviousPath ?? "previous");
                if (previousNote is not null)
                {
                    warnings.Add(previousNote);
                    previousName += $" (a checklist of host {r.Previous.Asset.HostName?.Trim()}, carried into {host} with --allow-mismatch)";
                }
                carry = CarryForward.Apply(checklist, [benchmark], r.Previous,
                    new CarryForwardOptions { DecidedVulnIds = decided, PreviousName = previousName });
            }
            var answers = r.Answers.Count == 0 ? null
                : AnswerFile.Apply(checklist, [benchmark], r.Answers, new AnswerApplyOptions { AutomatedResults = automatedResults });

            var hostName = checklist.Asset.HostName ?? "";
            var baseName = ChecklistNaming.FileName(hostName, benchmark, "ckl")[..^".ckl".Length];
            var paths = r.Formats.Select(f => Path.Combine(r.OutDir, ChecklistNaming.FileName(hostName, benchmark, Extension(f)))).ToList();
            var orphanPath = carry is { Orphaned.Count: > 0 } ? Path.Combine(r.OutDir, baseName + ".orphaned-answers.json") : null;
            planned.Add(new PlannedChecklist(checklist, benchmark, paths, automated, carry, answers, orphanPath)
                { Warnings = warnings.Distinct(StringComparer.Ordinal).ToList() });
        }

        // A previous checklist that matches none of the benchmarks is the wrong file: refuse before writing anything.
        if (r.Previous is not null && planned.All(p => p.Carry!.MatchedStigs.Count == 0))
        {
            var theirs = string.Join(", ", r.Previous.Stigs.Select(s => $"{s.StigId} ({s.Title})"));
            throw new InputException(r.PreviousPath, $"has no STIG matching {string.Join(", ", planned.Select(p => p.Benchmark.Id))} " +
                $"(it holds {(theirs.Length == 0 ? "no STIG" : theirs)}); give the previous checklist of the same STIG", "--previous");
        }
        var unmatched = r.Previous is null ? [] : r.Previous.Stigs
            .Select((s, i) => (Stig: s, Index: i))
            .Where(x => planned.All(p => p.Carry!.MatchedStigs.All(m => m.PreviousIndex != x.Index)))
            .Select(x => new PreviousStig(x.Index, x.Stig.StigId, x.Stig.Title, CarryForward.VersionLabel(x.Stig), x.Stig.Rules.Count(CarryForward.HasAnswer)))
            .ToList();

        var plan = new HostPlan { Request = r, Host = host, Checklists = planned, UnmatchedPrevious = unmatched };
        var dup = plan.AllPaths.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new GenerationUsageException($"two benchmarks would be written to the same file {dup.Key}; give them separately");
        return plan;
    }

    /// <summary>
    /// Attestations belong to one server: a previous checklist of another host is refused (exit 3, naming both hosts)
    /// unless mismatches are allowed, and then this note says so. Host names compare case-insensitively, a short name
    /// matching the first label of an FQDN. A previous checklist that names no host cannot be checked: a note says so.
    /// </summary>
    static string? PreviousHostNote(HostRequest r, string host, bool allowMismatch)
    {
        var theirs = r.Previous!.Asset.HostName?.Trim();
        var file = Path.GetFileName(r.PreviousPath ?? "previous");
        if (string.IsNullOrEmpty(theirs))
            return $"the previous checklist {file} names no host: CklGen could not confirm it is a checklist of {host}";
        if (SameHost(theirs, host)) return null;
        if (!allowMismatch)
            throw new InputException(r.PreviousPath, $"is a checklist of host {theirs}, but this checklist is for host {host}: " +
                "answers and attestations belong to one server, so they are not carried to another. Give the previous checklist of " +
                $"{host}; --allow-mismatch carries them anyway and says so in every carried rule");
        return $"carried answers from {file}, a checklist of host {theirs}, into {host}'s checklist (--allow-mismatch); every carried rule's comments say so";
    }

    /// <summary>Same host name, ignoring case; "EXMBX01" is the same host as "exmbx01.corp.example.mil".</summary>
    public static bool SameHost(string a, string b)
    {
        a = a.Trim().TrimEnd('.');
        b = b.Trim().TrimEnd('.');
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
        static string Label(string s) => s.Contains('.') && !System.Net.IPAddress.TryParse(s, out _) ? s[..s.IndexOf('.')] : s;
        // Only a bare name matches an FQDN's first label: two FQDNs in different domains are different hosts.
        return (a.Contains('.') != b.Contains('.')) && string.Equals(Label(a), Label(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Each file of the plan and how to write its bytes, orphaned answers first (they must be safe before a checklist
    /// without them appears). Checklists stream into the file: a fleet never holds their text in memory.
    /// </summary>
    public static IEnumerable<(string Path, Action<Stream> Write)> Render(HostPlan plan)
    {
        var r = plan.Request;
        foreach (var p in plan.Checklists.Where(p => p.OrphanPath is not null))
        {
            var text = OrphanFile(p, r.PreviousPath!).ToString(Formatting.Indented) + "\n";
            yield return (p.OrphanPath!, s => s.Write(AtomicFile.Utf8NoBom.GetBytes(text)));
        }
        CklbWriter? cklbWriter = null;
        if (r.UuidSeed is { } s)
        {
            var guids = ChecklistFactoryOptions.SeededGuids(Seed(s, r.HostIndex, 999));
            cklbWriter = new CklbWriter { NewId = () => guids().ToString(), Clock = () => r.Time };
        }
        var xccdfWriter = new XccdfResultsWriter { Clock = () => r.Time };
        foreach (var p in plan.Checklists)
            foreach (var path in p.Paths)
            {
                var format = FormatOfOutput(path);
                yield return (path, s => ChecklistFile.WriteTo(s, p.Checklist, format, cklbWriter, xccdfWriter));
            }
    }

    /// <summary>Writes the plan as one all-or-nothing set (each file flushed, then renamed into place).</summary>
    public static IReadOnlyList<string> Write(HostPlan plan, OutputOptions options)
    {
        foreach (var path in plan.AllPaths) AtomicFile.CheckTarget(path, options);
        using var set = new AtomicFileSet(options);
        foreach (var (path, write) in Render(plan)) set.Add(path, write);
        return set.Commit();
    }

    /// <summary>The side file that keeps answers to rules the new benchmark dropped.</summary>
    static JObject OrphanFile(PlannedChecklist p, string previousPath) => new()
    {
        ["cklgenOrphanedAnswers"] = 1,
        ["note"] = "Answers from the previous checklist whose rules are not in the new benchmark. They were not carried into the checklist; " +
                   "review them (a rule may have been merged into another) and keep this file with the checklist's records.",
        ["previous"] = Path.GetFullPath(previousPath),
        ["benchmarkId"] = p.Benchmark.Id,
        ["benchmarkVersion"] = p.Benchmark.VersionLabel,
        ["host"] = p.Checklist.Asset.HostName,
        ["answers"] = new JArray(p.Carry!.Orphaned.Select(a => a.ToJson())),
    };
}
