using System.Xml.Linq;
using CklGen.Benchmarks;
using CklGen.Diff;
using CklGen.Library;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Library.SharedLibrary;

namespace CklGen.Tests.Library;

public class LibraryContentTests
{
    [Fact]
    public void The_index_lists_every_STIG_with_its_releases_dates_and_CAT_counts()
    {
        var index = Page(LibraryPaths.Index);
        Assert.Equal(8, Catalog.Stigs.Count);
        Assert.Equal(18, Catalog.Stigs.Sum(s => s.Releases.Count));
        var text = Text(index.Html);
        foreach (var b in All)
        {
            Assert.Contains(b.Title, text);
            Assert.Contains($"{b.VersionLabel} ({b.BenchmarkDate})", text);
        }
        var stigs = (JArray)index.Json["stigs"]!;
        var edge = stigs.Single(s => (string?)s["id"] == Edge2019);
        Assert.Equal(["V2R2", "V2R1", "V1R1"], edge["releases"]!.Select(r => (string)r["versionLabel"]!));
        var newest = All.Single(b => b.Id == Edge2019 && b.VersionLabel == "V2R2");
        var counts = edge["releases"]![0]!["catCounts"]!;
        Assert.Equal(newest.Rules.Count, (int)counts["CAT I"]! + (int)counts["CAT II"]! + (int)counts["CAT III"]!);
        Assert.Equal(newest.Rules.Count(r => r.Severity == "high"), (int)counts["CAT I"]!);
    }

    [Fact]
    public void A_rule_page_holds_every_field_the_public_browsers_show()
    {
        var page = Page(LibraryPaths.Rule(Mailbox2016, "V-228409"));
        var rule = All.Single(b => b.Id == Mailbox2016 && b.VersionLabel == "V2R6").FindRule("V-228409")!;
        var text = Text(page.Html);
        Assert.Contains("Severity CAT II (medium)", text);
        Assert.Contains("Group ID V-228409", text);
        Assert.Contains("Group title SRG-APP-000435", text);
        Assert.Contains("Rule ID SV-228409r879806_rule (revision r879806)", text);
        Assert.Contains("STIG ID EX16-MB-000660", text);
        Assert.Contains("STIG Microsoft Exchange 2016 Mailbox Server Security Technical Implementation Guide", text);
        Assert.Contains("Release V2R6 — Release: 6 Benchmark Date: 24 Jan 2024", text);
        Assert.Contains("Benchmark date 24 Jan 2024", text);
        Assert.Contains("Legacy IDs SV-95461, V-80751", text);
        Assert.Contains("CCI-002385 Protect against or limit the effects of organization-defined types of denial of service events. SC-5 SC-5", text);
        Assert.Contains(Collapse(rule.Discussion), text);
        Assert.Contains(Collapse(rule.CheckContent), text);
        Assert.Contains(Collapse(rule.FixText), text);
        // Every release of the folder has the rule: V2R6 and V2R5 carry the same text, older ones are listed too.
        Assert.Contains("V2R6 24 Jan 2024 SV-228409r879806_rule same as V2R5", text);
        Assert.Contains("V2R3", text);

        var j = page.Json;
        Assert.Equal("CAT II", (string?)j["cat"]);
        Assert.Equal("SRG-APP-000435", (string?)j["groupTitle"]);
        Assert.Equal(["SC-5"], j["ccis"]![0]!["nist80053rev5"]!.Select(x => (string)x!));
        Assert.Equal(["V2R6", "V2R5", "V2R4", "V2R3"], j["releases"]!.Select(x => (string)x["release"]!));
        Assert.True((bool)j["releases"]![0]!["textSameAsPrevious"]!);
    }

    static string Collapse(string s) => System.Text.RegularExpressions.Regex.Replace(s.Trim(), @"\s+", " ");

    [Fact]
    public void A_rule_page_says_in_which_releases_the_text_changed_and_links_the_comparison()
    {
        var stig = Catalog.FindStig(Edge2019)!;
        var changed = stig.Rules.SelectMany(r => r.Versions).First(v => v.Previous is not null && !v.TextSameAsPrevious);
        var page = Page(LibraryPaths.Rule(Edge2019, changed.Rule.VulnId));
        var from = changed.Previous!.Release.VersionLabel;
        var to = changed.Release.VersionLabel;
        Assert.Contains($"changed since {from}", Text(page.Html));
        Assert.Contains(LibraryPaths.Href(page.Path, LibraryPaths.Compare(Edge2019, from, to)), page.Html);
        var d = BenchmarkDiff.Compare(changed.Previous.Release, changed.Release);
        Assert.Contains(d.Changed, c => c.New.VulnId == changed.Rule.VulnId);
    }

    [Fact]
    public void The_RMF_view_maps_CCIs_to_controls_as_DISAs_CCI_list_does()
    {
        // DISA's list (2023-06-07) maps CCI-002385 to SC-5 (rev 5 "SC-5 a", rev 4 "SC-5"); SC-8 comes through CCI-002418.
        var item = Cci.Find("CCI-002385")!;
        Assert.Equal(["SC-5"], LibraryCatalog.ControlsOf(item, 5));
        foreach (var rev in new[] { 5, 4 })
        {
            var sc5 = Catalog.Controls[rev].Single(c => c.Control == "SC-5");
            Assert.Contains("CCI-002385", sc5.Ccis);
            Assert.Contains(sc5.Rules, r => r.VulnId == "V-228409" && r.Stig.Id == Mailbox2016);
            var sc8 = Catalog.Controls[rev].Single(c => c.Control == "SC-8");
            Assert.Contains("CCI-002418", sc8.Ccis);
            Assert.DoesNotContain(sc8.Rules, r => r.VulnId == "V-228409");
            Assert.All(sc8.Rules, r => Assert.Contains(r.Latest.Ccis, c => Catalog.ControlsOf(c, rev).Contains("SC-8")));
        }
        var page = Page(LibraryPaths.Rmf(5));
        Assert.Contains("<tr id=\"SC-5\">", page.Html);
        Assert.Contains(LibraryPaths.Href(page.Path, LibraryPaths.Rule(Mailbox2016, "V-228409")), page.Html);
        var sc5Json = ((JArray)page.Json["controls"]!).Single(c => (string?)c["control"] == "SC-5");
        Assert.Contains(sc5Json["rules"]!, r => (string?)r["vulnId"] == "V-228409");
        // The rule page links its CCI's controls to their entries in the RMF view.
        Assert.Contains(LibraryPaths.Href(LibraryPaths.Rule(Mailbox2016, "V-228409"), LibraryPaths.Control(5, "SC-5")),
            Page(LibraryPaths.Rule(Mailbox2016, "V-228409")).Html);
    }

    [Fact]
    public void Every_control_of_the_RMF_view_is_reached_through_a_CCI_of_a_listed_rule()
    {
        foreach (var rev in new[] { 4, 5 })
            foreach (var c in Catalog.Controls[rev])
            {
                Assert.NotEmpty(c.Rules);
                Assert.All(c.Rules, r => Assert.Contains(r.Latest.Ccis, x => Catalog.ControlsOf(x, rev).Contains(c.Control)));
            }
    }

    [Fact]
    public void Compare_pages_exist_for_every_pair_of_releases_and_hold_the_benchmark_diff()
    {
        var stig = Catalog.FindStig(Edge2019)!;
        Assert.Equal(["V1R1", "V2R1", "V2R2"], stig.Releases.Select(r => r.VersionLabel));
        foreach (var (o, n) in new[] { ("V1R1", "V2R1"), ("V2R1", "V2R2"), ("V1R1", "V2R2") })
        {
            var page = Page(LibraryPaths.Compare(Edge2019, o, n));
            var d = BenchmarkDiff.Compare(stig.Releases.Single(r => r.VersionLabel == o), stig.Releases.Single(r => r.VersionLabel == n));
            Assert.Contains($"{d.Added.Count} added, {d.Removed.Count} removed, {d.Changed.Count} changed", Text(page.Html));
            Assert.Equal(d.Changed.Count, ((JArray)page.Json["changed"]!).Count);
            foreach (var c in d.Changed)
                Assert.Contains($"id=\"{c.New.VulnId}\"", page.Html);
        }
        // The chooser offers every release of the STIG.
        var stigPage = Page(LibraryPaths.Stig(Edge2019));
        Assert.Contains("id=\"choose-releases\"", stigPage.Html);
        foreach (var r in stig.Releases) Assert.Contains($"<option value=\"{r.VersionLabel}\"", stigPage.Html);
    }

    [Fact]
    public void Search_data_covers_every_rule_and_links_its_stable_page()
    {
        var page = Page(LibraryPaths.Search);
        var m = System.Text.RegularExpressions.Regex.Match(page.Html, "<script type=\"application/json\" id=\"search-data\">(.*?)</script>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(m.Success);
        var entries = JArray.Parse(m.Groups[1].Value);
        Assert.Equal(Catalog.Stigs.Sum(s => s.Rules.Count), entries.Count);
        var tls = entries.Where(e => ((string)e["t"]!).Contains("tlsauthlevel")).ToList();
        var hit = Assert.Single(tls, e => (string?)e["v"] == "V-228409");
        Assert.Equal(LibraryPaths.Href(LibraryPaths.Search, LibraryPaths.Rule(Mailbox2016, "V-228409")), (string?)hit["h"]);
        Assert.DoesNotContain("</", m.Groups[1].Value);
    }

    [Fact]
    public void Pages_load_nothing_from_outside_and_name_their_JSON_and_Turtle()
    {
        foreach (var page in Pages.Values)
        {
            Assert.Contains("default-src 'none'", page.Html);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page.Html);
            Assert.Contains("href=\"index.json\"", page.Html);
            Assert.Contains("href=\"index.ttl\"", page.Html);
        }
    }

    [Fact]
    public void Every_link_between_pages_leads_to_a_page_of_the_library()
    {
        var files = Pages.Keys.Select(k => k + "index.html").ToHashSet();
        foreach (var page in Pages.Values)
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(page.Html, "href=\"([^\"#]+index\\.html)(#[^\"]*)?\""))
            {
                var target = Resolve(page.Path, System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));
                Assert.True(files.Contains(target), $"{page.Path}index.html links to {m.Groups[1].Value}, which the library does not have");
            }
    }

    static string Resolve(string from, string href)
    {
        var parts = from.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var seg in href.Split('/'))
        {
            if (seg == "..") parts.RemoveAt(parts.Count - 1);
            else if (seg != ".") parts.Add(seg);
        }
        return string.Join('/', parts);
    }

    [Fact]
    public void RDF_XML_of_every_page_kind_is_well_formed_XML_with_the_same_statements()
    {
        foreach (var path in new[] { LibraryPaths.Index, LibraryPaths.Stig(Edge2019), LibraryPaths.Rule(Mailbox2016, "V-228409"), LibraryPaths.Rmf(5), LibraryPaths.Cci })
        {
            var g = Page(path).Graph;
            var doc = XDocument.Parse(g.ToRdfXml());
            XNamespace rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
            Assert.Equal(rdf + "RDF", doc.Root!.Name);
            Assert.Equal(g.Triples.Count, doc.Root.Elements(rdf + "Description").Elements().Count());
        }
    }

    [Fact]
    public void Benchmark_ids_cannot_steer_paths_out_of_the_library()
    {
        // One segment, never "." or "..": the id stays inside stigs/.
        Assert.Equal("stigs/_.._etc_passwd/", LibraryPaths.Stig("../../etc/passwd"));
        Assert.Equal("stigs/_/", LibraryPaths.Stig(".."));
        Assert.Equal("stigs/a_b/V-1/", LibraryPaths.Rule("a/b", "V-1"));
        Assert.All(LibraryPaths.RuleInRelease("x", "..", "../..").Split('/'), s => Assert.False(s is "." or ".."));
    }

    [Fact]
    public void Links_and_addresses_follow_the_page_paths()
    {
        Assert.Equal("../../../stigs/B/V2R1/V-1/index.html", LibraryPaths.Href("stigs/B/V-1/", "stigs/B/V2R1/V-1/"));
        Assert.Equal("rmf/rev5/index.html#SC-5", LibraryPaths.Href("", LibraryPaths.Control(5, "SC-5")));
        Assert.Equal("./", LibraryPaths.Iri("", ""));
        Assert.Equal("https://stig.example.mil/lib/stigs/B/V-1/", LibraryPaths.Locate("https://stig.example.mil/lib/", LibraryPaths.Rule("B", "V-1")));
        Assert.Equal(Path.Combine("lib", "stigs", "B", "V-1", "index.html"), LibraryPaths.Locate("lib", LibraryPaths.Rule("B", "V-1")));
    }
}
