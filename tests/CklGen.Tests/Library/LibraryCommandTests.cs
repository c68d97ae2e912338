using CklGen.Cli;
using CklGen.Library;
using CklGen.Tests.Commands;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Library;

public sealed class LibraryCommandTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "cklgen-library-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>A benchmark folder with the three 2019 Edge releases (small and quick to build).</summary>
    string Edge2019Folder()
    {
        var src = Path.Combine(dir, "benchmarks");
        Directory.CreateDirectory(src);
        foreach (var f in Directory.GetFiles(TestPaths.SharedBenchmarks, "U_MS_Exchange_2019_Edge_*.xml"))
            File.Copy(f, Path.Combine(src, Path.GetFileName(f)));
        return src;
    }

    [Fact]
    public void Build_writes_the_library_and_reports_what_it_did()
    {
        var bench = Edge2019Folder();
        var outDir = Path.Combine(dir, "site");
        var r = CliRunner.Run("library", "build", "--benchmarks", bench, "--cci", TestPaths.SharedCci, "--out", outDir, "--json");
        Assert.Equal(ExitCodes.Success, r.Exit);
        var j = JObject.Parse(r.Out);
        Assert.Equal(1, (int)j["stigs"]!);
        Assert.Equal(3, (int)j["releases"]!);
        Assert.Equal((int)j["files"]!, (int)j["written"]!);
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "stigs", "MS_Exchange_2019_Edge_Server_STIG", "V-259629", "index.ttl")));
        Assert.Contains("written", r.Err);

        var again = CliRunner.Run("library", "build", "--benchmarks", bench, "--cci", TestPaths.SharedCci, "--out", outDir, "--json");
        Assert.Equal(ExitCodes.Success, again.Exit);
        Assert.Equal(0, (int)JObject.Parse(again.Out)["written"]!);
    }

    [Fact]
    public void Build_refuses_a_folder_of_other_files_with_exit_4()
    {
        var outDir = Path.Combine(dir, "other");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "x");
        var r = CliRunner.Run("library", "build", "--benchmarks", Edge2019Folder(), "--out", outDir);
        Assert.Equal(ExitCodes.RefusedOverwrite, r.Exit);
        Assert.Contains("--force", r.Err);
        Assert.Single(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public void Without_a_CCI_list_the_build_warns_and_still_works()
    {
        var r = CliRunner.Run("library", "build", "--benchmarks", Edge2019Folder(), "--out", Path.Combine(dir, "site"));
        Assert.Equal(ExitCodes.Success, r.Exit);
        Assert.Contains("no CCI list", r.Err);
    }

    [Theory]
    [InlineData(new[] { "library" }, ExitCodes.Usage)]
    [InlineData(new[] { "library", "build" }, ExitCodes.Usage)]
    [InlineData(new[] { "library", "serve", "--port", "70000" }, ExitCodes.Usage)]
    [InlineData(new[] { "library", "serve", "--bind", "localhost-ish" }, ExitCodes.Usage)]
    public void Usage_errors_exit_2(string[] args, int code) => Assert.Equal(code, CliRunner.Run(args).Exit);

    [Fact]
    public void A_missing_benchmark_folder_or_CCI_list_is_bad_input_naming_it()
    {
        var r = CliRunner.Run("library", "build", "--benchmarks", Path.Combine(dir, "nope"), "--out", Path.Combine(dir, "site"));
        Assert.Equal(ExitCodes.BadInput, r.Exit);
        Assert.Contains("nope", r.Err);
        var c = CliRunner.Run("library", "build", "--benchmarks", Edge2019Folder(), "--cci", Path.Combine(dir, "U_CCI_List.xml"), "--out", Path.Combine(dir, "site"));
        Assert.Equal(ExitCodes.BadInput, c.Exit);
        Assert.Contains("U_CCI_List.xml", c.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "site")));
    }

    [Fact]
    public void Rules_show_gives_the_stable_library_address()
    {
        var r = CliRunner.Run("rules", "show", "V-228409", "--benchmarks", TestPaths.SharedBenchmarks, "--library", "https://stig.example.mil/library");
        Assert.Equal(ExitCodes.Success, r.Exit);
        Assert.Contains("Library:      https://stig.example.mil/library/stigs/MS_Exchange_2016_Mailbox_Server_STIG/V-228409/", r.Out);
        var j = CliRunner.Run("rules", "show", "V-228409", "--benchmarks", TestPaths.SharedBenchmarks, "--library", "site", "--json");
        Assert.Equal(LibraryPaths.Locate("site", LibraryPaths.Rule("MS_Exchange_2016_Mailbox_Server_STIG", "V-228409")), (string?)JArray.Parse(j.Out)[0]["library"]);
    }
}
