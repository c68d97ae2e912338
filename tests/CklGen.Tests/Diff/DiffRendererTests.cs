using System.Text.RegularExpressions;
using CklGen.Checklists;
using CklGen.Diff;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Diff.DiffFixtures;

namespace CklGen.Tests.Diff;

public class DiffRendererTests
{
    /// <summary>The quarter on EXCH01, plus EXCH02 only in the new folder, one open CAT I finding with hostile text.</summary>
    static FleetDiff Sample()
    {
        var (o, n) = Quarter();
        var extra = Checklist("EXCH02", Stig(Edge, "2", "6",
            Rule("V-3001", ChecklistStatus.Open, "high", stigId: "EX16-ED-003001", title: "Title with | pipe, <b>tag</b> and \"quotes\"",
                details: "=cmd|' /C calc'!A0"),
            Rule("V-3002", ChecklistStatus.NotAFinding, "low", stigId: "EX16-ED-003002")));
        return FleetDiff.Compare(
            [new ChecklistSource("q1/EXCH01.ckl", o)],
            [new ChecklistSource("q2/EXCH01.cklb", n), new ChecklistSource("q2/EXCH02.ckl", extra)],
            "q1", "q2");
    }

    [Fact] public void Table() => Approvals.Verify(DiffRenderers.Table(Sample()), "Diff.table", "txt");
    [Fact] public void Markdown() => Approvals.Verify(DiffRenderers.Markdown(Sample()), "Diff.markdown", "md");
    [Fact] public void Csv() => Approvals.Verify(DiffRenderers.Csv(Sample()), "Diff.csv", "csv");
    [Fact] public void Json() => Approvals.Verify(DiffRenderers.Json(Sample()), "Diff.json", "json");
    [Fact] public void Html() => Approvals.Verify(DiffRenderers.Html(Sample()), "Diff.html", "html");

    [Fact]
    public void Html_is_self_contained_and_escapes_content()
    {
        var html = DiffRenderers.Html(Sample());
        Assert.DoesNotMatch(new Regex("https?://|//[a-z]", RegexOptions.IgnoreCase), html.Replace("</", ""));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<b>tag</b>", html);
        Assert.Contains("&lt;b&gt;tag&lt;/b&gt;", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Csv_quotes_per_rfc4180_and_defuses_formulas()
    {
        Assert.Equal("plain", DiffRenderers.CsvCell("plain"));
        Assert.Equal("\"a,b\"", DiffRenderers.CsvCell("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", DiffRenderers.CsvCell("say \"hi\""));
        Assert.Equal("\"two\nlines\"", DiffRenderers.CsvCell("two\nlines"));
        Assert.Equal("'=1+1", DiffRenderers.CsvCell("=1+1"));
        Assert.Equal("\"'@x,y\"", DiffRenderers.CsvCell("@x,y"));

        var lines = DiffRenderers.Csv(Sample()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", DiffRenderers.CsvColumns), lines[0]);
        Assert.Contains(lines, l => l.StartsWith("exch01,") && l.Contains(",V-1001,") && l.Contains(",newlyOpen,true,NotAFinding,Open,"));
    }

    [Fact]
    public void Json_uses_the_documented_field_names()
    {
        var j = JObject.Parse(DiffRenderers.Json(Sample()));
        Assert.Equal("checklistDiff", (string?)j["kind"]);
        Assert.Equal(3, (int)j["summary"]!["total"]!["newlyOpen"]!);
        Assert.Equal(["EXCH02"], j["hostsOnlyInNew"]!.Values<string>());
        var rule = j["hosts"]![0]!["stigs"]![0]!["rules"]!.Single(r => (string?)r["vulnId"] == "V-228400");
        Assert.Equal("legacyId", (string?)rule["matchedBy"]);
        Assert.Equal("V-60981", (string?)rule["oldVulnId"]);
        Assert.Equal("stillOpen", (string?)rule["change"]);
        Assert.Equal("CAT I", (string?)rule["cat"]);
        Assert.Equal(["ruleId", "title", "checkText", "fixText"], rule["revised"]!.Values<string>());
        Assert.True((bool)rule["severityChanged"]!);
        Assert.Equal(JTokenType.Null, rule["oldFindingDetails"]!.Type);
    }
}
