using CklGen.Evaluation;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Facts;

/// <summary>Section 5 of the facts contract: single-value outputs, host paths, versions, ACLs, Windows enums.</summary>
public class WindowsFactsTests
{
    static FactsSnapshot Read(string json) => FactsReader.Read(FactsTestFiles.WriteSnapshot(json));

    [Theory]
    [InlineData("""["RemoteSigned"]""", "RemoteSigned")]
    [InlineData("""[1]""", "1")]
    public void A_command_that_returns_one_value_reads_as_an_object_with_Value(string output, string expected)
    {
        var facts = Read(FactsTestFiles.SnapshotWith($$"""{ "Get-ExecutionPolicy": {{output}} }"""));
        var obj = Assert.Single(facts.Lookup("Get-ExecutionPolicy").Output!.Objects);
        Assert.Equal(expected, obj.Get(FactsReader.ValueProperty)!.ToString());
        Assert.Equal("RemoteSigned", ValueForms.Enum(obj.Get("Value"), WindowsEnums.ExecutionPolicy).Value);
    }

    [Fact]
    public void Values_and_objects_mixed_are_refused()
    {
        var path = FactsTestFiles.WriteSnapshot(FactsTestFiles.SnapshotWith("""{ "Get-ExecutionPolicy": [ "RemoteSigned", { "A": 1 } ] }"""));
        var e = Assert.Throws<InputException>(() => FactsReader.Read(path));
        Assert.Contains("Get-ExecutionPolicy[1]", e.Message);
    }

    [Fact]
    public void Host_paths_are_read()
    {
        var facts = Read("""{ "cklgenFacts": 1, "host": { "name": "H", "systemDrive": "C:", "exchangeInstallPath": "D:\\Exchange\\V15\\" }, "commands": { "Get-X": [] } }""");
        Assert.Equal("C:", facts.Host.SystemDrive);
        Assert.Equal("D:\\Exchange\\V15\\", facts.Host.ExchangeInstallPath);
    }

    [Theory]
    [InlineData("\"Version 15.2 (Build 1544.4)\"", "15.2.1544.4")]
    [InlineData("\"15.2.1544.4\"", "15.2.1544.4")]
    [InlineData("\"15.02.1544.004\"", "15.2.1544.4")]
    [InlineData("""{ "Major": 15, "Minor": 1, "Build": 2507, "Revision": 6 }""", "15.1.2507.6")]
    public void Versions(string json, string expected) =>
        Assert.Equal(Version.Parse(expected), ValueForms.Version(JToken.Parse(json)).Value);

    [Theory]
    [InlineData("\"CU14\"")]
    [InlineData("15")]
    [InlineData("\"Version 15.2\"")]
    public void Not_versions(string json) => Assert.False(ValueForms.Version(JToken.Parse(json)).Ok);

    [Fact]
    public void Versions_compare_by_number()
    {
        var installed = ValueForms.Version(new JValue("Version 15.2 (Build 986.5)")).Value!;
        Assert.True(Predicates.Test("atLeast", ValueKind.Version, installed, ValueForms.Version(new JValue("15.2.986.5")).Value!));
        Assert.False(Predicates.Test("atLeast", ValueKind.Version, installed, ValueForms.Version(new JValue("15.2.1544.4")).Value!));
        Assert.True(Predicates.Test("oneOf", ValueKind.Version, installed, (IReadOnlyList<string>)["15.2.1544.4", "Version 15.2 (Build 986.5)"]));
        Assert.False(Predicates.Test("oneOf", ValueKind.Version, installed, (IReadOnlyList<string>)["15.2.1544.4"]));
    }

    const string Access = """
        [ { "IdentityReference": "BUILTIN\\Administrators", "FileSystemRights": "FullControl", "AccessControlType": "Allow", "IsInherited": false },
          { "IdentityReference": { "Value": "CORP\\Auditors" }, "FileSystemRights": 131209, "AccessControlType": 0, "IsInherited": true },
          { "IdentityReference": "CREATOR OWNER", "FileSystemRights": 268435456, "AccessControlType": "Allow", "IsInherited": false },
          { "IdentityReference": "CORP\\Guests", "FileSystemRights": "Delete", "AccessControlType": "Deny", "IsInherited": false } ]
        """;

    [Fact]
    public void An_access_list_in_every_form_reads_as_rights()
    {
        var acl = ValueForms.Acl(JToken.Parse(Access));
        Assert.True(acl.Ok, acl.Problem);
        Assert.Equal(4, acl.Value!.Count);
        Assert.Equal(0x1F01FF, acl.Value[0].Rights);
        Assert.Equal("CORP\\Auditors", acl.Value[1].Identity);
        Assert.Equal(0x1F01FF, acl.Value[2].Rights); // GENERIC_ALL
        Assert.False(acl.Value[3].Allow);
        Assert.Contains("CORP\\Auditors: Read (Allow, inherited)", Predicates.Show(acl.Value));
    }

    [Fact]
    public void Read_modify_and_delete_holders()
    {
        var acl = ValueForms.Acl(JToken.Parse(Access)).Value!;
        IReadOnlyList<string> admins = ["BUILTIN\\Administrators", "CREATOR OWNER"];
        Assert.False(Predicates.Test("readOnlyBy", ValueKind.Acl, acl, admins)); // auditors read
        Assert.True(Predicates.Test("readOnlyBy", ValueKind.Acl, acl, (IReadOnlyList<string>)[.. admins, "corp\\auditors"]));
        Assert.True(Predicates.Test("modifyOnlyBy", ValueKind.Acl, acl, admins)); // Read grants no modify
        Assert.True(Predicates.Test("deleteOnlyBy", ValueKind.Acl, acl, admins)); // a Deny grants nothing
    }

    [Theory]
    [InlineData("""[ { "IdentityReference": "X", "FileSystemRights": "Frobnicate", "AccessControlType": "Allow" } ]""")]
    [InlineData("""[ { "IdentityReference": "X", "FileSystemRights": 4194304, "AccessControlType": "Allow" } ]""")]
    [InlineData("""[ { "IdentityReference": "X", "FileSystemRights": "Read", "AccessControlType": "Maybe" } ]""")]
    [InlineData("""[ { "FileSystemRights": "Read", "AccessControlType": "Allow" } ]""")]
    [InlineData("\"BUILTIN\\\\Administrators Allow FullControl\"")]
    public void An_access_list_that_cannot_be_read_for_certain_is_not_read(string json) =>
        Assert.False(ValueForms.Acl(JToken.Parse(json)).Ok);

    [Fact]
    public void A_wrapped_or_single_entry_access_list_reads()
    {
        Assert.Single(ValueForms.Acl(JToken.Parse("""{ "value": [ { "IdentityReference": "X", "FileSystemRights": "Read", "AccessControlType": "Allow" } ], "Count": 1 }""")).Value!);
        Assert.Single(ValueForms.Acl(JToken.Parse("""{ "IdentityReference": "X", "FileSystemRights": "Read, Synchronize", "AccessControlType": "Allow" }""")).Value!);
    }

    [Theory]
    [InlineData("ServiceStartType", 4, "Disabled")]
    [InlineData("ServiceStartType", 2, "Automatic")]
    [InlineData("ServiceStatus", 4, "Running")]
    [InlineData("ServiceStatus", 1, "Stopped")]
    [InlineData("ExecutionPolicy", 1, "RemoteSigned")]
    [InlineData("ExecutionPolicy", 3, "Restricted")]
    public void Windows_enum_integers(string name, long value, string expected) =>
        Assert.Equal(expected, ValueForms.Enum(new JValue(value), KnownEnums.Get(name)).Value);

    [Fact]
    public void An_integer_outside_the_enum_is_not_read() =>
        Assert.False(ValueForms.Enum(new JValue(9), KnownEnums.Get("ServiceStartType")).Ok);
}
