using System.IO.Compression;
using System.Text;
using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>Benchmarks read from DISA style zips, built in a temp folder from the shared XCCDF files.</summary>
public sealed class ZipBenchmarkTests : IDisposable
{
    const string MailboxFile = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string EdgeFile = "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml";

    readonly string _dir = TestPaths.NewTempDir();
    static readonly byte[] Mailbox = File.ReadAllBytes(TestPaths.Benchmark(MailboxFile));
    static readonly byte[] Edge = File.ReadAllBytes(TestPaths.Benchmark(EdgeFile));
    static readonly byte[] FakePdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% not really a PDF\n%%EOF\n");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static byte[] ZipBytes(params (string Name, byte[] Data)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
            {
                if (name.EndsWith('/')) { zip.CreateEntry(name); continue; }
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }

    string Write(string name, byte[] bytes)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void Finds_the_XCCDF_in_a_subfolder_beside_PDFs()
    {
        var zip = Write("U_MS_Exchange_2016_Mailbox_Server_V2R6_STIG.zip", ZipBytes(
            ("U_MS_Exchange_2016_Mailbox_Server_V2R6_Manual_STIG/", []),
            ("U_MS_Exchange_2016_Mailbox_Server_V2R6_Manual_STIG/" + MailboxFile, Mailbox),
            ("U_MS_Exchange_2016_Mailbox_Server_V2R6_Manual_STIG/U_MS_Exchange_2016_V2R6_Overview.pdf", FakePdf),
            ("U_MS_Exchange_2016_Mailbox_Server_V2R6_Manual_STIG/STIG_unclass.xsl", "<xsl/>"u8.ToArray()),
            ("U_MS_Exchange_2016_Mailbox_Server_V2R6_Revision_History.pdf", FakePdf)));

        var b = XccdfReader.Read(zip);

        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", b.Id);
        Assert.Equal("V2R6", b.VersionLabel);
        Assert.Equal(64, b.Rules.Count);
        Assert.Equal(MailboxFile, b.FileName);
        Assert.Equal($"{zip}!U_MS_Exchange_2016_Mailbox_Server_V2R6_Manual_STIG/{MailboxFile}", b.SourcePath);
        Assert.Single(Directory.GetFileSystemEntries(_dir)); // nothing extracted
    }

    [Fact]
    public void Finds_the_XCCDF_in_a_nested_zip()
    {
        var inner = ZipBytes(("Manual/" + EdgeFile, Edge), ("Manual/readme.pdf", FakePdf));
        var zip = Write("library.zip", ZipBytes(("Exchange/U_Exchange_Edge.zip", inner), ("Library_Overview.pdf", FakePdf)));

        var b = XccdfReader.Read(zip);

        Assert.Equal("MS_Exchange_2016_Edge_Transport_Server_STIG", b.Id);
        Assert.Equal(EdgeFile, b.FileName);
        Assert.Equal($"{zip}!Exchange/U_Exchange_Edge.zip!Manual/{EdgeFile}", b.SourcePath);
    }

    [Fact]
    public void Several_benchmarks_in_one_zip_are_all_read_by_ReadAll_and_named_by_Read()
    {
        var zip = Write("two.zip", ZipBytes(("a/" + MailboxFile, Mailbox), ("nested.zip", ZipBytes(("b/" + EdgeFile, Edge)))));

        var all = XccdfReader.ReadAll(zip);
        Assert.Equal(["MS_Exchange_2016_Mailbox_Server_STIG", "MS_Exchange_2016_Edge_Transport_Server_STIG"], all.Select(b => b.Id));

        var e = Assert.Throws<InputException>(() => XccdfReader.Read(zip));
        Assert.Equal(zip, e.File);
        Assert.Contains("2 XCCDF benchmarks", e.Message);
        Assert.Contains("a/" + MailboxFile, e.Message);
        Assert.Contains("nested.zip!b/" + EdgeFile, e.Message);
    }

    [Fact]
    public void ReadAll_of_an_xml_file_is_that_one_benchmark()
    {
        var all = XccdfReader.ReadAll(TestPaths.Benchmark(MailboxFile));
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", Assert.Single(all).Id);
    }

    [Fact]
    public void A_bang_in_a_folder_name_is_not_taken_for_a_zip_entry_separator()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a!b"));
        var path = Write(Path.Combine("a!b", MailboxFile), Mailbox);
        var b = XccdfReader.Read(path);
        Assert.Equal(MailboxFile, b.FileName);
        Assert.Equal(path, b.SourcePath);
    }

    [Fact]
    public void A_zip_without_XCCDF_is_refused_with_its_listing()
    {
        var zip = Write("docs.zip", ZipBytes(("Overview.pdf", FakePdf), ("other.xml", "<a/>"u8.ToArray())));
        var e = Assert.Throws<InputException>(() => XccdfReader.Read(zip));
        Assert.Equal(zip, e.File);
        Assert.Contains("no XCCDF benchmark", e.Message);
        Assert.Contains("Overview.pdf", e.Message);
    }

    [Fact]
    public void The_type_is_told_by_content_so_a_zip_named_xml_still_reads()
    {
        var path = Write("download-xccdf.xml", ZipBytes((MailboxFile, Mailbox)));
        Assert.Equal("MS_Exchange_2016_Mailbox_Server_STIG", XccdfReader.Read(path).Id);
    }

    [Fact]
    public void Reads_from_a_non_seekable_stream()
    {
        using var s = new ForwardOnlyStream(ZipBytes(("x/" + MailboxFile, Mailbox)));
        var b = XccdfReader.Read(s, "upload.zip");
        Assert.Equal("upload.zip!x/" + MailboxFile, b.SourcePath);
        Assert.Equal(MailboxFile, b.FileName);
    }

    [Fact]
    public void A_broken_XCCDF_inside_a_zip_is_named_with_its_entry()
    {
        var zip = Write("broken.zip", ZipBytes(("dir/" + MailboxFile, Mailbox[..(Mailbox.Length / 2)])));
        var e = Assert.Throws<InputException>(() => XccdfReader.Read(zip));
        Assert.Equal($"{zip}!dir/{MailboxFile}", e.File);
        Assert.Contains("not well-formed", e.Message);
    }

    [Fact]
    public void A_truncated_zip_is_refused()
    {
        var bytes = ZipBytes(("dir/" + MailboxFile, Mailbox));
        var zip = Write("truncated.zip", bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<InputException>(() => XccdfReader.Read(zip));
        Assert.Equal(zip, e.File);
    }

    /// <summary>A stream that cannot seek, like a network or stdin stream.</summary>
    sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Length => throw new NotSupportedException();
    }
}
