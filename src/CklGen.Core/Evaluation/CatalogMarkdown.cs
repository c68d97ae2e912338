using System.Text;

namespace CklGen.Evaluation;

/// <summary>The catalog in words, one table per catalog file: what each check reads, selects and asserts, and which rules it decides.</summary>
public static class CatalogMarkdown
{
    public static string Render(RuleCatalog catalog)
    {
        var sb = new StringBuilder("# Automated rules\n\n");
        sb.Append("Generated from the catalogs in this folder (a test keeps it current: `CKLGEN_APPROVE=1 dotnet test --filter CatalogDocumentationTests` rewrites it). ")
          .Append("`cklgen coverage` says, per benchmark, which rules these decide and why the others are not.\n");
        foreach (var group in catalog.Checks.GroupBy(c => c.Catalog).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append("\n## ").Append(group.Key.Length == 0 ? "(unnamed)" : group.Key).Append("\n\n");
            sb.Append("| check | reads | decides | rules |\n|---|---|---|---|\n");
            foreach (var c in group)
            {
                var rules = catalog.Bindings.Where(b => b.Check == c.Id).Select(b => b.VulnId).Distinct().ToList();
                var used = rules.Count > 0 ? string.Join(", ", rules) : "(part of " + string.Join(", ", catalog.Checks.Where(x => x.All.Contains(c.Id)).Select(x => $"`{x.Id}`")) + ")";
                sb.Append($"| `{c.Id}` | {Cell(Reads(c))} | {Cell(Decides(c))} | {used} |\n");
            }
        }
        return sb.ToString();
    }

    static string Reads(CheckDefinition c)
    {
        if (c.IsComposite) return "the checks " + string.Join(", ", c.All.Select(a => $"`{a}`"));
        if (c.Command.Length == 0) return "(a person)";
        var s = $"`{c.Command}`" + string.Concat(c.AlsoFrom.Select(a => $" (or `{a}`)"));
        if (c.Scope != CheckScope.All) s += c.Scope == CheckScope.InternetFacing ? ", internet-facing" : ", internal";
        if (c.Select.Count > 0) s += " where " + string.Join(" and ", c.Select.Select(Words));
        return s;
    }

    static string Decides(CheckDefinition c)
    {
        if (c.IsComposite) return "Open if any part is, Not a finding when all are";
        if (c.Manual is not null) return "Not reviewed: " + c.Manual + (c.Evidence.Count > 0 ? $" (evidence: {string.Join(", ", c.Evidence)})" : "");
        var parts = new List<string>();
        if (c.OnAny is not null) parts.Add("any object is a finding");
        if (c.Match == MatchMode.Any) parts.Add("one object meeting it is enough");
        parts.AddRange(c.Assert.Select(a => Words(a) + (a.When.Count > 0 ? " when " + string.Join(" and ", a.When.Select(Words)) : "")));
        if (c.OnNone is { } none && none != NoObjects.NotApplicable) parts.Add("none: " + c.OnNone switch
        {
            NoObjects.Open => "Open",
            NoObjects.NotAFinding => "Not a finding",
            _ => "Not reviewed",
        });
        return string.Join("; ", parts);
    }

    static string Words(Assertion a)
    {
        var value = a.Org is not null ? $"the site policy's {a.Org}"
            : a.ExpectedFrom is { } f ? $"{f.Command} {f.Property}"
            : a.Expected?.ToString(Newtonsoft.Json.Formatting.None).Trim('"');
        var s = $"{a.Property} {a.Op}" + (value is null ? "" : $" {value}");
        if (a.Edsp is not null) s += $" (or the EDSP's {a.Edsp} with signoff)";
        return s;
    }

    static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
