using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Tests.Checklists.Reference;
using CklGen.Tests.Support;

namespace CklGen.Tests.Checklists;

/// <summary>
/// The CKL and CKLB writers write their text themselves (escaping long benchmark texts once per fleet). They must
/// write exactly what XmlWriter and Newtonsoft.Json wrote before: every corpus checklist, generated checklists of
/// every shared benchmark, and every character in every place a value can be.
/// </summary>
public class StreamingWriterTests
{
    static CklbWriter NewCklb() { var n = 0; return new CklbWriter { NewId = () => $"id-{n++}", Clock = () => new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero) }; }
    static JObjectCklbWriter OldCklb() { var n = 0; return new JObjectCklbWriter { NewId = () => $"id-{n++}", Clock = () => new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero) }; }

    static void Same(Checklist c, string what)
    {
        var oldCkl = Attempt(() => XmlCklWriter.ToText(c));
        var newCkl = Attempt(() => CklWriter.ToText(c));
        Assert.True(oldCkl == newCkl, $"{what}: CKL differs{FirstDifference(oldCkl, newCkl)}");
        var oldCklb = Attempt(() => OldCklb().ToText(c));
        var newCklb = Attempt(() => NewCklb().ToText(c));
        Assert.True(oldCklb == newCklb, $"{what}: CKLB differs{FirstDifference(oldCklb, newCklb)}");

        // The streamed bytes are the text's bytes.
        if (!newCkl.StartsWith("error: ", StringComparison.Ordinal))
        {
            var ms = new MemoryStream();
            CklWriter.Write(c, ms);
            Assert.Equal(CklGen.IO.AtomicFile.Utf8NoBom.GetBytes(newCkl), ms.ToArray());
        }
        var ms2 = new MemoryStream();
        NewCklb().Write(c, ms2);
        var old2 = new MemoryStream();
        OldCklb().Write(c, old2);
        Assert.Equal(old2.ToArray(), ms2.ToArray());
    }

    /// <summary>The text, or the error's message (both writers must refuse the same things the same way).</summary>
    static string Attempt(Func<string> write)
    {
        try { return write(); }
        catch (CklGenException e) { return "error: " + e.Message; }
    }

    static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 40), Math.Min(s.Length - Math.Max(0, i - 40), 80)).Replace("\n", "\\n");
        return $" at {i}: expected ...{Around(a)}... got ...{Around(b)}...";
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_checklist_is_written_as_before(string name) => Same(Corpus.Load(name), name);

    public static TheoryData<string> CorpusFiles() => Corpus.Data(Corpus.Loadable());

    [Fact]
    public void Every_shared_benchmark_blank_is_written_as_before()
    {
        foreach (var f in Directory.GetFiles(TestPaths.SharedBenchmarks, "*.xml"))
        {
            var c = ChecklistFactory.Blank([XccdfReader.Read(f)], new ChecklistFactoryOptions { HostName = "HOST" });
            Same(c, Path.GetFileName(f));
        }
    }

    static string AllChars(Func<char, bool> keep)
    {
        var sb = new StringBuilder();
        for (var c = 0; c <= 0xFFFF; c++)
            if (!char.IsSurrogate((char)c) && keep((char)c)) sb.Append((char)c);
        sb.Append("\U0001F600 a\U00010000b");
        return sb.ToString();
    }

    [Fact]
    public void Every_character_is_escaped_as_before_in_every_kind_of_value()
    {
        var xmlChars = AllChars(c => System.Xml.XmlConvert.IsXmlChar(c));
        var c = ChecklistFactory.Blank([XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"))],
            new ChecklistFactoryOptions { HostName = "H" + xmlChars });
        var r = c.Stigs[0].Rules[0];
        // Long (kept once escaped) and short values, in element text, STIG_DATA and JSON strings.
        r.FindingDetails = xmlChars;
        r.Comments = "a&b<c>d\r\ne\"f'g\th";
        r.Discussion = xmlChars + xmlChars;
        r.ExtraAttributes.Add(new("Extra <&>", "x\r"));
        c.LeadingComments.Add("comment with <&> \r\n and \U0001F600");
        r.XmlComments.Add(xmlChars.Replace("-", ""));
        Same(c, "every XML character");
        // Running it again uses the escaped texts kept from the first time.
        Same(c, "every XML character, again");

        // CKL refuses what XML cannot carry (naming where); CKLB writes every character.
        foreach (var bad in new[] { "\u0001", "\uFFFE", "\uD800", "x\uDC00" })
        {
            r.FindingDetails = bad + new string('x', 100);
            Assert.Contains("cannot carry", Attempt(() => CklWriter.ToText(c)));
            Same(c, $"U+{(int)bad[^1]:X4}");
        }
        r.FindingDetails = AllChars(_ => true) + "\uD800 \uDFFF";
        r.Comments = "\u0000\u001F\u007F\u0085\u2028\u2029\\\"/";
        var oldCklb = OldCklb().ToText(c);
        Assert.Equal(oldCklb, NewCklb().ToText(c));
    }

    [Fact]
    public void Unknown_keys_and_nested_JSON_are_written_as_before()
    {
        var c = Corpus.Load("cklb/" + Path.GetFileName(Directory.GetFiles(Corpus.CklbDir, "*.cklb").First()));
        c.Extra["zz_extra"] = """{"a":[1,2.50,{"b":null,"c":[]}],"d":{},"e":"2026-01-01T00:00:00Z"}""";
        c.Extra["title"] = "\"kept out: the writer wrote title\"";
        c.Asset.Extra["x"] = "[]";
        c.Stigs[0].Extra["y"] = "{\"deep\":{\"deeper\":[true,false]}}";
        var r = c.Stigs[0].Rules[0];
        r.Extra["evaluate-stig"] = "{\"x\":1}";
        r.Extra["q"] = "\"\\u2028\"";
        r.GroupTree = """[{"id":"V-1","title":"T","description":"<GroupDescription></GroupDescription>","more":[1]}]""";
        r.SeverityOverride = "low";
        r.SeverityJustification = "because";
        r.OverridesExtra["severity.by"] = "\"me\"";
        r.OverridesExtra["other"] = "{\"k\":[]}";
        Same(c, "extras");
    }
}
