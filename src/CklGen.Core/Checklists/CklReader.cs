using System.Text.RegularExpressions;
using System.Xml.Linq;
using CklGen.IO;

namespace CklGen.Checklists;

/// <summary>
/// Reads STIG Viewer 2 CKL (XML) checklists into the format-neutral model. Refuses, with an
/// <see cref="InputException"/> naming file and element, what no importer can use: no CHECKLIST, ASSET,
/// STIGS or iSTIG, an empty HOST_NAME, an iSTIG without stigid, elements CKL does not have. Gaps an
/// importer tolerates (missing optional elements, empty Rule_ID, unknown STATUS text) are kept for
/// <see cref="ChecklistValidator"/> to report.
/// </summary>
public static class CklReader
{
    /// <summary>ASSET children in schema order, with whether the schema requires them.</summary>
    internal static readonly (string Name, bool Required)[] AssetElements =
    [
        ("ROLE", true), ("ASSET_TYPE", true), ("MARKING", false), ("HOST_NAME", true), ("HOST_IP", true),
        ("HOST_MAC", true), ("HOST_GUID", false), ("HOST_FQDN", true), ("TARGET_COMMENT", false),
        ("TECH_AREA", true), ("TARGET_KEY", true), ("STIG_GUID", false), ("WEB_OR_DATABASE", true),
        ("WEB_DB_SITE", true), ("WEB_DB_INSTANCE", true),
    ];

    internal static readonly string[] ReviewElements =
        ["STATUS", "FINDING_DETAILS", "COMMENTS", "SEVERITY_OVERRIDE", "SEVERITY_JUSTIFICATION"];

    /// <summary>The banner the CKL writer puts first; it names the writer, so it is not kept as a comment.</summary>
    internal static readonly Regex BannerPattern = new(@"^CklGen \d[^\s]*$", RegexOptions.CultureInvariant);

    public static Checklist Read(string path)
    {
        var doc = SafeXml.Load(path, keepComments: true, LoadOptions.PreserveWhitespace);
        return Read(doc, path);
    }

    public static Checklist Read(Stream stream, string name)
    {
        var doc = SafeXml.Load(stream, name, keepComments: true, LoadOptions.PreserveWhitespace);
        return Read(doc, name);
    }

    public static Checklist ReadText(string text, string name = "<text>") =>
        Read(SafeXml.Parse(text, name, keepComments: true, LoadOptions.PreserveWhitespace), name);

    static Checklist Read(XDocument doc, string file)
    {
        var root = doc.Root;
        if (root?.Name.LocalName is "Benchmark" or "TestResult")
            throw new InputException(file, $"an XCCDF document (root element <{root.Name.LocalName}>), not a CKL checklist: CklGen reads XCCDF benchmarks (generate --benchmark) and writes XCCDF results, but does not read results as a checklist", "CHECKLIST");
        if (root is null || root.Name.LocalName != "CHECKLIST")
            throw new InputException(file, $"no CHECKLIST element (the root element is <{root?.Name.LocalName}>): not a CKL checklist", "CHECKLIST");

        var checklist = new Checklist();
        foreach (var c in doc.Nodes().OfType<XComment>())
        {
            if (BannerPattern.IsMatch(c.Value.Trim())) continue;
            if (checklist.ResultEngine is null && ResultEngines.FromComment(c.Value) is { } engine) checklist.ResultEngine = engine;
            else checklist.LeadingComments.Add(c.Value);
        }

        XElement? asset = null, stigs = null, unexpected = null;
        foreach (var node in root.Nodes())
        {
            switch (node)
            {
                case XComment c:
                    checklist.LeadingComments.Add(c.Value);
                    break;
                case XElement e when e.Name.LocalName == "ASSET":
                    if (asset is not null) throw new InputException(file, "more than one ASSET element", "CHECKLIST/ASSET");
                    asset = e;
                    break;
                case XElement e when e.Name.LocalName == "STIGS":
                    if (stigs is not null) throw new InputException(file, "more than one STIGS element", "CHECKLIST/STIGS");
                    stigs = e;
                    break;
                case XElement e:
                    unexpected ??= e;
                    break;
            }
        }
        var found = unexpected is null ? "" : $" (found <{unexpected.Name.LocalName}>)";
        if (asset is null) throw new InputException(file, "no ASSET element" + found, "CHECKLIST/ASSET");
        if (stigs is null) throw new InputException(file, "no STIGS element" + found, "CHECKLIST/STIGS");
        if (unexpected is not null)
            throw new InputException(file, $"unexpected element <{unexpected.Name.LocalName}> (CHECKLIST holds ASSET and STIGS)", "CHECKLIST");

        checklist.Asset = ReadAsset(asset, file, checklist.LeadingComments);

        var index = 0;
        foreach (var node in stigs.Nodes())
        {
            switch (node)
            {
                case XComment c:
                    checklist.LeadingComments.Add(c.Value);
                    break;
                case XElement e when e.Name.LocalName == "iSTIG":
                    checklist.Stigs.Add(ReadStig(e, file, $"iSTIG[{++index}]"));
                    break;
                case XElement e:
                    throw new InputException(file, $"unexpected element <{e.Name.LocalName}> (STIGS holds iSTIG elements)", "CHECKLIST/STIGS");
            }
        }
        if (checklist.Stigs.Count == 0) throw new InputException(file, "STIGS holds no iSTIG element", "CHECKLIST/STIGS");
        return checklist;
    }

    static ChecklistAsset ReadAsset(XElement asset, string file, List<string> comments)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var node in asset.Nodes())
        {
            switch (node)
            {
                case XComment c:
                    comments.Add(c.Value);
                    break;
                case XElement e:
                    var name = e.Name.LocalName;
                    if (!AssetElements.Any(a => a.Name == name))
                        throw new InputException(file, $"unexpected element <{name}> in ASSET", "CHECKLIST/ASSET");
                    if (values.ContainsKey(name))
                        throw new InputException(file, $"more than one {name} element", $"CHECKLIST/ASSET/{name}");
                    values[name] = Leaf(e, file, $"CHECKLIST/ASSET/{name}");
                    break;
            }
        }
        string? Get(string n) => values.GetValueOrDefault(n);

        var host = Get("HOST_NAME");
        if (host is null) throw new InputException(file, "no HOST_NAME element", "CHECKLIST/ASSET/HOST_NAME");
        if (host.Trim().Length == 0) throw new InputException(file, "HOST_NAME is empty: a checklist must name its asset", "CHECKLIST/ASSET/HOST_NAME");

        bool? web = null;
        var webText = Get("WEB_OR_DATABASE");
        if (webText is not null && webText.Trim().Length > 0)
        {
            web = webText.Trim() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new InputException(file, $"WEB_OR_DATABASE must be true or false, not \"{Clip(webText)}\"", "CHECKLIST/ASSET/WEB_OR_DATABASE"),
            };
        }

        return new ChecklistAsset
        {
            Role = Get("ROLE"),
            AssetType = Get("ASSET_TYPE"),
            Marking = Get("MARKING"),
            HostName = host,
            HostIp = Get("HOST_IP"),
            HostMac = Get("HOST_MAC"),
            HostGuid = Get("HOST_GUID"),
            HostFqdn = Get("HOST_FQDN"),
            TargetComment = Get("TARGET_COMMENT"),
            TechArea = Get("TECH_AREA"),
            TargetKey = Get("TARGET_KEY"),
            StigGuid = Get("STIG_GUID"),
            WebOrDatabase = web,
            WebDbSite = Get("WEB_DB_SITE"),
            WebDbInstance = Get("WEB_DB_INSTANCE"),
        };
    }

    static ChecklistStig ReadStig(XElement istig, string file, string where)
    {
        var stig = new ChecklistStig();
        XElement? info = null;
        var vulnIndex = 0;
        foreach (var node in istig.Nodes())
        {
            switch (node)
            {
                case XComment c:
                    if (stig.ResultEngine is null && ResultEngines.FromComment(c.Value) is { } engine) stig.ResultEngine = engine;
                    else stig.XmlComments.Add(c.Value);
                    break;
                case XElement e when e.Name.LocalName == "STIG_INFO":
                    if (info is not null) throw new InputException(file, "more than one STIG_INFO element", where + "/STIG_INFO");
                    info = e;
                    break;
                case XElement e when e.Name.LocalName == "VULN":
                    vulnIndex++;
                    stig.Rules.Add(ReadVuln(e, file, $"{where}/VULN[{vulnIndex}]"));
                    break;
                case XElement e:
                    throw new InputException(file, $"unexpected element <{e.Name.LocalName}> (iSTIG holds STIG_INFO and VULN elements)", where);
            }
        }
        if (info is null) throw new InputException(file, "no STIG_INFO element", where + "/STIG_INFO");

        foreach (var si in info.Elements())
        {
            if (si.Name.LocalName != "SI_DATA")
                throw new InputException(file, $"unexpected element <{si.Name.LocalName}> (STIG_INFO holds SI_DATA elements)", where + "/STIG_INFO");
            var pair = Pair(si, "SID_NAME", "SID_DATA", file, where + "/STIG_INFO/SI_DATA");
            stig.Info.Add(pair);
        }
        if (string.IsNullOrWhiteSpace(stig.StigId))
            throw new InputException(file, "STIG_INFO has no SI_DATA with SID_NAME stigid and a value: the STIG cannot be identified", where + "/STIG_INFO");
        return stig;
    }

    static ChecklistRule ReadVuln(XElement vuln, string file, string where)
    {
        var rule = new ChecklistRule();
        var review = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? vulnNum = null;
        foreach (var node in vuln.Nodes())
        {
            switch (node)
            {
                case XComment c:
                    if (rule.ResultEngine is null && ResultEngines.FromComment(c.Value) is { } engine) rule.ResultEngine = engine;
                    else rule.XmlComments.Add(c.Value);
                    break;
                case XElement e when e.Name.LocalName == "STIG_DATA":
                    foreach (var inner in e.Nodes().OfType<XComment>()) rule.XmlComments.Add(inner.Value);
                    var (name, value) = Pair(e, "VULN_ATTRIBUTE", "ATTRIBUTE_DATA", file, where + "/STIG_DATA");
                    if (name == "Vuln_Num" && vulnNum is null) vulnNum = value;
                    if (!Assign(rule, name, value, seen)) rule.ExtraAttributes.Add(new(name, value));
                    break;
                case XElement e when ReviewElements.Contains(e.Name.LocalName):
                    var n = e.Name.LocalName;
                    var at = WhereVuln(where, vulnNum) + "/" + n;
                    if (review.ContainsKey(n)) throw new InputException(file, $"more than one {n} element", at);
                    review[n] = Leaf(e, file, at);
                    break;
                case XElement e:
                    throw new InputException(file, $"unexpected element <{e.Name.LocalName}> in VULN", WhereVuln(where, vulnNum));
            }
        }
        rule.VulnId = vulnNum ?? "";

        var status = review.GetValueOrDefault("STATUS");
        if (status is not null && TryParseCkl(status, out var s)) rule.Status = s;
        else rule.UnrecognizedStatus = status ?? "";
        rule.FindingDetails = review.GetValueOrDefault("FINDING_DETAILS");
        rule.Comments = review.GetValueOrDefault("COMMENTS");
        rule.SeverityOverride = review.GetValueOrDefault("SEVERITY_OVERRIDE");
        rule.SeverityJustification = review.GetValueOrDefault("SEVERITY_JUSTIFICATION");
        return rule;
    }

    static string WhereVuln(string where, string? vulnNum) =>
        string.IsNullOrEmpty(vulnNum) ? where : where[..where.LastIndexOf('[')] + $"[{vulnNum}]";

    /// <summary>The four CKL spellings, surrounding white space ignored (as STIG Manager does); nothing else.</summary>
    public static bool TryParseCkl(string text, out ChecklistStatus status)
    {
        switch (text.Trim())
        {
            case "Open": status = ChecklistStatus.Open; return true;
            case "NotAFinding": status = ChecklistStatus.NotAFinding; return true;
            case "Not_Applicable": status = ChecklistStatus.NotApplicable; return true;
            case "Not_Reviewed": status = ChecklistStatus.NotReviewed; return true;
            default: status = ChecklistStatus.NotReviewed; return false;
        }
    }

    /// <summary>Sets the field a STIG_DATA attribute maps to; false when the attribute is unknown or already seen.</summary>
    static bool Assign(ChecklistRule r, string name, string? value, HashSet<string> seen)
    {
        if (name == "LEGACY_ID") { r.LegacyIds.Add(value ?? ""); return true; }
        if (name == "CCI_REF") { r.Ccis.Add(value ?? ""); return true; }
        if (!CklAttributes.Setters.TryGetValue(name, out var set) || !seen.Add(name)) return false;
        set(r, value);
        return true;
    }

    static KeyValuePair<string, string?> Pair(XElement parent, string nameElement, string dataElement, string file, string where)
    {
        string? name = null, data = null;
        bool hasData = false;
        foreach (var e in parent.Elements())
        {
            var n = e.Name.LocalName;
            if (n == nameElement && name is null) name = Leaf(e, file, where + "/" + n);
            else if (n == dataElement && !hasData) { data = Leaf(e, file, where + "/" + n); hasData = true; }
            else throw new InputException(file, $"unexpected element <{n}> in {parent.Name.LocalName}", where);
        }
        if (name is null) throw new InputException(file, $"{parent.Name.LocalName} without {nameElement}", where);
        return new(name, data);
    }

    /// <summary>The text of an element that must hold text only.</summary>
    static string Leaf(XElement e, string file, string where)
    {
        if (e.HasElements) throw new InputException(file, $"<{e.Name.LocalName}> holds child elements; it must hold text only", where);
        return e.Value;
    }

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>The CKL STIG_DATA attributes in the order STIG Viewer writes them, and how they map to the model.</summary>
internal static class CklAttributes
{
    public static readonly (string Name, Func<ChecklistRule, string?> Get, Action<ChecklistRule, string?> Set)[] Ordered =
    [
        ("Vuln_Num", r => r.VulnId, (r, v) => r.VulnId = v ?? ""),
        ("Severity", r => r.Severity, (r, v) => r.Severity = v),
        ("Group_Title", r => r.GroupTitle, (r, v) => r.GroupTitle = v),
        ("Rule_ID", r => r.RuleId, (r, v) => r.RuleId = v),
        ("Rule_Ver", r => r.StigId, (r, v) => r.StigId = v),
        ("Rule_Title", r => r.RuleTitle, (r, v) => r.RuleTitle = v),
        ("Vuln_Discuss", r => r.Discussion, (r, v) => r.Discussion = v),
        ("IA_Controls", r => r.IaControls, (r, v) => r.IaControls = v),
        ("Check_Content", r => r.CheckContent, (r, v) => r.CheckContent = v),
        ("Fix_Text", r => r.FixText, (r, v) => r.FixText = v),
        ("False_Positives", r => r.FalsePositives, (r, v) => r.FalsePositives = v),
        ("False_Negatives", r => r.FalseNegatives, (r, v) => r.FalseNegatives = v),
        ("Documentable", r => r.Documentable, (r, v) => r.Documentable = v),
        ("Mitigations", r => r.Mitigations, (r, v) => r.Mitigations = v),
        ("Potential_Impact", r => r.PotentialImpact, (r, v) => r.PotentialImpact = v),
        ("Third_Party_Tools", r => r.ThirdPartyTools, (r, v) => r.ThirdPartyTools = v),
        ("Mitigation_Control", r => r.MitigationControl, (r, v) => r.MitigationControl = v),
        ("Responsibility", r => r.Responsibility, (r, v) => r.Responsibility = v),
        ("Security_Override_Guidance", r => r.SecurityOverrideGuidance, (r, v) => r.SecurityOverrideGuidance = v),
        ("Check_Content_Ref", r => r.CheckContentRef, (r, v) => r.CheckContentRef = v),
        ("Weight", r => r.Weight, (r, v) => r.Weight = v),
        ("Class", r => r.Class, (r, v) => r.Class = v),
        ("STIGRef", r => r.StigRef, (r, v) => r.StigRef = v),
        ("TargetKey", r => r.TargetKey, (r, v) => r.TargetKey = v),
        ("STIG_UUID", r => r.StigUuid, (r, v) => r.StigUuid = v),
    ];

    public static readonly Dictionary<string, Action<ChecklistRule, string?>> Setters =
        Ordered.ToDictionary(a => a.Name, a => a.Set, StringComparer.Ordinal);
}
