using System.Text.RegularExpressions;
using CklGen.Reports;
using CklGen.Tests.Support;

namespace CklGen.Tests.Reports;

public class HtmlReportTests
{
    [Fact]
    public void Matches_the_approved_page() =>
        Approvals.Verify(HtmlReport.Write(ReportFixtures.Build()), "Reports.HtmlReport.small", "html");

    [Fact]
    public void Loads_nothing_from_anywhere()
    {
        var html = HtmlReport.Write(ReportFixtures.Build());
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"\b(src|srcset|action|poster|data)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import|url\(", RegexOptions.IgnoreCase), html);
        // Only in-page links.
        Assert.All(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), h => Assert.StartsWith("#", h));
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Checklist_content_is_escaped()
    {
        var html = HtmlReport.Write(ReportFixtures.Build());
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", html);
        Assert.Single(Regex.Matches(html, "<script>"));
    }

    [Fact]
    public void Says_when_2010_STIGs_are_rolled_up_by_DIACAP_controls()
    {
        var html = HtmlReport.Write(ReportFixtures.Build());
        Assert.Contains("Roll-up by NIST SP 800-53 control", html);
        Assert.Contains("DIACAP", html);
        Assert.Contains("<th scope=\"row\">ECSC-1</th>", html);
    }

    [Fact]
    public void Script_hash_in_the_policy_matches_the_script()
    {
        var html = HtmlReport.Write(ReportFixtures.Build());
        var hash = Regex.Match(html, "'sha256-([^']+)'").Groups[1].Value;
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script))), hash);
    }

    [Fact]
    public void An_empty_report_still_renders()
    {
        var html = HtmlReport.Write(Report.Build([], null, ReportFixtures.Generated));
        Assert.Contains("No rule is open.", html);
        Assert.Contains("The checklists hold no STIGs.", html);
    }
}
