using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CklGen.IO;

namespace CklGen.Reports;

/// <summary>
/// DISA's CCI list (U_CCI_List.xml, namespace http://iase.disa.mil/cci): each CCI with its
/// definition and its references to NIST SP 800-53 (rev 3, 4, 5) and 800-53A.
/// </summary>
public sealed class CciList
{
    public static readonly XNamespace Ns = "http://iase.disa.mil/cci";

    readonly Dictionary<string, CciItem> items;

    /// <summary>metadata/version, e.g. "2023-06-07".</summary>
    public string? Version { get; }
    public string? PublishDate { get; }
    /// <summary>Where the list was read from.</summary>
    public string Source { get; }
    public int Count => items.Count;
    public IEnumerable<CciItem> Items => items.Values;

    public CciList(IEnumerable<CciItem> items, string? version = null, string? publishDate = null, string source = "")
    {
        this.items = new Dictionary<string, CciItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in items) this.items[i.Id] = i;
        Version = version;
        PublishDate = publishDate;
        Source = source;
    }

    /// <summary>Reads U_CCI_List.xml, or a .zip holding it (as DISA distributes it).</summary>
    public static CciList Load(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ZipArchive zip;
            try { zip = ZipFile.OpenRead(path); }
            catch (FileNotFoundException e) { throw new InputException(path, "file not found", inner: e); }
            catch (InvalidDataException e) { throw new InputException(path, "not a readable zip archive: " + e.Message, inner: e); }
            using (zip)
            {
                var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                                                             && e.Name.Contains("CCI", StringComparison.OrdinalIgnoreCase))
                            ?? throw new InputException(path, "the zip holds no CCI list (no *CCI*.xml entry)");
                using var s = entry.Open();
                return Load(s, $"{path}!{entry.FullName}");
            }
        }
        var doc = SafeXml.Load(path, keepComments: false);
        return FromDocument(doc, path);
    }

    public static CciList Load(Stream stream, string name) => FromDocument(SafeXml.Load(stream, name, keepComments: false), name);

    static CciList FromDocument(XDocument doc, string name)
    {
        var root = doc.Root;
        if (root is null || root.Name != Ns + "cci_list")
            throw new InputException(name,
                $"not a DISA CCI list: the root element is <{root?.Name.LocalName}> in namespace \"{root?.Name.NamespaceName}\", expected <cci_list> in \"{Ns.NamespaceName}\" (U_CCI_List.xml)");
        var list = new List<CciItem>();
        foreach (var e in root.Elements(Ns + "cci_items").Elements(Ns + "cci_item"))
        {
            var id = ((string?)e.Attribute("id"))?.Trim();
            if (string.IsNullOrEmpty(id)) throw new InputException(name, "a cci_item has no id", field: "cci_item/@id");
            var refs = e.Elements(Ns + "references").Elements(Ns + "reference")
                .Select(r => new CciReference(
                    (string?)r.Attribute("title") ?? "",
                    (string?)r.Attribute("version") ?? "",
                    ((string?)r.Attribute("index") ?? "").Trim(),
                    (string?)r.Attribute("creator"),
                    (string?)r.Attribute("location")))
                .ToList();
            list.Add(new CciItem(id, ((string?)e.Element(Ns + "definition") ?? "").Trim(),
                (string?)e.Element(Ns + "status"), (string?)e.Element(Ns + "type"), refs));
        }
        if (list.Count == 0) throw new InputException(name, "the CCI list holds no cci_item elements");
        var meta = root.Element(Ns + "metadata");
        return new CciList(list, (string?)meta?.Element(Ns + "version"), (string?)meta?.Element(Ns + "publishdate"), name);
    }

    /// <summary>The item for a CCI id ("CCI-000068"; "cci-68" works too), or null.</summary>
    public CciItem? Find(string cci) =>
        CciIds.Normalize(cci) is { } id && items.TryGetValue(id, out var item) ? item : null;

    /// <summary>The NIST SP 800-53 controls a CCI maps to (rev 5, else rev 4); empty when unknown.</summary>
    public IReadOnlyList<CciControl> ControlsFor(string cci) => Find(cci)?.Controls ?? [];
}

/// <summary>One cci_item.</summary>
public sealed class CciItem
{
    public string Id { get; }
    public string Definition { get; }
    public string? Status { get; }
    /// <summary>policy or technical.</summary>
    public string? Type { get; }
    public IReadOnlyList<CciReference> References { get; }
    /// <summary>NIST SP 800-53 controls: the rev 5 references, or the rev 4 ones when there are none.</summary>
    public IReadOnlyList<CciControl> Controls { get; }

    public CciItem(string id, string definition, string? status, string? type, IReadOnlyList<CciReference> references)
    {
        Id = id;
        Definition = definition;
        Status = status;
        Type = type;
        References = references;
        Controls = PreferredControls(references);
    }

    static IReadOnlyList<CciControl> PreferredControls(IReadOnlyList<CciReference> refs)
    {
        foreach (var rev in new[] { 5, 4 })
        {
            var found = refs.Where(r => r.NistRevision == rev)
                .Select(r => NistControls.Normalize(r.Index) is { } c ? new CciControl(c, r.Index, rev) : null)
                .OfType<CciControl>()
                .ToList();
            if (found.Count > 0) return found;
        }
        return [];
    }
}

/// <summary>A cci_item reference: title "NIST SP 800-53 Revision 5", version "5", index "AC-17 (2)".</summary>
public sealed record CciReference(string Title, string Version, string Index, string? Creator = null, string? Location = null)
{
    /// <summary>4 or 5 for NIST SP 800-53 Revision 4/5 references; null for 800-53 rev 3, 800-53A and others.</summary>
    public int? NistRevision
    {
        get
        {
            if (!Title.StartsWith("NIST SP 800-53 Revision", StringComparison.OrdinalIgnoreCase)) return null;
            return int.TryParse(Version, out var v) && v is 4 or 5 ? v : null;
        }
    }
}

/// <summary>A control a CCI maps to: Control "AC-2(4)" for roll-ups, Index "AC-2 (4) (a)" as DISA wrote it.</summary>
public sealed record CciControl(string Control, string Index, int Revision);

public static class NistControls
{
    static readonly Regex IndexPattern = new(@"^\s*(?<family>[A-Z]{2})-(?<num>\d+)(\s*\(\s*(?<enh>\d+)\s*\))?", RegexOptions.CultureInvariant);

    /// <summary>
    /// The control (with enhancement) an 800-53 index names: "AC-2 (4) (a)" -> "AC-2(4)",
    /// "AC-1 a 1 (a)" -> "AC-1", "SC-13" -> "SC-13"; null when it does not start like a control.
    /// </summary>
    public static string? Normalize(string index)
    {
        var m = IndexPattern.Match(index);
        if (!m.Success) return null;
        var c = $"{m.Groups["family"].Value}-{int.Parse(m.Groups["num"].Value)}";
        return m.Groups["enh"].Success ? $"{c}({int.Parse(m.Groups["enh"].Value)})" : c;
    }

    /// <summary>Orders controls as a person reads them: family, then number, then enhancement (AC-2 &lt; AC-2(4) &lt; AC-17).</summary>
    public static int Compare(string? a, string? b)
    {
        var ka = SortKey(a ?? "");
        var kb = SortKey(b ?? "");
        var c = string.CompareOrdinal(ka.Family, kb.Family);
        if (c != 0) return c;
        c = ka.Number.CompareTo(kb.Number);
        if (c != 0) return c;
        c = ka.Enhancement.CompareTo(kb.Enhancement);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }

    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    static (string Family, int Number, int Enhancement) SortKey(string control)
    {
        var m = Regex.Match(control, @"^(?<f>[A-Za-z]+)-(?<n>\d+)(\((?<e>\d+)\))?");
        if (!m.Success) return (control, int.MaxValue, 0);
        return (m.Groups["f"].Value, int.Parse(m.Groups["n"].Value), m.Groups["e"].Success ? int.Parse(m.Groups["e"].Value) : -1);
    }
}

public static class CciIds
{
    static readonly Regex Pattern = new(@"^\s*CCI-?(?<n>\d{1,6})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"CCI-000068" from "CCI-000068", "cci-68" or "CCI000068"; null for other text.</summary>
    public static string? Normalize(string? cci)
    {
        var m = Pattern.Match(cci ?? "");
        return m.Success ? "CCI-" + m.Groups["n"].Value.PadLeft(6, '0') : null;
    }
}
