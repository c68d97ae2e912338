using System.Text;
using CklGen.Facts;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Facts;

public class CliXmlReaderTests
{
    static string Fixture => Path.Combine(FactsTestFiles.FixturesDir, "Get-ReceiveConnector.xml");

    const string Head = """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">""";

    static IReadOnlyList<JObject> ReadXml(string body)
    {
        var path = FactsTestFiles.WriteUtf8(TestPaths.NewTempDir(), "Get-Thing.xml", Head + body + "</Objs>");
        return CliXmlReader.Read(path, "Get-Thing");
    }

    [Fact]
    public void The_receive_connector_export_translates_to_contract_forms()
    {
        var objs = CliXmlReader.Read(Fixture, "Get-ReceiveConnector");
        Assert.Equal(2, objs.Count);
        var o = objs[0];
        Assert.Equal("Default Frontend EXMBX01", (string?)o["Name"]);
        Assert.Equal("Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer", (string?)o["AuthMechanism"]);
        Assert.Equal("AnonymousUsers, ExchangeServers, ExchangeLegacyServers", (string?)o["PermissionGroups"]);
        Assert.Equal("Verbose", (string?)o["ProtocolLoggingLevel"]);
        Assert.Equal(JTokenType.Null, o["Banner"]!.Type);
        Assert.Equal(new JArray("[::]:25", "0.0.0.0:25"), o["Bindings"]);
        Assert.Equal("Default receive connector\r\nDo not change", (string?)o["Comment"]);
        Assert.Equal("00:05:00", (string?)o["ConnectionInactivityTimeout"]);
        Assert.Equal("PT10M", (string?)o["ConnectionTimeout"]);
        Assert.Equal(true, (bool?)o["Enabled"]);
        Assert.Equal("5000", (string?)o["MaxInboundConnection"]);
        Assert.Equal("Unlimited", (string?)o["MaxInboundConnectionPerSource"]);
        Assert.Equal("36 MB (37,748,736 bytes)", (string?)o["MaxMessageSize"]);
        Assert.Equal(200L, (long?)o["MaxRecipientsPerMessage"]);
        Assert.Equal("2026-10-30T09:12:44-05:00", (string?)o["WhenChanged"]);
        Assert.Equal("exmbx01.corp.example.mil", (string?)o["PSComputerName"]);
    }

    [Fact]
    public void TNRef_and_Ref_resolve_to_earlier_definitions()
    {
        var second = CliXmlReader.Read(Fixture)[1];
        Assert.Equal("ExchangeUsers", (string?)second["PermissionGroups"]);       // enum through <TNRef>
        Assert.Equal("None", (string?)second["ProtocolLoggingLevel"]);
        Assert.Equal("36 MB (37,748,736 bytes)", (string?)second["MaxMessageSize"]); // size type through <TNRef>
        Assert.Equal(new JArray("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"), second["RemoteIPRanges"]); // <Ref>
    }

    [Fact]
    public void The_translated_values_read_with_the_value_forms()
    {
        var o = CliXmlReader.Read(Fixture)[0];
        Assert.Equal(37_748_736, ValueForms.Size(o["MaxMessageSize"]).Value.Bytes);
        Assert.Equal(TimeSpan.FromMinutes(10), ValueForms.TimeSpan(o["ConnectionTimeout"]).Value);
        Assert.Equal(TimeSpan.FromMinutes(5), ValueForms.TimeSpan(o["ConnectionInactivityTimeout"]).Value);
        Assert.True(ValueForms.Count(o["MaxInboundConnectionPerSource"]).Value.Unlimited);
        Assert.Equal(["AnonymousUsers", "ExchangeServers", "ExchangeLegacyServers"], ValueForms.Flags(o["PermissionGroups"], ExchangeEnums.PermissionGroups).Value);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 14, 12, 44, TimeSpan.Zero), ValueForms.Date(o["WhenChanged"]).Value);
    }

    [Fact]
    public void A_utf16_export_as_PowerShell_51_writes_it_reads_the_same()
    {
        var path = FactsTestFiles.Write(TestPaths.NewTempDir(), "Get-ReceiveConnector.xml", File.ReadAllText(Fixture), new UnicodeEncoding(false, true));
        Assert.True(JToken.DeepEquals(new JArray(CliXmlReader.Read(Fixture)), new JArray(CliXmlReader.Read(path))));
    }

    [Fact]
    public void A_live_enum_and_primitives_translate()
    {
        var o = Assert.Single(ReadXml("""
            <Obj RefId="0"><TN RefId="0"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T><T>System.Object</T></TN>
              <ToString>Outbound</ToString>
              <Props>
                <Obj N="TlsAuthLevel" RefId="1"><TN RefId="1"><T>Microsoft.Exchange.Data.TlsAuthLevel</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>DomainValidation</ToString><I32>4</I32></Obj>
                <I64 N="Big">9000000000</I64><U32 N="U">7</U32><Db N="D">1.5</Db><C N="Ch">65</C>
                <Obj N="Dict" RefId="2"><TN RefId="2"><T>System.Collections.Hashtable</T><T>System.Object</T></TN>
                  <DCT><En><S N="Key">a</S><I32 N="Value">1</I32></En></DCT></Obj>
                <Obj N="Empty" RefId="3"><TN RefId="3"><T>System.Object</T></TN></Obj>
                <Obj N="Stack" RefId="4"><TN RefId="4"><T>System.Collections.Stack</T></TN><STK><S>x</S></STK></Obj>
              </Props>
            </Obj>
            """));
        Assert.Equal("DomainValidation", (string?)o["TlsAuthLevel"]);
        Assert.Equal(9_000_000_000L, (long?)o["Big"]);
        Assert.Equal(7L, (long?)o["U"]);
        Assert.Equal(1.5, (double?)o["D"]);
        Assert.Equal("A", (string?)o["Ch"]);
        Assert.Equal(1L, (long?)o["Dict"]!["a"]);
        Assert.Equal(new JObject(), o["Empty"]);
        Assert.Equal(new JArray("x"), o["Stack"]);
    }

    [Fact]
    public void An_underscore_that_is_not_an_escape_stays()
    {
        var o = Assert.Single(ReadXml("""<Obj RefId="0"><MS><S N="A_B">x_y_x005F_x0041_</S></MS></Obj>"""));
        Assert.Equal("x_y_x0041_", (string?)o["A_B"]);
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var path = FactsTestFiles.WriteUtf8(TestPaths.NewTempDir(), "Get-Thing.xml",
            """<?xml version="1.0"?><!DOCTYPE Objs [<!ENTITY x "boom">]>""" + Head + "<S>&x;</S></Objs>");
        var e = Assert.Throws<InputException>(() => CliXmlReader.Read(path));
        Assert.Contains("DTD", e.Message);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void An_unknown_element_is_an_error_naming_the_property()
    {
        var e = Assert.Throws<InputException>(() => ReadXml("""<Obj RefId="0"><Props><S N="Name">x</S><Weird N="Odd">1</Weird></Props></Obj>"""));
        Assert.Equal("Get-Thing[0].Odd", e.Field);
        Assert.Contains("unknown CLIXML element <Weird>", e.Message);
    }

    [Theory]
    [InlineData("""<B N="Enabled">yes</B>""", "Get-Thing[0].Enabled")]
    [InlineData("""<I32 N="Count">12abc</I32>""", "Get-Thing[0].Count")]
    [InlineData("""<TS N="Timeout">10 minutes</TS>""", "Get-Thing[0].Timeout")]
    [InlineData("""<Ref N="Other" RefId="99" />""", "Get-Thing[0].Other")]
    [InlineData("""<Obj N="E" RefId="5"><TN RefId="5"><T>X</T><T>System.Enum</T></TN><I32>3</I32></Obj>""", "Get-Thing[0].E")]
    public void A_malformed_value_is_an_error_naming_the_property(string member, string field)
    {
        var e = Assert.Throws<InputException>(() => ReadXml($"""<Obj RefId="0"><Props>{member}</Props></Obj>"""));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_top_level_value_that_is_not_an_object_is_refused()
    {
        var e = Assert.Throws<InputException>(() => ReadXml("<S>just text</S>"));
        Assert.Equal("Get-Thing[0]", e.Field);
    }

    [Fact]
    public void Another_xml_document_is_refused()
    {
        var path = FactsTestFiles.WriteUtf8(TestPaths.NewTempDir(), "Get-Thing.xml", "<Objs><Obj/></Objs>");
        Assert.Contains("not a PowerShell CLIXML export", Assert.Throws<InputException>(() => CliXmlReader.Read(path)).Message);
    }
}
