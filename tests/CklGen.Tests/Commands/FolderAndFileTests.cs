using CklGen.Cli;
using CklGen.Tests.Support;

namespace CklGen.Tests.Commands;

/// <summary>A folder where a file is expected (or the reverse) is named as such; validate takes folders.</summary>
public class FolderAndFileTests
{
    const string Mb19 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    [Fact]
    public void Validate_a_folder_checks_every_checklist_in_it_and_its_subfolders()
    {
        var dir = TestPaths.NewTempDir();
        var sub = Directory.CreateDirectory(Path.Combine(dir, "q3", "edge")).FullName;
        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark(Mb19), "--host", "EXMBX01", "--format", "both", "--out", dir).Exit);
        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark(Mb19), "--host", "EXMBX02", "--out", sub).Exit);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a checklist");

        var ok = CliRunner.Run("validate", dir);
        Assert.True(ok.Exit == ExitCodes.Success, ok.Out + ok.Err);
        var lines = ok.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(3, lines.Count(l => l.Contains(": valid (")));
        Assert.Contains(lines, l => l.Contains("EXMBX02") && l.Contains(Path.Combine("q3", "edge")));
        Assert.StartsWith("3 checklist(s): 3 valid, 0 invalid", lines[^1]);
        var json = Newtonsoft.Json.Linq.JObject.Parse(CliRunner.Run("validate", dir, "--json").Out);
        Assert.True((bool)json["valid"]!);
        Assert.Equal(3, ((Newtonsoft.Json.Linq.JArray)json["files"]!).Count);

        // One invalid file makes the folder fail with exit 1, as a single invalid file does.
        File.Copy(Path.Combine(TestPaths.SharedChecklists, "ckl", "No-RuleId-Value.ckl"), Path.Combine(sub, "broken.ckl"));
        var bad = CliRunner.Run("validate", dir);
        Assert.Equal(ExitCodes.CheckFailed, bad.Exit);
        var badLines = bad.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, badLines.Length);
        Assert.Contains(badLines, l => l.Contains("broken.ckl: INVALID (") && l.Split("): ").Length > 1);
        Assert.StartsWith("4 checklist(s): 3 valid, 1 invalid", badLines[^1]);
    }

    [Fact]
    public void Validate_an_empty_folder_or_a_missing_path_is_bad_input_naming_it()
    {
        var dir = TestPaths.NewTempDir();
        var empty = CliRunner.Run("validate", dir);
        Assert.Equal(ExitCodes.BadInput, empty.Exit);
        Assert.Contains(dir, empty.Err);
        Assert.Contains("no .ckl or .cklb", empty.Err);

        var missing = CliRunner.Run("validate", Path.Combine(dir, "nope.ckl"));
        Assert.Equal(ExitCodes.BadInput, missing.Exit);
        Assert.Contains("nope.ckl", missing.Err);
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_says_so()
    {
        var dir = TestPaths.NewTempDir();
        var out1 = Path.Combine(dir, "out");
        foreach (var args in new[]
        {
            new[] { "generate", "--benchmark", dir, "--out", out1 },
            new[] { "evaluate", "--benchmark", dir, "--facts", dir },
            new[] { "convert", dir, "--to", "cklb", "--out", Path.Combine(dir, "x.cklb") },
            new[] { "validate", TestPaths.Benchmark(Mb19), "--schema", dir },
        })
        {
            var r = CliRunner.Run(args);
            Assert.True(r.Exit == ExitCodes.BadInput, string.Join(' ', args) + ": " + r.Err);
            Assert.Contains(dir, r.Err);
            Assert.Contains("is a folder, not a file", r.Err);
            Assert.Single(r.Err.Trim().Split('\n'));
        }
    }

    [Fact]
    public void A_file_where_a_folder_is_expected_says_so()
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "a.ckl");
        Assert.Equal(0, CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark(Mb19), "--host", "H", "--out", Path.GetDirectoryName(file)!).Exit);
        file = Directory.GetFiles(Path.GetDirectoryName(file)!, "*.ckl").Single();
        foreach (var args in new[]
        {
            new[] { "rules", "show", "V-228409", "--benchmarks", file },
            new[] { "library", "build", "--benchmarks", file, "--out", Path.Combine(Path.GetDirectoryName(file)!, "lib") },
        })
        {
            var r = CliRunner.Run(args);
            Assert.True(r.Exit == ExitCodes.BadInput, string.Join(' ', args) + ": " + r.Out + r.Err);
            Assert.Contains(file, r.Err);
            Assert.Contains("is a file, not a folder", r.Err);
        }
    }
}
