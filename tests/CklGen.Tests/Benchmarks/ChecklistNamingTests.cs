using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>Checklist file names: host, benchmark and release, safe on every file system.</summary>
public class ChecklistNamingTests
{
    static readonly Benchmark Mailbox = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"));
    static readonly Benchmark Edge2010 = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml"));

    [Theory]
    [InlineData("ckl")]
    [InlineData(".ckl")]
    public void Host_benchmark_and_release(string ext) =>
        Assert.Equal("EXMBX01_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl", ChecklistNaming.FileName("EXMBX01", Mailbox, ext));

    [Fact]
    public void Releases_and_benchmarks_differ_in_the_name()
    {
        var names = Directory.GetFiles(TestPaths.SharedBenchmarks, "*.xml")
            .Select(f => ChecklistNaming.FileName("EX01", XccdfReader.Read(f), "cklb")).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("EX01_Exchange_2010_Edge_Transport_Server_STIG_V1R15.cklb", names);
        Assert.Contains("EX01_Exchange_2010_Edge_Transport_Server_STIG_V1R14.cklb", names);
    }

    [Theory]
    [InlineData("../../etc/passwd", "etc_passwd_")]
    [InlineData("C:\\Windows\\System32", "C_Windows_System32_")]
    [InlineData("ex:mbx*01?<>|\"", "ex_mbx_01_")]
    [InlineData("host name\twith\nspaces", "host_name_with_spaces_")]
    [InlineData("...", "UNKNOWN-HOST_")]
    [InlineData("", "UNKNOWN-HOST_")]
    [InlineData("exmbx01.corp.example.mil", "exmbx01.corp.example.mil_")]
    [InlineData("CON", "CON_")]
    public void Hostile_host_names_are_flattened(string host, string prefix)
    {
        var name = ChecklistNaming.FileName(host, Mailbox, "ckl");
        Assert.StartsWith(prefix, name);
        Assert.EndsWith("_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl", name);
        Assert.Equal(name, Path.GetFileName(name));
        Assert.DoesNotContain(name, c => Path.GetInvalidFileNameChars().Contains(c) || "<>:\"/\\|?*".Contains(c) || char.IsControl(c) || c == ' ');
    }

    [Fact]
    public void A_long_host_name_leaves_room_for_benchmark_and_release()
    {
        var name = ChecklistNaming.FileName(new string('h', 500), Mailbox, "ckl");
        Assert.True(name.Length <= ChecklistNaming.MaxLength);
        Assert.EndsWith("_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl", name);
    }

    [Fact]
    public void Several_benchmarks_in_one_name()
    {
        Assert.Equal("EX01_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Exchange_2010_Edge_Transport_Server_STIG_V1R15.ckl",
            ChecklistNaming.FileName("EX01", [Mailbox, Edge2010], "ckl"));
    }

    [Fact]
    public void An_extension_is_required() =>
        Assert.Throws<ArgumentException>(() => ChecklistNaming.FileName("EX01", Mailbox, "."));
}
