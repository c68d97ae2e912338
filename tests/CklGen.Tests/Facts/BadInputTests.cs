using CklGen.Facts;
using CklGen.Tests.Support;

namespace CklGen.Tests.Facts;

/// <summary>Input that cannot be read for certain is an InputException naming the file, command and property.</summary>
public class BadInputTests
{
    static InputException Refused(string json)
    {
        var path = FactsTestFiles.WriteSnapshot(json);
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Equal(path, e.File);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        return e;
    }

    [Fact]
    public void Not_json() => Assert.Contains("not valid JSON", Refused("cklgenFacts: 1").Message);

    [Fact]
    public void Truncated_json() => Assert.Contains("not valid JSON", Refused("""{ "cklgenFacts": 1, "commands": { "Get-SendConnector": [ """).Message);

    [Fact]
    public void Trailing_content() => Assert.Contains("not valid JSON", Refused("""{ "cklgenFacts": 1, "commands": { "Get-X": [] } } {}""").Message);

    [Fact]
    public void Not_an_object() => Assert.Contains("not an object", Refused("[1, 2]").Message);

    [Fact]
    public void Version_missing() => Assert.Equal("cklgenFacts", Refused("""{ "commands": { "Get-X": [] } }""").Field);

    [Fact]
    public void Version_unsupported()
    {
        var e = Refused("""{ "cklgenFacts": 2, "commands": { "Get-X": [] } }""");
        Assert.Contains("unsupported format version 2", e.Message);
    }

    [Fact]
    public void Version_not_a_number() => Assert.Equal("cklgenFacts", Refused("""{ "cklgenFacts": "1", "commands": { "Get-X": [] } }""").Field);

    [Fact]
    public void No_commands() => Assert.Contains("names no commands", Refused("""{ "cklgenFacts": 1 }""").Message);

    [Fact]
    public void Empty_commands() => Assert.Contains("names no commands", Refused("""{ "cklgenFacts": 1, "commands": {} }""").Message);

    [Fact]
    public void Commands_not_an_object() => Assert.Equal("commands", Refused("""{ "cklgenFacts": 1, "commands": [] }""").Field);

    [Theory]
    [InlineData("\"Outbound\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    public void A_command_value_of_an_impossible_form(string value, string kind)
    {
        var e = Refused(FactsTestFiles.SnapshotWith($$"""{ "Get-SendConnector": {{value}} }"""));
        Assert.Equal("Get-SendConnector", e.Field);
        Assert.Contains(kind, e.Message);
    }

    [Fact]
    public void A_returned_object_that_is_not_an_object()
    {
        var e = Refused(FactsTestFiles.SnapshotWith("""{ "Get-SendConnector": [ { "Name": "A" }, "B" ] }"""));
        Assert.Equal("Get-SendConnector[1]", e.Field);
        Assert.Contains("Get-SendConnector[1]: is a string", e.Message);
    }

    [Fact]
    public void An_error_that_is_not_text() =>
        Assert.Equal("errors.Get-X", Refused(FactsTestFiles.SnapshotWith("""{ "Get-Y": [] }""", """{ "Get-X": { "Message": "m" } }""")).Field);

    [Theory]
    [InlineData("""{ "name": 5 }""", "host.name")]
    [InlineData("""{ "ip": 10 }""", "host.ip")]
    [InlineData("""{ "mac": [1] }""", "host.mac")]
    public void A_host_field_of_an_impossible_form(string host, string field) =>
        Assert.Equal(field, Refused($$"""{ "cklgenFacts": 1, "host": {{host}}, "commands": { "Get-X": [] } }""").Field);

    [Fact]
    public void A_server_role_given_as_a_number() =>
        Assert.Equal("exchange.serverRole", Refused("""{ "cklgenFacts": 1, "exchange": { "serverRole": 16 }, "commands": { "Get-X": [] } }""").Field);

    [Fact]
    public void A_missing_path()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "nope.json");
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("not found", e.Message);
    }
}
