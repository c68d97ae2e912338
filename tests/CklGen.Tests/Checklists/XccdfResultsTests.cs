using System.Xml.Linq;
using CklGen.Checklists;
using CklGen.Cli;
using CklGen.Evaluation;
using CklGen.Tests.Commands;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Checklists;

/// <summary>XCCDF 1.2 results as STIG Manager's reviewsFromXccdf reads them (tests/interop runs the importer itself).</summary>
public class XccdfResultsTests
{
    static readonly XNamespace X = XccdfResultsWriter.XccdfNamespace;
    static readonly XNamespace Sm = XccdfResultsWriter.StigManagerNamespace;
    static readonly DateTimeOffset Time = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly XccdfResultsWriter Writer = new() { Clock = () => new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero) };

    static ChecklistRule Rule(string n, ChecklistStatus status, bool cklgen, string? details = null, string? comments = null) => new()
    {
        VulnId = "V-" + n,
        RuleId = $"SV-{n}r1_rule",
        StigId = "EX19-MB-" + n,
        Severity = "medium",
        Weight = "10.0",
        GroupTitle = "SRG-APP-000001",
        RuleTitle = "Rule " + n,
        Ccis = ["CCI-000068", "CCI-001453"],
        LegacyIds = ["SV-9" + n],
        Status = status,
        FindingDetails = details,
        Comments = comments,
        ResultEngine = cklgen ? ChecklistFiller.Engine(Time) : null,
    };

    static Checklist Sample(params ChecklistRule[] rules)
    {
        var stig = new ChecklistStig { Rules = [.. rules] };
        stig.StigId = "MS_Exchange_2019_Mailbox_Server_STIG";
        stig.Version = "1";
        stig.ReleaseInfo = "Release: 1 Benchmark Date: 17 Jan 2024";
        stig.Title = "Microsoft Exchange 2019 Mailbox Server STIG";
        stig.FileName = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
        return new Checklist
        {
            Asset = new ChecklistAsset
            {
                HostName = "EXMBX01", HostFqdn = "exmbx01.corp.example.mil", HostIp = "10.10.1.21, 10.10.2.21",
                HostMac = "00-15-5D-0A-01-15", Role = "Member Server", AssetType = "Computing", TechArea = "Exchange Server",
            },
            Stigs = [stig],
        };
    }

    static XElement TestResult(string text) => XDocument.Parse(text).Root!.Element(X + "TestResult")!;

    static XElement ResultFor(XElement testResult, string n) =>
        testResult.Elements(X + "rule-result").Single(r => (string?)r.Attribute("idref") == $"xccdf_mil.disa.stig_rule_SV-{n}r1_rule");

    [Fact]
    public void Benchmark_and_TestResult_carry_what_STIG_Manager_reads()
    {
        var text = Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, true, "evidence", "Automated by CklGen"), Rule("2", ChecklistStatus.NotAFinding, true, "ok", "c")));
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(X + "Benchmark", root.Name);
        Assert.Equal("xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG", (string?)root.Attribute("id"));
        Assert.Equal("1", root.Element(X + "version")!.Value);
        Assert.Equal("Release: 1 Benchmark Date: 17 Jan 2024", root.Elements(X + "plain-text").Single(p => (string?)p.Attribute("id") == "release-info").Value);
        var rule = root.Elements(X + "Group").First().Element(X + "Rule")!;
        Assert.Equal(("xccdf_mil.disa.stig_rule_SV-1r1_rule", "medium", "10.0"), ((string?)rule.Attribute("id"), (string?)rule.Attribute("severity"), (string?)rule.Attribute("weight")));

        var tr = root.Element(X + "TestResult")!;
        Assert.Equal($"cpe:/a:cklgen:cklgen:{CklGenInfo.Version}", (string?)tr.Attribute("test-system"));
        Assert.Equal("2026-11-01T12:00:00+00:00", (string?)tr.Attribute("start-time"));
        Assert.Equal("2026-11-01T12:00:00+00:00", (string?)tr.Attribute("end-time"));
        Assert.StartsWith("xccdf_cklgen_testresult_", (string?)tr.Attribute("id"));
        Assert.Equal("xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG", (string?)tr.Element(X + "benchmark")!.Attribute("id"));
        Assert.Equal("EXMBX01", tr.Element(X + "target")!.Value);
        Assert.Equal(["10.10.1.21", "10.10.2.21"], tr.Elements(X + "target-address").Select(e => e.Value));
        var facts = tr.Element(X + "target-facts")!.Elements(X + "fact").ToDictionary(f => ((string)f.Attribute("name")!)[XccdfResultsWriter.AssetFactPrefix.Length..], f => f.Value);
        Assert.Equal("exmbx01.corp.example.mil", facts["fqdn"]);
        Assert.Equal("00-15-5D-0A-01-15", facts["mac"]);
        Assert.Equal("10.10.1.21, 10.10.2.21", facts["ip"]); // as the CKL importer records HOST_IP
        Assert.Equal("false", facts["noncomputing"]);
        Assert.Equal("Member Server", facts["metadata:cklRole"]);
        Assert.Contains("CklGen", tr.Element(X + "remark")!.Value);

        var open = ResultFor(tr, "1");
        Assert.Equal(["result", "ident", "ident", "ident", "message", "check"], open.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("fail", "medium", "10.0", "EX19-MB-1"), (open.Element(X + "result")!.Value, (string?)open.Attribute("severity"), (string?)open.Attribute("weight"), (string?)open.Attribute("version")));
        Assert.Equal("2026-11-01T12:00:00+00:00", (string?)open.Attribute("time"));
        Assert.Equal(["SV-91", "CCI-000068", "CCI-001453"], open.Elements(X + "ident").Select(e => e.Value));
        Assert.Equal("http://cyber.mil/cci", (string?)open.Elements(X + "ident").Last().Attribute("system"));
        Assert.Equal("evidence", open.Element(X + "message")!.Value);
        var check = open.Element(X + "check")!;
        Assert.Equal($"CklGen:{CklGenInfo.Version}", (string?)check.Element(X + "check-content-ref")!.Attribute("href"));
        Assert.Equal("Automated by CklGen", check.Element(X + "check-content")!.Element(Sm + "comment")!.Value);

        var score = tr.Element(X + "score")!;
        Assert.Equal(("urn:xccdf:scoring:flat", "20.0", "10.0"), ((string?)score.Attribute("system"), (string?)score.Attribute("maximum"), score.Value));
    }

    [Theory]
    [InlineData(ChecklistStatus.Open, "fail")]
    [InlineData(ChecklistStatus.NotAFinding, "pass")]
    [InlineData(ChecklistStatus.NotApplicable, "notapplicable")]
    [InlineData(ChecklistStatus.NotReviewed, "notchecked")]
    public void Rules_CklGen_decided_keep_their_status(ChecklistStatus status, string result)
    {
        var tr = TestResult(Writer.ToText(Sample(Rule("1", status, true, "details", "comments"))));
        var rr = ResultFor(tr, "1");
        Assert.Equal(result, rr.Element(X + "result")!.Value);
        Assert.Equal("details", rr.Element(X + "message")!.Value);
    }

    [Theory]
    [InlineData(ChecklistStatus.Open)]
    [InlineData(ChecklistStatus.NotAFinding)]
    [InlineData(ChecklistStatus.NotApplicable)]
    public void Reviews_CklGen_did_not_make_are_notchecked_and_empty(ChecklistStatus status)
    {
        var manual = Rule("2", status, false, "a person's details", "a person's comment");
        manual.ResultEngine = new ResultEngine { ModuleName = "Scan-Windows10_Checks", Version = "1.2204.1" };
        var text = Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, true, "d", "c"), manual));
        var rr = ResultFor(TestResult(text), "2");
        Assert.Equal(["result", "ident", "ident", "ident"], rr.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("notchecked", rr.Element(X + "result")!.Value);
        Assert.Null(rr.Attribute("time"));
        Assert.DoesNotContain("a person's", text);
        Assert.Contains("1 of the 2 rules", text);
    }

    [Fact]
    public void A_checklist_CklGen_decided_nothing_in_is_all_notchecked_at_the_clock_time()
    {
        var tr = TestResult(Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, false, "x"), Rule("2", ChecklistStatus.NotReviewed, false))));
        Assert.Null(tr.Attribute("start-time"));
        Assert.Equal("2027-01-02T03:04:05+00:00", (string?)tr.Attribute("end-time"));
        Assert.Equal($"cpe:/a:cklgen:cklgen:{CklGenInfo.Version}", (string?)tr.Attribute("test-system"));
        Assert.All(tr.Elements(X + "rule-result"), r => Assert.Equal("notchecked", r.Element(X + "result")!.Value));
        Assert.Equal(("0.0", "0.0"), ((string?)tr.Element(X + "score")!.Attribute("maximum"), tr.Element(X + "score")!.Value));
    }

    [Fact]
    public void Test_system_names_the_CklGen_version_that_decided()
    {
        var old = Rule("1", ChecklistStatus.Open, true, "d");
        old.ResultEngine!.ModuleVersion = old.ResultEngine.Version = "0.0.9";
        var tr = TestResult(Writer.ToText(Sample(old)));
        Assert.Equal("cpe:/a:cklgen:cklgen:0.0.9", (string?)tr.Attribute("test-system"));
        Assert.Equal("CklGen:0.0.9", (string?)ResultFor(tr, "1").Descendants(X + "check-content-ref").Single().Attribute("href"));

        var mixed = Sample(old, Rule("2", ChecklistStatus.Open, true, "d"));
        var e = Assert.Throws<CklGenException>(() => Writer.ToText(mixed));
        Assert.Contains($"several CklGen versions (0.0.9, {CklGenInfo.Version})", e.Message);
    }

    [Fact]
    public void Text_is_escaped_and_read_back_exactly()
    {
        const string details = "a < b && c > d \"q\" 'a' ]]> <!-- x --> \r\nline\twith tab\rCR only\n  indented";
        const string comments = "<script>alert(1)</script> &amp; é 𝄞";
        var text = Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, true, details, comments)));
        var rr = ResultFor(TestResult(text), "1");
        Assert.Equal(details, rr.Element(X + "message")!.Value);
        Assert.Equal(comments, rr.Descendants(Sm + "comment").Single().Value);
        Assert.DoesNotContain("<script>", text);
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_refused_naming_the_rule()
    {
        var e = Assert.Throws<CklGenException>(() => Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, true, "bell \u0007"))));
        Assert.Contains("V-1/FINDING_DETAILS", e.Message);
        Assert.Contains("U+0007", e.Message);
    }

    [Fact]
    public void Rules_without_usable_ids_and_checklists_without_host_are_refused()
    {
        var noId = Rule("1", ChecklistStatus.Open, true);
        noId.RuleId = "";
        Assert.Contains("no Rule_ID", Assert.Throws<CklGenException>(() => Writer.ToText(Sample(noId))).Message);
        Assert.Contains("appears twice", Assert.Throws<CklGenException>(() => Writer.ToText(Sample(Rule("1", ChecklistStatus.Open, true), Rule("1", ChecklistStatus.Open, true)))).Message);
        var spaced = Sample(Rule("1", ChecklistStatus.Open, true));
        spaced.Stigs[0].StigId = "has space";
        Assert.Contains("cannot be part of an XCCDF id", Assert.Throws<CklGenException>(() => Writer.ToText(spaced)).Message);
        var noHost = Sample(Rule("1", ChecklistStatus.Open, true));
        noHost.Asset.HostName = " ";
        Assert.Contains("names no host", Assert.Throws<CklGenException>(() => Writer.ToText(noHost)).Message);
    }

    [Fact]
    public void A_checklist_with_several_STIGs_is_written_one_STIG_at_a_time()
    {
        var c = Corpus.Load("ckl/MultiStig-Simple.ckl");
        var e = Assert.Throws<CklGenException>(() => Writer.ToText(c));
        Assert.Contains("holds 5 (RHEL_5_TRUNCATED, RHEL_4_TRUNCATED", e.Message);
        foreach (var stig in c.Stigs)
        {
            var root = XDocument.Parse(Writer.ToText(c, stig)).Root!;
            Assert.Equal("xccdf_mil.disa.stig_benchmark_" + stig.StigId, (string?)root.Attribute("id"));
            Assert.Equal(stig.Rules.Count, root.Element(X + "TestResult")!.Elements(X + "rule-result").Count());
        }
    }

    public static TheoryData<string> Loadable => Corpus.Data(Corpus.Loadable());

    /// <summary>Every STIG of every corpus checklist is written as well-formed XCCDF, or refused by name; never a crash.</summary>
    [Theory]
    [MemberData(nameof(Loadable))]
    public void Corpus_checklists_are_written_or_refused(string name)
    {
        var c = Corpus.Load(name);
        foreach (var stig in c.Stigs)
        {
            string text;
            try { text = Writer.ToText(c, stig); }
            catch (CklGenException e) { Assert.StartsWith($"STIG {stig.StigId}", e.Message); continue; }
            var tr = XDocument.Parse(text).Root!.Element(X + "TestResult")!;
            Assert.Equal(stig.Rules.Count, tr.Elements(X + "rule-result").Count());
            Assert.Equal(c.Asset.HostName, tr.Element(X + "target")!.Value);
        }
    }

    [Fact]
    public void Reading_XCCDF_results_as_a_checklist_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "results.xml");
        ChecklistFile.Write(Sample(Rule("1", ChecklistStatus.Open, true)), path, ChecklistFormat.Xccdf, overwrite: false, xccdfWriter: Writer);
        var e = Assert.Throws<InputException>(() => ChecklistFile.Read(path));
        Assert.Contains("an XCCDF document (root element <Benchmark>), not a CKL checklist", e.Message);
    }

    static string ExampleCkl(string dir)
    {
        var r = CliRunner.Run("generate", "--benchmark", TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml"),
            "--facts", Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json"),
            "--policy", Path.Combine(TestPaths.RepoRoot, "templates", "site-policy.json"),
            "--format", "ckl", "--uuid-seed", "7", "--time", "2026-11-01T12:00:00Z", "--out", dir);
        Assert.True(r.Exit == 0, r.Err);
        return Directory.GetFiles(dir, "*.ckl").Single();
    }

    /// <summary>The example Exchange 2019 Mailbox checklist converted; times come from the checklist, so the file is the same every run.</summary>
    [Fact]
    public void Convert_example_checklist_golden()
    {
        var dir = TestPaths.NewTempDir();
        var ckl = ExampleCkl(dir);
        var a = Path.Combine(dir, "a.xml");
        var b = Path.Combine(dir, "b.xml");
        var r = CliRunner.Run("convert", ckl, "--to", "xccdf", "--out", a, "--json");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Equal(0, CliRunner.Run("convert", ckl, "--to", "xccdf", "--out", b).Exit);
        var bytes = File.ReadAllBytes(a);
        Assert.Equal(bytes, File.ReadAllBytes(b));
        Assert.Equal((byte)'<', bytes[0]); // no byte order mark
        Approvals.Verify(File.ReadAllText(a), "Xccdf.Example.2019Mailbox", "xml");

        var json = JObject.Parse(r.Out);
        Assert.Equal("xccdf", (string?)json["to"]);
        // The counts the command reports are the results the (approved) file holds.
        var results = TestResult(File.ReadAllText(a)).Elements(X + "rule-result").Select(e => (string?)e.Element(X + "result")).ToList();
        Assert.Equal(68, results.Count);
        foreach (var kind in new[] { "fail", "pass", "notchecked" })
            Assert.Equal(results.Count(x => x == kind), (int)json["xccdfResults"]![kind]!);
        Assert.True(results.Count(x => x == "fail") > 0 && results.Count(x => x == "pass") > 0);
    }

    [Fact]
    public void Convert_notes_reviews_it_leaves_out()
    {
        var dir = TestPaths.NewTempDir();
        var c = ChecklistFile.Read(ExampleCkl(dir));
        // A person's review of a rule CklGen left Not_Reviewed (the person's tool drops CklGen's annotation).
        var manual = c.Stigs[0].Rules.First(r => r.Status == ChecklistStatus.NotReviewed);
        manual.ResultEngine = null;
        manual.Status = ChecklistStatus.Open;
        manual.Comments = "found by a person";
        var edited = Path.Combine(dir, "edited.cklb");
        ChecklistFile.Write(c, edited, ChecklistFormat.Cklb, overwrite: false);
        var xml = Path.Combine(dir, "out.xml");
        var r = CliRunner.Run("convert", edited, "--to", "xccdf", "--out", xml);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("1 rule(s) hold a review CklGen did not make", r.Err);
        Assert.Contains($"{c.Stigs[0].Rules.Count(XccdfResultsWriter.DecidedByCklGen)} decided by CklGen", r.Out);
        Assert.DoesNotContain("found by a person", File.ReadAllText(xml));
    }

    [Fact]
    public void Convert_of_several_STIGs_asks_for_one()
    {
        var dir = TestPaths.NewTempDir();
        var multi = Corpus.PathOf("ckl/MultiStig-Simple.ckl");
        var xml = Path.Combine(dir, "out.xml");
        var r = CliRunner.Run("convert", multi, "--to", "xccdf", "--out", xml);
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("pick it with --stig", r.Err);
        Assert.False(File.Exists(xml));

        Assert.Equal(ExitCodes.Usage, CliRunner.Run("convert", multi, "--to", "xccdf", "--out", xml, "--stig", "NOPE").Exit);
        var ok = CliRunner.Run("convert", multi, "--to", "xccdf", "--out", xml, "--stig", "rhel_3_truncated", "--json");
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Equal(["RHEL_3_TRUNCATED"], JObject.Parse(ok.Out)["benchmarkIds"]!.Select(t => (string)t!));
        Assert.Equal("xccdf_mil.disa.stig_benchmark_RHEL_3_TRUNCATED", (string?)XDocument.Load(xml).Root!.Attribute("id"));
    }
}
