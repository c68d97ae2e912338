using System.Text;
using System.Xml.Linq;
using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>Bad and hostile benchmark files: each is an InputException naming the file, and nothing is written.</summary>
public sealed class HostileInputTests : IDisposable
{
    readonly string _dir = TestPaths.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, byte[] bytes)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Reads a file that must be refused; checks the error names it and nothing appeared beside it.</summary>
    InputException Refused(string path, string? file = null, XccdfReadLimits? limits = null)
    {
        var before = Directory.GetFileSystemEntries(_dir).Order().ToArray();
        var e = Assert.Throws<InputException>(() => XccdfReader.ReadAll(path, limits));
        Assert.Equal(file ?? path, e.File);
        Assert.StartsWith(file ?? path, e.Message);
        Assert.Equal(before, Directory.GetFileSystemEntries(_dir).Order().ToArray());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_dir)!, "evil-xccdf.xml")));
        return e;
    }

    static string SharedText() => File.ReadAllText(TestPaths.Benchmark(XccdfSamples.MailboxFile));

    [Fact]
    public void External_entity_in_a_DTD_is_refused()
    {
        var secret = Write("secret.txt", "TOP-SECRET-CONTENT");
        var xxe = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Benchmark [<!ENTITY xxe SYSTEM "file://{secret}">]>
            <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="X"><title>&xxe;</title><version>1</version>
            <Group id="V-1"><Rule id="SV-1r1_rule" severity="low"><version>X-1</version><title>&xxe;</title></Rule></Group></Benchmark>
            """;
        var e = Refused(Write("xxe-xccdf.xml", xxe));
        Assert.Contains("DTD", e.Message);
        Assert.DoesNotContain("TOP-SECRET", e.Message);
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var lol = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="X"><title>&lol9;</title></Benchmark>
            """;
        Assert.Contains("DTD", Refused(Write("lol-xccdf.xml", lol)).Message);
    }

    [Fact]
    public void A_DTD_inside_a_zip_is_refused_and_named_with_its_entry()
    {
        var zip = Write("x.zip", ZipBenchmarkTests.ZipBytes(("d/evil-xccdf.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE B [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><B>&e;</B>"u8.ToArray())));
        Assert.Contains("DTD", Refused(zip, file: zip + "!d/evil-xccdf.xml").Message);
    }

    [Fact]
    public void Truncated_xml_is_refused()
    {
        var text = SharedText();
        var e = Refused(Write("cut-xccdf.xml", text[..(text.Length / 3)]));
        Assert.Contains("not well-formed", e.Message);
    }

    [Fact]
    public void An_empty_file_is_refused() => Refused(Write("empty-xccdf.xml", []));

    [Fact]
    public void Text_that_is_not_xml_is_refused() =>
        Assert.Contains("not well-formed", Refused(Write("notes-xccdf.xml", "Release notes: nothing to see.\n")).Message);

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "random bytes", new Random(5).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 4096) },
        { "invalid UTF-8", [.. "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\"><title>"u8, 0xC3, 0x28, 0xFF, .. "</title></Benchmark>"u8] },
        { "unknown encoding", "<?xml version=\"1.0\" encoding=\"x-bogus-42\"?><Benchmark/>"u8.ToArray() },
        { "UTF-16 BOM then UTF-8", [0xFF, 0xFE, .. "<Benchmark/>"u8] },
        { "NUL bytes", new byte[64] },
        { "gzip", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03] },
        { "zip header only", "PK\x03\x04 not really"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_an_input_error(string what, byte[] bytes)
    {
        var e = Refused(Write("garbage-xccdf.xml", bytes));
        Assert.False(string.IsNullOrWhiteSpace(e.Message), what);
    }

    [Fact]
    public void A_pdf_named_xml_is_refused_as_a_pdf() =>
        Assert.Contains("PDF", Refused(Write("U_Overview-xccdf.xml", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")).Message);

    [Fact]
    public void A_checklist_is_not_a_benchmark()
    {
        var ckl = Path.Combine(TestPaths.SharedChecklists, "ckl", "TargetObjectBasic.ckl");
        var e = Assert.Throws<InputException>(() => XccdfReader.Read(ckl));
        Assert.Equal(ckl, e.File);
        Assert.Contains("root element is <CHECKLIST>", e.Message);
    }

    [Fact]
    public void A_SCAP_data_stream_is_refused_with_advice() =>
        Assert.Contains("Manual", Refused(Write("scap.xml",
            "<data-stream-collection xmlns=\"http://scap.nist.gov/schema/scap/source/1.2\" id=\"x\"/>")).Message);

    [Fact]
    public void Deep_nesting_is_refused_before_the_document_is_built()
    {
        // XDocument.Load takes time growing with the square of the depth: 200,000 levels take minutes.
        var deep = string.Concat(Enumerable.Repeat("<a>", 5_000)) + string.Concat(Enumerable.Repeat("</a>", 5_000));
        var text = $"<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\" id=\"X\"><title>{deep}</title><version>1</version>" +
                   "<Group id=\"V-1\"><Rule id=\"SV-1r1_rule\" severity=\"low\"><version>X-1</version></Rule></Group></Benchmark>";
        Assert.Contains("nested more than 64 deep", Refused(Write("deep-xccdf.xml", text)).Message);
    }

    [Fact]
    public void A_benchmark_without_rules_is_refused()
    {
        var doc = XccdfSamples.LoadMailbox();
        doc.Root!.Elements(XccdfSamples.Xccdf11 + "Group").Remove();
        var e = Refused(Write("norules-xccdf.xml", doc.ToString()));
        Assert.Contains("has no rules", e.Message);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("title")]
    public void A_benchmark_without_a_required_field_is_refused(string element)
    {
        var doc = XccdfSamples.LoadMailbox();
        doc.Root!.Element(XccdfSamples.Xccdf11 + element)!.Remove();
        var e = Refused(Write("missing-xccdf.xml", doc.ToString()));
        Assert.Equal("Benchmark/" + element, e.Field);
    }

    [Fact]
    public void Duplicate_rule_ids_are_refused()
    {
        var doc = XccdfSamples.LoadMailbox();
        var groups = doc.Root!.Elements(XccdfSamples.Xccdf11 + "Group").ToList();
        groups[1].Element(XccdfSamples.Xccdf11 + "Rule")!.SetAttributeValue("id", groups[0].Element(XccdfSamples.Xccdf11 + "Rule")!.Attribute("id")!.Value);
        Assert.Contains("occurs twice", Refused(Write("dup-xccdf.xml", doc.ToString())).Message);
    }

    [Fact]
    public void A_rule_outside_a_group_is_refused()
    {
        var doc = XccdfSamples.LoadMailbox();
        var rule = doc.Root!.Descendants(XccdfSamples.Xccdf11 + "Rule").First();
        rule.Remove();
        doc.Root.Add(rule);
        Assert.Contains("not inside a Group", Refused(Write("loose-xccdf.xml", doc.ToString())).Message);
    }

    [Theory]
    [InlineData("severity", "critical")]
    [InlineData("weight", "ten")]
    public void Impossible_rule_attributes_are_refused(string attribute, string value)
    {
        var doc = XccdfSamples.LoadMailbox();
        doc.Root!.Descendants(XccdfSamples.Xccdf11 + "Rule").First().SetAttributeValue(attribute, value);
        var e = Refused(Write("attr-xccdf.xml", doc.ToString()));
        Assert.Equal("V-228354", e.Field);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_before_parsing()
    {
        var limits = new XccdfReadLimits { MaxXmlBytes = 100_000 };
        var path = Write("big-xccdf.xml", SharedText());
        Assert.Contains("over 100,000 bytes", Refused(path, limits: limits).Message);
        // A stream that cannot seek is buffered, then held to the same cap.
        var e = Assert.Throws<InputException>(() => XccdfReader.Read(new NoLengthStream(File.ReadAllBytes(path)), "big.xml", limits));
        Assert.Equal("big.xml", e.File);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var missing = Path.Combine(_dir, "nope-xccdf.xml");
        Assert.Contains("not found", Refused(missing).Message);
    }

    [Theory]
    [InlineData("../evil-xccdf.xml")]
    [InlineData("ok/../../evil-xccdf.xml")]
    [InlineData("ok\\..\\..\\evil-xccdf.xml")]
    [InlineData("/tmp/evil-xccdf.xml")]
    [InlineData("\\evil-xccdf.xml")]
    [InlineData("C:/Windows/evil-xccdf.xml")]
    [InlineData("../../readme.pdf")] // an entry we would not even read still condemns the zip
    public void Zip_slip_entries_refuse_the_whole_zip(string entry)
    {
        var mailbox = File.ReadAllBytes(TestPaths.Benchmark(XccdfSamples.MailboxFile));
        var zip = Write("slip.zip", ZipBenchmarkTests.ZipBytes(("good/" + XccdfSamples.MailboxFile, mailbox), (entry, mailbox)));
        var e = Refused(zip);
        Assert.Contains("refused", e.Message);
        Assert.Contains(entry, e.Message);
    }

    [Fact]
    public void A_zip_slip_entry_in_a_nested_zip_is_refused_too()
    {
        var inner = ZipBenchmarkTests.ZipBytes(("../../evil-xccdf.xml", "<x/>"u8.ToArray()));
        var zip = Write("outer.zip", ZipBenchmarkTests.ZipBytes(("inner.zip", inner)));
        Refused(zip, file: zip + "!inner.zip");
    }

    [Fact]
    public void A_zip_bomb_entry_is_refused_by_its_compression_ratio()
    {
        var zeros = new byte[20 * 1024 * 1024];
        var zip = Write("bomb.zip", ZipBenchmarkTests.ZipBytes(("bomb-xccdf.xml", zeros)));
        Assert.True(new FileInfo(zip).Length < 100_000);
        Assert.Contains("compression ratio", Refused(zip, file: zip + "!bomb-xccdf.xml").Message);
    }

    [Fact]
    public void A_zip_bomb_whose_headers_understate_its_size_is_still_refused()
    {
        var bytes = ZipBenchmarkTests.ZipBytes(("bomb-xccdf.xml", new byte[20 * 1024 * 1024]));
        // Claim 1,000 bytes in the local and central headers (uncompressed size at offsets 22 and 24).
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 1000);
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 1000);
        }
        var zip = Write("liar.zip", bytes);
        // .NET stops at the claimed size, so the lie yields 1,000 zero bytes: not XML.
        Refused(zip, file: zip + "!bomb-xccdf.xml");
    }

    [Fact]
    public void Entries_over_the_entry_cap_are_refused()
    {
        var mailbox = File.ReadAllBytes(TestPaths.Benchmark(XccdfSamples.MailboxFile));
        var zip = Write("big.zip", ZipBenchmarkTests.ZipBytes((XccdfSamples.MailboxFile, mailbox)));
        var e = Refused(zip, file: zip + "!" + XccdfSamples.MailboxFile, limits: new XccdfReadLimits { MaxXmlBytes = 100_000 });
        Assert.Contains("100,000", e.Message);
    }

    [Fact]
    public void Zips_nested_too_deep_are_refused()
    {
        var mailbox = File.ReadAllBytes(TestPaths.Benchmark(XccdfSamples.MailboxFile));
        var level3 = ZipBenchmarkTests.ZipBytes(("c.zip", ZipBenchmarkTests.ZipBytes((XccdfSamples.MailboxFile, mailbox))));
        var zip = Write("deep.zip", ZipBenchmarkTests.ZipBytes(("a.zip", ZipBenchmarkTests.ZipBytes(("b.zip", level3)))));
        Assert.Contains("nested", Refused(zip, file: zip + "!a.zip!b.zip!c.zip").Message);
        // One level less is fine.
        var ok = Write("ok.zip", ZipBenchmarkTests.ZipBytes(("a.zip", level3)));
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", XccdfReader.Read(ok).Id);
    }

    sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
