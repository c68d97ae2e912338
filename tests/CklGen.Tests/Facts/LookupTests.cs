using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Facts;

public class LookupTests
{
    static FactsSnapshot With(params string[] keys) => new()
    {
        SourcePath = "x",
        Commands = keys.ToDictionary(k => k, k => new CommandOutput { Command = k, SourceFile = "x", Objects = [new FactObject(new Dictionary<string, JToken?> { ["Name"] = k })] },
            StringComparer.OrdinalIgnoreCase),
    };

    [Theory]
    [InlineData("Get-EventLogLevel -Identity 'MSExchangeTransport\\SmtpReceive'")]
    [InlineData("get-eventloglevel   -Identity \"MSExchangeTransport\\SmtpReceive\"")]
    [InlineData("Get-EventLogLevel MSExchangeTransport\\SmtpReceive")]
    public void A_folder_key_with_arguments_matches_the_rule_key(string query)
    {
        var s = With("Get-EventLogLevel__MSExchangeTransport_SmtpReceive");
        Assert.Equal(CommandState.Collected, s.Lookup(query).State);
    }

    [Fact]
    public void Different_argument_words_do_not_match()
    {
        var s = With("Get-EventLogLevel__MSExchangeTransport_SmtpSend");
        Assert.Equal(CommandState.Absent, s.Lookup("Get-EventLogLevel -Identity 'MSExchangeTransport\\SmtpReceive'").State);
        Assert.Equal(CommandState.Absent, s.Lookup("Get-EventLogLevel").State);
    }

    [Fact]
    public void Parameter_names_count_when_both_keys_give_them()
    {
        var s = With("Get-Mailbox", "Get-Thing -Server A");
        Assert.Equal(CommandState.Absent, s.Lookup("Get-Mailbox -Arbitration").State);
        Assert.Equal(CommandState.Absent, s.Lookup("Get-Thing -Identity A").State);
        Assert.Equal(CommandState.Collected, s.Lookup("Get-Thing -server:'A'").State);
    }

    [Fact]
    public void A_file_name_may_give_parameter_names_with_a_dash()
    {
        var s = With("Get-Thing__-Server_A");
        Assert.Equal(CommandState.Collected, s.Lookup("Get-Thing -Server A").State);
        Assert.Equal(CommandState.Absent, s.Lookup("Get-Thing -Identity A").State);
    }

    [Fact]
    public void Several_loose_matches_are_reported_not_picked()
    {
        var s = With("Get-Thing -Server A", "Get-Thing -Identity A");
        var r = s.Lookup("Get-Thing__A");
        Assert.Equal(CommandState.Failed, r.State);
        Assert.Contains("ambiguous", r.Error);
    }

    [Fact]
    public void An_exact_key_wins_over_loose_matches()
    {
        var s = With("Get-Thing A", "Get-Thing__A");
        var r = s.Lookup("get-thing  a");
        Assert.Equal("Get-Thing A", r.Output!.Command);
    }

    [Fact]
    public void Words_inside_quotes_are_not_parameters()
    {
        var k = CommandKey.Parse("Get-Recipient -Filter \"Name -eq 'x'\"");
        Assert.Equal(["filter"], k.Parameters);
        Assert.Equal(["name", "eq", "x"], k.Words);
    }
}
