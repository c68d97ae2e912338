using System.Text;
using CklGen.Checklists;
using CklGen.Tests.Support;

namespace CklGen.Tests.Checklists;

public class ChecklistFileTests
{
    [Fact]
    public void Format_is_detected_by_content_not_name()
    {
        Assert.Equal(ChecklistFormat.Cklb, ChecklistFile.Detect(Corpus.PathOf("ckl/Asset_a-VPN_TRUNCATED-V2R5.cklb")));
        Assert.Equal(ChecklistFormat.Ckl, ChecklistFile.Detect(Corpus.PathOf("ckl/Target-Object-Long-Properties")));
        Assert.Equal(ChecklistFormat.Ckl, ChecklistFile.Detect(Corpus.PathOf("ckl/CA1294WK16078_Chrome_V2R8_20231211-125631.ckl"))); // BOM
        var dir = TestPaths.NewTempDir();
        var misnamed = Path.Combine(dir, "really-json.ckl");
        File.Copy(Corpus.PathOf("cklb/TargetObjectBasic.cklb"), misnamed);
        Assert.Equal("Asset", ChecklistFile.Read(misnamed).Asset.HostName);
        Assert.Equal(ChecklistFormat.Cklb, ChecklistFile.FormatFromExtension("a/b.CKLB"));
        Assert.Equal(ChecklistFormat.Ckl, ChecklistFile.FormatFromExtension("a/b.ckl"));
    }

    [Fact]
    public void Write_is_atomic_and_refuses_to_overwrite_unless_asked()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "out.cklb");
        ChecklistFile.Write(c, path, ChecklistFormat.Cklb, overwrite: false);
        var first = File.ReadAllText(path);
        Assert.Throws<OverwriteRefusedException>(() => ChecklistFile.Write(c, path, ChecklistFormat.Cklb, overwrite: false));
        Assert.Equal(first, File.ReadAllText(path));
        ChecklistFile.Write(c, path, ChecklistFormat.Ckl, overwrite: true);
        Assert.Equal(ChecklistFormat.Ckl, ChecklistFile.Detect(path));
        Assert.Single(Directory.GetFiles(dir)); // no temporary file left behind
    }

    [Fact]
    public void A_model_the_format_cannot_carry_leaves_the_existing_file_alone()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        var path = Path.Combine(TestPaths.NewTempDir(), "out.ckl");
        File.WriteAllText(path, "previous");
        c.Stigs[0].Rules[0].FindingDetails = "\u0000";
        Assert.Throws<CklGenException>(() => ChecklistFile.Write(c, path, ChecklistFormat.Ckl, overwrite: true));
        Assert.Equal("previous", File.ReadAllText(path));
    }

    [Fact]
    public void ToText_and_ReadText_agree_for_both_formats()
    {
        var c = Corpus.Load("ckl/Asset_a-multi-stig.ckl");
        foreach (var format in new[] { ChecklistFormat.Ckl, ChecklistFormat.Cklb })
        {
            var text = ChecklistFile.ToText(c, format, Corpus.StableCklbWriter());
            Assert.Equal(format, ChecklistFile.DetectText(text, "t"));
            var back = ChecklistFile.ReadText(text);
            Assert.Equal(c.AllRules().Select(x => (x.Rule.VulnId, x.Rule.Status, x.Rule.FindingDetails)), back.AllRules().Select(x => (x.Rule.VulnId, x.Rule.Status, x.Rule.FindingDetails)));
        }
    }

    [Fact]
    public void Written_files_have_no_BOM()
    {
        var c = Corpus.Load("ckl/TargetObjectBasic.ckl");
        var dir = TestPaths.NewTempDir();
        foreach (var format in new[] { ChecklistFormat.Ckl, ChecklistFormat.Cklb })
        {
            var path = Path.Combine(dir, "out." + format);
            ChecklistFile.Write(c, path, format, overwrite: false);
            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()));
        }
    }
}
