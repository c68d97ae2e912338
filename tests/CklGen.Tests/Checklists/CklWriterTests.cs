using System.Text;
using System.Xml.Linq;
using CklGen.Checklists;
using CklGen.Tests.Support;

namespace CklGen.Tests.Checklists;

public class CklWriterTests
{
    public static TheoryData<string> Loadable => Corpus.Data(Corpus.Loadable());

    static IReadOnlyList<ValidationProblem> Schema(string ckl) =>
        ChecklistValidator.ValidateSchema(new MemoryStream(Encoding.UTF8.GetBytes(ckl)), "written.ckl", Corpus.Schema);

    /// <summary>Schema messages without line numbers, to compare files.</summary>
    static HashSet<string> Messages(IEnumerable<ValidationProblem> problems) => problems.Select(p => p.Message).ToHashSet();

    [Theory]
    [MemberData(nameof(Loadable))]
    public void Written_ckl_adds_no_schema_error(string name)
    {
        var written = CklWriter.ToText(Corpus.Load(name));
        var errors = Messages(Schema(written));
        if (ChecklistFile.Detect(Corpus.PathOf(name)) == ChecklistFormat.Ckl)
        {
            using var fs = File.OpenRead(Corpus.PathOf(name));
            var before = Messages(ChecklistValidator.ValidateSchema(fs, name, Corpus.Schema));
            Assert.Empty(errors.Except(before));
        }
        else
        {
            // CKLB has free-text role and technology_area; CKL restricts them to lists. Nothing else may fail.
            Assert.All(errors, m => Assert.Matches(@"The '(ROLE|TECH_AREA)' element is invalid - The value '[^']*' is invalid according to its datatype", m));
        }
    }

    [Fact]
    public void A_checklist_with_valid_values_is_valid_against_DISAs_schema()
    {
        var c = Corpus.Load("cklb/TargetObjectBasic.cklb");
        c.Asset.Role = "Member Server";
        c.Asset.TechArea = "Exchange Server";
        c.Stigs[0].Rules[0].SeverityOverride = "low";
        c.Stigs[0].Rules[0].SeverityJustification = "mitigated";
        c.ResultEngine = new ResultEngine { Version = "1", Time = "2024-01-01T00:00:00Z", ModuleName = "CklGen", ModuleVersion = "1" };
        Assert.Empty(Schema(CklWriter.ToText(c)));
    }

    [Fact]
    public void Writes_utf8_without_BOM_with_an_uppercase_declaration_and_the_CklGen_banner()
    {
        var c = Corpus.Load("ckl/html-decode.ckl");
        var ms = new MemoryStream();
        CklWriter.Write(c, ms);
        var bytes = ms.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--CklGen " + CklGenInfo.Version + "-->\n", text);
        // STIG Manager's banner from the source file is kept, after ours; reading drops ours again.
        Assert.Contains("<!-- STIG Manager 1.3.13 -->", text);
        Assert.DoesNotContain("CklGen", string.Concat(CklReader.ReadText(text).LeadingComments));
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void Elements_and_attributes_come_in_STIG_Viewers_order()
    {
        var c = Corpus.Load("cklb/SingleResultEngineModule.cklb");
        c.Asset.Marking = "CUI";
        c.Asset.HostGuid = "g";
        c.Asset.StigGuid = "s";
        var doc = XDocument.Parse(CklWriter.ToText(c));
        var root = doc.Root!;
        Assert.Equal(["ASSET", "STIGS"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(
            ["ROLE", "ASSET_TYPE", "MARKING", "HOST_NAME", "HOST_IP", "HOST_MAC", "HOST_GUID", "HOST_FQDN", "TARGET_COMMENT",
             "TECH_AREA", "TARGET_KEY", "STIG_GUID", "WEB_OR_DATABASE", "WEB_DB_SITE", "WEB_DB_INSTANCE"],
            root.Element("ASSET")!.Elements().Select(e => e.Name.LocalName));
        var istigs = root.Element("STIGS")!.Elements().ToList();
        Assert.Equal(2, istigs.Count);
        Assert.All(istigs, i => Assert.Equal("iSTIG", i.Name.LocalName));
        Assert.Equal(["version", "classification", "customname", "stigid", "description", "filename", "releaseinfo", "title", "uuid", "notice", "source"],
            istigs[0].Element("STIG_INFO")!.Elements("SI_DATA").Select(e => e.Element("SID_NAME")!.Value));
        var vuln = istigs[0].Element("VULN")!;
        var children = vuln.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(["STATUS", "FINDING_DETAILS", "COMMENTS", "SEVERITY_OVERRIDE", "SEVERITY_JUSTIFICATION"], children.SkipWhile(n => n == "STIG_DATA"));
        Assert.Equal(
            ["Vuln_Num", "Severity", "Group_Title", "Rule_ID", "Rule_Ver", "Rule_Title", "Vuln_Discuss", "IA_Controls", "Check_Content",
             "Fix_Text", "False_Positives", "False_Negatives", "Documentable", "Mitigations", "Potential_Impact", "Third_Party_Tools",
             "Mitigation_Control", "Responsibility", "Security_Override_Guidance", "Check_Content_Ref", "Weight", "Class", "STIGRef",
             "TargetKey", "STIG_UUID", "LEGACY_ID", "LEGACY_ID", "CCI_REF"],
            vuln.Elements("STIG_DATA").Select(e => e.Element("VULN_ATTRIBUTE")!.Value));
        // Empty elements are written as start and end tag, as STIG Viewer does.
        Assert.Contains("<COMMENTS></COMMENTS>", doc.ToString(SaveOptions.DisableFormatting));
    }

    [Fact]
    public void Absent_required_values_get_schema_defaults()
    {
        var c = new Checklist { Asset = { HostName = "EX01" } };
        c.Stigs.Add(new ChecklistStig { StigId = "MS_Exchange_2019_Mailbox_Server_STIG", Rules = { new ChecklistRule { VulnId = "V-1", RuleId = "SV-1r1_rule" } } });
        var asset = XDocument.Parse(CklWriter.ToText(c)).Root!.Element("ASSET")!;
        Assert.Equal("None", asset.Element("ROLE")!.Value);
        Assert.Equal("Computing", asset.Element("ASSET_TYPE")!.Value);
        Assert.Equal("false", asset.Element("WEB_OR_DATABASE")!.Value);
        Assert.Null(asset.Element("MARKING"));
        Assert.Empty(Schema(CklWriter.ToText(c)));
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_refused_by_location()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        c.Stigs[0].Rules[0].Comments = "bell\u0007";
        var e = Assert.Throws<CklGenException>(() => CklWriter.ToText(c));
        Assert.Contains("iSTIG[1]/VULN[V-207191]/COMMENTS", e.Message);
        Assert.Contains("U+0007", e.Message);
    }

    [Fact]
    public void A_comment_that_XML_cannot_hold_is_refused()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        c.LeadingComments.Add("a -- b");
        Assert.Throws<CklGenException>(() => CklWriter.ToText(c));
    }

    [Fact]
    public void Golden_ckl()
    {
        Approvals.Verify(CklWriter.ToText(Corpus.Load("ckl/ResultEngineWithEvalStigModuleAndOverride.ckl")), "Checklists.ResultEngineWithEvalStigModuleAndOverride", "ckl");
    }
}
