using System.Text;
using System.Xml;

using CklGen.Checklists;

namespace CklGen.Tests.Checklists.Reference;

/// <summary>The CKL writer as it was on XmlWriter: the reference the streaming writer must match byte for byte.</summary>
internal static class XmlCklWriter
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
        sw.Write(Declaration);
        sw.Write('\n');
        using (var w = XmlWriter.Create(sw, XmlSettings)) WriteDocument(w, checklist);
        sw.Write('\n');
        return sw.ToString();
    }

    /// <summary>The same bytes as <see cref="ToText"/> in UTF-8, written straight to the stream (no text in memory).</summary>
    public static void Write(Checklist checklist, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        stream.Write(DeclarationBytes);
        var settings = XmlSettings;
        settings.Encoding = CklGen.IO.AtomicFile.Utf8NoBom;
        settings.CloseOutput = false;
        using (var w = XmlWriter.Create(stream, settings)) WriteDocument(w, checklist);
        stream.WriteByte((byte)'\n');
    }

    static readonly byte[] DeclarationBytes = Encoding.ASCII.GetBytes(Declaration + "\n");

    static void WriteDocument(XmlWriter w, Checklist checklist)
    {
        Comment(w, $"{CklGen.CklGenInfo.Product} {CklGen.CklGenInfo.Version}", "banner");
        foreach (var c in checklist.LeadingComments) Comment(w, c, "comment before CHECKLIST");
        if (checklist.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Root), "root result engine");

        w.WriteStartElement("CHECKLIST");
        WriteAsset(w, checklist.Asset ?? new ChecklistAsset());
        w.WriteStartElement("STIGS");
        var i = 0;
        foreach (var stig in checklist.Stigs) WriteStig(w, stig, $"iSTIG[{++i}]");
        w.WriteFullEndElement();
        w.WriteFullEndElement();
    }

    static void WriteAsset(XmlWriter w, ChecklistAsset a)
    {
        w.WriteStartElement("ASSET");
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
            Element(w, name, value ?? "", "ASSET/" + name);
        }
        w.WriteFullEndElement();
    }

    static void WriteStig(XmlWriter w, ChecklistStig stig, string where)
    {
        w.WriteStartElement("iSTIG");
        if (stig.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Stig), where);
        foreach (var c in stig.XmlComments) Comment(w, c, where);
        w.WriteStartElement("STIG_INFO");
        foreach (var (name, value) in InfoInViewerOrder(stig.Info))
        {
            w.WriteStartElement("SI_DATA");
            Element(w, "SID_NAME", name, where + "/STIG_INFO");
            if (value is not null) Element(w, "SID_DATA", value, $"{where}/STIG_INFO[{name}]");
            w.WriteFullEndElement();
        }
        w.WriteFullEndElement();
        foreach (var rule in stig.Rules) WriteVuln(w, rule, $"{where}/VULN[{rule.VulnId}]");
        w.WriteFullEndElement();
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

    static void WriteVuln(XmlWriter w, ChecklistRule r, string where)
    {
        w.WriteStartElement("VULN");
        if (r.ResultEngine is { } re) Comment(w, ResultEngines.ToComment(re, ResultEngineLevel.Rule), where);
        foreach (var c in r.XmlComments) Comment(w, c, where);
        foreach (var (name, get, _) in CklAttributes.Ordered)
        {
            var value = get(r);
            if (value is null) continue;
            StigData(w, name, value, where);
        }
        foreach (var id in r.LegacyIds) StigData(w, "LEGACY_ID", id, where);
        foreach (var cci in r.Ccis) StigData(w, "CCI_REF", cci, where);
        foreach (var (name, value) in r.ExtraAttributes) StigData(w, name, value ?? "", where);
        Element(w, "STATUS", r.UnrecognizedStatus ?? r.Status.ToCkl(), where + "/STATUS");
        Element(w, "FINDING_DETAILS", r.FindingDetails ?? "", where + "/FINDING_DETAILS");
        Element(w, "COMMENTS", r.Comments ?? "", where + "/COMMENTS");
        Element(w, "SEVERITY_OVERRIDE", r.SeverityOverride ?? "", where + "/SEVERITY_OVERRIDE");
        Element(w, "SEVERITY_JUSTIFICATION", r.SeverityJustification ?? "", where + "/SEVERITY_JUSTIFICATION");
        w.WriteFullEndElement();
    }

    static void StigData(XmlWriter w, string name, string value, string where)
    {
        w.WriteStartElement("STIG_DATA");
        Element(w, "VULN_ATTRIBUTE", name, where);
        Element(w, "ATTRIBUTE_DATA", value, $"{where}/{name}");
        w.WriteFullEndElement();
    }

    static void Element(XmlWriter w, string name, string value, string where)
    {
        CheckChars(value, where);
        w.WriteStartElement(name);
        if (value.Length > 0) w.WriteString(value);
        w.WriteFullEndElement();
    }

    static void Comment(XmlWriter w, string text, string where)
    {
        CheckChars(text, where);
        if (text.Contains("--", StringComparison.Ordinal) || text.EndsWith('-'))
            throw new CklGen.CklGenException($"{where}: an XML comment cannot contain \"--\" or end with \"-\": {Clip(text)}");
        w.WriteComment(text);
    }

    /// <summary>XML 1.0 cannot carry some characters (most C0 controls, lone surrogates) even as references: refuse them by name.</summary>
    static void CheckChars(string value, string where)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c)) { i++; continue; }
            throw new CklGen.CklGenException($"{where}: holds character U+{(int)c:X4}, which an XML 1.0 file (CKL) cannot carry");
        }
    }

    static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
