using System.Text.RegularExpressions;
using CklGen.Diff;
using CklGen.Tests.Support;
using static CklGen.Tests.Diff.DiffFixtures;

namespace CklGen.Tests.Diff;

public class BenchmarkDiffTests
{
    [Fact]
    public void Finds_added_removed_revised_and_replaced_rules()
    {
        var old = Bench("3",
            BRule("V-1"),
            BRule("V-2", check: "Run Get-Foo."),
            BRule("V-3"),
            BRule("V-60981", ruleBase: "SV-75445", stigId: "Exch-2-768"),
            BRule("V-5", severity: "low", title: "Old title"));
        var @new = Bench("4",
            BRule("V-1"),
            BRule("V-2", rev: "r2", check: "Run Get-Foo | fl."),
            BRule("V-228400", legacy: ["SV-75445", "V-60981"]),
            BRule("V-5", severity: "high", title: "New title"),
            BRule("V-6"));
        var d = BenchmarkDiff.Compare(old, @new);

        Assert.Equal(["V-6"], d.Added.Select(r => r.VulnId));
        Assert.Equal(["V-3"], d.Removed.Select(r => r.VulnId));
        Assert.Equal(1, d.UnchangedCount);

        var v2 = d.Changed.Single(c => c.New.VulnId == "V-2");
        Assert.Equal(Renumbering.NewRevision, v2.Renumbering);
        Assert.Equal(["revision", "checkText"], v2.ChangeNames);
        Assert.Equal("Run [-Get-Foo.-]{+Get-Foo | fl.+}", WordDiff.ToInlineText(v2.Fields.Single().Diff));

        var replaced = d.Changed.Single(c => c.New.VulnId == "V-228400");
        Assert.Equal((Renumbering.Replaced, RuleMatch.LegacyId, "V-60981"), (replaced.Renumbering, replaced.MatchedBy, replaced.Old.VulnId));

        var v5 = d.Changed.Single(c => c.New.VulnId == "V-5");
        Assert.True(v5.SeverityChanged);
        Assert.Equal(["severity", "title"], v5.ChangeNames);
        Assert.Equal(2, d.Renumbered.Count());
    }

    [Fact]
    public void Same_release_has_no_changes()
    {
        var d = BenchmarkDiff.Compare(Bench("3", BRule("V-1"), BRule("V-2")), Bench("3", BRule("V-1"), BRule("V-2")));
        Assert.False(d.HasChanges);
        Assert.Equal(2, d.UnchangedCount);
    }

    static BenchmarkDiff Sample() => BenchmarkDiff.Compare(
        Bench("3",
            BRule("V-1"),
            BRule("V-2", check: "Open the Exchange Management Shell.\nEnter: Get-ReceiveConnector | Select Name, MaxMessageSize"),
            BRule("V-3", title: "Exchange must <not> allow \"anonymous\" relay & | pipes"),
            BRule("V-60981", ruleBase: "SV-75445", stigId: "Exch-2-768", severity: "low")),
        Bench("4",
            BRule("V-1"),
            BRule("V-2", rev: "r2", check: "Open the Exchange Management Shell.\nEnter: Get-ReceiveConnector | Select Name, Identity, MaxMessageSize",
                fix: "Set MaxMessageSize to 10MB."),
            BRule("V-228400", legacy: ["SV-75445", "V-60981"], severity: "medium"),
            BRule("V-4", severity: "high")));

    [Fact] public void Text() => Approvals.Verify(BenchmarkDiffRenderers.Text(Sample()), "BenchmarkDiff.text", "txt");
    [Fact] public void Markdown() => Approvals.Verify(BenchmarkDiffRenderers.Markdown(Sample()), "BenchmarkDiff.markdown", "md");
    [Fact] public void Json() => Approvals.Verify(BenchmarkDiffRenderers.Json(Sample()), "BenchmarkDiff.json", "json");
    [Fact] public void Html() => Approvals.Verify(BenchmarkDiffRenderers.Html(Sample()), "BenchmarkDiff.html", "html");

    [Fact]
    public void Html_is_self_contained_and_escaped()
    {
        var html = BenchmarkDiffRenderers.Html(Sample());
        Assert.DoesNotMatch(new Regex(@"https?://|\b(src|href)\s*=|<script|<link", RegexOptions.IgnoreCase), html);
        Assert.Contains("&lt;not&gt;", html);
        Assert.Contains("<ins>", html);
    }
}
