using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.CarryForward;

/// <summary>Runs the CLI in-process and keeps what it printed.</summary>
sealed record CliRun(int Exit, string Out, string Err)
{
    public static string Facts16 => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2016-mailbox-EXMBX16.json");

    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = CklGen.Cli.Cli.Run(args, new CliContext(o, e));
        return new CliRun(exit, o.ToString(), e.ToString());
    }

    public JObject Json => JObject.Parse(Out);

    public CliRun Expect(int exit)
    {
        Assert.True(Exit == exit, $"exit {Exit}, expected {exit}\nstdout:\n{Out}\nstderr:\n{Err}");
        return this;
    }

    /// <summary>Args for generate with reproducible uuids and time.</summary>
    public static string[] Generate(string benchmarkFile, string outDir, params string[] more) =>
        ["generate", "--benchmark", TestPaths.Benchmark(benchmarkFile), "--out", outDir, "--uuid-seed", "5", "--time", "2026-11-22T10:00:00Z", .. more];
}
