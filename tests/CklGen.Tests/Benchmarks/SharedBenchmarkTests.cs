using System.Xml.Linq;
using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>Every DISA benchmark in ../shared/benchmarks-xccdf, and known values from a few of them.</summary>
public class SharedBenchmarkTests
{
    const string Mailbox2016V2R6 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string Edge2010V1R15 = "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml";
    const string Edge2019V2R2 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    public static TheoryData<string> SharedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.SharedBenchmarks, "*.xml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_shared_folder_holds_the_expected_benchmarks() =>
        Assert.Equal(18, SharedFiles().Count);

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void Every_shared_benchmark_parses_with_one_complete_rule_per_group(string file)
    {
        var path = TestPaths.Benchmark(file);
        var b = XccdfReader.Read(path);

        var groups = XDocument.Load(path).Descendants().Count(e => e.Name.LocalName == "Group");
        Assert.Equal(groups, b.Rules.Count);
        Assert.Equal(file, b.FileName);
        Assert.Equal(path, b.SourcePath);
        Assert.Equal("1.1", b.XccdfVersion);
        Assert.Equal("STIG.DOD.MIL", b.Source);
        Assert.Equal("terms-of-use", b.Notice);
        Assert.Matches(@"^Release: \d+ Benchmark Date: \d{1,2} \w{3} \d{4}$", b.ReleaseInfo);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", b.StatusDate);
        // The file name says the version and release; the benchmark must agree.
        Assert.Contains($"_{b.VersionLabel}_", file);

        Assert.Equal(b.Rules.Count, b.Rules.Select(r => r.VulnId).Distinct().Count());
        foreach (var r in b.Rules)
        {
            Assert.Matches(@"^V-\d+$", r.VulnId);
            Assert.Matches(@"^SV-\d+r\d+_rule$", r.RuleId);
            Assert.False(string.IsNullOrWhiteSpace(r.StigId), r.VulnId);
            Assert.False(string.IsNullOrWhiteSpace(r.CheckContent), r.VulnId);
            Assert.False(string.IsNullOrWhiteSpace(r.FixText), r.VulnId);
            Assert.False(string.IsNullOrWhiteSpace(r.Title), r.VulnId);
            Assert.False(string.IsNullOrWhiteSpace(r.Discussion), r.VulnId);
            Assert.Contains(r.Severity, new[] { "low", "medium", "high" });
            Assert.Equal("10.0", r.Weight);
            Assert.Equal("false", r.Documentable);
            Assert.Equal("M", r.CheckContentRefName);
            Assert.Matches(@"^C-\d+r\d+_chk$", r.CheckSystem);
            Assert.Matches(@"^F-\d+r\d+_fix$", r.FixId);
            Assert.Equal("<GroupDescription></GroupDescription>", r.GroupDescription);
            Assert.Matches(@"^\d+$", r.ReferenceIdentifier);
            // Nothing of the escaped markup may leak into the fields.
            Assert.DoesNotContain("<VulnDiscussion>", r.Discussion);
            Assert.DoesNotContain("</VulnDiscussion>", r.Discussion);
        }
    }

    [Fact]
    public void Mailbox_2016_V2R6_header()
    {
        var b = XccdfReader.Read(TestPaths.Benchmark(Mailbox2016V2R6));
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", b.Id);
        Assert.Equal("Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide", b.Title);
        Assert.Equal("2", b.Version);
        Assert.Equal("Release: 6 Benchmark Date: 24 Jan 2024", b.ReleaseInfo);
        Assert.Equal("6", b.Release);
        Assert.Equal("24 Jan 2024", b.BenchmarkDate);
        Assert.Equal("V2R6", b.VersionLabel);
        Assert.Equal("2023-12-18", b.StatusDate);
        Assert.Equal("4223", b.ReferenceIdentifier);
        Assert.StartsWith("This Security Technical Implementation Guide is published as a tool", b.Description);
        Assert.Equal(
            "Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide :: Version 2, Release: 6 Benchmark Date: 24 Jan 2024",
            b.StigRef);
        Assert.Equal(64, b.Rules.Count);
    }

    [Fact]
    public void Mailbox_2016_V2R6_rule_V_228409()
    {
        var r = XccdfReader.Read(TestPaths.Benchmark(Mailbox2016V2R6)).FindRule("V-228409");
        Assert.NotNull(r);
        Assert.Equal("SV-228409r879806_rule", r.RuleId);
        Assert.Equal("SV-228409", r.RuleIdBase);
        Assert.Equal("r879806", r.Revision);
        Assert.Equal("EX16-MB-000660", r.StigId);
        Assert.Equal("medium", r.Severity);
        Assert.Equal("SRG-APP-000435", r.GroupTitle);
        Assert.Equal("Exchange Internal Send connectors must use an authentication level.", r.Title);
        Assert.Equal(["CCI-002385"], r.Ccis);
        Assert.Equal(["SV-95461", "V-80751"], r.LegacyIds);
        Assert.StartsWith("The Simple Mail Transfer Protocol (SMTP) connector is used by Exchange", r.Discussion);
        Assert.EndsWith("an opportunity to read or modify messages between servers.", r.Discussion);
        Assert.Equal("", r.IaControls);
        Assert.Equal("", r.Mitigations);
        Assert.Equal("false", r.Documentable);
        Assert.Equal("C-30642r497023_chk", r.CheckSystem);
        Assert.Equal("U_MS_Exchange_2016_Mailbox_Server_V2R5_Manual_STIG.xml", r.CheckContentRefHref);
        Assert.Equal("F-30627r497024_fix", r.FixId);
        Assert.Equal(
            "Open the Exchange Management Shell and enter the following command:\n\nGet-SendConnector | Select Name, Identity, TlsAuthLevel\n\n" +
            "For each Send connector, if the value of \"TlsAuthLevel\" is not set to \"DomainValidation\", this is a finding.",
            r.CheckContent);
        // The escaped "<'IdentityName'>" in the fix text comes out as plain text.
        Assert.Contains("Set-SendConnector -Identity <'IdentityName'> -TlsAuthLevel DomainValidation", r.FixText);
        Assert.Equal("4223", r.ReferenceIdentifier);
    }

    [Fact]
    public void Edge_2010_V1R15_has_old_style_ids_and_no_idents()
    {
        var b = XccdfReader.Read(TestPaths.Benchmark(Edge2010V1R15));
        Assert.Equal("Exchange_2010_Edge_Transport_Server_STIG", b.Id);
        Assert.Equal("MS Exchange 2010 Edge Transport Server STIG", b.Title);
        Assert.Equal("Release: 15 Benchmark Date: 26 Apr 2019", b.ReleaseInfo);
        Assert.Equal("26 Apr 2019", b.BenchmarkDate);
        Assert.Equal("V1R15", b.VersionLabel);
        Assert.Equal("2019-03-21", b.StatusDate);
        Assert.All(b.Rules, r => Assert.Empty(r.Ccis));
        Assert.All(b.Rules, r => Assert.Empty(r.LegacyIds));

        var r = b.FindRule("V-60981");
        Assert.NotNull(r);
        Assert.Equal("SV-75445r1_rule", r.RuleId);
        Assert.Equal("r1", r.Revision);
        Assert.Equal("Exch-2-768", r.StigId);
        Assert.Equal("Exch-2-768", r.GroupTitle);
        Assert.Equal("medium", r.Severity);
        Assert.Equal("Internal Send Connectors must use an authentication level", r.Title);
        Assert.Equal("DPMS_XCCDF_Benchmark_Exchange 2010 Edge Transport Server STIG.xml", r.CheckContentRefHref);
        Assert.Equal("F-66713r1_fix", r.FixId);
        Assert.Equal("C-61913r2_chk", r.CheckSystem);
    }

    [Fact]
    public void Edge_2010_rules_carry_DIACAP_IA_controls()
    {
        var r = XccdfReader.Read(TestPaths.Benchmark(Edge2010V1R15)).FindRule("V-33565");
        Assert.NotNull(r);
        Assert.Equal("ECSC-1", r.IaControls);
        Assert.Equal("SV-43985r1_rule", r.RuleId);
        Assert.Equal("Exch-2-710", r.StigId);
    }

    [Fact]
    public void Exchange_2019_rules_may_have_several_CCIs_in_file_order_and_no_legacy_ids()
    {
        var b = XccdfReader.Read(TestPaths.Benchmark(Edge2019V2R2));
        Assert.Equal("Release: 2 Benchmark Date: 30 Jan 2025", b.ReleaseInfo);
        var r = b.FindRule("V-259589");
        Assert.NotNull(r);
        Assert.Equal("SV-259589r1015762_rule", r.RuleId);
        Assert.Equal("EX19-ED-000053", r.StigId);
        Assert.Equal(["CCI-003992", "CCI-001749"], r.Ccis);
        Assert.All(b.Rules, x => Assert.Empty(x.LegacyIds));
    }

    [Fact]
    public void Idents_are_kept_once_each_in_file_order()
    {
        var doc = XccdfSamples.LoadMailbox();
        var rule = doc.Root!.Descendants(XccdfSamples.Xccdf11 + "Rule").First();
        XNamespace x = XccdfSamples.Xccdf11;
        rule.Add(new XElement(x + "ident", new XAttribute("system", "http://cyber.mil/cci"), "CCI-001403"),
                 new XElement(x + "ident", new XAttribute("system", "http://iase.disa.mil/cci"), "CCI-000001"),
                 new XElement(x + "ident", new XAttribute("system", "http://example.com/other"), "OTHER-1"),
                 new XElement(x + "ident", new XAttribute("system", "http://cyber.mil/legacy"), " "));
        var r = XccdfReader.Read(XccdfSamples.ToStream(doc), "idents.xml").Rules[0];
        Assert.Equal(["CCI-001403", "CCI-000001"], r.Ccis);
        Assert.Equal(["SV-95333", "V-80623"], r.LegacyIds);
    }
}
