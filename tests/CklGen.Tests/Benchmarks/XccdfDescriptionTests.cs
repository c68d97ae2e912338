using CklGen.Benchmarks;

namespace CklGen.Tests.Benchmarks;

/// <summary>The tags DISA escapes inside Rule/description, well-formed or not.</summary>
public class XccdfDescriptionTests
{
    const string AllTags =
        "<VulnDiscussion>Why it matters.</VulnDiscussion><FalsePositives>fp</FalsePositives><FalseNegatives>fn</FalseNegatives>" +
        "<Documentable>true</Documentable><Mitigations>mit</Mitigations><SeverityOverrideGuidance>sog</SeverityOverrideGuidance>" +
        "<PotentialImpacts>pi</PotentialImpacts><ThirdPartyTools>tpt</ThirdPartyTools><MitigationControl>mc</MitigationControl>" +
        "<Responsibility>System Administrator</Responsibility><IAControls>ECSC-1</IAControls>";

    [Fact]
    public void Well_formed_text_gives_every_tag()
    {
        var t = XccdfDescription.Parse(AllTags);
        Assert.Equal("Why it matters.", t["VulnDiscussion"]);
        Assert.Equal("fp", t["FalsePositives"]);
        Assert.Equal("fn", t["FalseNegatives"]);
        Assert.Equal("true", t["Documentable"]);
        Assert.Equal("mit", t["Mitigations"]);
        Assert.Equal("sog", t["SeverityOverrideGuidance"]);
        Assert.Equal("pi", t["PotentialImpacts"]);
        Assert.Equal("tpt", t["ThirdPartyTools"]);
        Assert.Equal("mc", t["MitigationControl"]);
        Assert.Equal("System Administrator", t["Responsibility"]);
        Assert.Equal("ECSC-1", t["IAControls"]);
    }

    [Fact]
    public void Escaped_prose_is_decoded_once()
    {
        var t = XccdfDescription.Parse("<VulnDiscussion>Use -Identity &lt;'Name'&gt; &amp; check.</VulnDiscussion><IAControls/>");
        Assert.Equal("Use -Identity <'Name'> & check.", t["VulnDiscussion"]);
        Assert.Equal("", t["IAControls"]);
    }

    [Theory]
    [InlineData("<VulnDiscussion>AT&T & friends say 1 < 2.</VulnDiscussion><Documentable>false</Documentable>", "AT&T & friends say 1 < 2.")]
    [InlineData("<VulnDiscussion>Set -Identity <IdentityName> now.</VulnDiscussion><Documentable>false</Documentable>", "Set -Identity <IdentityName> now.")]
    [InlineData("<VulnDiscussion>a &lt;b&gt; &#65;&#x42; &bogus; &#0; &</VulnDiscussion><Documentable>false</Documentable>", "a <b> AB &bogus; &#0; &")]
    public void Stray_markup_in_prose_falls_back_to_literal_extraction(string text, string discussion)
    {
        var t = XccdfDescription.Parse(text);
        Assert.Equal(discussion, t["VulnDiscussion"]);
        Assert.Equal("false", t["Documentable"]);
        Assert.Equal("", t["Mitigations"]);
    }

    [Fact]
    public void Prose_that_happens_to_be_well_formed_markup_keeps_its_text()
    {
        var t = XccdfDescription.Parse("<VulnDiscussion>Run <b>this</b> first.</VulnDiscussion>");
        Assert.Equal("Run <b>this</b> first.", t["VulnDiscussion"]);
    }

    [Fact]
    public void A_missing_end_tag_stops_at_the_next_tag()
    {
        var t = XccdfDescription.Parse("<VulnDiscussion>cut short<FalsePositives></FalsePositives><Documentable>false</Documentable>");
        Assert.Equal("cut short", t["VulnDiscussion"]);
        Assert.Equal("false", t["Documentable"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain prose without any tags")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><VulnDiscussion>&e;</VulnDiscussion>")]
    public void Odd_or_hostile_text_never_throws_and_resolves_nothing(string? text)
    {
        var t = XccdfDescription.Parse(text);
        Assert.Equal(XccdfDescription.Tags.Count, t.Count);
        Assert.DoesNotContain(t.Values, v => v.Contains("root:"));
        if (text is not null && text.Contains("&e;")) Assert.Equal("&e;", t["VulnDiscussion"]);
    }
}
