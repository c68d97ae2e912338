using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CklGen.Benchmarks.Harness;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Benchmarks;

/// <summary>
/// The scenarios an ISSO cares about, built over the shared DISA material and the example facts.
/// Everything written goes to a temp folder that is deleted at the end.
/// </summary>
public sealed class Suite : IDisposable
{
    // Goals: an ISSO generates ~200 checklists a quarter; a single command should feel immediate (< 2 s),
    // a fleet run should take seconds, not minutes. Each goal is the p95 of one iteration.
    public const double ParseGoalMs = 50;           // one benchmark; so all 18 parse within 1 s
    public const double ParseAllGoalMs = 1000;
    public const double ZipGoalMs = 100;            // unzip in memory + parse
    public const double BlankAllGoalMs = 2000;      // 18 blank checklists, CKL + CKLB text: ~100 ms each
    public const double EvaluateGoalMs = 50;        // one checklist decided and filled
    public const double FactsGoalMs = 20;           // a snapshot of a few KB to a few hundred KB
    public const double ChecklistGoalMs = 50;       // read + write back one checklist of the corpus (up to 330 KB)
    public const double CorpusGoalMs = 3000;        // all loadable corpus checklists
    public const double WriteGoalMs = 20;           // two files to disk, flushed
    public const int FleetHosts = 200;
    public const double FleetGoalMs = 10_000;       // 200 hosts: 50 ms per checklist
    public const double StartGoalMs = 500;          // a process that does nothing
    public const double ReadmeGoalMs = 2000;        // the README's main command
    public const double LibraryGoalMs = 10_000;     // the offline library of every shared benchmark: "seconds"
    public const double LibraryRebuildGoalMs = 5_000; // nothing changed: nothing rewritten

    const string Mailbox2019 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    const string Edge2016 = "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml";
    static readonly DateTimeOffset Time = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    readonly Paths paths;
    readonly string temp = Path.Combine(Path.GetTempPath(), "cklgen-bench-" + Guid.NewGuid().ToString("N"));

    public Suite(Paths paths)
    {
        this.paths = paths;
        Directory.CreateDirectory(temp);
    }

    public void Dispose()
    {
        try { Directory.Delete(temp, recursive: true); } catch (IOException) { } // best effort
    }

    string Bench(string file) => Path.Combine(paths.SharedBenchmarks, file);

    public IReadOnlyList<string> BenchmarkFiles =>
        Directory.GetFiles(paths.SharedBenchmarks, "*.xml").Order(StringComparer.Ordinal).ToList();

    /// <summary>Parse each shared benchmark on its own.</summary>
    public IEnumerable<Scenario> ParseEach() => BenchmarkFiles.Select(f => new Scenario
    {
        Name = Path.GetFileName(f),
        GoalMs = ParseGoalMs,
        Body = () => XccdfReader.Read(f),
        Iterations = 20, QuickIterations = 3, WarmupMs = 100, // the code is warm from the main scenarios
        Note = _ => $"{new FileInfo(f).Length / 1024} KB, {XccdfReader.Read(f).Rules.Count} rules",
    });

    public IEnumerable<Scenario> Main(out IReadOnlyList<(string File, string Reason)> skipped, out IReadOnlyList<Scenario> corpusEach)
    {
        var list = new List<Scenario>();
        var files = BenchmarkFiles;

        list.Add(new Scenario
        {
            Name = $"Parse all {files.Count} shared XCCDF benchmarks, one after another",
            GoalMs = ParseAllGoalMs,
            Body = () => { foreach (var f in files) XccdfReader.Read(f); },
            Iterations = 20, QuickIterations = 3,
            Note = m => $"{m / files.Count:F1} ms per benchmark",
        });

        var zip = MakeDisaZip(Mailbox2019);
        list.Add(new Scenario
        {
            Name = "Parse a DISA-style .zip (2019 Mailbox V1R1 beside PDFs, in a subfolder)",
            GoalMs = ZipGoalMs,
            Body = () => XccdfReader.Read(zip),
            Iterations = 20, QuickIterations = 3,
        });

        var parsed = files.Select(f => XccdfReader.Read(f)).ToList();
        list.Add(new Scenario
        {
            Name = $"Blank checklist + CKL and CKLB text for all {parsed.Count} benchmarks (in memory)",
            GoalMs = BlankAllGoalMs,
            Body = () =>
            {
                foreach (var b in parsed)
                {
                    var c = ChecklistFactory.Blank([b], new ChecklistFactoryOptions { HostName = "EXHOST01", Now = () => Time });
                    ChecklistFile.ToText(c, ChecklistFormat.Ckl);
                    ChecklistFile.ToText(c, ChecklistFormat.Cklb);
                }
            },
            Iterations = 10, QuickIterations = 3,
            Note = m => $"{m / parsed.Count:F1} ms per checklist",
        });

        var policy = SitePolicy.Load(paths.SitePolicy);
        var evaluator = new Evaluator(RuleCatalog.BuiltIn, policy, DateOnly.FromDateTime(Time.UtcDateTime));
        foreach (var (bench, factsFile, label) in new[]
                 {
                     (Mailbox2019, "exch2019-mailbox-EXMBX01.json", "2019 Mailbox V1R1 with EXMBX01"),
                     (Edge2016, "exch2016-edge-EXEDGE16.json", "2016 Edge V2R6 with EXEDGE16"),
                 })
        {
            var b = XccdfReader.Read(Bench(bench));
            var facts = FactsReader.Read(paths.Facts(factsFile));
            list.Add(new Scenario
            {
                Name = $"Evaluate + fill one checklist: {label}",
                GoalMs = EvaluateGoalMs,
                Body = () => GenerateFilled(b, facts, evaluator),
                Iterations = 30, QuickIterations = 5,
                Note = _ =>
                {
                    var (automated, c) = GenerateFilled(b, facts, evaluator);
                    var decided = c.Stigs[0].Rules.Count(r => r.Status != ChecklistStatus.NotReviewed);
                    return $"{automated} of {b.Rules.Count} rules automated, {decided} decided";
                },
            });
        }

        foreach (var (file, label) in new[]
                 {
                     ("exch2019-mailbox-EXMBX01.json", "UTF-8"),
                     ("exch2016-mailbox-EXMBX16.json", "UTF-16 LE with BOM"),
                 })
        {
            var p = paths.Facts(file);
            list.Add(new Scenario
            {
                Name = $"Read a facts snapshot, {label} ({file})",
                GoalMs = FactsGoalMs,
                Body = () => FactsReader.Read(p),
                Iterations = 30, QuickIterations = 5,
                Note = _ => $"{new FileInfo(p).Length / 1024.0:F1} KB",
            });
        }

        var (loadable, skip) = CorpusChecklists();
        skipped = skip;
        corpusEach = loadable.Select(f => new Scenario
        {
            Name = Path.GetRelativePath(paths.SharedChecklists, f),
            GoalMs = ChecklistGoalMs,
            Body = () => ReadWriteBack(f),
            Iterations = 10, QuickIterations = 2, WarmupMs = 100,
            Note = _ => $"{new FileInfo(f).Length / 1024} KB",
        }).ToList();
        list.Add(new Scenario
        {
            Name = $"Read + write back all {loadable.Count} loadable corpus checklists (in memory, same format)",
            GoalMs = CorpusGoalMs,
            Body = () => { foreach (var f in loadable) ReadWriteBack(f); },
            Iterations = 10, QuickIterations = 3,
            Note = m => $"{m / loadable.Count:F1} ms per checklist; {skip.Count} skipped (InputException)",
        });

        var filled = GenerateFilled(XccdfReader.Read(Bench(Mailbox2019)), FactsReader.Read(paths.Facts("exch2019-mailbox-EXMBX01.json")), evaluator).Checklist;
        var (cklText, cklbText) = (ChecklistFile.ToText(filled, ChecklistFormat.Ckl), ChecklistFile.ToText(filled, ChecklistFormat.Cklb));
        var writeDir = Directory.CreateDirectory(Path.Combine(temp, "write")).FullName;
        list.Add(new Scenario
        {
            Name = "Write one filled checklist's CKL + CKLB text to disk (atomic: temp file, flush to disk, rename)",
            GoalMs = WriteGoalMs,
            Body = () =>
            {
                AtomicFile.WriteText(Path.Combine(writeDir, "EXMBX01.ckl"), cklText, overwrite: true);
                AtomicFile.WriteText(Path.Combine(writeDir, "EXMBX01.cklb"), cklbText, overwrite: true);
            },
            Iterations = 30, QuickIterations = 5,
            Note = _ => $"{(cklText.Length + cklbText.Length) / 1024} KB of text",
        });

        list.AddRange(Library(parsed));
        list.Add(Fleet());
        list.AddRange(ProcessStart());
        return list;
    }

    /// <summary>The offline STIG library (issue 12): build it from every shared benchmark and the CCI list, and rebuild it unchanged.</summary>
    IEnumerable<Scenario> Library(IReadOnlyList<Benchmark> parsed)
    {
        var cci = Reports.CciList.Load(Path.Combine(paths.Shared, "cci", "U_CCI_List.xml"));
        var outDir = Path.Combine(temp, "library");
        CklGen.Library.LibraryWriteResult? last = null;
        yield return new Scenario
        {
            Name = $"Library: build the offline STIG library of all {parsed.Count} benchmarks and the CCI list, written to a fresh folder",
            GoalMs = LibraryGoalMs,
            Body = () =>
            {
                if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
                var pages = CklGen.Library.LibrarySite.Build(new CklGen.Library.LibraryCatalog(parsed, cci));
                last = CklGen.Library.LibraryWriter.Write(outDir, pages, new OutputOptions(false, false));
            },
            Iterations = 3, QuickIterations = 1,
            Note = _ => last is null ? "" : $"{last.Files} files written",
        };
        yield return new Scenario
        {
            Name = "Library: rebuild into the same folder with nothing changed (incremental)",
            GoalMs = LibraryRebuildGoalMs,
            Body = () =>
            {
                var pages = CklGen.Library.LibrarySite.Build(new CklGen.Library.LibraryCatalog(parsed, cci));
                last = CklGen.Library.LibraryWriter.Write(outDir, pages, new OutputOptions(true, false));
            },
            Iterations = 3, QuickIterations = 1,
            Note = _ => last is null ? "" : $"{last.Written} of {last.Files} files rewritten, {last.Unchanged} unchanged",
        };
    }

    static (int Automated, Checklist Checklist) GenerateFilled(Benchmark b, FactsSnapshot facts, Evaluator evaluator)
    {
        var c = ChecklistFactory.Blank([b], new ChecklistFactoryOptions { HostName = facts.Host.Name ?? "", Now = () => Time });
        ChecklistFiller.ApplyHost(c.Asset, facts);
        var n = ChecklistFiller.Apply(c.Stigs[0], evaluator.Evaluate(b, facts), Time);
        if (n > 0) c.ResultEngine = ChecklistFiller.Engine(Time);
        return (n, c);
    }

    static void ReadWriteBack(string file)
    {
        var c = ChecklistFile.Read(file);
        ChecklistFile.ToText(c, ChecklistFile.Detect(file));
    }

    (List<string> Loadable, List<(string, string)> Skipped) CorpusChecklists()
    {
        var loadable = new List<string>();
        var skipped = new List<(string, string)>();
        foreach (var f in Directory.GetFiles(paths.SharedChecklists, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                ReadWriteBack(f);
                loadable.Add(f);
            }
            catch (InputException e)
            {
                skipped.Add((Path.GetRelativePath(paths.SharedChecklists, f), e.Message.Replace(f + ": ", "")));
            }
        }
        return (loadable, skipped);
    }

    /// <summary>A zip laid out like DISA's: the XCCDF in a *_Manual_STIG folder with a stylesheet, PDFs beside it.</summary>
    string MakeDisaZip(string xccdf)
    {
        var stem = Path.GetFileNameWithoutExtension(xccdf).Replace("_Manual-xccdf", "");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 200_000) + "\n%%EOF\n");
        var zipPath = Path.Combine(temp, stem + ".zip");
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        var folder = stem + "_Manual_STIG/";
        zip.CreateEntryFromFile(Bench(xccdf), folder + xccdf, CompressionLevel.Optimal);
        foreach (var (name, data) in new[] { (folder + "STIG_unclass.xsl", "<xsl:stylesheet/>"u8.ToArray()), (stem + "_Overview.pdf", pdf), (stem + "_Revision_History.pdf", pdf) })
        {
            using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            s.Write(data);
        }
        return zipPath;
    }

    /// <summary>
    /// 200 hosts in one process, as a scripted quarterly run would do it: each host's snapshot read from its own
    /// file, a checklist generated, evaluated and filled, and written as CKL and CKLB (atomic writes, to disk).
    /// The benchmark is parsed once per run.
    /// </summary>
    Scenario Fleet()
    {
        var factsDir = Directory.CreateDirectory(Path.Combine(temp, "fleet-facts")).FullName;
        var outDir = Directory.CreateDirectory(Path.Combine(temp, "fleet-out")).FullName;
        var template = JObject.Parse(File.ReadAllText(paths.Facts("exch2019-mailbox-EXMBX01.json")));
        var factsFiles = new List<string>();
        for (var i = 1; i <= FleetHosts; i++)
        {
            var name = $"EXMBX{i:D3}";
            var host = (JObject)template["host"]!;
            host["name"] = name;
            host["fqdn"] = name.ToLowerInvariant() + ".corp.example.mil";
            var p = Path.Combine(factsDir, name + ".json");
            File.WriteAllText(p, template.ToString());
            factsFiles.Add(p);
        }
        var benchPath = Bench(Mailbox2019);
        var policy = SitePolicy.Load(paths.SitePolicy);
        return new Scenario
        {
            Name = $"Fleet: {FleetHosts} hosts (2019 Mailbox): read facts, generate, evaluate, write CKL + CKLB to disk",
            GoalMs = FleetGoalMs,
            Body = () =>
            {
                var b = XccdfReader.Read(benchPath);
                var evaluator = new Evaluator(RuleCatalog.BuiltIn, policy, DateOnly.FromDateTime(Time.UtcDateTime));
                foreach (var f in factsFiles)
                {
                    var facts = FactsReader.Read(f);
                    var (_, c) = GenerateFilled(b, facts, evaluator);
                    ChecklistFile.Write(c, Path.Combine(outDir, ChecklistNaming.FileName(c.Asset.HostName ?? "", b, "ckl")), ChecklistFormat.Ckl, overwrite: true);
                    ChecklistFile.Write(c, Path.Combine(outDir, ChecklistNaming.FileName(c.Asset.HostName ?? "", b, "cklb")), ChecklistFormat.Cklb, overwrite: true);
                }
            },
            Warmup = 1, Iterations = 5, QuickIterations = 1,
            Note = m => $"{m / FleetHosts:F1} ms per checklist, {FleetHosts / (m / 1000):F0} checklists/s",
        };
    }

    /// <summary>Whole-process timings of the built CLI: Stopwatch around Process.Start, so no extra tool (hyperfine) is needed.</summary>
    IEnumerable<Scenario> ProcessStart()
    {
        if (!File.Exists(paths.CliDll))
        {
            Console.Error.WriteLine($"skipping process-start scenarios: {paths.CliDll} not built (run with -c Release)");
            yield break;
        }
        var outDir = Path.Combine(temp, "cli-out");
        yield return new Scenario
        {
            Name = "Process start: `cklgen --version`",
            GoalMs = StartGoalMs,
            Body = () => RunCli("--version"),
            Warmup = 1, WarmupMs = 0, Iterations = 10, QuickIterations = 3, // cold JIT is what a person sees
            CountAllocations = false,
        };
        ReadmeCommandName = "README main command: `cklgen generate` 2019 Mailbox with EXMBX01 facts and site policy, CKL + CKLB";
        yield return new Scenario
        {
            Name = ReadmeCommandName,
            GoalMs = ReadmeGoalMs,
            Body = () => RunCli("generate", "--benchmark", Bench(Mailbox2019), "--facts", paths.Facts("exch2019-mailbox-EXMBX01.json"),
                "--policy", paths.SitePolicy, "--format", "both", "--out", outDir, "--force"),
            Warmup = 1, WarmupMs = 0, Iterations = 10, QuickIterations = 3, // cold JIT is what a person sees
            CountAllocations = false,
            Note = m => $"one process per host for {FleetHosts} hosts: ~{m * FleetHosts / 1000:F0} s",
        };
    }

    public string? ReadmeCommandName { get; private set; }

    void RunCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = paths.RepoRoot };
        psi.ArgumentList.Add(paths.CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"cklgen {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
