using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Benchmarks;

/// <summary>BenchmarkRule.Matches and Benchmark.FindRule on the ids people quote.</summary>
public class RuleMatchingTests
{
    static readonly Benchmark Mailbox = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"));
    static readonly Benchmark Edge2010 = XccdfReader.Read(TestPaths.Benchmark("U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml"));

    [Theory]
    [InlineData("V-228409")]
    [InlineData("v-228409")]
    [InlineData(" V-228409 ")]
    [InlineData("SV-228409r879806_rule")]
    [InlineData("SV-228409r879806")]
    [InlineData("SV-228409")]
    [InlineData("SV-228409_rule")]
    [InlineData("EX16-MB-000660")]
    [InlineData("ex16-mb-000660")]
    [InlineData("V-80751")]      // legacy V-id
    [InlineData("SV-95461")]     // legacy SV-id
    [InlineData("SV-95461r1_rule")]
    public void Names_that_match_V_228409(string id)
    {
        var r = Mailbox.Rules.Single(x => x.VulnId == "V-228409");
        Assert.True(r.Matches(id), id);
        Assert.Same(r, Mailbox.FindRule(id));
    }

    [Theory]
    [InlineData("SV-228409r1_rule")]   // another revision of the same rule
    [InlineData("V-228410")]
    [InlineData("SV-2284")]
    [InlineData("V-22840")]
    [InlineData("EX16-MB-00066")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("CCI-002385")]
    public void Names_that_do_not_match_V_228409(string id)
    {
        var r = Mailbox.Rules.Single(x => x.VulnId == "V-228409");
        Assert.False(r.Matches(id), id);
    }

    [Fact]
    public void Old_style_2010_ids_match()
    {
        var r = Edge2010.FindRule("SV-75445r1_rule");
        Assert.NotNull(r);
        Assert.Equal("V-60981", r.VulnId);
        Assert.Same(r, Edge2010.FindRule("SV-75445"));
        Assert.Same(r, Edge2010.FindRule("Exch-2-768"));
        Assert.Same(r, Edge2010.FindRule("V-60981"));
        Assert.Null(Edge2010.FindRule("SV-75445r2_rule"));
    }

    [Fact]
    public void Every_rule_is_found_by_each_of_its_own_ids()
    {
        foreach (var b in new[] { Mailbox, Edge2010 })
            foreach (var r in b.Rules)
            {
                Assert.Same(r, b.FindRule(r.VulnId));
                Assert.Same(r, b.FindRule(r.RuleId));
                Assert.Same(r, b.FindRule(r.RuleIdBase));
                Assert.Same(r, b.FindRule(r.StigId));
                foreach (var legacy in r.LegacyIds) Assert.Same(r, b.FindRule(legacy));
            }
    }
}
