using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Rules;

public class BenchmarkLibraryTests
{
    static BenchmarkRule Rule(string vuln, string rule, string stigId, string title, string severity = "medium",
        string[]? legacy = null, string[]? ccis = null, string fix = "Set it.") => new()
    {
        VulnId = vuln, RuleId = rule, StigId = stigId, Title = title, Severity = severity,
        Discussion = "Why " + title, CheckContent = "Run Get-Thing.", FixText = fix,
        LegacyIds = legacy ?? [], Ccis = ccis ?? [],
    };

    static Benchmark Edge(string release, params BenchmarkRule[] rules) => new()
    {
        Id = "MS_Exchange_2016_Edge_Transport_Server_STIG",
        Title = "Microsoft Exchange 2016 Edge Transport Server Security Technical Implementation Guide",
        Version = "2",
        ReleaseInfo = $"Release: {release} Benchmark Date: 01 Jan 2024",
        FileName = $"U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R{release}_Manual-xccdf.xml",
        Rules = rules,
    };

    static readonly BenchmarkRule Tls1 = Rule("V-228409", "SV-228409r612748_rule", "EX16-ED-000010", "Exchange must use TLS for outbound mail.",
        "high", ["SV-95203", "V-80493"], ["CCI-000068"]);
    static readonly BenchmarkRule Tls2 = Rule("V-228409", "SV-228409r879806_rule", "EX16-ED-000010", "Exchange must use TLS for outbound mail.",
        "high", ["SV-95203", "V-80493"], ["CCI-000068"], fix: "Set-SendConnector -RequireTLS $true");
    static readonly BenchmarkRule Audit = Rule("V-228410", "SV-228410r612748_rule", "EX16-ED-000020", "Exchange must audit administrator actions.");

    static BenchmarkLibrary Library() => new([Edge("3", Tls1, Audit), Edge("5", Tls2, Audit), Edge("4", Tls2, Audit)]);

    [Fact]
    public void Orders_releases_newest_first()
    {
        Assert.Equal(["V2R5", "V2R4", "V2R3"], Library().Benchmarks.Select(b => b.VersionLabel));
    }

    [Theory]
    [InlineData("V-228409")]
    [InlineData("v-228409")]
    [InlineData("SV-228409")]
    [InlineData("EX16-ED-000010")]
    [InlineData("V-80493")]
    [InlineData("SV-95203")]
    public void Finds_a_rule_by_each_kind_of_id_and_groups_releases_by_revision(string id)
    {
        var hits = Library().Find(id);
        Assert.Equal(2, hits.Count);
        Assert.Equal("SV-228409r879806_rule", hits[0].Rule.RuleId);
        Assert.Equal("V2R5, V2R4", hits[0].ReleaseLabels);
        Assert.Equal("V2R5", hits[0].Benchmark.VersionLabel);
        Assert.Equal("SV-228409r612748_rule", hits[1].Rule.RuleId);
        Assert.Equal("V2R3", hits[1].ReleaseLabels);
    }

    [Fact]
    public void An_id_with_revision_finds_only_releases_with_that_revision()
    {
        var hit = Assert.Single(Library().Find("SV-228409r612748_rule"));
        Assert.Equal(["V2R3"], hit.Releases.Select(r => r.VersionLabel));
    }

    [Fact]
    public void An_unknown_id_finds_nothing() => Assert.Empty(Library().Find("V-1"));

    [Fact]
    public void Search_needs_every_word_case_insensitively_across_text_and_ids()
    {
        var lib = Library();
        Assert.Equal(["V-228409", "V-228409"], lib.Search("tls OUTBOUND").Select(h => h.Rule.VulnId));
        Assert.Equal("V2R5, V2R4, V2R3", Assert.Single(lib.Search("administrator")).ReleaseLabels);
        Assert.Equal("SV-228409r879806_rule", Assert.Single(lib.Search("RequireTLS")).Rule.RuleId); // fix text
        Assert.Equal(2, lib.Search("cci-000068").Count);
        Assert.Empty(lib.Search("tls administrator"));
        Assert.Empty(lib.Search("   "));
    }

    [Fact]
    public void Loading_skips_files_the_reader_refuses_and_warns()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "a.xml"), "x");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "x");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "b.zip"), "x");
        File.WriteAllText(Path.Combine(dir, "U_CCI_List.xml"), "x");
        var warnings = new List<string>();
        var read = new List<string>();
        var lib = BenchmarkLibrary.Load(dir, p =>
        {
            read.Add(Path.GetFileName(p));
            return p.EndsWith(".zip") ? Edge("5", Tls2) : throw new InputException(p, "not a benchmark");
        }, warnings.Add);
        Assert.Equal(["a.xml", "b.zip"], read);
        Assert.Single(lib.Benchmarks);
        Assert.Contains("a.xml: not a benchmark", Assert.Single(warnings));
        Assert.Equal(Path.Combine(dir, "U_CCI_List.xml"), BenchmarkLibrary.FindCciList(dir));
    }

    [Fact]
    public void A_missing_or_empty_folder_is_an_input_error()
    {
        var dir = TestPaths.NewTempDir();
        Assert.Contains("no XCCDF benchmarks", Assert.Throws<InputException>(() => BenchmarkLibrary.Load(dir, _ => throw new InvalidOperationException())).Message);
        Assert.Contains("not found", Assert.Throws<InputException>(() => BenchmarkLibrary.Load(Path.Combine(dir, "nope"), _ => throw new InvalidOperationException())).Message);
    }
}
