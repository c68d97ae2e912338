using System.Net;
using System.Text.RegularExpressions;
using CklGen.Cli;
using CklGen.Library;
using CklGen.Tests.Commands;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Reports;

/// <summary>
/// 'cklgen report --format html --library DIR|URL': every rule id of the report links to the rule's
/// stable page in the library, the address 'rules show --library' prints, and the library build
/// really has a page there.
/// </summary>
public sealed class ReportLibraryLinkTests : IDisposable
{
    const string Mailbox2019 = "MS_Exchange_2019_Mailbox_Server_STIG";
    const string Rule = "V-259687";
    const string Url = "https://stig.example.mil/lib/";

    /// <summary>The 2019 Mailbox example checklist (V-259687 is open in it).</summary>
    static readonly string Checklist = Path.Combine(TestPaths.TestsDir, "Approved", "Generate.Example.2019Mailbox.approved.ckl");

    readonly string dir = TestPaths.NewTempDir();
    readonly string bench;
    readonly string site;

    public ReportLibraryLinkTests()
    {
        // One benchmark keeps the library build quick.
        bench = Path.Combine(dir, "benchmarks");
        Directory.CreateDirectory(bench);
        var xccdf = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
        File.Copy(TestPaths.Benchmark(xccdf), Path.Combine(bench, xccdf));
        site = Path.Combine(dir, "site");
        var built = CliRunner.Run("library", "build", "--benchmarks", bench, "--cci", TestPaths.SharedCci, "--out", site);
        Assert.True(built.Exit == ExitCodes.Success, built.Err);
    }

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    string Report(string? library, string name = "report.html", params string[] more)
    {
        var outFile = Path.Combine(dir, "reports", name);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        var args = new List<string> { "report", Checklist, "--format", "html", "--cci", TestPaths.SharedCci, "--out", outFile };
        if (library is not null) args.AddRange(["--library", library]);
        args.AddRange(more);
        var r = CliRunner.Run([.. args]);
        Assert.True(r.Exit == ExitCodes.Success, r.Err);
        return File.ReadAllText(outFile);
    }

    /// <summary>Every link target in the report that names the rule.</summary>
    static List<string> HrefsOf(string html, string vulnId) =>
        Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.Contains("/" + vulnId + "/", StringComparison.Ordinal)).ToList();

    /// <summary>The V-id as it appears in the report, each occurrence: summary, Rule ID and the roll-up.</summary>
    static int Occurrences(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    [Fact]
    public void A_web_address_gives_absolute_links_to_the_rules_stable_page()
    {
        var html = Report(Url);
        var stable = Url + LibraryPaths.Rule(Mailbox2019, Rule);
        Assert.Equal($"{Url}stigs/{Mailbox2019}/{Rule}/", stable);
        var hrefs = HrefsOf(html, Rule);
        // the V-id in the finding's summary, its rule id, and the roll-up line of each of its controls
        Assert.True(hrefs.Count >= 3, string.Join("\n", hrefs));
        Assert.All(hrefs, h => Assert.Equal(stable, h));
        Assert.Contains($"<a class=\"lib\" href=\"{stable}\" title=\"This rule in the STIG library\"><code class=\"vid\">{Rule}</code></a>", html);
        Assert.Contains($"<a class=\"lib\" href=\"{stable}\" title=\"This rule in the STIG library\">SV-259687r942375_rule</a>", html);

        // the address 'rules show --library' prints for the rule
        var shown = CliRunner.Run("rules", "show", Rule, "--benchmarks", bench, "--library", Url, "--json");
        Assert.Equal(ExitCodes.Success, shown.Exit);
        Assert.Equal(stable, (string?)JArray.Parse(shown.Out)[0]["library"]);

        // and the library build has that page
        Assert.True(File.Exists(Path.Combine(site, "stigs", Mailbox2019, Rule, "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "stigs", Mailbox2019, Rule, "index.ttl")));

        // every open rule of the report links, and every link is a page the library has
        foreach (Match m in Regex.Matches(html, "<a class=\"lib\" href=\"" + Regex.Escape(Url) + "([^\"]+)\""))
            Assert.True(File.Exists(Path.Combine(site, m.Groups[1].Value, "index.html")), m.Groups[1].Value);
        var open = Regex.Matches(html, "<code class=\"vid\">(V-\\d+)</code>").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(19, open.Count);
        Assert.All(open, v => Assert.Contains($"href=\"{Url}stigs/{Mailbox2019}/{v}/\"", html));
    }

    [Fact]
    public void A_relative_folder_gives_relative_file_links_that_open_the_rules_page_from_the_report()
    {
        // the folder as the user typed it (relative to the current folder); the report lies elsewhere
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, site);
        Assert.False(Path.IsPathRooted(relative));
        var html = Report(relative);
        var hrefs = HrefsOf(html, Rule);
        Assert.True(hrefs.Count >= 3, string.Join("\n", hrefs));
        var expected = $"../site/{LibraryPaths.Rule(Mailbox2019, Rule)}index.html";
        Assert.Equal($"../site/stigs/{Mailbox2019}/{Rule}/index.html", expected);
        Assert.All(hrefs, h => Assert.Equal(expected, h));

        // resolved from where the report lies, the link is the page the library build wrote ...
        var target = Path.GetFullPath(Path.Combine(dir, "reports", expected.Replace('/', Path.DirectorySeparatorChar)));
        Assert.True(File.Exists(target), target);
        // ... and the file 'rules show --library' names
        var shown = CliRunner.Run("rules", "show", Rule, "--benchmarks", bench, "--library", site, "--json");
        Assert.Equal(ExitCodes.Success, shown.Exit);
        Assert.Equal(target, Path.GetFullPath((string)JArray.Parse(shown.Out)[0]["library"]!));
        Assert.Equal(target, Path.GetFullPath(LibraryPaths.RuleAddress(site, Mailbox2019, Rule)));
    }

    [Fact]
    public void An_absolute_folder_gives_file_urls_to_the_rules_page()
    {
        var html = Report(site, "abs.html");
        var hrefs = HrefsOf(html, Rule);
        Assert.True(hrefs.Count >= 3, string.Join("\n", hrefs));
        var uri = new Uri(hrefs[0]);
        Assert.Equal("file", uri.Scheme);
        Assert.All(hrefs, h => Assert.Equal(hrefs[0], h));
        Assert.EndsWith($"/stigs/{Mailbox2019}/{Rule}/index.html", hrefs[0]);
        Assert.Equal(Path.GetFullPath(LibraryPaths.RuleAddress(site, Mailbox2019, Rule)), Path.GetFullPath(uri.LocalPath));
        Assert.True(File.Exists(uri.LocalPath), uri.LocalPath);
    }

    [Fact]
    public void A_folder_name_with_spaces_is_escaped_in_relative_links()
    {
        Assert.Equal($"my%20lib/stigs/{Mailbox2019}/{Rule}/index.html", LibraryPaths.RuleHref("my lib", Mailbox2019, Rule));
        Assert.Equal($"../lib/stigs/{Mailbox2019}/{Rule}/index.html", LibraryPaths.RuleHref("../lib/", Mailbox2019, Rule));
        Assert.Equal($"{Url}stigs/{Mailbox2019}/{Rule}/", LibraryPaths.RuleHref(Url, Mailbox2019, Rule));
        Assert.Equal($"https://stig.example.mil/lib/stigs/{Mailbox2019}/{Rule}/", LibraryPaths.RuleHref("https://stig.example.mil/lib", Mailbox2019, Rule));
    }

    [Fact]
    public void Without_library_the_report_has_no_library_links_and_is_the_same_as_before()
    {
        var plain = Report(null, "plain.html");
        Assert.DoesNotContain("class=\"lib\"", plain);
        Assert.DoesNotContain("STIG library", plain);
        Assert.Empty(HrefsOf(plain, Rule));
        Assert.True(Occurrences(plain, $"<code class=\"vid\">{Rule}</code>") == 1);
    }

    [Fact]
    public void Library_needs_the_html_format()
    {
        var r = CliRunner.Run("report", Checklist, "--format", "csv", "--library", Url);
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("--format html", r.Err);
    }
}
