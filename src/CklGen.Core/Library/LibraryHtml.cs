using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CklGen.Library;

/// <summary>
/// The frame of every library page: inline CSS and one inline script (sorting, filtering, the
/// release chooser, search), allowed by hash in a Content-Security-Policy that forbids loading
/// anything else, so pages work from disk and from any web server with no network.
/// </summary>
static class LibraryHtml
{
    public static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    static readonly string ScriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    public static string Page(string path, string title, string body)
    {
        var sb = new StringBuilder(body.Length + 8192);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")
          .Append(ScriptHash).Append("'; img-src data:; base-uri 'none'\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"").Append(H(CklGenInfo.Product)).Append("\">\n")
          .Append("<title>").Append(H(title)).Append("</title>\n")
          .Append("<link rel=\"alternate\" type=\"application/json\" href=\"index.json\">\n")
          .Append("<link rel=\"alternate\" type=\"text/turtle\" href=\"index.ttl\">\n")
          .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><nav><a href=\"").Append(LibraryPaths.Href(path, LibraryPaths.Index)).Append("\">STIG library</a>")
          .Append(" <a href=\"").Append(LibraryPaths.Href(path, LibraryPaths.Rmf(5))).Append("\">RMF controls (rev 5)</a>")
          .Append(" <a href=\"").Append(LibraryPaths.Href(path, LibraryPaths.Rmf(4))).Append("\">(rev 4)</a>")
          .Append(" <a href=\"").Append(LibraryPaths.Href(path, LibraryPaths.Cci)).Append("\">CCIs</a>")
          .Append("<form class=\"search\" role=\"search\" method=\"get\" action=\"").Append(LibraryPaths.Href(path, LibraryPaths.Search)).Append("\">")
          .Append("<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"Search every rule\" placeholder=\"Search every rule (title, discussion, check, fix, ids)\">")
          .Append("<button type=\"submit\">Search</button></form></nav></header>\n<main>\n");
        sb.Append(body);
        sb.Append("</main>\n<footer><p>This page as <a href=\"index.json\" type=\"application/json\">JSON</a> and as <a href=\"index.ttl\" type=\"text/turtle\">Turtle (RDF)</a>. ")
          .Append("Stable address: <code>").Append(H(path.Length == 0 ? "./" : path)).Append("</code>. Built offline by ").Append(H(CklGenInfo.Product))
          .Append(" from DISA's XCCDF benchmarks.</p></footer>\n");
        sb.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    const string Css = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; line-height: 1.4; }
        header { background: #1f3a5f; padding: .5em 1.5em; }
        header nav { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; }
        header a { color: #fff; } header form { margin-left: auto; display: flex; gap: .3em; }
        header input { width: 28em; max-width: 60vw; padding: .25em; }
        main { margin: 1em 1.5em; max-width: 90em; }
        footer { margin: 2em 1.5em; color: #555; font-size: .9em; border-top: 1px solid #ccc; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; margin: .5em 0; }
        th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; } table.sortable thead th { cursor: pointer; }
        th[aria-sort=ascending]::after { content: " \25B2"; } th[aria-sort=descending]::after { content: " \25BC"; }
        td.num { text-align: right; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
        dl.fields dt { font-weight: bold; } dl.fields dd { margin: 0; }
        .text, .diff { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9em; max-width: 75em; background: #f8f8f8; padding: .5em; border: 1px solid #e4e4e4; }
        del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
        .cat { font-weight: bold; } .cat-I { color: #a00; } .cat-II { color: #a60; } .cat-III { color: #370; }
        .note { color: #555; } .changed { color: #a60; } .same { color: #370; }
        input.filter { width: 30em; max-width: 90vw; padding: .25em; }
        ol.hits li { margin-bottom: .5em; }
        """;

    /// <summary>The page script; the same text on every page so one hash allows it.</summary>
    public const string Script = """
        (function () {
          'use strict';
          function text(el) { return (el.textContent || '').trim(); }
          function key(s) { var m = /^V-(\d+)$/.exec(s) || /^(\d+)$/.exec(s); return m ? ['', Number(m[1])] : [s.toLowerCase(), 0]; }
          document.querySelectorAll('table.sortable').forEach(function (table) {
            table.querySelectorAll('thead th').forEach(function (th, col) {
              th.tabIndex = 0;
              function sort() {
                var asc = th.getAttribute('aria-sort') !== 'ascending';
                table.querySelectorAll('thead th').forEach(function (o) { o.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
                var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(text(a.cells[col])), y = key(text(b.cells[col]));
                  var c = x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1];
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              th.addEventListener('click', sort);
              th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
            });
          });
          document.querySelectorAll('input.filter').forEach(function (input) {
            var table = document.getElementById(input.getAttribute('data-table'));
            var count = document.getElementById(input.getAttribute('data-count'));
            input.hidden = false;
            input.addEventListener('input', function () {
              var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
              Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
                var t = r.textContent.toLowerCase(), ok = words.every(function (w) { return t.indexOf(w) >= 0; });
                r.hidden = !ok; if (ok) shown++;
              });
              if (count) count.textContent = shown + ' of ' + table.tBodies[0].rows.length + ' rules shown';
            });
          });
          var chooser = document.getElementById('choose-releases');
          if (chooser) {
            chooser.hidden = false;
            chooser.addEventListener('submit', function (e) {
              e.preventDefault();
              var a = chooser.elements['old'], b = chooser.elements['new'];
              var i = a.selectedIndex, j = b.selectedIndex;
              if (i === j) { document.getElementById('choose-message').textContent = 'Choose two different releases.'; return; }
              var o = i < j ? a.value : b.value, n = i < j ? b.value : a.value;
              location.href = chooser.getAttribute('data-base') + o + '-' + n + '/index.html';
            });
          }
          var data = document.getElementById('search-data');
          if (data) {
            var rules = JSON.parse(data.textContent), out = document.getElementById('hits'), status = document.getElementById('search-status');
            var q = new URLSearchParams(location.search).get('q') || '';
            var box = document.getElementById('q'); box.value = q;
            function run(query) {
              var words = query.toLowerCase().split(/\s+/).filter(Boolean);
              out.textContent = '';
              if (!words.length) { status.textContent = 'Type words to look for in every rule of every STIG in this library.'; return; }
              var hits = rules.filter(function (r) { return words.every(function (w) { return r.t.indexOf(w) >= 0; }); });
              status.textContent = hits.length + (hits.length === 1 ? ' rule matches ' : ' rules match ') + '"' + query + '"' + (hits.length > 500 ? '; the first 500 are shown' : '');
              hits.slice(0, 500).forEach(function (r) {
                var li = document.createElement('li'), a = document.createElement('a');
                a.href = r.h; a.textContent = r.v + ' ' + r.s; li.appendChild(a);
                li.appendChild(document.createTextNode(' ' + r.c + ' \u2014 ' + r.n + ' (' + r.b + ' ' + r.r + ')'));
                var p = document.createElement('div'); p.className = 'note'; p.textContent = r.i; li.appendChild(p);
                out.appendChild(li);
              });
            }
            run(q);
            box.form.addEventListener('submit', function (e) {
              e.preventDefault();
              try { history.replaceState(null, '', '?q=' + encodeURIComponent(box.value)); } catch (err) { /* some browsers refuse this on file: pages */ }
              run(box.value);
            });
          }
        })();
        """;
}
