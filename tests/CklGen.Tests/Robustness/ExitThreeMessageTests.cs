using CklGen.Tests.Commands;
using CklGen.Tests.Support;
using Xunit;

namespace CklGen.Tests.Robustness;

/// <summary>
/// Every exit-3 message names the file it is about, and the option that gave it where there is one (issue 10):
/// a table of bad inputs for each command that reads files, run in process.
/// </summary>
public sealed class ExitThreeMessageTests : IDisposable
{
    readonly string Dir = TestPaths.NewTempDir();
    string P(string name) => Path.Combine(Dir, name);

    static string Benchmark => TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml");
    static string Facts => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json");
    static string Checklist => Directory.GetFiles(Path.Combine(TestPaths.SharedChecklists, "ckl"), "*.ckl").Order(StringComparer.Ordinal).First();

    public ExitThreeMessageTests()
    {
        File.WriteAllText(P("bad-facts.json"), "{ not json");
        File.WriteAllText(P("empty-facts.json"), "");
        File.WriteAllText(P("bad-policy.json"), "{ \"x\": ");
        File.WriteAllText(P("bad-answers.json"), "[1,");
        File.WriteAllText(P("bad-benchmark.xml"), "<Benchmark><oops");
        File.WriteAllText(P("bad-checklist.ckl"), "<CHECKLIST><x");
        File.WriteAllText(P("bad-cci.xml"), "<a");
        File.WriteAllText(P("bad-schema.xsd"), "nope");
        File.WriteAllText(P("not-a-folder"), "x");
        Directory.CreateDirectory(P("facts-folder"));
        File.WriteAllText(P(Path.Combine("facts-folder", "Get-BrokenExport.xml")), "<Objs");
        Directory.CreateDirectory(P("checklists"));
        File.WriteAllText(P(Path.Combine("checklists", "broken-in-folder.ckl")), "<CHECKLIST><x");
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Each case: the arguments ("{B}", "{F}", "{C}", "{D}/" and "{R}/" stand for a good benchmark, facts, checklist, the temp folder and it as a relative path), the file name the message must give, the option it must give (or null).</summary>
    public static TheoryData<string, string, string?> Cases => new()
    {
        { "generate -b {D}/bad-benchmark.xml --facts {F} --out {D}/o1", "bad-benchmark.xml", "-b" },
        { "generate -b {D}/missing-benchmark.xml --facts {F} --out {D}/o1", "missing-benchmark.xml", "-b" },
        { "generate -b {B} --facts {D}/bad-facts.json --out {D}/o2", "bad-facts.json", "--facts" },
        { "generate -b {B} --facts {D}/empty-facts.json --out {D}/o2", "empty-facts.json", "--facts" },
        { "generate -b {B} --facts {D}/missing-facts.json --out {D}/o2", "missing-facts.json", "--facts" },
        { "generate -b {B} --facts {D}/facts-folder --out {D}/o2", "Get-BrokenExport.xml", "--facts" },
        { "generate -b {B} --facts {F} --policy {D}/bad-policy.json --out {D}/o3", "bad-policy.json", "--policy" },
        { "generate -b {B} --facts {F} --policy {D}/missing-policy.json --out {D}/o3", "missing-policy.json", "--policy" },
        { "generate -b {B} --facts {F} --answers {D}/bad-answers.json --out {D}/o4", "bad-answers.json", "--answers" },
        { "generate -b {B} --facts {F} --previous {D}/bad-checklist.ckl --out {D}/o5", "bad-checklist.ckl", "--previous" },
        { "generate --benchmarks {D}/not-a-folder --facts {F} --out {D}/o6", "not-a-folder", "--benchmarks" },
        { "evaluate -b {B} --facts {D}/bad-facts.json", "bad-facts.json", "--facts" },
        { "evaluate -b {B} --facts {R}/bad-facts.json", "bad-facts.json", "--facts" },
        { "evaluate -b {B} --facts {R}/facts-folder", "Get-BrokenExport.xml", "--facts" },
        { "generate -b {B} --facts {R}/facts-folder --out {D}/o2", "Get-BrokenExport.xml", "--facts" },
        { "evaluate -b {B} --facts {D}/facts-folder", "Get-BrokenExport.xml", "--facts" },
        { "evaluate -b {D}/bad-benchmark.xml --facts {F}", "bad-benchmark.xml", "-b" },
        { "evaluate -b {B} --facts {F} --policy {D}/bad-policy.json", "bad-policy.json", "--policy" },
        { "validate --schema {D}/bad-schema.xsd {C}", "bad-schema.xsd", "--schema" },
        { "validate --schema {D}/missing.xsd {C}", "missing.xsd", "--schema" },
        { "validate {D}/missing-checklist.ckl", "missing-checklist.ckl", null },
        { "convert {D}/bad-checklist.ckl --to cklb --out {D}/x.cklb", "bad-checklist.ckl", null },
        { "convert {D}/missing-checklist.ckl --to cklb --out {D}/x.cklb", "missing-checklist.ckl", null },
        { "diff {D}/bad-checklist.ckl {C}", "bad-checklist.ckl", null },
        { "diff {C} {D}/bad-checklist.ckl", "bad-checklist.ckl", null },
        { "diff -r {D}/checklists {D}/checklists", "broken-in-folder.ckl", null },
        { "report {D}/bad-checklist.ckl", "bad-checklist.ckl", null },
        { "report {D}/checklists", "broken-in-folder.ckl", null },
        { "report {C} --cci {D}/bad-cci.xml", "bad-cci.xml", "--cci" },
        { "rules show V-259712 -b {D}/not-a-folder", "not-a-folder", "-b" },
        { "rules search tls -b {D}/not-a-folder", "not-a-folder", "-b" },
        { "coverage --benchmark {D}/bad-benchmark.xml", "bad-benchmark.xml", "--benchmark" },
        { "coverage --benchmark {D}/missing-benchmark.xml", "missing-benchmark.xml", "--benchmark" },
        { "coverage --benchmarks {D}/not-a-folder", "not-a-folder", "--benchmarks" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_message_names_the_file_and_its_option(string args, string file, string? option)
    {
        var argv = args.Split(' ').Select(a => a.Replace("{B}", Benchmark).Replace("{F}", Facts).Replace("{C}", Checklist).Replace("{D}/", Dir + Path.DirectorySeparatorChar)
            .Replace("{R}/", Path.GetRelativePath(Environment.CurrentDirectory, Dir) + Path.DirectorySeparatorChar)).ToArray();
        var r = CliRunner.Run(argv);
        Assert.True(r.Exit == 3, $"exit {r.Exit}: {r.Err}");
        var error = r.Err.Split('\n').Single(l => l.StartsWith("cklgen: error: ", StringComparison.Ordinal));
        Assert.Contains(file, error);
        if (option is not null) Assert.StartsWith($"cklgen: error: {option} ", error);
    }
}
