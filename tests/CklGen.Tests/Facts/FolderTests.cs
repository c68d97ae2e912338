using System.Text;
using CklGen.Facts;
using CklGen.Tests.Support;

namespace CklGen.Tests.Facts;

/// <summary>Hand-made exports: one file per command in a folder (docs/facts-format.md section 2).</summary>
public class FolderTests
{
    static string NewFolder(string name = "EXHOST")
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    const string SendConnectors = """
        [
            {
                "Name":  "Outbound",
                "Identity":  "Outbound",
                "TlsAuthLevel":  4,
                "MaxMessageSize":  { "IsUnlimited":  false, "Value":  "35 MB (36,700,160 bytes)" }
            }
        ]
        """;

    [Fact]
    public void A_folder_with_json_clixml_argument_file_and_host_json()
    {
        var dir = NewFolder();
        FactsTestFiles.Write(dir, "Get-SendConnector.json", SendConnectors, new UnicodeEncoding(false, true)); // Out-File's default
        File.Copy(Path.Combine(FactsTestFiles.FixturesDir, "Get-ReceiveConnector.xml"), Path.Combine(dir, "Get-ReceiveConnector.xml"));
        FactsTestFiles.WriteUtf8(dir, "Get-EventLogLevel__MSExchangeTransport_SmtpReceive.json",
            """{ "Identity": "MSExchangeTransport\\SmtpReceive", "EventLevel": "Lowest" }""");
        FactsTestFiles.WriteUtf8(dir, "Get-TransportConfig.json", """{ "value": [ { "MaxRecipientEnvelopeLimit": 5000 } ], "Count": 1 }""");
        FactsTestFiles.WriteUtf8(dir, "Get-EdgeSubscription.json", "[]");
        FactsTestFiles.WriteUtf8(dir, "host.json", """
            { "host": { "name": "EXMBX01", "fqdn": "exmbx01.corp.example.mil", "ip": ["10.10.1.21"], "mac": "00-15-5D-0A-01-15", "role": "Member Server" },
              "exchange": { "version": "Version 15.2 (Build 1544.4)", "serverRole": "Mailbox" } }
            """);
        FactsTestFiles.WriteUtf8(dir, "README.txt", "notes");
        FactsTestFiles.WriteUtf8(dir, "notes.json", "this is not JSON and is not a command export");

        var s = FactsReader.Read(dir);

        Assert.Equal(dir, s.SourcePath);
        Assert.Equal("EXMBX01", s.Host.Name);
        Assert.Equal(["00-15-5D-0A-01-15"], s.Host.Mac);
        Assert.Equal("Mailbox", s.ServerRole);
        Assert.Equal(5, s.Commands.Count);
        Assert.Empty(s.Errors);

        var send = s.Lookup("Get-SendConnector").Output!;
        Assert.Equal(Path.Combine(dir, "Get-SendConnector.json"), send.SourceFile);
        Assert.Equal("DomainValidation", ValueForms.Enum(send.Objects[0].Get("TlsAuthLevel"), ExchangeEnums.TlsAuthLevel).Value);

        var receive = s.Lookup("Get-ReceiveConnector").Output!;
        Assert.Equal(2, receive.Objects.Count);
        Assert.Equal("Client Frontend EXMBX01", receive.Objects[1].DisplayName);

        var log = s.Lookup("Get-EventLogLevel -Identity 'MSExchangeTransport\\SmtpReceive'");
        Assert.Equal(CommandState.Collected, log.State);
        Assert.Equal("Lowest", (string?)log.Output!.Objects.Single().Get("EventLevel"));

        Assert.Equal(5000, ValueForms.Count(s.Lookup("Get-TransportConfig").Output!.Objects.Single().Get("MaxRecipientEnvelopeLimit")).Value.Value);
        Assert.Empty(s.Lookup("Get-EdgeSubscription").Output!.Objects);
        Assert.Equal(CommandState.Absent, s.Lookup("Get-SenderIdConfig").State);
    }

    [Fact]
    public void Without_host_json_the_host_comes_from_the_output()
    {
        var dir = NewFolder("some-folder");
        File.Copy(Path.Combine(FactsTestFiles.FixturesDir, "Get-ReceiveConnector.xml"), Path.Combine(dir, "Get-ReceiveConnector.xml"));
        Assert.Equal("EXMBX01", FactsReader.Read(dir).Host.Name);
    }

    [Fact]
    public void Get_ExchangeServer_gives_name_version_and_role()
    {
        var dir = NewFolder("some-folder");
        FactsTestFiles.WriteUtf8(dir, "Get-ExchangeServer.json",
            """{ "Name": "EXEDGE01", "Fqdn": "exedge01.dmz.example.mil", "AdminDisplayVersion": "Version 15.2 (Build 1544.4)", "ServerRole": "Edge" }""");
        var s = FactsReader.Read(dir);
        Assert.Equal("EXEDGE01", s.Host.Name);
        Assert.Equal("exedge01.dmz.example.mil", s.Host.Fqdn);
        Assert.Equal("Version 15.2 (Build 1544.4)", s.ExchangeVersion);
        Assert.Equal("Edge", s.ServerRole);
    }

    [Fact]
    public void Otherwise_the_host_is_the_folder_name()
    {
        var dir = NewFolder("EXHUB02");
        FactsTestFiles.WriteUtf8(dir, "Get-TransportConfig.json", """{ "MaxSendSize": "10 MB (10,485,760 bytes)" }""");
        FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.json", """[ { "Name": "A", "Server": "X1" }, { "Name": "B", "Server": "X2" } ]""");
        Assert.Equal("EXHUB02", FactsReader.Read(dir).Host.Name);
    }

    [Theory]
    [InlineData("Get-SendConnector.json", "")]
    [InlineData("Get-SendConnector.json", "\r\n")]
    [InlineData("Get-SendConnector.json", "null")]
    [InlineData("Get-SendConnector.xml", """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"></Objs>""")]
    public void An_export_that_holds_nothing_is_failed_not_collected(string name, string content)
    {
        var dir = NewFolder();
        FactsTestFiles.Write(dir, name, content, new UTF8Encoding(true));
        var r = FactsReader.Read(dir).Lookup("Get-SendConnector");
        Assert.Equal(CommandState.Failed, r.State);
        Assert.Contains(name, r.Error);
        Assert.Contains("[]", r.Error);
    }

    [Fact]
    public void An_unreadable_command_file_is_an_error_naming_it()
    {
        var dir = NewFolder();
        FactsTestFiles.WriteUtf8(dir, "Get-TransportConfig.json", "[]");
        var bad = FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.json", "Name : Outbound\r\nTlsAuthLevel : DomainValidation");
        var e = Assert.Throws<InputException>(() => FactsReader.Read(dir));
        Assert.Equal(bad, e.File);
    }

    [Fact]
    public void A_broken_clixml_file_is_an_error_naming_it()
    {
        var dir = NewFolder();
        var bad = FactsTestFiles.WriteUtf8(dir, "Get-ReceiveConnector.xml", """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0">""");
        var e = Assert.Throws<InputException>(() => FactsReader.Read(dir));
        Assert.Equal(bad, e.File);
    }

    [Fact]
    public void The_same_command_in_json_and_xml_is_refused()
    {
        var dir = NewFolder();
        FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.json", "[]");
        FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.xml", """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"/>""");
        Assert.Contains("same command", Assert.Throws<InputException>(() => FactsReader.Read(dir)).Message);
    }

    [Fact]
    public void A_folder_without_command_exports_names_no_commands()
    {
        var dir = NewFolder();
        FactsTestFiles.WriteUtf8(dir, "README.txt", "x");
        Assert.Contains("names no commands", Assert.Throws<InputException>(() => FactsReader.Read(dir)).Message);
    }

    [Fact]
    public void A_host_json_of_another_shape_is_refused()
    {
        var dir = NewFolder();
        FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.json", "[]");
        var host = FactsTestFiles.WriteUtf8(dir, "host.json", """{ "name": "EX01" }""");
        Assert.Equal(host, Assert.Throws<InputException>(() => FactsReader.Read(dir)).File);
    }

    [Fact]
    public void Reading_a_folder_changes_nothing_in_it()
    {
        var dir = NewFolder();
        FactsTestFiles.WriteUtf8(dir, "Get-SendConnector.json", SendConnectors);
        File.Copy(Path.Combine(FactsTestFiles.FixturesDir, "Get-ReceiveConnector.xml"), Path.Combine(dir, "Get-ReceiveConnector.xml"));
        string Snapshot() => string.Join("|", Directory.EnumerateFiles(dir).Order().Select(f => f + ":" + Convert.ToHexString(File.ReadAllBytes(f))));
        var before = Snapshot();
        FactsReader.Read(dir);
        Assert.Equal(before, Snapshot());
    }
}
