using System.Globalization;
using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Diff;
using CklGen.Reports;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static CklGen.Library.LibraryHtml;

namespace CklGen.Library;

/// <summary>One page of the library: its folder path and the same content as HTML, JSON and RDF.</summary>
public sealed class LibraryPage(string path, string title, string html, JObject json, RdfGraph graph)
{
    /// <summary>The page's folder, relative to the library root: "" for the index, "stigs/X/V-1/" for a rule.</summary>
    public string Path { get; } = path;
    public string Title { get; } = title;
    public string Html { get; } = html;
    public JObject Json { get; } = json;
    public RdfGraph Graph { get; } = graph;

    public string JsonText => Json.ToString(Formatting.Indented) + "\n";
}

/// <summary>
/// Turns a <see cref="LibraryCatalog"/> into the pages of the offline STIG library: the index, a
/// page per STIG and per release, a page per rule (newest release, and per release), the RMF view
/// of each 800-53 revision, the CCIs, the comparison of every pair of releases, and search.
/// </summary>
public static class LibrarySite
{
    public static IReadOnlyList<LibraryPage> Build(LibraryCatalog catalog)
    {
        var pages = new List<LibraryPage> { IndexPage(catalog), SearchPage(catalog), CciPage(catalog), RmfPage(catalog, 5), RmfPage(catalog, 4) };
        foreach (var stig in catalog.Stigs)
        {
            pages.Add(StigPage(stig));
            foreach (var release in stig.Releases) pages.Add(ReleasePage(stig, release));
            foreach (var rule in stig.Rules)
            {
                pages.Add(RulePage(catalog, rule, rule.LatestVersion, stable: true));
                foreach (var v in rule.Versions) pages.Add(RulePage(catalog, rule, v, stable: false));
            }
            for (var i = 0; i < stig.Releases.Count; i++)
                for (var j = i + 1; j < stig.Releases.Count; j++)
                    pages.Add(ComparePage(stig, stig.Releases[i], stig.Releases[j]));
        }
        return pages;
    }

    static string CatLabel(string severity) => Cats.FromSeverity(severity).Label();
    static string CatClass(string severity) => "cat cat-" + Cats.FromSeverity(severity);
    static string Link(string from, string to, string text) => $"<a href=\"{H(LibraryPaths.Href(from, to))}\">{H(text)}</a>";
    static string ReleaseName(Benchmark b) => $"{b.VersionLabel}" + (b.BenchmarkDate is { } d ? $" ({d})" : "");

    /// <summary>"30 Jan 2025" as an ISO date, when it reads as one.</summary>
    static string? IsoDate(string? date) =>
        DateTime.TryParseExact(date?.Trim(), ["d MMM yyyy", "dd MMM yyyy", "d MMMM yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    static void DateTriple(RdfGraph g, string s, string predicate, string? date)
    {
        if (IsoDate(date) is { } iso) g.Add(s, predicate, new RdfLiteral(iso, "date"));
        else g.Add(s, predicate, date);
    }

    static JObject BenchmarkJson(Benchmark b)
    {
        var (c1, c2, c3) = LibraryStig.CatCounts(b);
        return new JObject
        {
            ["id"] = b.Id,
            ["title"] = b.Title,
            ["version"] = b.Version,
            ["release"] = b.Release,
            ["versionLabel"] = b.VersionLabel,
            ["releaseInfo"] = b.ReleaseInfo,
            ["benchmarkDate"] = b.BenchmarkDate,
            ["fileName"] = b.FileName,
            ["ruleCount"] = b.Rules.Count,
            ["catCounts"] = new JObject { ["CAT I"] = c1, ["CAT II"] = c2, ["CAT III"] = c3 },
            ["path"] = LibraryPaths.Release(b.Id, b.VersionLabel),
        };
    }

    static void ReleaseTriples(RdfGraph g, string from, LibraryStig stig, Benchmark b)
    {
        var s = LibraryPaths.Iri(from, LibraryPaths.Release(stig.Id, b.VersionLabel));
        var (c1, c2, c3) = LibraryStig.CatCounts(b);
        g.Type(s, "stig:Release")
         .Add(s, "dcterms:identifier", $"{b.Id} {b.VersionLabel}")
         .Add(s, "dcterms:title", $"{b.Title} {b.VersionLabel}")
         .Add(s, "stig:versionLabel", b.VersionLabel)
         .Add(s, "stig:releaseInfo", b.ReleaseInfo)
         .Link(s, "dcterms:isPartOf", LibraryPaths.Iri(from, LibraryPaths.Stig(stig.Id)))
         .Add(s, "stig:ruleCount", new RdfLiteral(b.Rules.Count.ToString(CultureInfo.InvariantCulture), "integer"))
         .Add(s, "stig:catICount", new RdfLiteral(c1.ToString(CultureInfo.InvariantCulture), "integer"))
         .Add(s, "stig:catIICount", new RdfLiteral(c2.ToString(CultureInfo.InvariantCulture), "integer"))
         .Add(s, "stig:catIIICount", new RdfLiteral(c3.ToString(CultureInfo.InvariantCulture), "integer"));
        DateTriple(g, s, "stig:benchmarkDate", b.BenchmarkDate);
    }

    // ---------------------------------------------------------------- index

    static LibraryPage IndexPage(LibraryCatalog c)
    {
        const string p = LibraryPaths.Index;
        var sb = new StringBuilder();
        var rules = c.Stigs.Sum(s => s.Newest.Rules.Count);
        sb.Append("<h1>STIG library</h1>\n<p>").Append(c.Stigs.Count).Append(" STIGs, ").Append(c.Stigs.Sum(s => s.Releases.Count))
          .Append(" releases, ").Append(rules).Append(" rules in their newest releases");
        if (c.CciList is { } cci) sb.Append("; CCIs mapped to NIST SP 800-53 by DISA's CCI list ").Append(H(cci.Version ?? "(undated)"));
        else sb.Append("; no CCI list was given, so no NIST SP 800-53 controls are shown");
        sb.Append(".</p>\n");
        sb.Append("<table class=\"sortable\" id=\"stigs\"><thead><tr><th>STIG</th><th>Benchmark id</th><th>Releases</th><th>Newest benchmark date</th>")
          .Append("<th>Rules</th><th>CAT I</th><th>CAT II</th><th>CAT III</th></tr></thead><tbody>\n");
        var json = new JArray();
        var g = new RdfGraph();
        g.Type("./", "stig:Library").Add("./", "dcterms:title", "STIG library");
        foreach (var s in c.Stigs)
        {
            var (c1, c2, c3) = LibraryStig.CatCounts(s.Newest);
            sb.Append("<tr><td>").Append(Link(p, LibraryPaths.Stig(s.Id), s.Title)).Append("</td><td><code>").Append(H(s.Id)).Append("</code></td><td>")
              .Append(string.Join(", ", s.Releases.AsEnumerable().Reverse().Select(r => Link(p, LibraryPaths.Release(s.Id, r.VersionLabel), ReleaseName(r)))))
              .Append("</td><td>").Append(H(s.Newest.BenchmarkDate)).Append("</td><td class=\"num\">").Append(s.Newest.Rules.Count)
              .Append("</td><td class=\"num\">").Append(c1).Append("</td><td class=\"num\">").Append(c2).Append("</td><td class=\"num\">").Append(c3).Append("</td></tr>\n");
            json.Add(new JObject
            {
                ["id"] = s.Id,
                ["title"] = s.Title,
                ["path"] = LibraryPaths.Stig(s.Id),
                ["releases"] = new JArray(s.Releases.AsEnumerable().Reverse().Select(BenchmarkJson)),
            });
            var si = LibraryPaths.Iri(p, LibraryPaths.Stig(s.Id));
            g.Link("./", "stig:stig", si).Type(si, "stig:Stig").Add(si, "dcterms:identifier", s.Id).Add(si, "dcterms:title", s.Title);
            foreach (var r in s.Releases)
            {
                g.Link(si, "stig:release", LibraryPaths.Iri(p, LibraryPaths.Release(s.Id, r.VersionLabel)));
                ReleaseTriples(g, p, s, r);
            }
        }
        sb.Append("</tbody></table>\n");
        sb.Append("<h2>Also here</h2>\n<ul>\n<li>").Append(Link(p, LibraryPaths.Rmf(5), "RMF view: NIST SP 800-53 rev 5 controls and the rules that implement them"))
          .Append("</li>\n<li>").Append(Link(p, LibraryPaths.Rmf(4), "RMF view: NIST SP 800-53 rev 4")).Append("</li>\n<li>")
          .Append(Link(p, LibraryPaths.Cci, "CCIs used by these STIGs")).Append("</li>\n<li>").Append(Link(p, LibraryPaths.Search, "Search every rule"))
          .Append("</li>\n</ul>\n");
        var j = new JObject { ["kind"] = "library", ["path"] = p, ["cciList"] = c.CciList?.Version, ["stigs"] = json };
        return new LibraryPage(p, "STIG library", Page(p, "STIG library", sb.ToString()), j, g);
    }

    // ---------------------------------------------------------------- STIG and release

    static void RuleRows(StringBuilder sb, string from, IEnumerable<(BenchmarkRule Rule, string Target)> rules, string tableId)
    {
        var list = rules.ToList();
        sb.Append("<p><input class=\"filter\" type=\"search\" hidden data-table=\"").Append(tableId).Append("\" data-count=\"").Append(tableId)
          .Append("-count\" aria-label=\"Filter the rules\" placeholder=\"Filter these rules\"> <span class=\"note\" id=\"").Append(tableId).Append("-count\">")
          .Append(list.Count).Append(" rules</span></p>\n");
        sb.Append("<table class=\"sortable\" id=\"").Append(tableId).Append("\"><thead><tr><th>V-id</th><th>CAT</th><th>STIG ID</th><th>Title</th></tr></thead><tbody>\n");
        foreach (var (r, target) in list)
            sb.Append("<tr><td>").Append(Link(from, target, r.VulnId)).Append("</td><td class=\"").Append(CatClass(r.Severity)).Append("\">")
              .Append(H(CatLabel(r.Severity))).Append("</td><td>").Append(H(r.StigId)).Append("</td><td>").Append(H(r.Title)).Append("</td></tr>\n");
        sb.Append("</tbody></table>\n");
    }

    static JObject RuleSummaryJson(BenchmarkRule r, string path) => new()
    {
        ["vulnId"] = r.VulnId,
        ["ruleId"] = r.RuleId,
        ["stigId"] = r.StigId,
        ["severity"] = r.Severity,
        ["cat"] = CatLabel(r.Severity),
        ["title"] = r.Title,
        ["path"] = path,
    };

    static void Chooser(StringBuilder sb, string from, LibraryStig stig)
    {
        if (stig.Releases.Count < 2) return;
        sb.Append("<h2 id=\"compare\">Compare releases</h2>\n<ul>\n");
        for (var i = 1; i < stig.Releases.Count; i++)
        {
            var (o, n) = (stig.Releases[i - 1], stig.Releases[i]);
            sb.Append("<li>").Append(Link(from, LibraryPaths.Compare(stig.Id, o.VersionLabel, n.VersionLabel), $"{o.VersionLabel} \u2192 {n.VersionLabel}")).Append("</li>\n");
        }
        sb.Append("</ul>\n<form id=\"choose-releases\" hidden data-base=\"").Append(H(LibraryPaths.Href(from, LibraryPaths.Stig(stig.Id)).Replace("index.html", "compare/")))
          .Append("\"><label>Compare <select name=\"old\">");
        void Options(int selected)
        {
            for (var i = 0; i < stig.Releases.Count; i++)
                sb.Append("<option value=\"").Append(H(LibraryPaths.Segment(stig.Releases[i].VersionLabel))).Append('"').Append(i == selected ? " selected" : "")
                  .Append('>').Append(H(ReleaseName(stig.Releases[i]))).Append("</option>");
        }
        Options(stig.Releases.Count - 2);
        sb.Append("</select></label> <label>with <select name=\"new\">");
        Options(stig.Releases.Count - 1);
        sb.Append("</select></label> <button type=\"submit\">Compare</button> <span id=\"choose-message\" class=\"note\"></span></form>\n");
        sb.Append("<details><summary>Every pair of releases</summary><ul>\n");
        for (var i = 0; i < stig.Releases.Count; i++)
            for (var j = i + 1; j < stig.Releases.Count; j++)
                sb.Append("<li>").Append(Link(from, LibraryPaths.Compare(stig.Id, stig.Releases[i].VersionLabel, stig.Releases[j].VersionLabel),
                    $"{stig.Releases[i].VersionLabel} \u2192 {stig.Releases[j].VersionLabel}")).Append("</li>\n");
        sb.Append("</ul></details>\n");
    }

    static LibraryPage StigPage(LibraryStig stig)
    {
        var p = LibraryPaths.Stig(stig.Id);
        var n = stig.Newest;
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(H(stig.Title)).Append("</h1>\n<dl class=\"fields\"><dt>Benchmark id</dt><dd><code>").Append(H(stig.Id)).Append("</code></dd>")
          .Append("<dt>Newest release</dt><dd>").Append(Link(p, LibraryPaths.Release(stig.Id, n.VersionLabel), n.VersionLabel)).Append(": ").Append(H(n.ReleaseInfo)).Append("</dd></dl>\n");
        if (!string.IsNullOrWhiteSpace(n.Description)) sb.Append("<p>").Append(H(n.Description)).Append("</p>\n");
        sb.Append("<h2>Releases</h2>\n<table class=\"sortable\"><thead><tr><th>Release</th><th>Release info</th><th>Benchmark date</th><th>Rules</th><th>CAT I</th><th>CAT II</th><th>CAT III</th><th>Changes</th></tr></thead><tbody>\n");
        for (var i = stig.Releases.Count - 1; i >= 0; i--)
        {
            var b = stig.Releases[i];
            var (c1, c2, c3) = LibraryStig.CatCounts(b);
            sb.Append("<tr><td>").Append(Link(p, LibraryPaths.Release(stig.Id, b.VersionLabel), b.VersionLabel)).Append("</td><td>").Append(H(b.ReleaseInfo))
              .Append("</td><td>").Append(H(b.BenchmarkDate)).Append("</td><td class=\"num\">").Append(b.Rules.Count).Append("</td><td class=\"num\">").Append(c1)
              .Append("</td><td class=\"num\">").Append(c2).Append("</td><td class=\"num\">").Append(c3).Append("</td><td>")
              .Append(i == 0 ? "<span class=\"note\">oldest here</span>" : Link(p, LibraryPaths.Compare(stig.Id, stig.Releases[i - 1].VersionLabel, b.VersionLabel), $"since {stig.Releases[i - 1].VersionLabel}"))
              .Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
        Chooser(sb, p, stig);
        sb.Append("<h2>Rules of ").Append(H(n.VersionLabel)).Append("</h2>\n");
        RuleRows(sb, p, stig.CurrentRules.Select(r => (r.Latest, LibraryPaths.Rule(stig.Id, r.VulnId))), "rules");
        var gone = stig.Rules.Where(r => !r.InNewest).ToList();
        if (gone.Count > 0)
        {
            sb.Append("<h2>Rules only older releases have</h2>\n<ul>\n");
            foreach (var r in gone)
                sb.Append("<li>").Append(Link(p, LibraryPaths.Rule(stig.Id, r.VulnId), r.VulnId)).Append(' ').Append(H(r.Latest.Title))
                  .Append(" <span class=\"note\">(last in ").Append(H(r.LatestVersion.Release.VersionLabel)).Append(")</span></li>\n");
            sb.Append("</ul>\n");
        }
        var j = new JObject
        {
            ["kind"] = "stig",
            ["path"] = p,
            ["id"] = stig.Id,
            ["title"] = stig.Title,
            ["description"] = n.Description,
            ["newestRelease"] = n.VersionLabel,
            ["releases"] = new JArray(stig.Releases.AsEnumerable().Reverse().Select(BenchmarkJson)),
            ["rules"] = new JArray(stig.CurrentRules.Select(r => RuleSummaryJson(r.Latest, LibraryPaths.Rule(stig.Id, r.VulnId)))),
            ["olderRules"] = new JArray(gone.Select(r => RuleSummaryJson(r.Latest, LibraryPaths.Rule(stig.Id, r.VulnId)))),
        };
        var g = new RdfGraph();
        g.Type("./", "stig:Stig").Add("./", "dcterms:identifier", stig.Id).Add("./", "dcterms:title", stig.Title).Add("./", "dcterms:description", n.Description)
         .Link("./", "stig:newestRelease", LibraryPaths.Iri(p, LibraryPaths.Release(stig.Id, n.VersionLabel)));
        foreach (var b in stig.Releases)
        {
            g.Link("./", "stig:release", LibraryPaths.Iri(p, LibraryPaths.Release(stig.Id, b.VersionLabel)));
            ReleaseTriples(g, p, stig, b);
        }
        foreach (var r in stig.Rules)
        {
            var ri = LibraryPaths.Iri(p, LibraryPaths.Rule(stig.Id, r.VulnId));
            g.Link("./", "stig:rule", ri).Type(ri, "stig:Rule").Add(ri, "stig:vulnId", r.VulnId).Add(ri, "dcterms:title", r.Latest.Title);
        }
        return new LibraryPage(p, stig.Title, Page(p, stig.Title, sb.ToString()), j, g);
    }

    static LibraryPage ReleasePage(LibraryStig stig, Benchmark b)
    {
        var p = LibraryPaths.Release(stig.Id, b.VersionLabel);
        var title = $"{b.Title} {b.VersionLabel}";
        var (c1, c2, c3) = LibraryStig.CatCounts(b);
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(H(title)).Append("</h1>\n<dl class=\"fields\"><dt>STIG</dt><dd>").Append(Link(p, LibraryPaths.Stig(stig.Id), stig.Title))
          .Append("</dd><dt>Release info</dt><dd>").Append(H(b.ReleaseInfo)).Append("</dd><dt>Benchmark date</dt><dd>").Append(H(b.BenchmarkDate))
          .Append("</dd><dt>Rules</dt><dd>").Append(b.Rules.Count).Append($" (CAT I {c1}, CAT II {c2}, CAT III {c3})</dd><dt>File</dt><dd><code>").Append(H(b.FileName)).Append("</code></dd></dl>\n");
        if (b != stig.Newest) sb.Append("<p class=\"note\">A newer release exists: ").Append(Link(p, LibraryPaths.Release(stig.Id, stig.Newest.VersionLabel), stig.Newest.VersionLabel)).Append(".</p>\n");
        Chooser(sb, p, stig);
        sb.Append("<h2>Rules</h2>\n");
        RuleRows(sb, p, b.Rules.Select(r => (r, LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId))), "rules");
        var j = BenchmarkJson(b);
        j.AddFirst(new JProperty("kind", "release"));
        j["stigPath"] = LibraryPaths.Stig(stig.Id);
        j["rules"] = new JArray(b.Rules.Select(r => RuleSummaryJson(r, LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId))));
        var g = new RdfGraph();
        ReleaseTriples(g, p, stig, b);
        foreach (var r in b.Rules)
        {
            var ri = LibraryPaths.Iri(p, LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId));
            g.Link("./", "stig:rule", ri).Type(ri, "stig:Rule").Add(ri, "stig:vulnId", r.VulnId).Add(ri, "dcterms:title", r.Title);
        }
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }

    // ---------------------------------------------------------------- rule

    static readonly (string Label, Func<BenchmarkRule, string> Get)[] OtherFields =
    [
        ("False positives", r => r.FalsePositives), ("False negatives", r => r.FalseNegatives), ("Documentable", r => r.Documentable),
        ("Mitigations", r => r.Mitigations), ("Severity override guidance", r => r.SeverityOverrideGuidance), ("Potential impacts", r => r.PotentialImpacts),
        ("Third-party tools", r => r.ThirdPartyTools), ("Mitigation control", r => r.MitigationControl), ("Responsibility", r => r.Responsibility),
        ("IA controls", r => r.IaControls),
    ];

    static string FieldName(string change) => change switch
    {
        "ruleId" => "rule id revision",
        "severity" => "severity",
        BenchmarkDiff.FieldTitle => "title",
        BenchmarkDiff.FieldDiscussion => "discussion",
        BenchmarkDiff.FieldCheck => "check text",
        BenchmarkDiff.FieldFix => "fix text",
        BenchmarkDiff.FieldStigId => "STIG id",
        BenchmarkDiff.FieldCcis => "CCIs",
        _ => change,
    };

    static LibraryPage RulePage(LibraryCatalog c, LibraryRule rule, LibraryRuleVersion v, bool stable)
    {
        var stig = rule.Stig;
        var r = v.Rule;
        var b = v.Release;
        var p = stable ? LibraryPaths.Rule(stig.Id, r.VulnId) : LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId);
        var title = $"{r.VulnId}: {r.Title}";
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(H(r.VulnId)).Append(": ").Append(H(r.Title)).Append("</h1>\n");
        if (stable)
            sb.Append("<p class=\"note\">This rule as ").Append(H(b.VersionLabel)).Append(", the newest release here that has it, states it; this address stays the same when releases are added. ")
              .Append("This release only: ").Append(Link(p, LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId), $"{b.VersionLabel}/{r.VulnId}")).Append(".</p>\n");
        else
            sb.Append("<p class=\"note\">This rule as ").Append(H(b.VersionLabel)).Append(" states it. ")
              .Append(rule.LatestVersion == v ? "This is the newest release here that has it. " : "")
              .Append("Always the newest: ").Append(Link(p, LibraryPaths.Rule(stig.Id, r.VulnId), r.VulnId)).Append(".</p>\n");
        sb.Append("<dl class=\"fields\">\n");
        void F(string name, string? html) { if (!string.IsNullOrWhiteSpace(html)) sb.Append("<dt>").Append(H(name)).Append("</dt><dd>").Append(html).Append("</dd>\n"); }
        F("Severity", $"<span class=\"{CatClass(r.Severity)}\">{H(CatLabel(r.Severity))}</span> ({H(r.Severity)})");
        F("Group ID", $"<code>{H(r.VulnId)}</code>");
        F("Group title", H(r.GroupTitle));
        F("Rule ID", $"<code>{H(r.RuleId)}</code>" + (r.Revision is { } rev ? $" (revision {H(rev)})" : ""));
        F("STIG ID", $"<code>{H(r.StigId)}</code>");
        F("STIG", Link(p, LibraryPaths.Stig(stig.Id), b.Title));
        F("Release", Link(p, LibraryPaths.Release(stig.Id, b.VersionLabel), b.VersionLabel) + " \u2014 " + H(b.ReleaseInfo));
        F("Benchmark date", H(b.BenchmarkDate));
        F("Legacy IDs", H(string.Join(", ", r.LegacyIds)));
        sb.Append("</dl>\n");

        sb.Append("<h2>CCIs and NIST SP 800-53 controls</h2>\n");
        var ccis = new JArray();
        if (r.Ccis.Count == 0) sb.Append("<p class=\"none\">This rule lists no CCI.").Append(string.IsNullOrWhiteSpace(r.IaControls) ? "" : $" DIACAP IA controls: {H(r.IaControls)}.").Append("</p>\n");
        else
        {
            sb.Append("<table id=\"ccis\"><thead><tr><th>CCI</th><th>Definition</th><th>NIST SP 800-53 rev 5</th><th>rev 4</th></tr></thead><tbody>\n");
            foreach (var cci in r.Ccis)
            {
                var item = c.CciList?.Find(cci);
                var r5 = c.ControlsOf(cci, 5);
                var r4 = c.ControlsOf(cci, 4);
                string Controls(IReadOnlyList<string> list, int rev) => list.Count == 0 ? "" : string.Join(", ", list.Select(x => Link(p, LibraryPaths.Control(rev, x), x)));
                sb.Append("<tr><td>").Append(item is null ? H(cci) : Link(p, LibraryPaths.CciItem(item.Id), item.Id)).Append("</td><td>")
                  .Append(item is null ? (c.CciList is null ? "<span class=\"note\">no CCI list given</span>" : "<span class=\"note\">not in the CCI list</span>") : H(item.Definition))
                  .Append("</td><td>").Append(Controls(r5, 5)).Append("</td><td>").Append(Controls(r4, 4)).Append("</td></tr>\n");
                ccis.Add(new JObject
                {
                    ["id"] = cci,
                    ["definition"] = item?.Definition,
                    ["nist80053rev5"] = new JArray(r5),
                    ["nist80053rev4"] = new JArray(r4),
                });
            }
            sb.Append("</tbody></table>\n");
        }

        sb.Append("<h2>Discussion</h2>\n<div class=\"text\">").Append(H(r.Discussion.Trim())).Append("</div>\n");
        sb.Append("<h2>Check</h2>\n<div class=\"text\" id=\"check\">").Append(H(r.CheckContent.Trim())).Append("</div>\n");
        sb.Append("<h2>Fix</h2>\n<div class=\"text\" id=\"fix\">").Append(H(r.FixText.Trim())).Append("</div>\n");
        var others = OtherFields.Where(f => !string.IsNullOrWhiteSpace(f.Get(r)) && !(f.Label == "Documentable" && f.Get(r).Trim() == "false")).ToList();
        if (others.Count > 0)
        {
            sb.Append("<h2>Other fields</h2>\n<dl class=\"fields\">\n");
            foreach (var (label, get) in others) sb.Append("<dt>").Append(H(label)).Append("</dt><dd>").Append(H(get(r).Trim())).Append("</dd>\n");
            sb.Append("</dl>\n");
        }

        sb.Append("<h2>Releases</h2>\n<table id=\"releases\"><thead><tr><th>Release</th><th>Benchmark date</th><th>Rule ID</th><th>Text</th></tr></thead><tbody>\n");
        var history = new JArray();
        foreach (var x in rule.Versions.AsEnumerable().Reverse())
        {
            var changes = x.ChangesFromPrevious;
            string state;
            if (x.Previous is null)
            {
                var i = IndexOf(stig.Releases, x.Release);
                state = i == 0 ? "<span class=\"note\">oldest release here</span>" : "<span class=\"changed\">new in this release</span>";
            }
            else if (changes.Count == 0) state = $"<span class=\"same\">same as {H(x.Previous.Release.VersionLabel)}</span>";
            else
                state = $"<span class=\"changed\">changed since {H(x.Previous.Release.VersionLabel)}: {H(string.Join(", ", changes.Select(FieldName)))}</span> "
                        + Link(p, LibraryPaths.Compare(stig.Id, x.Previous.Release.VersionLabel, x.Release.VersionLabel), "compare");
            var cur = x == v ? " aria-current=\"page\"" : "";
            sb.Append("<tr").Append(cur).Append("><td>").Append(Link(p, LibraryPaths.RuleInRelease(stig.Id, x.Release.VersionLabel, r.VulnId), x.Release.VersionLabel))
              .Append("</td><td>").Append(H(x.Release.BenchmarkDate)).Append("</td><td><code>").Append(H(x.Rule.RuleId)).Append("</code></td><td>").Append(state).Append("</td></tr>\n");
            history.Add(new JObject
            {
                ["release"] = x.Release.VersionLabel,
                ["benchmarkDate"] = x.Release.BenchmarkDate,
                ["ruleId"] = x.Rule.RuleId,
                ["path"] = LibraryPaths.RuleInRelease(stig.Id, x.Release.VersionLabel, r.VulnId),
                ["previousRelease"] = x.Previous?.Release.VersionLabel,
                ["textSameAsPrevious"] = x.Previous is null ? null : x.TextSameAsPrevious,
                ["changes"] = new JArray(changes),
            });
        }
        var missing = stig.Releases.Where(x => rule.Versions.All(y => y.Release != x)).ToList();
        sb.Append("</tbody></table>\n");
        if (missing.Count > 0) sb.Append("<p class=\"note\">Not in ").Append(H(string.Join(", ", missing.Select(m => m.VersionLabel)))).Append(".</p>\n");

        var j = new JObject
        {
            ["kind"] = "rule",
            ["path"] = p,
            ["stablePath"] = LibraryPaths.Rule(stig.Id, r.VulnId),
            ["vulnId"] = r.VulnId,
            ["groupTitle"] = r.GroupTitle,
            ["ruleId"] = r.RuleId,
            ["revision"] = r.Revision,
            ["stigId"] = r.StigId,
            ["severity"] = r.Severity,
            ["cat"] = CatLabel(r.Severity),
            ["title"] = r.Title,
            ["benchmark"] = BenchmarkJson(b),
            ["legacyIds"] = new JArray(r.LegacyIds),
            ["ccis"] = ccis,
            ["iaControls"] = r.IaControls,
            ["discussion"] = r.Discussion,
            ["check"] = r.CheckContent,
            ["fix"] = r.FixText,
            ["releases"] = history,
        };

        var g = new RdfGraph();
        const string s = "./";
        g.Type(s, "stig:Rule")
         .Add(s, "dcterms:identifier", r.VulnId).Add(s, "dcterms:title", r.Title)
         .Add(s, "stig:vulnId", r.VulnId).Add(s, "stig:groupTitle", r.GroupTitle)
         .Add(s, "stig:ruleId", r.RuleId).Add(s, "stig:revision", r.Revision).Add(s, "stig:stigId", r.StigId)
         .Add(s, "stig:severity", r.Severity).Add(s, "stig:cat", CatLabel(r.Severity))
         .Add(s, "stig:discussion", r.Discussion).Add(s, "stig:checkText", r.CheckContent).Add(s, "stig:fixText", r.FixText)
         .Add(s, "stig:iaControls", r.IaControls)
         .Link(s, "stig:benchmark", LibraryPaths.Iri(p, LibraryPaths.Stig(stig.Id)))
         .Link(s, "stig:release", LibraryPaths.Iri(p, LibraryPaths.Release(stig.Id, b.VersionLabel)));
        DateTriple(g, s, "stig:benchmarkDate", b.BenchmarkDate);
        foreach (var l in r.LegacyIds) g.Add(s, "stig:legacyId", l);
        if (stable) g.Link(s, "dcterms:hasVersion", LibraryPaths.Iri(p, LibraryPaths.RuleInRelease(stig.Id, b.VersionLabel, r.VulnId)));
        else
        {
            g.Link(s, "dcterms:isVersionOf", LibraryPaths.Iri(p, LibraryPaths.Rule(stig.Id, r.VulnId)));
            if (v.Previous is { } prev)
            {
                g.Link(s, "stig:previousVersion", LibraryPaths.Iri(p, LibraryPaths.RuleInRelease(stig.Id, prev.Release.VersionLabel, r.VulnId)))
                 .Add(s, "stig:textSameAsPrevious", new RdfLiteral(v.TextSameAsPrevious ? "true" : "false", "boolean"));
                foreach (var ch in v.ChangesFromPrevious) g.Add(s, "stig:changedFromPrevious", ch);
            }
        }
        foreach (var cci in r.Ccis)
        {
            var id = CciIds.Normalize(cci) ?? cci;
            var ci = LibraryPaths.Iri(p, LibraryPaths.CciItem(id));
            g.Link(s, "stig:cci", ci);
            CciTriples(g, p, c, id, ci);
        }
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }

    static int IndexOf(IReadOnlyList<Benchmark> list, Benchmark b)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == b) return i;
        return -1;
    }

    static void CciTriples(RdfGraph g, string from, LibraryCatalog c, string id, string ci)
    {
        g.Type(ci, "stig:Cci").Add(ci, "dcterms:identifier", id);
        if (c.CciList?.Find(id) is not { } item) return;
        g.Add(ci, "stig:definition", item.Definition);
        foreach (var rev in new[] { 5, 4 })
            foreach (var control in LibraryCatalog.ControlsOf(item, rev))
            {
                var k = LibraryPaths.Iri(from, LibraryPaths.Control(rev, control));
                g.Link(ci, rev == 5 ? "stig:nist80053rev5" : "stig:nist80053rev4", k)
                 .Type(k, "stig:Control").Add(k, "dcterms:identifier", control)
                 .Add(k, "stig:nistRevision", new RdfLiteral(rev.ToString(CultureInfo.InvariantCulture), "integer"));
            }
    }

    // ---------------------------------------------------------------- RMF and CCIs

    static LibraryPage RmfPage(LibraryCatalog c, int rev)
    {
        var p = LibraryPaths.Rmf(rev);
        var title = $"RMF view: NIST SP 800-53 revision {rev}";
        var controls = c.Controls[rev];
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(H(title)).Append("</h1>\n<p>Every NIST SP 800-53 rev ").Append(rev)
          .Append(" control that the rules of the newest STIG releases here reach through their CCIs, as DISA's CCI list maps them")
          .Append(c.CciList is { } l ? $" ({H(l.Version ?? "undated")})" : "").Append(". ")
          .Append(rev == 5 ? Link(p, LibraryPaths.Rmf(4), "Revision 4") : Link(p, LibraryPaths.Rmf(5), "Revision 5")).Append(" is also here.</p>\n");
        if (c.CciList is null) sb.Append("<p class=\"none\">No CCI list was given (--cci U_CCI_List.xml), so no control can be shown.</p>\n");
        sb.Append("<p>").Append(controls.Count).Append(" controls.</p>\n");
        sb.Append("<table id=\"controls\"><thead><tr><th>Control</th><th>CCIs</th><th>Rules</th></tr></thead><tbody>\n");
        var json = new JArray();
        var g = new RdfGraph();
        g.Type("./", "stig:RmfView").Add("./", "dcterms:title", title).Add("./", "stig:nistRevision", new RdfLiteral(rev.ToString(CultureInfo.InvariantCulture), "integer"));
        foreach (var k in controls)
        {
            sb.Append("<tr id=\"").Append(H(LibraryPaths.Anchor(k.Control))).Append("\"><th scope=\"row\">").Append(H(k.Control)).Append("</th><td>")
              .Append(string.Join(", ", k.Ccis.Select(x => Link(p, LibraryPaths.CciItem(x), x)))).Append("</td><td><ul>");
            foreach (var r in k.Rules)
                sb.Append("<li>").Append(Link(p, LibraryPaths.Rule(r.Stig.Id, r.VulnId), r.VulnId)).Append(' ')
                  .Append(H($"{CatLabel(r.Latest.Severity)} {r.Latest.StigId} {r.Latest.Title}")).Append(" <span class=\"note\">(").Append(H(r.Stig.Title)).Append(")</span></li>");
            sb.Append("</ul></td></tr>\n");
            json.Add(new JObject
            {
                ["control"] = k.Control,
                ["ccis"] = new JArray(k.Ccis),
                ["rules"] = new JArray(k.Rules.Select(r => new JObject
                {
                    ["benchmarkId"] = r.Stig.Id,
                    ["vulnId"] = r.VulnId,
                    ["stigId"] = r.Latest.StigId,
                    ["title"] = r.Latest.Title,
                    ["path"] = LibraryPaths.Rule(r.Stig.Id, r.VulnId),
                })),
            });
            var ki = LibraryPaths.Iri(p, LibraryPaths.Control(rev, k.Control));
            g.Link("./", "stig:control", ki).Type(ki, "stig:Control").Add(ki, "dcterms:identifier", k.Control)
             .Add(ki, "stig:nistRevision", new RdfLiteral(rev.ToString(CultureInfo.InvariantCulture), "integer"));
            foreach (var x in k.Ccis) g.Link(ki, "stig:cci", LibraryPaths.Iri(p, LibraryPaths.CciItem(x)));
            foreach (var r in k.Rules) g.Link(ki, "stig:implementedBy", LibraryPaths.Iri(p, LibraryPaths.Rule(r.Stig.Id, r.VulnId)));
        }
        sb.Append("</tbody></table>\n");
        var j = new JObject { ["kind"] = "rmf", ["path"] = p, ["revision"] = rev, ["cciList"] = c.CciList?.Version, ["controls"] = json };
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }

    static LibraryPage CciPage(LibraryCatalog c)
    {
        const string p = LibraryPaths.Cci;
        const string title = "CCIs used by these STIGs";
        var used = new SortedDictionary<string, List<LibraryRule>>(StringComparer.Ordinal);
        foreach (var stig in c.Stigs)
            foreach (var rule in stig.Rules)
                foreach (var cci in rule.Versions.SelectMany(v => v.Rule.Ccis).Select(x => CciIds.Normalize(x) ?? x).Distinct())
                {
                    if (!used.TryGetValue(cci, out var list)) used[cci] = list = [];
                    list.Add(rule);
                }
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(title).Append("</h1>\n<p>").Append(used.Count).Append(" CCIs").Append(c.CciList is { } l ? $"; definitions and controls from DISA's CCI list {H(l.Version ?? "(undated)")}" : "; no CCI list was given").Append(".</p>\n");
        sb.Append("<table id=\"ccis\" class=\"sortable\"><thead><tr><th>CCI</th><th>Definition</th><th>800-53 rev 5</th><th>rev 4</th><th>Rules</th></tr></thead><tbody>\n");
        var json = new JArray();
        var g = new RdfGraph();
        g.Type("./", "stig:CciIndex").Add("./", "dcterms:title", title);
        foreach (var (id, rules) in used)
        {
            var item = c.CciList?.Find(id);
            var r5 = c.ControlsOf(id, 5);
            var r4 = c.ControlsOf(id, 4);
            sb.Append("<tr id=\"").Append(H(LibraryPaths.Anchor(id))).Append("\"><th scope=\"row\">").Append(H(id)).Append("</th><td>").Append(H(item?.Definition))
              .Append("</td><td>").Append(string.Join(", ", r5.Select(x => Link(p, LibraryPaths.Control(5, x), x)))).Append("</td><td>")
              .Append(string.Join(", ", r4.Select(x => Link(p, LibraryPaths.Control(4, x), x)))).Append("</td><td>")
              .Append(string.Join(", ", rules.Select(r => Link(p, LibraryPaths.Rule(r.Stig.Id, r.VulnId), r.VulnId)))).Append("</td></tr>\n");
            json.Add(new JObject
            {
                ["id"] = id,
                ["definition"] = item?.Definition,
                ["nist80053rev5"] = new JArray(r5),
                ["nist80053rev4"] = new JArray(r4),
                ["rules"] = new JArray(rules.Select(r => LibraryPaths.Rule(r.Stig.Id, r.VulnId))),
            });
            var ci = LibraryPaths.Iri(p, LibraryPaths.CciItem(id));
            CciTriples(g, p, c, id, ci);
            foreach (var r in rules) g.Link(ci, "stig:usedBy", LibraryPaths.Iri(p, LibraryPaths.Rule(r.Stig.Id, r.VulnId)));
        }
        sb.Append("</tbody></table>\n");
        var j = new JObject { ["kind"] = "ccis", ["path"] = p, ["cciList"] = c.CciList?.Version, ["ccis"] = json };
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }

    // ---------------------------------------------------------------- compare

    static LibraryPage ComparePage(LibraryStig stig, Benchmark o, Benchmark n)
    {
        var d = BenchmarkDiff.Compare(o, n);
        var p = LibraryPaths.Compare(stig.Id, o.VersionLabel, n.VersionLabel);
        var title = $"{stig.Title}: {o.VersionLabel} \u2192 {n.VersionLabel}";
        string OldRule(BenchmarkRule r) => LibraryPaths.RuleInRelease(stig.Id, o.VersionLabel, r.VulnId);
        string NewRule(BenchmarkRule r) => LibraryPaths.RuleInRelease(stig.Id, n.VersionLabel, r.VulnId);
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(H(stig.Title)).Append(": ").Append(Link(p, LibraryPaths.Release(stig.Id, o.VersionLabel), o.VersionLabel)).Append(" \u2192 ")
          .Append(Link(p, LibraryPaths.Release(stig.Id, n.VersionLabel), n.VersionLabel)).Append("</h1>\n");
        sb.Append("<table><thead><tr><th></th><th>").Append(H(o.VersionLabel)).Append("</th><th>").Append(H(n.VersionLabel)).Append("</th></tr></thead><tbody>\n")
          .Append("<tr><th>Release info</th><td>").Append(H(o.ReleaseInfo)).Append("</td><td>").Append(H(n.ReleaseInfo)).Append("</td></tr>\n")
          .Append("<tr><th>Rules</th><td class=\"num\">").Append(o.Rules.Count).Append("</td><td class=\"num\">").Append(n.Rules.Count).Append("</td></tr>\n</tbody></table>\n");
        sb.Append("<p id=\"summary\">").Append(d.Added.Count).Append(" added, ").Append(d.Removed.Count).Append(" removed, ").Append(d.Changed.Count).Append(" changed (")
          .Append(d.Renumbered.Count()).Append(" renumbered), ").Append(d.UnchangedCount).Append(" unchanged.</p>\n");
        Chooser(sb, p, stig);
        void List(string id, string heading, IReadOnlyList<BenchmarkRule> rules, Func<BenchmarkRule, string> target)
        {
            sb.Append("<h2 id=\"").Append(id).Append("\">").Append(H(heading)).Append(" (").Append(rules.Count).Append(")</h2>\n");
            if (rules.Count == 0) { sb.Append("<p class=\"note\">None.</p>\n"); return; }
            sb.Append("<table><thead><tr><th>V-id</th><th>CAT</th><th>STIG ID</th><th>Title</th></tr></thead><tbody>\n");
            foreach (var r in rules)
                sb.Append("<tr><td>").Append(Link(p, target(r), r.VulnId)).Append("</td><td class=\"").Append(CatClass(r.Severity)).Append("\">").Append(H(CatLabel(r.Severity)))
                  .Append("</td><td>").Append(H(r.StigId)).Append("</td><td>").Append(H(r.Title)).Append("</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        List("added", "Added rules", d.Added, NewRule);
        List("removed", "Removed rules", d.Removed, OldRule);
        sb.Append("<h2 id=\"changed\">Changed rules (").Append(d.Changed.Count).Append(")</h2>\n");
        if (d.Changed.Count == 0) sb.Append("<p class=\"note\">None.</p>\n");
        foreach (var ch in d.Changed)
        {
            var ids = ch.Old.VulnId == ch.New.VulnId ? ch.New.VulnId : $"{ch.Old.VulnId} \u2192 {ch.New.VulnId}";
            sb.Append("<section class=\"change\" id=\"").Append(H(LibraryPaths.Segment(ch.New.VulnId))).Append("\"><h3>").Append(Link(p, NewRule(ch.New), ids)).Append(' ')
              .Append(H(ch.New.StigId)).Append(": ").Append(H(ch.New.Title)).Append("</h3>\n<p>Rule ID: <code>").Append(H(ch.Old.RuleId)).Append("</code>");
            if (ch.Old.RuleId != ch.New.RuleId) sb.Append(" \u2192 <code>").Append(H(ch.New.RuleId)).Append("</code>");
            sb.Append("; ").Append(ch.SeverityChanged ? $"severity {H(CatLabel(ch.Old.Severity))} \u2192 {H(CatLabel(ch.New.Severity))}" : H(CatLabel(ch.New.Severity)))
              .Append("; changed: ").Append(H(string.Join(", ", ch.ChangeNames))).Append(". ").Append(Link(p, OldRule(ch.Old), $"as {o.VersionLabel}")).Append("</p>\n");
            foreach (var f in ch.Fields)
                sb.Append("<h4>").Append(H(FieldName(f.Field))).Append("</h4>\n<div class=\"diff\">").Append(WordDiff.ToHtml(f.Diff)).Append("</div>\n");
            sb.Append("</section>\n");
        }
        var j = JObject.Parse(BenchmarkDiffRenderers.Json(d));
        j.AddFirst(new JProperty("path", p));
        j["kind"] = "compare";
        var g = new RdfGraph();
        g.Type("./", "stig:Comparison").Add("./", "dcterms:title", title)
         .Link("./", "stig:oldRelease", LibraryPaths.Iri(p, LibraryPaths.Release(stig.Id, o.VersionLabel)))
         .Link("./", "stig:newRelease", LibraryPaths.Iri(p, LibraryPaths.Release(stig.Id, n.VersionLabel)));
        foreach (var r in d.Added) g.Link("./", "stig:added", LibraryPaths.Iri(p, NewRule(r)));
        foreach (var r in d.Removed) g.Link("./", "stig:removed", LibraryPaths.Iri(p, OldRule(r)));
        foreach (var ch in d.Changed) g.Link("./", "stig:changed", LibraryPaths.Iri(p, NewRule(ch.New)));
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }

    // ---------------------------------------------------------------- search

    static LibraryPage SearchPage(LibraryCatalog c)
    {
        const string p = LibraryPaths.Search;
        const string title = "Search every rule";
        var entries = new JArray();
        foreach (var stig in c.Stigs)
            foreach (var rule in stig.Rules)
            {
                var r = rule.Latest;
                var hay = string.Join(" ", new[] { r.VulnId, r.RuleId, r.StigId, r.GroupTitle, r.Title, r.Discussion, r.CheckContent, r.FixText }
                    .Concat(r.LegacyIds).Concat(r.Ccis)).ToLowerInvariant();
                entries.Add(new JObject
                {
                    ["h"] = LibraryPaths.Href(p, LibraryPaths.Rule(stig.Id, r.VulnId)),
                    ["v"] = r.VulnId,
                    ["s"] = r.StigId,
                    ["c"] = CatLabel(r.Severity),
                    ["n"] = r.Title,
                    ["b"] = stig.Title,
                    ["r"] = rule.LatestVersion.Release.VersionLabel,
                    ["i"] = r.RuleId,
                    ["t"] = hay,
                });
            }
        var sb = new StringBuilder();
        sb.Append("<h1>").Append(title).Append("</h1>\n<p id=\"search-status\" class=\"note\">Searching needs the page's script; without it, use ")
          .Append(Link(p, LibraryPaths.Index, "the index")).Append(" and each release's rule list.</p>\n<ol class=\"hits\" id=\"hits\"></ol>\n");
        // A JSON data block is not a script: the page policy does not run it, the page script reads it.
        // Every "<" is written as \u003c so that no text from a benchmark can end the element.
        sb.Append("<script type=\"application/json\" id=\"search-data\">")
          .Append(entries.ToString(Formatting.None).Replace("<", "\\u003c", StringComparison.Ordinal)).Append("</script>\n");
        var j = new JObject { ["kind"] = "search", ["path"] = p, ["ruleCount"] = entries.Count };
        var g = new RdfGraph();
        g.Type("./", "stig:Search").Add("./", "dcterms:title", title).Link("./", "dcterms:isPartOf", LibraryPaths.Iri(p, LibraryPaths.Index));
        return new LibraryPage(p, title, Page(p, title, sb.ToString()), j, g);
    }
}
