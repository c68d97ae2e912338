using System.Xml.Linq;
using CklGen.Checklists;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Checklists;

/// <summary>Evaluate-STIG result engine annotations, read and written the way STIG Manager's importer reads them.</summary>
public class ResultEngineTests
{
    [Fact]
    public void Ckl_annotations_at_root_iSTIG_and_VULN_are_read_with_their_raw_text()
    {
        var c = Corpus.Load("ckl/CA1294WK16078_COMBINED_20231211-125650-trimmed.ckl");
        Assert.Equal("1.2310.1", c.ResultEngine!.Version);
        Assert.Equal("<Evaluate-STIG><version>1.2310.1</version></Evaluate-STIG>", c.ResultEngine.Raw);
        var stig = c.Stigs[0].ResultEngine!;
        Assert.Equal(("2023-12-11T12:56:14.3576272-05:00", "Scan-GoogleChrome_Checks", "1.2023.7.24"), (stig.Time, stig.ModuleName, stig.ModuleVersion));
        var rule = c.Stigs[0].Rules.Select(r => r.ResultEngine).First(r => r is not null)!;
        Assert.Equal(("Google_Chrome_Current_Windows_AnswerFile.xml", "true", "notchecked", "pass"), (rule.AnswerFile, rule.AnswerFileModified, rule.OldStatus, rule.NewStatus));
    }

    [Fact]
    public void Global_version_and_time_and_lower_case_names_are_read()
    {
        var c = Corpus.Load("ckl/ResultEngineWithEvalStigModuleAndOverride.ckl");
        Assert.Equal(("1.2204.1", "2022-06-03T12:19:27.9454169-04:00", "Scan-Windows10_Checks", "1.2022.6.2"),
            (c.ResultEngine!.Version, c.ResultEngine.Time, c.ResultEngine.ModuleName, c.ResultEngine.ModuleVersion));
        var rule = c.Stigs[0].Rules[0].ResultEngine!;
        Assert.Equal(("MS_Windows_10_STIG_Answer_file.xml", "True"), (rule.AnswerFile, rule.AnswerFileModified));
    }

    [Fact]
    public void Empty_annotation_and_no_root_annotation()
    {
        var empty = Corpus.Load("ckl/ResultEngineRootNoVersion.ckl").ResultEngine!;
        Assert.Null(empty.Version);
        Assert.Equal("<Evaluate-STIG></Evaluate-STIG>", empty.Raw);
        var none = Corpus.Load("ckl/no-root-ES-comment-with-ISTIG-comment.ckl");
        Assert.Null(none.ResultEngine);
        Assert.Equal(["Test1", "Test2"], none.Stigs.Select(s => s.ResultEngine!.ModuleName));
    }

    [Fact]
    public void Comments_that_are_not_Evaluate_STIG_stay_plain_comments()
    {
        var c = Corpus.Load("ckl/result-engine-invalid-comment.ckl");
        Assert.Null(c.ResultEngine);
        Assert.Contains(c.LeadingComments, x => x.StartsWith("<NOTCORRECT>"));
        Assert.Null(c.Stigs[0].Rules[0].ResultEngine);
        Assert.Contains(c.Stigs[0].Rules[0].XmlComments, x => x.StartsWith("<NOTCORRECT>"));
        Assert.Contains("<NOTCORRECT><AnswerFile>", CklWriter.ToText(c));
    }

    [Fact]
    public void Cklb_objects_at_root_and_stig_level_are_read()
    {
        var c = Corpus.Load("cklb/TwoResultEngineModules.cklb");
        Assert.Equal("1.2310.1", c.ResultEngine!.Version);
        Assert.Equal("""{"version":"1.2310.1"}""", c.ResultEngine.Raw);
        Assert.Equal(["Scan-GoogleChrome_Checks", "Scan-MicrosoftEdge_Checks"], c.Stigs.Select(s => s.ResultEngine!.ModuleName));
        Assert.Null(Corpus.Load("cklb/no-root-result-engine-object.cklb").ResultEngine);
    }

    static ResultEngine Ours() => new() { Version = "0.1.0", Time = "2024-01-02T03:04:05Z", ModuleName = "CklGen", ModuleVersion = "0.1.0" };

    /// <summary>What STIG Manager's reviewsFromCkl does: the comment text must start with &lt;Evaluate-STIG&gt;;
    /// root version from global/version (or version), time from global/time; iSTIG time at top level; module name and version.</summary>
    [Fact]
    public void Composed_ckl_comments_have_the_shape_STIG_Manager_reads()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        c.ResultEngine = Ours();
        c.Stigs[0].ResultEngine = new ResultEngine { Time = "2024-01-02T03:04:05Z", ModuleName = "Exchange--Mailbox", ModuleVersion = "1" };
        c.Stigs[0].Rules[0].ResultEngine = new ResultEngine { AnswerFile = "a.xml", AnswerFileModified = "true", OldStatus = "notchecked", NewStatus = "pass" };
        var doc = XDocument.Parse(CklWriter.ToText(c));

        var root = doc.Nodes().OfType<XComment>().Select(x => x.Value).Single(v => v.StartsWith("<Evaluate-STIG>"));
        Assert.Equal("<Evaluate-STIG><global><version>0.1.0</version><time>2024-01-02T03:04:05Z</time></global><module><name>CklGen</name><version>0.1.0</version></module></Evaluate-STIG>", root);

        var istig = doc.Descendants("iSTIG").Single().Nodes().OfType<XComment>().Single().Value;
        var parsed = XElement.Parse(istig);
        Assert.Equal("2024-01-02T03:04:05Z", parsed.Element("time")!.Value);
        Assert.Equal("Exchange--Mailbox", parsed.Element("module")!.Element("name")!.Value); // "--" escaped as &#45;
        Assert.DoesNotContain("--", istig);

        var vuln = XElement.Parse(doc.Descendants("VULN").Single().Nodes().OfType<XComment>().Single().Value);
        Assert.Equal(("a.xml", "true", "notchecked"), (vuln.Element("AnswerFile")!.Value, vuln.Element("AFMod")!.Value, vuln.Element("OldStatus")!.Value));

        var back = CklReader.ReadText(CklWriter.ToText(c));
        Assert.True(ResultEngines.SameFields(c.ResultEngine, back.ResultEngine!));
        Assert.True(ResultEngines.SameFields(c.Stigs[0].ResultEngine!, back.Stigs[0].ResultEngine!));
        Assert.True(ResultEngines.SameFields(c.Stigs[0].Rules[0].ResultEngine!, back.Stigs[0].Rules[0].ResultEngine!));
    }

    [Fact]
    public void Composed_cklb_objects_have_the_shape_STIG_Manager_reads()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        c.ResultEngine = Ours();
        c.Stigs[0].ResultEngine = new ResultEngine { Time = "t", ModuleName = "m", ModuleVersion = "v" };
        c.Stigs[0].Rules[0].ResultEngine = new ResultEngine { AnswerFile = "a.xml", AnswerFileModified = "True", OldStatus = "notchecked", NewStatus = "pass" };
        var o = Corpus.StableCklbWriter().ToJson(c);
        Assert.Equal("0.1.0", (string?)o["evaluate-stig"]!["version"]);
        var stig = o["stigs"]![0]!["evaluate-stig"]!;
        Assert.Equal(("t", "m", "v"), ((string?)stig["time"], (string?)stig["module"]!["name"], (string?)stig["module"]!["version"]));
        var rule = o["stigs"]![0]!["rules"]![0]!["evaluate-stig"]!;
        Assert.Equal(JTokenType.Boolean, rule["afmod"]!.Type); // Evaluate-STIG's schema has afmod as a boolean
        Assert.Equal("a.xml", (string?)rule["answer_file"]);
    }

    [Fact]
    public void Raw_is_kept_verbatim_unless_the_fields_were_changed()
    {
        var c = Corpus.Load("ckl/result-engine-data-root.ckl");
        var raw = c.ResultEngine!.Raw!;
        Assert.Contains("<stiglist>", raw);
        Assert.Contains(raw, CklWriter.ToText(c));
        c.ResultEngine.ModuleVersion = "2.0";
        var text = CklWriter.ToText(c);
        Assert.DoesNotContain(raw, text);
        Assert.Equal("2.0", CklReader.ReadText(text).ResultEngine!.ModuleVersion);
    }

    [Fact]
    public void Cross_format_engines_are_composed_not_copied()
    {
        var ckl = Corpus.Load("ckl/CA1294WK16078_Chrome_V2R8_20231211-125631.ckl");
        var cklb = CklbReader.ReadText(Corpus.StableCklbWriter().ToText(ckl));
        Assert.StartsWith("{", cklb.ResultEngine!.Raw);
        Assert.True(ResultEngines.SameFields(ckl.ResultEngine!, cklb.ResultEngine));
        Assert.True(ResultEngines.SameFields(ckl.Stigs[0].ResultEngine!, cklb.Stigs[0].ResultEngine!));
        var back = CklReader.ReadText(CklWriter.ToText(cklb));
        Assert.StartsWith("<Evaluate-STIG>", back.ResultEngine!.Raw);
        Assert.True(ResultEngines.SameFields(ckl.ResultEngine!, back.ResultEngine));
    }
}
