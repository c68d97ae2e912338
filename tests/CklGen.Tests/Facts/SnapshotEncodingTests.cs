using System.Text;
using CklGen.Facts;
using CklGen.Tests.Support;

namespace CklGen.Tests.Facts;

public class SnapshotEncodingTests
{
    public static TheoryData<string> Encodings => ["utf8", "utf8bom", "utf16le", "utf16be"];

    static Encoding For(string name) => name switch
    {
        "utf8" => new UTF8Encoding(false),
        "utf8bom" => new UTF8Encoding(true),
        "utf16le" => new UnicodeEncoding(false, true),
        "utf16be" => new UnicodeEncoding(true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_accepted_encoding_reads_the_same_snapshot(string encoding)
    {
        var path = FactsTestFiles.Write(TestPaths.NewTempDir(), "facts.json", FactsTestFiles.Snapshot, For(encoding));
        var before = File.ReadAllBytes(path);

        var s = FactsReader.Read(path);

        Assert.Equal("EXMBX01", s.Host.Name);
        Assert.Equal("exmbx01.corp.example.mil", s.Host.Fqdn);
        Assert.Equal(["10.10.1.21"], s.Host.Ip);
        Assert.Equal(["00-15-5D-0A-01-15"], s.Host.Mac);
        Assert.Equal("Member Server", s.Host.Role);
        Assert.Equal("Version 15.2 (Build 1544.4)", s.ExchangeVersion);
        Assert.Equal("Mailbox", s.ServerRole);
        Assert.Equal("2026-11-01T14:03:22Z", s.CollectedAt);
        Assert.Equal("Collect-ExchangeFacts.ps1 1.0", s.Collector);
        var send = s.Lookup("Get-SendConnector");
        Assert.Equal(CommandState.Collected, send.State);
        Assert.Equal("DomainValidation", (string?)send.Output!.Objects.Single().Get("TlsAuthLevel"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Dates_stay_text_as_written()
    {
        var path = FactsTestFiles.WriteSnapshot(FactsTestFiles.SnapshotWith("""{ "Get-ExchangeCertificate": [ { "NotAfter": "2027-01-02T03:04:05Z" } ] }"""));
        var token = FactsReader.Read(path).Lookup("Get-ExchangeCertificate").Output!.Objects[0].Get("NotAfter")!;
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.String, token.Type);
        Assert.Equal("2027-01-02T03:04:05Z", (string?)token);
    }

    [Fact]
    public void Utf16_without_a_bom_is_refused()
    {
        var path = FactsTestFiles.Write(TestPaths.NewTempDir(), "facts.json", FactsTestFiles.Snapshot, new UnicodeEncoding(false, false));
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("without a BOM", e.Message);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Utf32_is_refused()
    {
        var path = FactsTestFiles.Write(TestPaths.NewTempDir(), "facts.json", FactsTestFiles.Snapshot, new UTF32Encoding(false, true));
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("UTF-32", e.Message);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_refused()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "facts.json");
        var bytes = Encoding.UTF8.GetBytes(FactsTestFiles.Snapshot).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'O'), new byte[] { 0xC3, 0x28 }); // a broken two-byte sequence
        File.WriteAllBytes(path, bytes.ToArray());
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("not valid UTF-8", e.Message);
    }

    [Fact]
    public void Windows_1252_text_is_refused_not_guessed()
    {
        var path = FactsTestFiles.Write(TestPaths.NewTempDir(), "facts.json",
            FactsTestFiles.SnapshotWith("""{ "Get-SendConnector": [ { "Comment": "Résumé" } ] }"""), Encoding.Latin1);
        Assert.Throws<InputException>(() => FactsReader.Read(path));
    }

    [Fact]
    public void Odd_length_utf16_is_refused()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "facts.json");
        var enc = new UnicodeEncoding(false, true);
        File.WriteAllBytes(path, [.. enc.GetPreamble(), .. enc.GetBytes(FactsTestFiles.Snapshot), 0x41]);
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("UTF-16 LE", e.Message);
    }

    [Fact]
    public void A_file_over_the_size_cap_is_refused_before_reading()
    {
        var path = FactsTestFiles.WriteSnapshot(FactsTestFiles.Snapshot);
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path, maxBytes: 100));
        Assert.Contains("more than the 100", e.Message);
        Assert.Equal(512L * 1024 * 1024, FactsReader.MaxBytes);
    }
}
