using System.Diagnostics;
using CklGen.Checklists;
using CklGen.IO;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace CklGen.Tests.Robustness;

/// <summary>
/// A child `generate` writing a fleet's checklists is killed (SIGKILL, no chance to clean up) at moments drawn from
/// fixed seeds across the length of a full run. Whatever it left must be whole: every checklist in the folder is
/// byte-identical to the one a complete run writes (the output is reproducible with --uuid-seed and --time), and
/// the next run into the folder leaves no temporary file behind.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    static string Examples => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts");
    const int Copies = 8; // 5 examples x 8 = 40 hosts, 80 checklists

    readonly string _dir = TestPaths.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    string FactsFolder()
    {
        var dir = Path.Combine(_dir, "facts");
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Examples, "*.json"))
            for (var i = 0; i < Copies; i++)
            {
                var o = JObject.Parse(File.ReadAllText(f));
                var name = $"{(string)o["host"]!["name"]!}-{i:D2}";
                o["host"]!["name"] = name;
                File.WriteAllText(Path.Combine(dir, name + ".json"), o.ToString());
            }
        return dir;
    }

    static string[] Args(string facts, string outDir) =>
        ["generate", "--benchmarks", TestPaths.SharedBenchmarks, "--facts", facts, "--out", outDir, "--format", "both",
         "--uuid-seed", "7", "--time", "2026-11-22T10:00:00Z", "--force", "--jobs", "2"];

    static Process Start(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cklgen.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    static (int Exit, TimeSpan Took) RunToEnd(string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var p = Start(args);
        p.WaitForExit();
        return (p.ExitCode, clock.Elapsed);
    }

    static Dictionary<string, byte[]> Files(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir).ToDictionary(Path.GetFileName, f => File.ReadAllBytes(f))! : [];

    static bool AnyChecklist(string dir)
    {
        try { return Directory.EnumerateFiles(dir).Any(f => !TempFiles.IsTempName(Path.GetFileName(f))); }
        catch (DirectoryNotFoundException) { return false; }
    }

    [Fact]
    public void A_run_killed_at_any_moment_leaves_only_whole_checklists_and_the_next_run_no_temporary_file()
    {
        var facts = FactsFolder();
        var baselineDir = Path.Combine(_dir, "baseline");
        var (exit, full) = RunToEnd(Args(facts, baselineDir));
        Assert.Equal(0, exit);
        var baseline = Files(baselineDir);
        Assert.Equal(5 * Copies * 2, baseline.Count);
        Assert.All(baseline.Keys, name => ChecklistFile.Read(Path.Combine(baselineDir, name)));

        var outDir = Path.Combine(_dir, "out");
        foreach (var seed in Enumerable.Range(1, 6))
        {
            // Odd seeds write into an empty folder, even ones replace the checklists of the run before.
            if (seed % 2 == 1 && Directory.Exists(outDir)) Directory.Delete(outDir, true);
            // Every third seed kills as soon as the first checklist is renamed into place (the middle of the renames);
            // the others at a moment between the start and the end of a full run, the same for a seed on every machine.
            var whenFirstAppears = seed % 3 == 0;
            var at = full * (0.1 + 0.9 * new Random(seed).NextDouble());
            using (var p = Start(Args(facts, outDir)))
            {
                bool killed;
                if (whenFirstAppears)
                {
                    var clock = Stopwatch.StartNew();
                    while (!p.HasExited && !AnyChecklist(outDir) && clock.Elapsed < full * 3) Thread.Sleep(1);
                    killed = !p.HasExited;
                }
                else killed = !p.WaitForExit(at);
                if (killed)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit(); // reaped, so the next run sees its temporary files as stale
                }
                var left = Files(outDir);
                var temps = left.Keys.Count(TempFiles.IsTempName);
                output.WriteLine($"seed {seed}: {(killed ? "killed" : "finished")} {(whenFirstAppears ? "when the first checklist appeared" : $"at {at.TotalMilliseconds:F0} ms")} " +
                                 $"(a full run took {full.TotalMilliseconds:F0} ms); " +
                                 $"{left.Count - temps} checklists and {temps} temporary files left");
                foreach (var (name, bytes) in left.Where(f => !TempFiles.IsTempName(f.Key)))
                {
                    Assert.True(baseline.TryGetValue(name, out var expected), $"seed {seed}: {name} is not a checklist the run writes");
                    Assert.True(expected.AsSpan().SequenceEqual(bytes), $"seed {seed}: {name} is not whole ({bytes.Length} of {expected.Length} bytes)");
                }
            }

            (exit, full) = RunToEnd(Args(facts, outDir));
            Assert.Equal(0, exit);
            var after = Files(outDir);
            Assert.DoesNotContain(after.Keys, TempFiles.IsTempName);
            Assert.Equal(baseline.Keys.Order(), after.Keys.Order());
            Assert.All(after, f => Assert.True(baseline[f.Key].AsSpan().SequenceEqual(f.Value), $"seed {seed}: {f.Key} differs after the next run"));
        }
    }
}
