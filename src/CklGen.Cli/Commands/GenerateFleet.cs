using System.Diagnostics;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Generation;
using CklGen.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

/// <summary>generate --benchmarks DIR --facts DIR: the whole fleet in one process; parses, prints and sets the exit code.</summary>
static class GenerateFleet
{
    public static int Run(GenerateOptions o, CliContext ctx)
    {
        if (o.Benchmarks.Any()) throw new UsageException("--benchmark and --benchmarks: give one benchmark file (one host) or a folder (a fleet), not both");
        if (o.Host is not null) throw new UsageException("--host names one host; a fleet takes each host's name from its snapshot (or from the inventory)");
        if (o.Inventory is null && o.Facts is null) throw new UsageException("--benchmarks needs --facts DIR (one snapshot per host) or --inventory FILE");
        if (o.Inventory is not null && o.Facts is not null) throw new UsageException("--inventory lists each host's facts; give it without --facts");
        if (o.Jobs is < 1) throw new UsageException($"--jobs {o.Jobs}: give 1 or more");
        if (o.Previous is not null && File.Exists(o.Previous))
            throw new UsageException($"--previous {o.Previous}: for a fleet, give the folder of last quarter's checklists (matched by host and STIG)");
        if (o.Release is not null && !System.Text.RegularExpressions.Regex.IsMatch(o.Release, @"^V\d+R\d+$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            throw new UsageException($"--release '{o.Release}': give a release as V2R6");

        var time = CommandSupport.ParseTime(o.Time);
        var warnings = new List<string>();
        var hosts = o.Inventory is not null ? FleetInputs.FromInventory(o.Inventory) : FleetInputs.FromFolder(o.Facts!, warnings);
        var shelf = o.BenchmarkFolder is null ? null : new BenchmarkShelf(BenchmarkLibrary.LoadAll(o.BenchmarkFolder, p => XccdfReader.ReadAll(p), warnings.Add));
        var policy = o.Policy is null ? null : SitePolicy.Load(o.Policy);
        var previous = o.Previous is null ? null
            : PreviousShelf.Load(o.Previous, shelf?.Library.Benchmarks ?? []);
        if (previous is not null) warnings.AddRange(previous.Warnings);
        var answerFiles = o.Answers.Select(AnswerFile.Load).ToList();
        foreach (var w in warnings) ctx.Error.WriteLine("warning: " + w);

        var progress = new FleetProgress(ctx, hosts.Count);
        var clock = Stopwatch.StartNew();
        var result = FleetGeneration.Run(new FleetRequest
        {
            Hosts = hosts, Shelf = shelf, Release = o.Release, Previous = previous, Answers = answerFiles,
            Evaluator = new Evaluator(RuleCatalog.BuiltIn, policy) { AllowMismatch = o.AllowMismatch }, Formats = CommandSupport.Formats(o.Format).ToList(),
            OutDir = o.Out, UuidSeed = o.UuidSeed, Time = time, Jobs = o.Jobs ?? Environment.ProcessorCount,
            Output = new OutputOptions(o.Force, o.FollowSymlinks), Describe = o.Json ? GenerateCommand.ChecklistJson : null,
        }, progress.Done);
        progress.Finish();
        foreach (var h in result.Hosts.Where(h => !h.Failed))
            foreach (var w in h.EvaluationWarnings) ctx.Error.WriteLine($"warning: host {h.Host}: {w}");
        foreach (var h in result.Hosts.Where(h => h.Failed))
        {
            var message = Shown.Message(h.Error!.Message);
            ctx.Error.WriteLine($"cklgen: error: {(h.Host is null ? "" : $"host {h.Host}: ")}{message}" +
                                (message.Contains(h.Input.Label, StringComparison.Ordinal) ? "" : $" (from {h.Input.Label})"));
        }
        var written = result.Hosts.Count - result.Failed;
        ctx.Error.WriteLine($"{written} of {result.Hosts.Count} hosts written, {result.Failed} failed, in {clock.Elapsed.TotalSeconds:F1} s ({result.Durability})");

        if (o.Json) ctx.Out.WriteLine(Json(result).ToString(Formatting.Indented));
        else Table(result).Write(ctx.Out);

        if (result.Failed == 0) return ExitCodes.Success;
        if (written > 0) return ExitCodes.SomeHostsFailed;
        if (result.Hosts.All(h => h.Error is OverwriteRefusedException)) return ExitCodes.RefusedOverwrite;
        if (result.Hosts.All(h => h.Error is GenerationUsageException)) return ExitCodes.Usage;
        return ExitCodes.BadInput;
    }

    static readonly ChecklistStatus[] Statuses = [ChecklistStatus.Open, ChecklistStatus.NotAFinding, ChecklistStatus.NotApplicable, ChecklistStatus.NotReviewed];

    static TextTable Table(FleetResult result)
    {
        var t = new TextTable("HOST", "BENCHMARK", "OPEN", "NAF", "NA", "NR", "CARRIED", "ANSWERS", "WARNINGS", "RESULT") { MaxCell = 70 };
        foreach (var h in result.Hosts)
        {
            if (h.Failed)
            {
                t.Add(h.Host ?? Path.GetFileName(h.Input.Facts), "", "", "", "", "", "", "", h.Warnings.Count.ToString(), "failed: " + Shown.Message(h.Error!.Message));
                continue;
            }
            foreach (var c in h.Checklists)
                t.Add([h.Host, $"{c.BenchmarkId} {c.BenchmarkVersion}", .. Statuses.Select(s => c.Counts.GetValueOrDefault(s).ToString()),
                    c.Carried.ToString(), c.AnswersApplied.ToString(), h.Warnings.Count.ToString(), "written"]);
        }
        return t;
    }

    static JObject Json(FleetResult result) => new()
    {
        ["hosts"] = new JArray(result.Hosts.Select(h => new JObject
        {
            ["host"] = h.Host,
            ["facts"] = Path.GetFullPath(h.Input.Facts),
            ["source"] = h.Input.Label,
            ["result"] = h.Failed ? "failed" : "written",
            ["error"] = h.Error is null ? null : Shown.Message(h.Error.Message),
            ["checklists"] = new JArray(h.Checklists.Select(c => c.Description ?? new JObject())),
            ["previous"] = new JArray(h.Checklists.Select(c => c.Previous).OfType<string>().Distinct().Select(Path.GetFullPath)),
            ["warnings"] = new JArray(h.Warnings),
        })),
        ["counts"] = new JObject
        {
            ["hosts"] = result.Hosts.Count,
            ["written"] = result.Hosts.Count - result.Failed,
            ["failed"] = result.Failed,
        },
        ["durability"] = result.Durability,
    };
}

/// <summary>
/// Fleet progress on stderr: one line redrawn in place on a terminal; plain lines (every tenth of the fleet) when
/// redirected, so logs stay readable. stdout is left to the summary.
/// </summary>
sealed class FleetProgress(CliContext ctx, int total)
{
    readonly bool terminal = ReferenceEquals(ctx.Error, Console.Error) && !Console.IsErrorRedirected;
    readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    readonly object gate = new();
    int done, failed, lastTenth;

    public void Done(FleetHostResult h)
    {
        lock (gate)
        {
            done++;
            if (h.Failed) failed++;
            if (terminal)
            {
                if (sinceDraw.ElapsedMilliseconds < 100 && done < total) return;
                sinceDraw.Restart();
                var width = 30;
                var filled = total == 0 ? width : done * width / total;
                ctx.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} hosts, {failed} failed ");
            }
            else if (total >= 10 && done * 10 / total is var tenth && tenth > lastTenth)
            {
                lastTenth = tenth;
                ctx.Error.WriteLine($"generate: {done}/{total} hosts, {failed} failed");
            }
        }
    }

    public void Finish()
    {
        if (terminal) ctx.Error.Write("\r" + new string(' ', 70) + "\r");
    }
}
