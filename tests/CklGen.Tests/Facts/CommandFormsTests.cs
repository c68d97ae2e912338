using CklGen.Facts;

namespace CklGen.Tests.Facts;

/// <summary>The forms a command's output takes in the canonical snapshot, and the three states.</summary>
public class CommandFormsTests
{
    static FactsSnapshot Read(string commands, string? errors = null) =>
        FactsReader.Read(FactsTestFiles.WriteSnapshot(FactsTestFiles.SnapshotWith(commands, errors)));

    [Fact]
    public void An_array_of_objects_is_the_list()
    {
        var s = Read("""{ "Get-SendConnector": [ { "Name": "A" }, { "Name": "B" } ] }""");
        Assert.Equal(["A", "B"], s.Lookup("Get-SendConnector").Output!.Objects.Select(o => o.DisplayName));
    }

    [Fact]
    public void A_single_object_is_one_returned_object()
    {
        var s = Read("""{ "Get-TransportConfig": { "MaxRecipientEnvelopeLimit": "5000", "Name": "Transport Settings" } }""");
        var o = Assert.Single(s.Lookup("Get-TransportConfig").Output!.Objects);
        Assert.Equal("5000", (string?)o.Get("MaxRecipientEnvelopeLimit"));
    }

    [Fact]
    public void A_wrapped_array_is_the_array()
    {
        var s = Read("""{ "Get-SendConnector": { "value": [ { "Name": "A" }, { "Name": "B" } ], "Count": 2 } }""");
        Assert.Equal(2, s.Lookup("Get-SendConnector").Output!.Objects.Count);
    }

    [Fact]
    public void A_wrapped_array_whose_count_disagrees_is_refused()
    {
        var e = Assert.Throws<InputException>(() => Read("""{ "Get-SendConnector": { "value": [ { "Name": "A" } ], "Count": 2 } }"""));
        Assert.Equal("Get-SendConnector", e.Field);
    }

    [Fact]
    public void An_object_with_a_value_property_and_others_is_an_object_not_a_wrapper()
    {
        var s = Read("""{ "Get-Thing": { "value": [1, 2], "Name": "X" } }""");
        Assert.Equal("X", Assert.Single(s.Lookup("Get-Thing").Output!.Objects).DisplayName);
    }

    [Fact]
    public void Collected_none_failed_and_absent_stay_distinct()
    {
        var s = Read("""{ "Get-EdgeSubscription": [], "Get-SendConnector": [ { "Name": "A" } ] }""",
                     """{ "Get-SenderIdConfig": "The term 'Get-SenderIdConfig' is not recognized" }""");

        var none = s.Lookup("get-edgesubscription");
        Assert.Equal(CommandState.Collected, none.State);
        Assert.Empty(none.Output!.Objects);

        var failed = s.Lookup("Get-SenderIdConfig");
        Assert.Equal(CommandState.Failed, failed.State);
        Assert.Null(failed.Output);
        Assert.Contains("not recognized", failed.Error);

        var absent = s.Lookup("Get-ContentFilterConfig");
        Assert.Equal(CommandState.Absent, absent.State);
        Assert.Null(absent.Output);
        Assert.Null(absent.Error);
    }

    [Fact]
    public void A_command_both_collected_and_failed_failed_part_way_and_decides_nothing()
    {
        var facts = Read("""{ "Get-SendConnector": [ { "Name": "A" } ], "Get-ReceiveConnector": [] }""", """{ "Get-SendConnector": "boom" }""");
        var send = facts.Lookup("Get-SendConnector");
        Assert.Equal(CommandState.Failed, send.State);
        Assert.Contains("failed part way (boom)", send.Error);
        Assert.Equal(CommandState.Collected, facts.Lookup("Get-ReceiveConnector").State);
    }

    [Fact]
    public void Two_keys_for_the_same_command_are_refused()
    {
        var e = Assert.Throws<InputException>(() =>
            Read("""{ "Get-EventLogLevel -Identity 'A\\B'": [], "Get-EventLogLevel  -identity \"a\\b\"": [] }"""));
        Assert.Contains("name the same command", e.Message);
    }

    [Fact]
    public void Property_names_differing_only_in_case_with_different_values_are_refused()
    {
        var e = Assert.Throws<InputException>(() => Read("""{ "Get-SendConnector": [ { "Name": "A", "name": "B" } ] }"""));
        Assert.Equal("Get-SendConnector[0].name", e.Field);
    }

    [Fact]
    public void Values_are_kept_in_the_form_they_arrived_in()
    {
        var s = Read("""{ "Get-ReceiveConnector": [ { "PermissionGroups": 13, "Enabled": "True", "MaxMessageSize": { "IsUnlimited": false, "Value": "10 MB (10,485,760 bytes)" } } ] }""");
        var o = s.Lookup("Get-ReceiveConnector").Output!.Objects[0];
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Integer, o.Get("PermissionGroups")!.Type);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.String, o.Get("Enabled")!.Type);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Object, o.Get("MaxMessageSize")!.Type);
        Assert.Null(o.Get("Banner"));
    }
}
