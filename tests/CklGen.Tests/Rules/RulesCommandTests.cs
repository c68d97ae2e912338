using CklGen.Cli;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Rules;

public class RulesCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Cli.Cli.Run(args, new CliContext(o, e));
        return (code, o.ToString(), e.ToString());
    }

    static string[] Show(string id, params string[] more) =>
        ["rules", "show", id, "--benchmarks", TestPaths.SharedBenchmarks, "--cci", TestPaths.SharedCci, .. more];

    [Theory]
    [InlineData("V-221202")]
    [InlineData("SV-221202")]
    [InlineData("SV-221202r960735_rule")]
    [InlineData("EX16-ED-000010")]
    [InlineData("V-80485")]
    [InlineData("SV-95195")]
    public void Shows_a_rule_by_each_kind_of_id(string id)
    {
        var (code, output, _) = Run(Show(id));
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("V-221202  CAT II (medium)  EX16-ED-000010\nExchange must limit the Receive connector timeout.", output);
        Assert.Contains("STIG:         Microsoft Exchange 2016 Edge Transport Server Security Technical Implementation Guide V2R6", output);
        Assert.Contains("CCI-000054  AC-10 (800-53 rev 5: AC-10)", output);
        Assert.Contains("\nDiscussion\n", output);
        Assert.Contains("\nCheck\n", output);
        Assert.Contains("\nFix\n", output);
    }

    [Fact]
    public void Says_which_releases_carry_each_revision()
    {
        var (_, output, _) = Run(Show("V-221202"));
        Assert.Contains("Rule ID:      SV-221202r960735_rule", output);
        Assert.Contains("Same rule in: V2R4, V2R3, V2R2", output);
        Assert.Contains("Rule ID:      SV-221202r612603_rule", output);
        Assert.Equal(3, output.Split("\nDiscussion\n").Length - 1); // r960735 (V2R6), r879511 (V2R5), r612603 (V2R4..V2R2)
    }

    [Fact]
    public void A_revision_narrows_to_the_releases_that_carry_it()
    {
        var (code, output, _) = Run(Show("SV-221202r612603_rule", "--json"));
        Assert.Equal(ExitCodes.Success, code);
        var hit = Assert.Single(JArray.Parse(output));
        Assert.Equal(["V2R4", "V2R3", "V2R2"], hit["releases"]!.Select(r => (string)r!));
        Assert.Equal("AC-10", (string?)hit["ccis"]![0]!["controls"]![0]!["control"]);
        Assert.Equal("CAT II", (string?)hit["cat"]);
    }

    [Fact]
    public void A_2010_rule_shows_its_DIACAP_IA_controls()
    {
        var (code, output, _) = Run(Show("Exch-2-710"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("V-33564  CAT III (low)  Exch-2-710", output);
        Assert.Contains("IA controls:  ECSC-1 (DIACAP; this benchmark has no CCIs)", output);
    }

    [Fact]
    public void An_unknown_id_exits_1()
    {
        var (code, output, err) = Run(Show("V-1"));
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Equal("", output);
        Assert.Contains("no rule V-1", err);
    }

    [Fact]
    public void A_missing_folder_is_bad_input() =>
        Assert.Equal(ExitCodes.BadInput, Run("rules", "show", "V-1", "--benchmarks", Path.Combine(TestPaths.NewTempDir(), "none")).Code);

    [Fact]
    public void Search_lists_matches_with_id_CAT_STIG_id_and_benchmark()
    {
        var (code, output, err) = Run("rules", "search", "receive", "CONNECTOR", "timeout", "--benchmarks", TestPaths.SharedBenchmarks);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("V-221202   CAT II  EX16-ED-000010   Microsoft Exchange 2016 Edge Transport Server Security Technical Implementation Guide V2R6\n", output);
        Assert.Contains("V2R4, V2R3, V2R2", output);
        Assert.Contains("matches for \"receive CONNECTOR timeout\"", err);
    }

    [Fact]
    public void Search_as_JSON_and_with_no_match()
    {
        var (code, output, _) = Run("rules", "search", "receive", "connector", "timeout", "--benchmarks", TestPaths.SharedBenchmarks, "--json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(JArray.Parse(output), h => (string?)h["vulnId"] == "V-221202" && (string?)h["benchmark"]!["label"] == "V2R6");
        Assert.Equal(ExitCodes.CheckFailed, Run("rules", "search", "zzzqqq-no-such-text", "--benchmarks", TestPaths.SharedBenchmarks).Code);
    }

    [Fact]
    public void Help_lists_the_rules_group_and_its_sub_commands()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("rules", output);
        Assert.Contains("report", output);
        var (code2, output2, _) = Run("rules", "--help");
        Assert.Equal(ExitCodes.Success, code2);
        Assert.Contains("show", output2);
        Assert.Contains("search", output2);
    }
}
