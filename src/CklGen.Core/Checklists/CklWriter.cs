using System.Text;
using System.Xml;

namespace CklGen.Checklists;

/// <summary>
/// Writes STIG Viewer 2 CKL: UTF-8 without BOM, tab indented, elements and STIG_DATA attributes in
/// STIG Viewer's order, valid against DISA's checklist schema when the model's values are. A
/// "CklGen VERSION" banner comment comes first, then the model's other comments, then Evaluate-STIG style
/// result engine comments (root before CHECKLIST, then first in iSTIG and VULN), which STIG Manager reads.
/// Absent (null) values: required elements are written empty (ROLE None, ASSET_TYPE Computing,
/// WEB_OR_DATABASE false, STATUS Not_Reviewed), optional elements and STIG_DATA attributes are left out,
/// the eleven STIG_INFO names are always written (without SID_DATA when absent).
/// </summary>
public static class CklWriter
{
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>Tab-indented, "\n" line ends, no declaration (written by hand before the writer starts).</summary>
    internal static XmlWriterSettings XmlSettings => new()
    {
        Indent = true,
        IndentChars = "\t",
        NewLineChars = "\n",
        // Keeps a carriage return in text as &#xD; so that it survives the reader's line-end normalisation.
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static string ToText(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var sw = new StringWriter { NewLine = "\n" };
        WriteAll(sw, checklist);
        return sw.ToString();
    }

    /// <summary>The same bytes as <see cref="ToText"/> in UTF-8, written straight to the stream (no text in memory).</summary>
    public static void Write(Checklist checklist, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        using var sw = new StreamWriter(stream, IO.AtomicFile.Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        WriteAll(sw, checklist);
    }

    static void WriteAll(TextWriter tw, Checklist checklist)
    {
        tw.Write(Declaration);
        tw.Write('\n');
        WriteDocument(new Out(tw), checklist);
        tw.Write('\n');
    }

    /// <summary>
    /// Writes elements as XmlWriter does with <see cref="XmlSettings"/> (the tests hold the two byte for byte): a node on
    /// its own line, indented by a tab per level; an element with text (or nothing) on one line; a container's end tag
    /// on its own line unless it is empty. Text comes escaped from <see cref="EscapedText"/>.
    /// </summary>
    sealed class Out(TextWriter w)
    {
        static readonly string[] Tabs = Enumerable.Range(0, 12).Select(n => "\n" + new string('\t', n)).ToArray();
        readonly Stack<(string Name, bool HasChildren)> open = new();
        bool topLevelStarted;

        void NewNode()
        {
            if (open.Count == 0)
            {
                if (topLevelStarted) w.Write('\n');
                topLevelStarted = true;
                return;
            }
            var (name, has) = open.Peek();
            if (!has) { open.Pop(); open.Push((name, true)); }
            w.Write(open.Count < Tabs.Length ? Tabs[open.Count] : "\n" + new string('\t', open.Count));
        }

        public void Start(string name)
        {
            NewNode();
            w.Write('<');
            w.Write(name);
            w.Write('>');
            open.Push((name, false));
        }

        public void End()
        {
            var (name, has) = open.Pop();
            if (has) w.Write(open.Count < Tabs.Length ? Tabs[open.Count] : "\n" + new string('\t', open.Count));
            w.Write("</");
            w.Write(name);
            w.Write('>');
        }

        /// <summary>An element holding text already escaped.</summary>
        public void Leaf(string name, string escaped)
        {
            NewNode();
            w.Write('<');
            w.Write(name);
            w.Write('>');
            w.Write(escaped);
            w.Write("</");
            w.Write(name);
            w.Write('>');
        }

        public void Comment(string text)
        {
            NewNode();
            w.Write("<!--");
            w.Write(text);
            w.Write("-->");
        }
    }

    static void WriteDocument(Out w, Checklist checklist)
    {
        Comment(w, $"{CklGenInfo.Product} {CklGenInfo.Version}", "banner");
        foreach (var c in checklist.LeadingComments) Comment(w, c, "comment before CHECKLIST");
        if (checklist.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Root), "root result engine");

        w.Start("CHECKLIST");
        WriteAsset(w, checklist.Asset ?? new ChecklistAsset());
        w.Start("STIGS");
        var i = 0;
        foreach (var stig in checklist.Stigs) WriteStig(w, stig, ++i);
        w.End();
        w.End();
    }

    static void WriteAsset(Out w, ChecklistAsset a)
    {
        w.Start("ASSET");
        foreach (var (name, required) in CklReader.AssetElements)
        {
            var value = name switch
            {
                "ROLE" => a.Role ?? "None",
                "ASSET_TYPE" => a.AssetType ?? "Computing",
                "MARKING" => a.Marking,
                "HOST_NAME" => a.HostName,
                "HOST_IP" => a.HostIp,
                "HOST_MAC" => a.HostMac,
                "HOST_GUID" => a.HostGuid,
                "HOST_FQDN" => a.HostFqdn,
                "TARGET_COMMENT" => a.TargetComment,
                "TECH_AREA" => a.TechArea,
                "TARGET_KEY" => a.TargetKey,
                "STIG_GUID" => a.StigGuid,
                "WEB_OR_DATABASE" => a.WebOrDatabase == true ? "true" : "false",
                "WEB_DB_SITE" => a.WebDbSite,
                "WEB_DB_INSTANCE" => a.WebDbInstance,
                _ => throw new InvalidOperationException(name),
            };
            if (value is null && !required) continue;
            Element(w, name, value ?? "", new Where("ASSET/" + name));
        }
        w.End();
    }

    static void WriteStig(Out w, ChecklistStig stig, int index)
    {
        var where = new Where(null, index);
        w.Start("iSTIG");
        if (stig.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Stig), where.ToString());
        foreach (var c in stig.XmlComments) Comment(w, c, where.ToString());
        w.Start("STIG_INFO");
        foreach (var (name, value) in InfoInViewerOrder(stig.Info))
        {
            w.Start("SI_DATA");
            Element(w, "SID_NAME", name, where with { Info = "" });
            if (value is not null) Element(w, "SID_DATA", value, where with { Info = name });
            w.End();
        }
        w.End();
        foreach (var rule in stig.Rules) WriteVuln(w, rule, index);
        w.End();
    }

    /// <summary>
    /// The eleven STIG_INFO names in STIG Viewer's order, each once (an entry the model lacks is written
    /// without SID_DATA: STIG Manager's importer fails on an iSTIG without a version SI_DATA), then any
    /// other or repeated entries in model order.
    /// </summary>
    static IEnumerable<KeyValuePair<string, string?>> InfoInViewerOrder(List<KeyValuePair<string, string?>> info)
    {
        var used = new bool[info.Count];
        foreach (var name in CklbReader.InfoOrder)
        {
            var i = info.FindIndex(p => p.Key == name);
            if (i >= 0) used[i] = true;
            yield return i >= 0 ? info[i] : new(name, null);
        }
        for (var i = 0; i < info.Count; i++)
            if (!used[i]) yield return info[i];
    }

    static void WriteVuln(Out w, ChecklistRule r, int stigIndex)
    {
        var where = new Where(null, stigIndex, r.VulnId);
        w.Start("VULN");
        if (r.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Rule), where.ToString());
        foreach (var c in r.XmlComments) Comment(w, c, where.ToString());
        foreach (var (name, get, _) in CklAttributes.Ordered)
        {
            var value = get(r);
            if (value is null) continue;
            StigData(w, name, value, where);
        }
        foreach (var id in r.LegacyIds) StigData(w, "LEGACY_ID", id, where);
        foreach (var cci in r.Ccis) StigData(w, "CCI_REF", cci, where);
        foreach (var (name, value) in r.ExtraAttributes) StigData(w, name, value ?? "", where);
        Element(w, "STATUS", r.UnrecognizedStatus ?? r.Status.ToCkl(), where with { Name = "STATUS" });
        Element(w, "FINDING_DETAILS", r.FindingDetails ?? "", where with { Name = "FINDING_DETAILS" });
        Element(w, "COMMENTS", r.Comments ?? "", where with { Name = "COMMENTS" });
        Element(w, "SEVERITY_OVERRIDE", r.SeverityOverride ?? "", where with { Name = "SEVERITY_OVERRIDE" });
        Element(w, "SEVERITY_JUSTIFICATION", r.SeverityJustification ?? "", where with { Name = "SEVERITY_JUSTIFICATION" });
        w.End();
    }

    static void StigData(Out w, string name, string value, Where where)
    {
        w.Start("STIG_DATA");
        Element(w, "VULN_ATTRIBUTE", name, where);
        Element(w, "ATTRIBUTE_DATA", value, where with { Name = name });
        w.End();
    }

    /// <summary>An element with its text; <paramref name="where"/> names it in the error when XML cannot carry the text.</summary>
    static void Element(Out w, string name, string value, Where where)
    {
        if (!EscapedText.TryXml(value, out var escaped, out var bad)) throw BadChar(where.ToString(), value[bad]);
        w.Leaf(name, escaped);
    }

    /// <summary>Where a value is, for messages, put together only when one is needed: ASSET/NAME, iSTIG[n]/STIG_INFO[name],
    /// iSTIG[n]/VULN[V-1]/NAME.</summary>
    readonly record struct Where(string? Fixed, int Stig = 0, string? Vuln = null, string? Name = null, string? Info = null)
    {
        public override string ToString() =>
            Fixed ?? $"iSTIG[{Stig}]" + (Info is null ? "" : Info.Length == 0 ? "/STIG_INFO" : $"/STIG_INFO[{Info}]")
                     + (Vuln is null ? "" : $"/VULN[{Vuln}]") + (Name is null ? "" : "/" + Name);
    }

    static void Comment(Out w, string text, string where)
    {
        if (EscapedText.FirstNonXmlChar(text) is var bad and >= 0) throw BadChar(where, text[bad]);
        if (text.Contains("--", StringComparison.Ordinal) || text.EndsWith('-'))
            throw new CklGenException($"{where}: an XML comment cannot contain \"--\" or end with \"-\": {Clip(text)}");
        w.Comment(text);
    }

    /// <summary>XML 1.0 cannot carry some characters (most C0 controls, lone surrogates) even as references: refuse them by name.</summary>
    static CklGenException BadChar(string where, char c) =>
        new($"{where}: holds character U+{(int)c:X4}, which an XML 1.0 file (CKL) cannot carry");

    static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
