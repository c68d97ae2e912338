using System.Text;
using System.Xml.Linq;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>Shared benchmarks, rewritten in memory into the odd shapes the tests need.</summary>
internal static class XccdfSamples
{
    public const string MailboxFile = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    public static readonly XNamespace Xccdf11 = "http://checklists.nist.gov/xccdf/1.1";
    public static readonly XNamespace Xccdf12 = "http://checklists.nist.gov/xccdf/1.2";

    public static XDocument LoadMailbox() => XDocument.Load(TestPaths.Benchmark(MailboxFile));

    public static MemoryStream ToStream(XDocument doc)
    {
        var ms = new MemoryStream();
        doc.Save(ms);
        ms.Position = 0;
        return ms;
    }

    public static MemoryStream ToStream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The document moved to the XCCDF 1.2 namespace with DISA's 1.2 style ids (xccdf_mil.disa.stig_rule_SV-...).</summary>
    public static XDocument ToXccdf12(XDocument source)
    {
        var doc = new XDocument(source);
        foreach (var e in doc.Descendants().Where(e => e.Name.Namespace == Xccdf11).ToList())
            e.Name = Xccdf12 + e.Name.LocalName;
        var root = doc.Root!;
        root.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == Xccdf11.NamespaceName).Remove();
        root.SetAttributeValue("id", "xccdf_mil.disa.stig_benchmark_" + root.Attribute("id")!.Value);
        foreach (var g in root.Descendants(Xccdf12 + "Group"))
            g.SetAttributeValue("id", "xccdf_mil.disa.stig_group_" + g.Attribute("id")!.Value);
        foreach (var r in root.Descendants(Xccdf12 + "Rule"))
            r.SetAttributeValue("id", "xccdf_mil.disa.stig_rule_" + r.Attribute("id")!.Value);
        foreach (var p in root.Elements(Xccdf12 + "Profile"))
        {
            p.SetAttributeValue("id", "xccdf_mil.disa.stig_profile_" + p.Attribute("id")!.Value);
            foreach (var s in p.Elements(Xccdf12 + "select"))
                s.SetAttributeValue("idref", "xccdf_mil.disa.stig_group_" + s.Attribute("idref")!.Value);
        }
        return doc;
    }
}
