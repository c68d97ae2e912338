using System.Text;

namespace CklGen.Library;

/// <summary>
/// Where each page of the library lies, relative to its root. A page is a folder holding
/// index.html, index.json and index.ttl; the folder path is the page's stable address, and it
/// does not change when a release is added (a rule's own path always shows its newest release).
/// </summary>
public static class LibraryPaths
{
    public const string Index = "";
    public const string Search = "search/";
    public const string Cci = "cci/";

    /// <summary>stigs/&lt;benchmark-id&gt;/: the STIG, its releases and the rules of its newest release.</summary>
    public static string Stig(string benchmarkId) => $"stigs/{Segment(benchmarkId)}/";

    /// <summary>stigs/&lt;benchmark-id&gt;/&lt;V2R6&gt;/: one release and its rules.</summary>
    public static string Release(string benchmarkId, string versionLabel) => $"{Stig(benchmarkId)}{Segment(versionLabel)}/";

    /// <summary>stigs/&lt;benchmark-id&gt;/&lt;V-id&gt;/: the rule in the newest release that has it.</summary>
    public static string Rule(string benchmarkId, string vulnId) => $"{Stig(benchmarkId)}{Segment(vulnId)}/";

    /// <summary>stigs/&lt;benchmark-id&gt;/&lt;V2R6&gt;/&lt;V-id&gt;/: the rule as one release has it.</summary>
    public static string RuleInRelease(string benchmarkId, string versionLabel, string vulnId) =>
        $"{Release(benchmarkId, versionLabel)}{Segment(vulnId)}/";

    /// <summary>stigs/&lt;benchmark-id&gt;/compare/&lt;old&gt;-&lt;new&gt;/: what changed between two releases.</summary>
    public static string Compare(string benchmarkId, string oldLabel, string newLabel) =>
        $"{Stig(benchmarkId)}compare/{Segment(oldLabel)}-{Segment(newLabel)}/";

    /// <summary>rmf/rev5/: every NIST SP 800-53 control of that revision reached through the CCIs.</summary>
    public static string Rmf(int revision) => $"rmf/rev{revision}/";

    /// <summary>The control's entry on its revision's RMF page: rmf/rev5/#SC-5.</summary>
    public static string Control(int revision, string control) => $"{Rmf(revision)}#{Anchor(control)}";

    /// <summary>The CCI's entry on the CCI page: cci/#CCI-002385.</summary>
    public static string CciItem(string cci) => $"{Cci}#{Anchor(cci)}";

    /// <summary>
    /// The address of a page under a library root: a web address (http://, https://) gets the page's
    /// folder path; a folder on disk gets the file to open (…/index.html).
    /// </summary>
    public static string Locate(string root, string pagePath)
    {
        if (IsWeb(root))
            return root.TrimEnd('/') + "/" + pagePath;
        var (path, anchor) = SplitAnchor(pagePath);
        var file = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar), "index.html");
        return anchor is null ? file : file + "#" + anchor;
    }

    /// <summary>
    /// A rule's stable page under a library root, as 'cklgen rules show --library' prints it: a web
    /// address gets the page's folder (…/stigs/&lt;benchmark-id&gt;/&lt;V-id&gt;/), a folder the file to open
    /// (…/stigs/&lt;benchmark-id&gt;/&lt;V-id&gt;/index.html).
    /// </summary>
    public static string RuleAddress(string root, string benchmarkId, string vulnId) => Locate(root, Rule(benchmarkId, vulnId));

    /// <summary>
    /// The same address as a link in an HTML page (a report): a web address as it is; a folder as a
    /// URL reference to the page file, relative when the folder is given relatively (forward slashes,
    /// each segment percent-escaped), a file:/// URL when it is absolute.
    /// </summary>
    public static string RuleHref(string root, string benchmarkId, string vulnId)
    {
        if (IsWeb(root)) return RuleAddress(root, benchmarkId, vulnId);
        var page = Rule(benchmarkId, vulnId) + "index.html";
        if (Path.IsPathRooted(root))
            return new Uri(Path.Combine(Path.GetFullPath(root), page.Replace('/', Path.DirectorySeparatorChar))).AbsoluteUri;
        var segments = root.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString);
        var prefix = string.Join("/", segments);
        return prefix.Length == 0 ? page : prefix + "/" + page;
    }

    /// <summary>Whether a library root is a web address (http://, https://) rather than a folder.</summary>
    public static bool IsWeb(string root) =>
        root.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || root.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The link from one page to another (both page paths): "../V2R6/V-1/index.html".</summary>
    public static string Href(string fromPage, string toPage)
    {
        var (to, anchor) = SplitAnchor(toPage);
        var up = string.Concat(Enumerable.Repeat("../", fromPage.Count(c => c == '/')));
        var link = up + to + "index.html";
        return anchor is null ? link : link + "#" + anchor;
    }

    /// <summary>The same, as the folder (for RDF: "../V2R6/V-1/"; "./" for the page itself).</summary>
    public static string Iri(string fromPage, string toPage)
    {
        var (to, anchor) = SplitAnchor(toPage);
        var up = string.Concat(Enumerable.Repeat("../", fromPage.Count(c => c == '/')));
        var link = up + to;
        if (link.Length == 0) link = "./";
        return anchor is null ? link : link + "#" + anchor;
    }

    static (string Path, string? Anchor) SplitAnchor(string p)
    {
        var i = p.IndexOf('#');
        return i < 0 ? (p, null) : (p[..i], p[(i + 1)..]);
    }

    /// <summary>
    /// A path segment from a DISA id: letters, digits, '.', '_' and '-' are kept, anything else
    /// becomes '_', so that no id from a benchmark file can leave the library folder.
    /// </summary>
    public static string Segment(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id.Trim())
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        var s = sb.ToString().Trim('.');
        return s.Length == 0 ? "_" : s;
    }

    /// <summary>An anchor from a control or CCI id: "AC-2(4)" stays as it is; other characters become '_'.</summary>
    public static string Anchor(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id.Trim())
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '(' or ')' ? c : '_');
        return sb.ToString();
    }
}
