using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CklGen.Checklists;

namespace CklGen.Reports;

/// <summary>
/// The report as one self-contained HTML page: inline CSS, a small inline script for filtering
/// (the page works without it), no external resources. A Content-Security-Policy forbids any
/// network access, so even a checklist crafted to inject markup could not load anything.
/// </summary>
public static class HtmlReport
{
    public static string Write(Report report) => Write(report, library: null);

    /// <summary>
    /// The report; with a library (a folder or web address 'cklgen library build' output is at), every
    /// rule id links to the rule's stable page there (<see cref="CklGen.Library.LibraryPaths.RuleHref"/>).
    /// </summary>
    public static string Write(Report report, string? library)
    {
        var links = library is null ? null : new Links(library);
        var sb = new StringBuilder(64 * 1024);
        var scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));
        var title = Title(report);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")
          .Append(scriptHash).Append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"").Append(H($"{CklGenInfo.Product} {CklGenInfo.Version}")).Append("\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        Header(sb, report, title, library);
        Tiles(sb, report);
        Nav(sb);
        Sections(sb, report);
        Findings(sb, report, links);
        Rollup(sb, report, links);
        Footer(sb, report);

        sb.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    static string Title(Report r) => r.Hosts.Count switch
    {
        0 => "STIG compliance report",
        <= 3 => "STIG compliance report: " + string.Join(", ", r.Hosts),
        _ => $"STIG compliance report: {r.Hosts.Count} hosts",
    };

    /// <summary>Rule links into a library; null without one, and the report is then as it always was.</summary>
    sealed class Links(string library)
    {
        public string? Rule(string? benchmarkId, string vulnId) =>
            string.IsNullOrWhiteSpace(benchmarkId) || string.IsNullOrWhiteSpace(vulnId)
                ? null
                : CklGen.Library.LibraryPaths.RuleHref(library, benchmarkId.Trim(), vulnId.Trim());

        /// <summary>The markup, wrapped in a link to the rule's library page when there is one.</summary>
        public static void Wrap(StringBuilder sb, string? href, string markup)
        {
            if (href is null) { sb.Append(markup); return; }
            sb.Append("<a class=\"lib\" href=\"").Append(H(href)).Append("\" title=\"This rule in the STIG library\">").Append(markup).Append("</a>");
        }
    }

    static void Header(StringBuilder sb, Report r, string title, string? library)
    {
        sb.Append("<header>\n<h1>").Append(H(title)).Append("</h1>\n<p class=\"meta\">")
          .Append(H($"{Plural(r.Sources.Count, "checklist")}, {Plural(r.Hosts.Count, "host")}, {Plural(r.Sections.Count, "STIG")} reviewed, {Plural(r.Totals.Total, "rule")}. "))
          .Append("Generated ").Append(H(Date(r.GeneratedAt))).Append(" by ").Append(H($"{CklGenInfo.Product} {CklGenInfo.Version}"));
        if (r.CciList is not null) sb.Append("; CCI list ").Append(H(r.CciList.Version ?? "(undated)"));
        if (library is not null) sb.Append("; rule ids link to the STIG library at ").Append(H(library));
        sb.Append(".</p>\n</header>\n");
    }

    static void Tiles(StringBuilder sb, Report r)
    {
        var t = r.Totals;
        sb.Append("<section class=\"tiles\" aria-label=\"Summary\">\n");
        sb.Append("<div class=\"tile open\"><span class=\"num\" id=\"total-open\">").Append(t.Open).Append("</span><span class=\"label\">Open</span><span class=\"sub\">");
        sb.Append(string.Join("", Cats.Ordered.Where(c => c != Cat.Unknown || t[ChecklistStatus.Open, c] > 0)
            .Select(c => $"<span class=\"catn\"><b class=\"{CatClass(c)}\">{H(c.Label())}</b> {t[ChecklistStatus.Open, c]}</span>")));
        sb.Append("</span></div>\n");
        Tile(sb, "naf", t.NotAFinding, "Not a Finding", Percent(t.NotAFinding, t.Total) + " of rules");
        Tile(sb, "na", t.NotApplicable, "Not Applicable", Percent(t.NotApplicable, t.Total) + " of rules");
        Tile(sb, "nr", t.NotReviewed, "Not Reviewed", Percent(t.NotReviewed, t.Total) + " of rules");
        Tile(sb, "hosts", r.Hosts.Count, r.Hosts.Count == 1 ? "Host" : "Hosts", Plural(r.Sections.Count, "checklist STIG"));
        sb.Append("</section>\n");
    }

    static void Tile(StringBuilder sb, string cls, int n, string label, string sub) =>
        sb.Append("<div class=\"tile ").Append(cls).Append("\"><span class=\"num\">").Append(n).Append("</span><span class=\"label\">")
          .Append(H(label)).Append("</span><span class=\"sub\">").Append(H(sub)).Append("</span></div>\n");

    static void Nav(StringBuilder sb) =>
        sb.Append("<nav><a href=\"#hosts\">Hosts and STIGs</a><a href=\"#open\">Open findings</a><a href=\"#rollup\">Control roll-up</a></nav>\n");

    static void Sections(StringBuilder sb, Report r)
    {
        sb.Append("<section id=\"hosts\">\n<h2>Hosts and STIGs</h2>\n");
        if (r.Sections.Count == 0) { sb.Append("<p class=\"none\">The checklists hold no STIGs.</p>\n</section>\n"); return; }
        sb.Append("<div class=\"scroll\"><table class=\"counts\">\n<thead><tr><th rowspan=\"2\">Host</th><th rowspan=\"2\">STIG</th>")
          .Append("<th colspan=\"3\" class=\"grp\">Open by category</th><th rowspan=\"2\" class=\"n\">Open</th><th rowspan=\"2\" class=\"n\">Not a Finding</th>")
          .Append("<th rowspan=\"2\" class=\"n\">Not Applicable</th><th rowspan=\"2\" class=\"n\">Not Reviewed</th><th rowspan=\"2\" class=\"n\">Total</th><th rowspan=\"2\">Status</th></tr>\n")
          .Append("<tr><th class=\"n\">CAT I</th><th class=\"n\">CAT II</th><th class=\"n\">CAT III</th></tr></thead>\n<tbody>\n");
        foreach (var s in r.Sections)
        {
            var c = s.Counts;
            sb.Append("<tr><th scope=\"row\">").Append(H(s.Host)).Append("</th><td class=\"stig\">").Append(H(s.BenchmarkTitle));
            if (s.VersionLabel.Length > 0) sb.Append(" <span class=\"rel\">").Append(H(s.VersionLabel)).Append("</span>");
            sb.Append("</td>");
            foreach (var cat in new[] { Cat.I, Cat.II, Cat.III })
                Num(sb, c[ChecklistStatus.Open, cat], CatClass(cat));
            Num(sb, c.Open, "s-open");
            Num(sb, c.NotAFinding, null);
            Num(sb, c.NotApplicable, null);
            Num(sb, c.NotReviewed, "s-nr");
            Num(sb, c.Total, null);
            sb.Append("<td>");
            Bar(sb, c);
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table></div>\n</section>\n");
    }

    static void Num(StringBuilder sb, int n, string? cls)
    {
        sb.Append("<td class=\"n");
        if (cls is not null && n > 0) sb.Append(' ').Append(cls);
        sb.Append("\">").Append(n).Append("</td>");
    }

    static void Bar(StringBuilder sb, StatusCounts c)
    {
        var title = $"{c.Open} open, {c.NotAFinding} not a finding, {c.NotApplicable} not applicable, {c.NotReviewed} not reviewed";
        sb.Append("<div class=\"bar\" title=\"").Append(H(title)).Append("\" role=\"img\" aria-label=\"").Append(H(title)).Append("\">");
        foreach (var (n, cls) in new[] { (c.Open, "s-open"), (c.NotAFinding, "s-naf"), (c.NotApplicable, "s-na"), (c.NotReviewed, "s-nr") })
            if (n > 0)
                sb.Append("<span class=\"").Append(cls).Append("\" style=\"width:")
                  .Append((100.0 * n / c.Total).ToString("0.##", CultureInfo.InvariantCulture)).Append("%\"></span>");
        sb.Append("</div>");
    }

    static void Findings(StringBuilder sb, Report r, Links? links)
    {
        sb.Append("<section id=\"open\">\n<h2>Open findings <span class=\"count\">").Append(r.OpenFindings.Count).Append("</span></h2>\n");
        if (r.OpenFindings.Count == 0) { sb.Append("<p class=\"none\">No rule is open.</p>\n</section>\n"); return; }
        sb.Append("<p class=\"hint\">One entry per rule; hosts where it is open are listed with their evidence. Categories honor severity overrides.</p>\n");
        sb.Append("<div class=\"tools\" id=\"tools\" hidden><input type=\"search\" id=\"filter\" placeholder=\"Filter: V-id, STIG id, host, text\" aria-label=\"Filter open findings\">")
          .Append("<button type=\"button\" id=\"expand\">Expand all</button><button type=\"button\" id=\"collapse\">Collapse all</button><span id=\"shown\"></span></div>\n");
        var n = 0;
        foreach (var group in r.OpenFindings.GroupBy(f => f.Cat))
        {
            var list = group.ToList();
            sb.Append("<div class=\"catgroup\">\n<h3 class=\"").Append(CatClass(group.Key)).Append("\">").Append(H(group.Key.Label()))
              .Append(" <span class=\"count\">").Append(list.Count).Append("</span></h3>\n");
            foreach (var f in list) Finding(sb, r, f, ++n, links);
            sb.Append("</div>\n");
        }
        sb.Append("</section>\n");
    }

    static void Finding(StringBuilder sb, Report r, OpenFinding f, int n, Links? links)
    {
        var hosts = f.Hosts.ToList();
        var href = links?.Rule(f.Rows[0].Section.BenchmarkId, f.VulnId);
        sb.Append("<details class=\"finding\" id=\"").Append("f").Append(n).Append('-').Append(H(f.VulnId)).Append("\">\n<summary><span class=\"badge ").Append(CatClass(f.Cat)).Append("\">")
          .Append(H(f.Cat.Label())).Append("</span> ");
        Links.Wrap(sb, href, "<code class=\"vid\">" + H(f.VulnId) + "</code>");
        sb.Append(" <span class=\"ftitle\">")
          .Append(H(f.Title)).Append("</span><span class=\"fmeta\">").Append(H(f.StigId)).Append(" · ").Append(H(f.BenchmarkLabel)).Append(" · ")
          .Append(H(hosts.Count == 1 ? hosts[0] : $"{hosts.Count} hosts: {string.Join(", ", hosts)}"))
          .Append("</span></summary>\n<div class=\"body\">\n<dl class=\"ids\">");
        if (href is not null && !string.IsNullOrWhiteSpace(f.RuleId))
        {
            sb.Append("<dt>Rule ID</dt><dd>");
            Links.Wrap(sb, href, H(f.RuleId));
            sb.Append("</dd>");
        }
        else Dt(sb, "Rule ID", f.RuleId);
        Dt(sb, "STIG ID", f.StigId);
        Dt(sb, "STIG", f.BenchmarkLabel);
        if (f.Cat != f.OriginalCat) Dt(sb, "Benchmark severity", f.OriginalCat.Label());
        sb.Append("</dl>\n");
        Ccis(sb, r, f);
        foreach (var row in f.Rows)
        {
            sb.Append("<div class=\"evidence\">\n<h4>").Append(H(row.Host)).Append("</h4>\n");
            if (row.SeverityOverridden)
                sb.Append("<p class=\"override\">Severity overridden from ").Append(H(row.OriginalCat.Label())).Append(" to ").Append(H(row.Cat.Label()))
                  .Append(string.IsNullOrWhiteSpace(row.Rule.SeverityJustification) ? "." : ": " + H(row.Rule.SeverityJustification!.Trim())).Append("</p>\n");
            Text(sb, "Finding details", row.Rule.FindingDetails);
            Text(sb, "Comments", row.Rule.Comments);
            sb.Append("</div>\n");
        }
        Fold(sb, "Discussion", f.Rule.Discussion);
        Fold(sb, "Check", f.Rule.CheckContent);
        Fold(sb, "Fix", f.Rule.FixText);
        sb.Append("</div>\n</details>\n");
    }

    static void Ccis(StringBuilder sb, Report r, OpenFinding f)
    {
        if (f.Ccis.Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(f.Rule.IaControls))
                sb.Append("<p class=\"ccis\">No CCIs; IA controls (DIACAP): ").Append(H(f.Rule.IaControls!.Trim())).Append("</p>\n");
            return;
        }
        sb.Append("<ul class=\"ccis\">");
        foreach (var c in f.Ccis)
        {
            var item = r.CciList?.Find(c);
            sb.Append("<li><code>").Append(H(c)).Append("</code>");
            if (item is not null)
            {
                if (item.Controls.Count > 0)
                    sb.Append(" → <b>").Append(H(string.Join(", ", item.Controls.Select(x => x.Control).Distinct()))).Append("</b>")
                      .Append(" <span class=\"rev\">(rev ").Append(item.Controls[0].Revision).Append(": ").Append(H(string.Join("; ", item.Controls.Select(x => x.Index)))).Append(")</span>");
                sb.Append("<br><span class=\"def\">").Append(H(item.Definition)).Append("</span>");
            }
            else if (r.CciList is not null) sb.Append(" <span class=\"rev\">(not in the CCI list)</span>");
            sb.Append("</li>");
        }
        sb.Append("</ul>\n");
    }

    static void Dt(StringBuilder sb, string term, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        sb.Append("<dt>").Append(H(term)).Append("</dt><dd>").Append(H(value)).Append("</dd>");
    }

    static void Text(StringBuilder sb, string label, string? text)
    {
        sb.Append("<h5>").Append(H(label)).Append("</h5>");
        if (string.IsNullOrWhiteSpace(text)) sb.Append("<p class=\"none\">None recorded.</p>\n");
        else sb.Append("<pre>").Append(H(text.TrimEnd())).Append("</pre>\n");
    }

    static void Fold(StringBuilder sb, string label, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        sb.Append("<details class=\"fold\"><summary>").Append(H(label)).Append("</summary><pre>").Append(H(text.Trim())).Append("</pre></details>\n");
    }

    static void Rollup(StringBuilder sb, Report r, Links? links)
    {
        var nist = r.Rollup.Any(l => l.Kind == RollupKind.NistControl);
        sb.Append("<section id=\"rollup\">\n<h2>").Append(nist ? "Roll-up by NIST SP 800-53 control" : "Roll-up by CCI and IA control").Append("</h2>\n");
        sb.Append("<p class=\"hint\">Each rule counts once per host under every control its CCIs map to.</p>\n");
        foreach (var note in r.Notes) sb.Append("<p class=\"note\">").Append(H(note)).Append("</p>\n");
        if (r.Rollup.Count == 0) { sb.Append("<p class=\"none\">No rules to roll up.</p>\n</section>\n"); return; }
        sb.Append("<label class=\"tools\" id=\"openonly-label\" hidden><input type=\"checkbox\" id=\"openonly\"> Only lines with open findings</label>\n");
        sb.Append("<div class=\"scroll\"><table class=\"rollup\">\n<thead><tr><th>Control</th><th>Kind</th><th>CCIs</th><th class=\"n\">Open</th><th class=\"n\">Not a Finding</th>")
          .Append("<th class=\"n\">Not Applicable</th><th class=\"n\">Not Reviewed</th><th>Status</th><th>Open rules</th></tr></thead>\n<tbody>\n");
        foreach (var l in r.Rollup)
        {
            var c = l.Counts;
            sb.Append("<tr").Append(c.Open > 0 ? " class=\"has-open\"" : "").Append("><th scope=\"row\">").Append(H(l.Name)).Append("</th><td>")
              .Append(H(KindLabel(l))).Append("</td><td class=\"small\">").Append(H(string.Join(", ", l.Ccis))).Append("</td>");
            Num(sb, c.Open, "s-open");
            Num(sb, c.NotAFinding, null);
            Num(sb, c.NotApplicable, null);
            Num(sb, c.NotReviewed, "s-nr");
            sb.Append("<td>");
            Bar(sb, c);
            sb.Append("</td><td class=\"small\">");
            if (links is null) sb.Append(string.Join(", ", l.OpenVulnIds.Select(v => $"<code>{H(v)}</code>")));
            else
            {
                var first = true;
                foreach (var v in l.OpenVulnIds)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    // A V-id open under this control in one STIG links to that STIG's rule; in several, to each.
                    var ids = l.OpenBenchmarkIds.TryGetValue(v, out var set) ? set.ToList() : [];
                    if (ids.Count <= 1) Links.Wrap(sb, links.Rule(ids.FirstOrDefault(), v), $"<code>{H(v)}</code>");
                    else
                    {
                        sb.Append($"<code>{H(v)}</code> (");
                        for (var i = 0; i < ids.Count; i++)
                        {
                            if (i > 0) sb.Append(", ");
                            Links.Wrap(sb, links.Rule(ids[i], v), H(ids[i]));
                        }
                        sb.Append(')');
                    }
                }
            }
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table></div>\n</section>\n");
    }

    static string KindLabel(ControlRollup l) => l.Kind switch
    {
        RollupKind.NistControl => "800-53 rev " + string.Join("/", l.Revisions.Reverse()),
        RollupKind.Cci => "CCI",
        RollupKind.Diacap => "DIACAP",
        _ => "",
    };

    static void Footer(StringBuilder sb, Report r)
    {
        sb.Append("<footer>\n<p>Checklists read:</p>\n<ul>");
        foreach (var s in r.Sources)
            sb.Append("<li>").Append(H(Path.GetFileName(s.Path))).Append(" (").Append(H(Report.HostName(s))).Append(")</li>");
        sb.Append("</ul>\n<p>Open findings are rules with status Open; categories (CAT I high, CAT II medium, CAT III low) honor the reviewer's severity overrides.</p>\n</footer>\n");
    }


    static string CatClass(Cat c) => c switch { Cat.I => "cat1", Cat.II => "cat2", Cat.III => "cat3", _ => "cat0" };

    static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    static string Percent(int n, int total) => total == 0 ? "0%" : (100.0 * n / total).ToString("0", CultureInfo.InvariantCulture) + "%";

    static string Date(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>HTML-escapes text for element content and quoted attribute values.</summary>
    public static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    const string Css = """
:root{--fg:#1d2330;--muted:#5b6475;--bg:#f5f6f8;--card:#fff;--line:#dde1e7;--open:#c62828;--naf:#2e7d32;--na:#78909c;--nr:#6a4fb3;--cat1:#b71c1c;--cat2:#d35400;--cat3:#9a7d0a}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,section,nav,footer{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:22px 0 8px}
h4{font-size:15px;margin:0 0 6px}
h5{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:10px 0 4px}
.meta,.hint,footer{color:var(--muted)}
.count{display:inline-block;min-width:1.6em;padding:0 .45em;border-radius:1em;background:var(--line);color:var(--fg);font-size:.8em;text-align:center}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:14px;margin-top:20px}
.tile{background:var(--card);border:1px solid var(--line);border-top:5px solid var(--na);border-radius:10px;padding:14px 16px;display:flex;flex-direction:column}
.tile .num{font-size:34px;font-weight:700;line-height:1.1}
.tile .label{font-weight:600}
.tile .sub{color:var(--muted);font-size:13px}
.tile.open{border-top-color:var(--open)}.tile.open .num{color:var(--open)}
.tile.naf{border-top-color:var(--naf)}.tile.na{border-top-color:var(--na)}.tile.nr{border-top-color:var(--nr)}.tile.hosts{border-top-color:#1565c0}
nav{margin-top:18px;display:flex;gap:18px}
nav a{color:#1565c0;text-decoration:none;font-weight:600}
nav a:hover{text-decoration:underline}
.scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#eef1f5;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);vertical-align:bottom}
tbody tr:last-child>*{border-bottom:0}
tbody tr:hover{background:#f8f9fb}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.s-open{color:var(--open);font-weight:700}td.s-nr{color:var(--nr);font-weight:600}
td.cat1{color:var(--cat1);font-weight:700}td.cat2{color:var(--cat2);font-weight:700}td.cat3{color:var(--cat3);font-weight:700}
.small{font-size:13px}
.catn{display:inline-block;margin-right:10px;white-space:nowrap}
td.stig{min-width:240px}
.rel{display:inline-block;padding:0 6px;border-radius:4px;background:#e3e8ef;font-size:12px;font-weight:600;white-space:nowrap}
th.grp{text-align:center;border-bottom:1px solid var(--line)}
tbody th{font-weight:600;color:var(--fg)}
.bar{display:flex;width:120px;height:12px;border-radius:6px;overflow:hidden;background:var(--line)}
.bar span{display:block;height:100%}
.s-open{background:var(--open)}.s-naf{background:var(--naf)}.s-na{background:var(--na)}.s-nr{background:var(--nr)}
td.s-open,td.s-nr{background:none}
b.cat1,h3.cat1{color:var(--cat1)}b.cat2,h3.cat2{color:var(--cat2)}b.cat3,h3.cat3{color:var(--cat3)}
.badge{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;font-size:12px;font-weight:700;white-space:nowrap}
.badge.cat1{background:var(--cat1)}.badge.cat2{background:var(--cat2)}.badge.cat3{background:var(--cat3)}.badge.cat0{background:var(--na)}
.tools{display:flex;gap:8px;align-items:center;margin:8px 0 12px}
.tools[hidden]{display:none}
.tools input[type=search]{flex:1;max-width:420px;padding:7px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
button{padding:6px 12px;border:1px solid var(--line);border-radius:6px;background:var(--card);font:inherit;cursor:pointer}
#shown{color:var(--muted);font-size:13px}
details.finding{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:8px 0}
details.finding>summary{cursor:pointer;padding:10px 14px;list-style-position:outside;margin-left:14px}
details.finding[open]>summary{border-bottom:1px solid var(--line)}
.vid{font-weight:700}
.ftitle{font-weight:600}
.fmeta{display:block;color:var(--muted);font-size:13px}
.body{padding:8px 18px 14px}
dl.ids{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:4px 0 10px;font-size:14px}
dl.ids dt{color:var(--muted)}dl.ids dd{margin:0}
ul.ccis{margin:4px 0 10px;padding-left:20px;font-size:14px}
p.ccis{font-size:14px;margin:4px 0 10px}
.def,.rev{color:var(--muted);font-size:13px}
.evidence{border-left:4px solid var(--open);background:#fdf6f6;padding:8px 12px;margin:10px 0;border-radius:0 6px 6px 0}
.override{color:var(--cat2);font-weight:600;margin:0}
pre{white-space:pre-wrap;word-wrap:break-word;background:#f3f4f7;border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0;font:13px/1.45 ui-monospace,SFMono-Regular,Consolas,"Liberation Mono",monospace;max-height:28em;overflow:auto}
details.fold{margin:6px 0}
details.fold>summary{cursor:pointer;color:#1565c0;font-weight:600}
.none{color:var(--muted);font-style:italic;margin:0}
.note{background:#fff8e1;border:1px solid #f3d98b;border-radius:8px;padding:8px 12px}
tr.has-open th{color:var(--open)}
footer{margin-top:40px;padding-bottom:40px;font-size:13px}
@media print{.tools,nav{display:none}body{background:#fff}details.finding{break-inside:avoid}}
""";

    const string Script = """
(function(){
var tools=document.getElementById('tools'),q=document.getElementById('filter'),shown=document.getElementById('shown');
var items=[].slice.call(document.querySelectorAll('details.finding')),groups=[].slice.call(document.querySelectorAll('.catgroup'));
if(tools){tools.hidden=false;
q.addEventListener('input',function(){var t=q.value.trim().toLowerCase(),n=0;
items.forEach(function(d){var hit=!t||d.textContent.toLowerCase().indexOf(t)>=0;d.hidden=!hit;if(hit)n++;});
groups.forEach(function(g){g.hidden=!g.querySelector('details.finding:not([hidden])');});
shown.textContent=t?n+' of '+items.length+' shown':'';});
document.getElementById('expand').addEventListener('click',function(){items.forEach(function(d){if(!d.hidden)d.open=true;});});
document.getElementById('collapse').addEventListener('click',function(){items.forEach(function(d){d.open=false;});});}
var only=document.getElementById('openonly'),label=document.getElementById('openonly-label');
if(only){label.hidden=false;only.addEventListener('change',function(){
[].forEach.call(document.querySelectorAll('table.rollup tbody tr'),function(r){r.hidden=only.checked&&!r.classList.contains('has-open');});});}
})();
""";
}
