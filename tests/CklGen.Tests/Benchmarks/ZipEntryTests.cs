using System.IO.Compression;
using CklGen.Benchmarks;
using CklGen.Cli;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>A zip holding several benchmarks is read in full where several are wanted, or one is chosen with ZIP!ENTRY.</summary>
public class ZipEntryTests
{
    const string Edge = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";
    const string Mailbox = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";

    static string TwoBenchmarkZip(string dir)
    {
        var zip = Path.Combine(dir, "Exchange_2019.zip");
        using var z = ZipFile.Open(zip, ZipArchiveMode.Create);
        z.CreateEntryFromFile(TestPaths.Benchmark(Edge), "edge/" + Edge);
        z.CreateEntryFromFile(TestPaths.Benchmark(Mailbox), "mailbox/" + Mailbox);
        return zip;
    }

    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (Cli.Cli.Run(args, new CliContext(o, e)), o.ToString(), e.ToString());
    }

    [Fact]
    public void One_benchmark_is_chosen_with_the_zip_entry_form_its_own_message_suggests()
    {
        var zip = TwoBenchmarkZip(TestPaths.NewTempDir());
        var refused = Assert.Throws<InputException>(() => XccdfReader.Read(zip));
        Assert.Contains($"{zip}!mailbox/{Mailbox}", refused.Message);
        Assert.Contains("ZIP!ENTRY", refused.Message);

        var b = XccdfReader.Read($"{zip}!mailbox/{Mailbox}");
        Assert.Equal("MS_Exchange_2019_Mailbox_Server_STIG", b.Id);
        var missing = Assert.Throws<InputException>(() => XccdfReader.Read($"{zip}!mailbox/nope.xml"));
        Assert.Contains($"{zip}!edge/{Edge}", missing.Message);
    }

    [Fact]
    public void Where_several_are_wanted_the_zip_is_read_in_full()
    {
        var dir = TestPaths.NewTempDir();
        var zip = TwoBenchmarkZip(dir);
        Assert.Equal(2, XccdfReader.ReadAll(zip).Count);
        var warnings = new List<string>();
        var library = BenchmarkLibrary.LoadAll(dir, p => XccdfReader.ReadAll(p), warnings.Add);
        Assert.Equal(2, library.Benchmarks.Count);
        Assert.Empty(warnings);

        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = Run("generate", "--benchmark", zip, "--host", "EXHOST01", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Equal(2, Directory.GetFiles(outDir, "*.ckl").Length);

        var one = Path.Combine(dir, "one");
        (code, _, err) = Run("generate", "--benchmark", $"{zip}!edge/{Edge}", "--host", "EXHOST01", "--out", one);
        Assert.True(code == 0, err);
        Assert.Equal("EXHOST01_MS_Exchange_2019_Edge_Server_STIG_V2R2.ckl", Path.GetFileName(Directory.GetFiles(one).Single()));
    }
}
