using System.Xml.Linq;
using CklGen.Benchmarks;

namespace CklGen.Tests.Benchmarks;

/// <summary>XCCDF 1.2 benchmarks, made by moving a shared 1.1 benchmark to the 1.2 namespace and id style.</summary>
public class Xccdf12Tests
{
    [Fact]
    public void Reads_1_2_with_prefixed_ids_as_the_same_benchmark_with_plain_DISA_ids()
    {
        var doc11 = XccdfSamples.LoadMailbox();
        var doc12 = XccdfSamples.ToXccdf12(doc11);
        Assert.StartsWith("xccdf_mil.disa.stig_rule_SV-", doc12.Root!.Descendants(XccdfSamples.Xccdf12 + "Rule").First().Attribute("id")!.Value);

        var b11 = XccdfReader.Read(XccdfSamples.ToStream(doc11), XccdfSamples.MailboxFile);
        var b12 = XccdfReader.Read(XccdfSamples.ToStream(doc12), XccdfSamples.MailboxFile);

        Assert.Equal("1.1", b11.XccdfVersion);
        Assert.Equal("1.2", b12.XccdfVersion);
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", b12.Id);
        Assert.Equal(b11.ReleaseInfo, b12.ReleaseInfo);
        Assert.Equal(b11.Title, b12.Title);
        Assert.Equal(b11.Source, b12.Source);
        Assert.Equal(b11.Rules.Count, b12.Rules.Count);
        for (var i = 0; i < b11.Rules.Count; i++)
        {
            var (a, b) = (b11.Rules[i], b12.Rules[i]);
            Assert.Equal(a.VulnId, b.VulnId);
            Assert.Equal(a.RuleId, b.RuleId);
            Assert.Equal(a.StigId, b.StigId);
            Assert.Equal(a.Discussion, b.Discussion);
            Assert.Equal(a.CheckContent, b.CheckContent);
            Assert.Equal(a.FixText, b.FixText);
            Assert.Equal(a.Ccis, b.Ccis);
            Assert.Equal(a.LegacyIds, b.LegacyIds);
        }
        var r = b12.FindRule("SV-228409r879806_rule");
        Assert.NotNull(r);
        Assert.Equal("V-228409", r.VulnId);
    }

    [Theory]
    [InlineData("xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Edge_Server_STIG", "MS_Exchange_2019_Edge_Server_STIG")]
    [InlineData("xccdf_mil.disa.stig_group_V-1234", "V-1234")]
    [InlineData("xccdf_mil.disa.stig_rule_SV-259589r1015762_rule", "SV-259589r1015762_rule")]
    [InlineData("  V-1234 ", "V-1234")]
    [InlineData("SV-75445r1_rule", "SV-75445r1_rule")]
    [InlineData("xccdf_mil.disa.stig_other_X", "xccdf_mil.disa.stig_other_X")]
    [InlineData("xccdf_rule_", "xccdf_rule_")]
    public void NormalizeId(string id, string expected) => Assert.Equal(expected, XccdfReader.NormalizeId(id));

    [Fact]
    public void Another_namespace_is_refused()
    {
        var doc = XccdfSamples.LoadMailbox();
        XNamespace other = "http://checklists.nist.gov/xccdf/1.0";
        foreach (var e in doc.Descendants().Where(e => e.Name.Namespace == XccdfSamples.Xccdf11).ToList())
            e.Name = other + e.Name.LocalName;
        doc.Root!.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == XccdfSamples.Xccdf11.NamespaceName).Remove();
        var e2 = Assert.Throws<InputException>(() => XccdfReader.Read(XccdfSamples.ToStream(doc), "old.xml"));
        Assert.Equal("old.xml", e2.File);
        Assert.Contains("not XCCDF 1.1 or 1.2", e2.Message);
    }
}
