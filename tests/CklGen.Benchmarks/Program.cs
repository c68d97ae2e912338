// CklGen's performance benchmarks: one command, a table of measured vs goal.
//
//   dotnet run -c Release --project tests/CklGen.Benchmarks [-- [--quick] [--markdown FILE]]
//
// Why not BenchmarkDotNet: NuGet serves it here (0.14.0), but on this 2-core machine its default job took
// 3.5 minutes for two trivial methods; our ~90 scenarios would take far longer. This harness is small:
// warm-up, N timed iterations (Stopwatch), median and p95, allocated bytes on this thread, machine info.
// Goals live in Suite.cs; nothing here is a test, and no test asserts on time.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using CklGen.Benchmarks;
using CklGen.Benchmarks.Harness;

var quick = false;
string? markdown = null;
if (args is ["--make-fleet", var fleetDir, var fleetCount] && int.TryParse(fleetCount, out var fleetN) && fleetN > 0)
{
    // Used by fleet.sh: build the synthetic fleet and stop.
    SyntheticFleet.Write(Paths.Find(), fleetDir, fleetN);
    Console.WriteLine($"wrote {fleetN} snapshots to {fleetDir}");
    return 0;
}
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--markdown" when i + 1 < args.Length: markdown = Path.GetFullPath(args[++i]); break;
        case "--markdown":
            Console.Error.WriteLine("--markdown needs a file name");
            return 2;
        case "-h" or "--help":
            Console.WriteLine("usage: dotnet run -c Release --project tests/CklGen.Benchmarks [-- [--quick] [--markdown FILE]]");
            Console.WriteLine("  --quick          few iterations (a minute or less); numbers are rougher");
            Console.WriteLine("  --markdown FILE  also write the results as Markdown (e.g. tests/CklGen.Benchmarks/RESULTS.md)");
            Console.WriteLine("  --make-fleet DIR N  only write N synthetic snapshots into DIR (for fleet.sh)");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}' (try --help)");
            return 2;
    }
}

var paths = Paths.Find();
var started = DateTimeOffset.Now;
var total = Stopwatch.StartNew();
using var suite = new Suite(paths);

var loadBefore = MachineInfo.LoadAverage();
Console.WriteLine($"CklGen benchmarks ({(quick ? "quick" : "full")} run); shared material: {paths.Shared}");
foreach (var (k, v) in MachineInfo.Describe()) Console.WriteLine($"  {k}: {v}");
if (loadBefore is not null) Console.WriteLine($"  Load average (1/5/15 min): {loadBefore}");
Console.WriteLine();

Measurement Measure(Scenario s)
{
    var m = Runner.Run(s, quick);
    Console.WriteLine($"  {Report.Ms(m.MedianMs),10} median {Report.Ms(m.P95Ms),10} p95  {(m.Met ? "met    " : "NOT MET")}  {s.Name}");
    return m;
}

Console.WriteLine("Main scenarios");
var main = suite.Main(out var skipped, out var corpusEach).Select(Measure).ToList();
Console.WriteLine("Parse, per benchmark");
var parseEach = suite.ParseEach().Select(Measure).ToList();
Console.WriteLine("Read + write back, per corpus checklist");
var corpus = corpusEach.Select(Measure).ToList();
total.Stop();
var loadAfter = MachineInfo.LoadAverage();

var all = main.Concat(parseEach).Concat(corpus).ToList();
var notMet = all.Where(m => !m.Met).ToList();
Console.WriteLine();
Console.WriteLine($"{all.Count - notMet.Count} of {all.Count} goals met in {total.Elapsed.TotalSeconds:F0} s.");

if (markdown is not null)
{
    // The "## Notes" section is written by hand (measurements outside this program): kept as it is.
    var notes = File.Exists(markdown) && File.ReadAllText(markdown) is var earlier && earlier.IndexOf("\n## Notes", StringComparison.Ordinal) is var at and >= 0
        ? earlier[(at + 1)..] : "";
    File.WriteAllText(markdown, Markdown() + (notes.Length > 0 ? "\n" + notes : ""));
    Console.WriteLine($"wrote {markdown}");
}
return 0;

string Markdown()
{
    var inv = CultureInfo.InvariantCulture;
    var command = "dotnet run -c Release --project tests/CklGen.Benchmarks" +
                  (args.Length > 0 ? " -- " + string.Join(' ', args.Select((a, i) => i > 0 && args[i - 1] == "--markdown" ? Path.GetRelativePath(paths.RepoRoot, a) : a)) : "");
    var sb = new StringBuilder();
    sb.AppendLine("# CklGen performance results");
    sb.AppendLine();
    sb.AppendLine("Measured, not guessed: every number below comes from one run of");
    sb.AppendLine();
    sb.AppendLine("```sh");
    sb.AppendLine(command);
    sb.AppendLine("```");
    sb.AppendLine();
    sb.AppendLine($"from the repository root, with DISA's reference material in `../shared`. Rerun it to refresh this file.");
    sb.AppendLine();
    sb.AppendLine($"- Date: {started.ToString("yyyy-MM-dd HH:mm zzz", inv)} ({(quick ? "quick run: few iterations, rougher numbers" : "full run")}; took {total.Elapsed.TotalSeconds:F0} s)");
    foreach (var (k, v) in MachineInfo.Describe()) sb.AppendLine($"- {k}: {v}");
    if (loadBefore is not null)
        sb.AppendLine($"- Load average (1/5/15 min): {loadBefore} at the start, {loadAfter} at the end" +
                      (new[] { loadBefore, loadAfter }.Any(l => l is not null && double.Parse(l.Split(' ')[0], inv) > Environment.ProcessorCount) ? $" (busier than its {Environment.ProcessorCount} cores: other work shared the machine, so times are higher and noisier than on an idle one)" : ""));
    sb.AppendLine($"- Result: {all.Count - notMet.Count} of {all.Count} goals met" + (notMet.Count > 0 ? $"; not met: {string.Join("; ", notMet.Select(m => m.Scenario.Name))}" : "") + ".");
    sb.AppendLine();
    sb.AppendLine("## Goals");
    sb.AppendLine();
    sb.AppendLine($"An ISSO generates checklists for about {Suite.FleetHosts} Exchange servers a quarter. A single command should feel");
    sb.AppendLine("immediate (the README's main command within 2 s of wall time, .NET start-up included), and the whole fleet");
    sb.AppendLine($"should take seconds in one process ({Suite.FleetHosts} hosts within 10 s, 50 ms per checklist). The smaller goals follow");
    sb.AppendLine("from those: parsing a benchmark, reading a snapshot, evaluating and filling a checklist each take a small");
    sb.AppendLine("part of the 50 ms a checklist may cost. A goal is **met** when the p95 of one iteration is within it.");
    sb.AppendLine();
    sb.AppendLine("## Results");
    sb.AppendLine();
    sb.Append(Report.Table(main));
    sb.AppendLine();
    if (main.FirstOrDefault(m => m.Scenario.Name == suite.ReadmeCommandName) is { } readme
        && main.FirstOrDefault(m => m.Scenario.Name.StartsWith("Process start", StringComparison.Ordinal)) is { } start
        && main.FirstOrDefault(m => m.Scenario.Name.StartsWith("Fleet", StringComparison.Ordinal)) is { } fleet
        && main.FirstOrDefault(m => m.Scenario.Name.StartsWith("Write one", StringComparison.Ordinal)) is { } write)
    {
        sb.AppendLine($"Reading these together: warm, in one process, a filled checklist in both formats costs {Report.Ms(fleet.MedianMs / Suite.FleetHosts)}, " +
                      $"of which writing the two files durably takes about {Report.Ms(write.MedianMs)} (disk flushes; it depends on the disk and on what else writes to it). " +
                      $"The README command takes {Report.Ms(readme.MedianMs)}, of which {Report.Ms(start.MedianMs)} is starting .NET and the rest is mostly " +
                      "JIT compilation of CklGen, Newtonsoft.Json and CommandLineParser code on first use (the CLI is not ReadyToRun-compiled). " +
                      $"So running the CLI once per host for {Suite.FleetHosts} hosts would take about {Report.Ms(readme.MedianMs * Suite.FleetHosts)}, " +
                      $"against {Report.Ms(fleet.MedianMs)} for the same work in one process.");
        sb.AppendLine();
    }
    sb.AppendLine("## Parse, per shared benchmark");
    sb.AppendLine();
    sb.Append(Report.Table(parseEach, "Benchmark"));
    sb.AppendLine();
    sb.AppendLine("## Read + write back, per corpus checklist (slowest 8 by median)");
    sb.AppendLine();
    sb.Append(Report.Table(corpus.OrderByDescending(m => m.MedianMs).Take(8), "Checklist"));
    sb.AppendLine();
    sb.AppendLine($"All {corpus.Count} loadable checklists: {corpus.Count(m => m.Met)} within {Report.Ms(Suite.ChecklistGoalMs)}. " +
                  $"Skipped, because CklGen refuses them with an InputException (as intended for broken input): {skipped.Count}.");
    sb.AppendLine();
    foreach (var (file, reason) in skipped)
        sb.AppendLine($"- `{file}`: {(reason.Length > 160 ? reason[..160] + "…" : reason)}");
    sb.AppendLine();
    sb.AppendLine("## How it is measured");
    sb.AppendLine();
    sb.AppendLine("- Each scenario runs its warm-up iterations, then N timed ones, in this process on one thread");
    sb.AppendLine("  (`tests/CklGen.Benchmarks/Harness`). Time is `Stopwatch` wall time per iteration; median and p95 (nearest rank,");
    sb.AppendLine("  so with fewer than 20 iterations p95 is the slowest one). Allocations are `GC.GetAllocatedBytesForCurrentThread`");
    sb.AppendLine("  around each iteration (median), so they include garbage, not just what is kept.");
    sb.AppendLine("- In-process numbers are warm (JIT done, files in the page cache); the process-start rows are what a person");
    sb.AppendLine("  running the CLI sees, cold JIT included. They start `dotnet src/CklGen.Cli/bin/Release/net10.0/cklgen.dll`,");
    sb.AppendLine("  which the benchmark project builds.");
    sb.AppendLine("- Written files go to a temp folder (atomic writes, flushed to disk as the CLI does); \"in memory\" rows serialise to text only.");
    sb.AppendLine("- Nothing here is a test; the test suite never asserts on time.");
    return sb.ToString();
}
