using System.Text;
using CklGen.Checklists;
using CklGen.Tests.Support;

namespace CklGen.Tests.Checklists;

/// <summary>Hostile, truncated and oddly encoded input ends in an InputException naming the file, never a crash.</summary>
public class HostileInputTests
{
    static string Minimal => File.ReadAllText(Corpus.PathOf("ckl/TargetObjectBasic.ckl"));

    static string Temp(string name, byte[] bytes)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Xxe_and_DTDs_are_refused()
    {
        var secret = Temp("secret.txt", Encoding.UTF8.GetBytes("SECRET"));
        var xxe = $"""
            <?xml version="1.0"?>
            <!DOCTYPE CHECKLIST [<!ENTITY x SYSTEM "file://{secret}">]>
            <CHECKLIST><ASSET><HOST_NAME>&x;</HOST_NAME></ASSET><STIGS/></CHECKLIST>
            """;
        var path = Temp("xxe.ckl", Encoding.UTF8.GetBytes(xxe));
        var e = Assert.Throws<InputException>(() => ChecklistFile.Read(path));
        Assert.Contains("DTD", e.Message);
        Assert.DoesNotContain("SECRET", e.Message);
        var bomb = Minimal.Replace("<CHECKLIST>", "<!DOCTYPE CHECKLIST [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<CHECKLIST>");
        Assert.Contains("DTD", Assert.Throws<InputException>(() => ChecklistFile.ReadText(bomb, "bomb.ckl")).Message);
    }

    [Fact]
    public void A_DTD_inside_an_Evaluate_STIG_comment_is_not_expanded()
    {
        var text = Minimal.Replace("<CHECKLIST>", "<!--<Evaluate-STIG><!DOCTYPE x [<!ENTITY e \"boom\">]><version>&e;</version></Evaluate-STIG>-->\n<CHECKLIST>");
        var c = CklReader.ReadText(text);
        Assert.Null(c.ResultEngine);
        Assert.Contains(c.LeadingComments, x => x.Contains("DOCTYPE"));
    }

    [Theory]
    [InlineData("ckl/TargetObjectBasic.ckl")]
    [InlineData("ckl/CA1294WK16078_Chrome_V2R8_20231211-125631.ckl")]
    [InlineData("cklb/TargetObjectBasic.cklb")]
    [InlineData("cklb/SingleResultEngineModule.cklb")]
    public void Truncated_files_are_refused(string name)
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf(name));
        foreach (var fraction in new[] { 0.1, 0.5, 0.9, 0.999 })
        {
            var path = Temp(Path.GetFileName(name), bytes[..(int)(bytes.Length * fraction)]);
            var e = Assert.Throws<InputException>(() => ChecklistFile.Read(path));
            Assert.StartsWith(path + ": ", e.Message);
        }
    }

    [Fact]
    public void Utf16_with_BOM_is_read_and_invalid_UTF8_is_refused()
    {
        foreach (var name in new[] { "ckl/TargetObjectBasic.ckl", "cklb/TargetObjectBasic.cklb" })
        {
            var utf8 = File.ReadAllText(Corpus.PathOf(name));
            var expected = ChecklistFile.Read(Corpus.PathOf(name));
            foreach (var enc in new Encoding[] { new UnicodeEncoding(false, true), new UnicodeEncoding(true, true), new UTF8Encoding(true) })
            {
                var text = enc is UnicodeEncoding ? utf8.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"") : utf8;
                var path = Temp(Path.GetFileName(name), [.. enc.GetPreamble(), .. enc.GetBytes(text)]);
                ModelJson.Equal(expected, ChecklistFile.Read(path), $"{name} as {enc.WebName}");
            }
        }
        var bad = Temp("bad.cklb", [.. Encoding.UTF8.GetBytes("{\"title\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]);
        Assert.Contains("not valid UTF-8", Assert.Throws<InputException>(() => ChecklistFile.Read(bad)).Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n", "empty")]
    [InlineData("hello", "neither a CKL")]
    [InlineData("[1,2]", "neither a CKL")]
    [InlineData("{\"stigs\": [] ", "not valid JSON")]
    [InlineData("{\"a\":1} trailing", "not valid JSON")]
    [InlineData("{\"a\":1,\"a\":2}", "not valid JSON")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[{\"stig_id\":\"S\",\"rules\":[{\"group_id\":\"V-1\",\"comments\":{\"nested\":1}}]}]}", "stigs[0].rules[0][V-1].comments: must be a string")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[{\"stig_id\":\"S\",\"rules\":[{\"overrides\":[]}]}]}", "overrides: must be an object")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[{\"stig_id\":\"S\"}]}", "stigs[0].rules: no rules array")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[{\"rules\":[]}]}", "stigs[0].stig_id")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[]}", "stigs array is empty")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\"},\"stigs\":[7]}", "stigs[0]: is not an object")]
    [InlineData("{\"target_data\":{\"host_name\":\"h\",\"is_web_database\":\"maybe\"},\"stigs\":[]}", "is_web_database: must be true or false")]
    [InlineData("<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS></STIGS></CHECKLIST>", "STIGS holds no iSTIG")]
    [InlineData("<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME><BOGUS/></ASSET><STIGS/></CHECKLIST>", "unexpected element <BOGUS> in ASSET")]
    [InlineData("<CHECKLIST><ASSET><ROLE/></ASSET><STIGS/></CHECKLIST>", "no HOST_NAME element")]
    [InlineData("<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS><iSTIG><VULN/></iSTIG></STIGS></CHECKLIST>", "no STIG_INFO element")]
    [InlineData("<CHECKLIST><ASSET><HOST_NAME>h<b/></HOST_NAME></ASSET><STIGS/></CHECKLIST>", "holds child elements")]
    [InlineData("<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME><WEB_OR_DATABASE>yes</WEB_OR_DATABASE></ASSET><STIGS/></CHECKLIST>", "WEB_OR_DATABASE must be true or false")]
    public void Malformed_input_is_refused_with_a_message_naming_the_place(string text, string fragment)
    {
        var e = Assert.Throws<InputException>(() => ChecklistFile.ReadText(text, "x"));
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith("x: ", e.Message);
    }

    [Fact]
    public void Deeply_nested_JSON_is_refused()
    {
        var deep = "{\"target_data\":{\"host_name\":\"h\"},\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Contains("not valid JSON", Assert.Throws<InputException>(() => ChecklistFile.ReadText(deep, "deep.cklb")).Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "missing.ckl");
        Assert.Contains("file not found", Assert.Throws<InputException>(() => ChecklistFile.Read(path)).Message);
    }
}
