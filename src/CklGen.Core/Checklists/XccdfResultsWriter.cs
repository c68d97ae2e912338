using System.Globalization;
using System.Xml;

namespace CklGen.Checklists;

/// <summary>
/// Writes one STIG of a checklist as an XCCDF 1.2 results document (a Benchmark holding one Group and Rule
/// per rule and one TestResult), in the shape STIG Manager's XCCDF importer reads: benchmark id
/// xccdf_mil.disa.stig_benchmark_STIGID, test-system cpe:/a:cklgen:cklgen:VERSION (STIG Manager records
/// product "cklgen" and that version as the result engine of every result in the file), target and
/// STIG Manager's asset facts, one rule-result per rule with idref xccdf_mil.disa.stig_rule_RULE_ID.
/// <para>
/// The file claims CklGen as the engine of all its results, so only rules CklGen decided (result engine
/// module "CklGen") carry their result, finding details (message) and comments (STIG Manager's
/// check-content comment); every other rule is written notchecked and empty, whatever a person recorded
/// for it. STIG Manager's "unreviewed" import option decides whether notchecked results are imported.
/// </para>
/// UTF-8 without BOM; the output depends only on the checklist and, when no rule carries a CklGen time,
/// on <see cref="Clock"/>.
/// </summary>
public sealed class XccdfResultsWriter
{
    public const string XccdfNamespace = "http://checklists.nist.gov/xccdf/1.2";
    /// <summary>The namespace STIG Manager writes its own XCCDF extensions in; its importer ignores prefixes.</summary>
    public const string StigManagerNamespace = "http://github.com/nuwcdivnpt/stig-manager";
    /// <summary>Prefix of asset facts STIG Manager applies to the asset (the rest become asset metadata).</summary>
    public const string AssetFactPrefix = "tag:stig-manager@users.noreply.github.com,2020:asset:";
    public const string BenchmarkIdPrefix = "xccdf_mil.disa.stig_benchmark_";
    public const string RuleIdPrefix = "xccdf_mil.disa.stig_rule_";
    public const string GroupIdPrefix = "xccdf_mil.disa.stig_group_";
    /// <summary>check/@system of rules CklGen decided: its catalog of checks.</summary>
    public const string CheckSystem = "urn:x-cklgen:catalog";
    const string CciSystem = "http://cyber.mil/cci";
    const string LegacySystem = "http://cyber.mil/legacy";

    /// <summary>end-time when no rule CklGen decided carries a time (a blank or purely manual checklist).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public static XccdfResultsWriter Default { get; } = new();

    /// <summary>The test-system CPE for a CklGen version; STIG Manager takes product and version from it.</summary>
    public static string TestSystem(string version) => $"cpe:/a:cklgen:cklgen:{version}";

    /// <summary>True when CklGen decided the rule (its result engine names module CklGen).</summary>
    public static bool DecidedByCklGen(ChecklistRule rule) =>
        string.Equals(rule.ResultEngine?.ModuleName, CklGenInfo.Product, StringComparison.OrdinalIgnoreCase);

    /// <summary>The XCCDF result written for a rule: its status when CklGen decided it, otherwise notchecked.</summary>
    public static string ResultOf(ChecklistRule rule) => !DecidedByCklGen(rule) ? "notchecked" : rule.Status switch
    {
        ChecklistStatus.Open => "fail",
        ChecklistStatus.NotAFinding => "pass",
        ChecklistStatus.NotApplicable => "notapplicable",
        _ => "notchecked",
    };

    /// <summary>The checklist's only STIG; a checklist with several must be split or one picked first.</summary>
    public string ToText(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (checklist.Stigs.Count != 1)
            throw new CklGenException($"an XCCDF results file holds one STIG and this checklist holds {checklist.Stigs.Count}" +
                (checklist.Stigs.Count == 0 ? "" : $" ({string.Join(", ", checklist.Stigs.Select(s => s.StigId))}): pick one"));
        return ToText(checklist, checklist.Stigs[0]);
    }

    public string ToText(Checklist checklist, ChecklistStig stig)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(stig);
        var asset = checklist.Asset ?? new ChecklistAsset();
        var stigId = stig.StigId ?? "";
        var where = $"STIG {stigId}";
        if (string.IsNullOrWhiteSpace(asset.HostName))
            throw new CklGenException("the checklist names no host: an XCCDF results file needs a target");
        if (!IsNcName(stigId))
            throw new CklGenException($"{where}: the benchmark id \"{stigId}\" cannot be part of an XCCDF id (letters, digits, '_', '-', '.')");
        CheckRules(stig, where);

        var decided = stig.Rules.Where(DecidedByCklGen).ToList();
        var version = EngineVersion(decided, where);
        var times = decided.Select(r => ParseTime(r.ResultEngine!.Time)).OfType<DateTimeOffset>().ToList();
        var claim = $"CklGen {version} decided {decided.Count} of the {stig.Rules.Count} rules: they carry its result, evidence (message) and comments. " +
                    "Every other rule is notchecked and empty here, whatever a person recorded for it in the checklist, " +
                    "because this file names CklGen as the test system of all its results.";

        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        sw.Write(CklWriter.Declaration);
        sw.Write('\n');
        var settings = CklWriter.XmlSettings;
        using (var w = XmlWriter.Create(sw, settings))
        {
            w.WriteComment($"Written by {CklGenInfo.Product} {CklGenInfo.Version}. {claim}");
            w.WriteStartElement("Benchmark", XccdfNamespace);
            w.WriteAttributeString("xmlns", "sm", null, StigManagerNamespace);
            w.WriteAttributeString("id", BenchmarkIdPrefix + stigId);
            w.WriteAttributeString("xml", "lang", null, "en");
            // The benchmark's status: DISA publishes its STIGs as accepted.
            Text(w, "status", "accepted", where);
            if (stig.Title is { Length: > 0 } title) Text(w, "title", title, where + "/title");
            if (stig.ReleaseInfo is { Length: > 0 } release)
            {
                w.WriteStartElement("plain-text", XccdfNamespace);
                w.WriteAttributeString("id", "release-info");
                w.WriteString(Checked(release, where + "/releaseinfo"));
                w.WriteEndElement();
            }
            Text(w, "version", stig.Version ?? "", where + "/version");
            foreach (var rule in stig.Rules) WriteRule(w, rule, $"{where}/{rule.VulnId}");

            w.WriteStartElement("TestResult", XccdfNamespace);
            w.WriteAttributeString("id", "xccdf_cklgen_testresult_" + stigId);
            if (times.Count > 0) w.WriteAttributeString("start-time", FormatTime(times.Min()));
            w.WriteAttributeString("end-time", FormatTime(times.Count > 0 ? times.Max() : Clock()));
            w.WriteAttributeString("test-system", TestSystem(version));
            if (stig.Version is { Length: > 0 } v) w.WriteAttributeString("version", v);
            w.WriteStartElement("benchmark", XccdfNamespace);
            w.WriteAttributeString("href", stig.FileName is { Length: > 0 } file ? file : BenchmarkIdPrefix + stigId);
            w.WriteAttributeString("id", BenchmarkIdPrefix + stigId);
            w.WriteEndElement();
            Text(w, "title", $"CklGen results for {asset.HostName}", "ASSET/HOST_NAME");
            Text(w, "remark", claim, where);
            Text(w, "target", asset.HostName, "ASSET/HOST_NAME");
            foreach (var ip in Split(asset.HostIp)) Text(w, "target-address", ip, "ASSET/HOST_IP");
            WriteFacts(w, asset);
            foreach (var rule in stig.Rules) WriteRuleResult(w, rule, version, $"{where}/{rule.VulnId}");
            WriteScore(w, stig.Rules);
            w.WriteEndElement();

            w.WriteEndElement();
        }
        sw.Write('\n');
        return sw.ToString();
    }

    public void Write(Checklist checklist, Stream stream)
    {
        var bytes = IO.AtomicFile.Utf8NoBom.GetBytes(ToText(checklist));
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Refuses what cannot become an XCCDF rule: no or a malformed Rule_ID, the same Rule_ID twice, a status the checklist formats lack.</summary>
    static void CheckRules(ChecklistStig stig, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in stig.Rules)
        {
            if (string.IsNullOrWhiteSpace(r.RuleId))
                throw new CklGenException($"{where}/{r.VulnId}: no Rule_ID; an XCCDF rule-result is identified by it");
            if (!IsNcName(r.RuleId) || !IsNcName(r.VulnId))
                throw new CklGenException($"{where}/{r.VulnId}: \"{r.RuleId}\" cannot be part of an XCCDF id");
            if (!seen.Add(r.RuleId))
                throw new CklGenException($"{where}: Rule_ID {r.RuleId} appears twice");
            if (r.UnrecognizedStatus is not null && DecidedByCklGen(r))
                throw new CklGenException($"{where}/{r.VulnId}: status \"{r.UnrecognizedStatus}\" has no XCCDF result");
        }
    }

    /// <summary>The CklGen version that decided the rules (this build's when none did); several versions cannot share one test-system.</summary>
    static string EngineVersion(List<ChecklistRule> decided, string where)
    {
        var versions = decided.Select(r => r.ResultEngine!.ModuleVersion ?? r.ResultEngine.Version)
            .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (versions.Count > 1)
            throw new CklGenException($"{where}: rules were decided by several CklGen versions ({string.Join(", ", versions)}); an XCCDF results file names one test system");
        var version = versions.Count == 1 ? versions[0] : CklGenInfo.Version;
        if (version.Any(c => c is ':' or '/' || char.IsWhiteSpace(c)))
            throw new CklGenException($"{where}: CklGen version \"{version}\" cannot be written into a CPE name");
        return version;
    }

    static void WriteRule(XmlWriter w, ChecklistRule r, string where)
    {
        w.WriteStartElement("Group", XccdfNamespace);
        w.WriteAttributeString("id", GroupIdPrefix + r.VulnId);
        if (r.GroupTitle is { Length: > 0 } gt) Text(w, "title", gt, where + "/Group_Title");
        w.WriteStartElement("Rule", XccdfNamespace);
        w.WriteAttributeString("id", RuleIdPrefix + r.RuleId);
        if (Severity(r.Severity) is { } sev) w.WriteAttributeString("severity", sev);
        if (Weight(r.Weight) is { } weight) w.WriteAttributeString("weight", FormatDecimal(weight));
        if (r.StigId is { Length: > 0 } ver) Text(w, "version", ver, where + "/Rule_Ver");
        if (r.RuleTitle is { Length: > 0 } rt) Text(w, "title", rt, where + "/Rule_Title");
        WriteIdents(w, r, where);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    static void WriteIdents(XmlWriter w, ChecklistRule r, string where)
    {
        foreach (var id in r.LegacyIds) Ident(w, LegacySystem, id, where + "/LEGACY_ID");
        foreach (var cci in r.Ccis) Ident(w, CciSystem, cci, where + "/CCI_REF");
    }

    static void Ident(XmlWriter w, string system, string value, string where)
    {
        w.WriteStartElement("ident", XccdfNamespace);
        w.WriteAttributeString("system", system);
        w.WriteString(Checked(value, where));
        w.WriteEndElement();
    }

    static void WriteRuleResult(XmlWriter w, ChecklistRule r, string version, string where)
    {
        var decided = DecidedByCklGen(r);
        w.WriteStartElement("rule-result", XccdfNamespace);
        w.WriteAttributeString("idref", RuleIdPrefix + r.RuleId);
        if (Severity(r.Severity) is { } sev) w.WriteAttributeString("severity", sev);
        if (decided && ParseTime(r.ResultEngine!.Time) is { } time) w.WriteAttributeString("time", FormatTime(time));
        if (r.StigId is { Length: > 0 } ver) w.WriteAttributeString("version", Checked(ver, where + "/Rule_Ver"));
        if (Weight(r.Weight) is { } weight) w.WriteAttributeString("weight", FormatDecimal(weight));
        Text(w, "result", ResultOf(r), where);
        WriteIdents(w, r, where);
        if (decided)
        {
            // STIG Manager reads the message as the review's detail when check-content has none.
            if (!string.IsNullOrWhiteSpace(r.FindingDetails))
            {
                w.WriteStartElement("message", XccdfNamespace);
                w.WriteAttributeString("severity", "info");
                w.WriteString(Checked(r.FindingDetails, where + "/FINDING_DETAILS"));
                w.WriteEndElement();
            }
            w.WriteStartElement("check", XccdfNamespace);
            w.WriteAttributeString("system", CheckSystem);
            // STIG Manager records href as the check content location, as it records "CklGen:VERSION" from a CKL.
            w.WriteStartElement("check-content-ref", XccdfNamespace);
            w.WriteAttributeString("href", $"{CklGenInfo.Product}:{version}");
            w.WriteEndElement();
            // STIG Manager's comment has no XCCDF element: its own sm:comment, as its exports write it.
            if (!string.IsNullOrWhiteSpace(r.Comments))
            {
                w.WriteStartElement("check-content", XccdfNamespace);
                w.WriteStartElement("sm", "comment", StigManagerNamespace);
                w.WriteString(Checked(r.Comments, where + "/COMMENTS"));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>
    /// STIG Manager's asset facts for what the CKL importer would also set (FQDN, MAC, the IP text as is,
    /// non-computing, and the ckl* metadata), so that importing either file leaves the same asset.
    /// </summary>
    static void WriteFacts(XmlWriter w, ChecklistAsset a)
    {
        var facts = new List<(string Name, string Type, string Value)>();
        void Add(string name, string? value, string type = "string")
        {
            if (!string.IsNullOrEmpty(value)) facts.Add((AssetFactPrefix + name, type, value));
        }
        Add("fqdn", a.HostFqdn);
        Add("ip", a.HostIp);
        Add("mac", a.HostMac);
        if (a.AssetType is { Length: > 0 } assetType) Add("noncomputing", assetType == "Non-Computing" ? "true" : "false", "boolean");
        Add("metadata:cklRole", a.Role);
        Add("metadata:cklTechArea", a.TechArea);
        if (a.WebOrDatabase == true)
        {
            Add("metadata:cklWebOrDatabase", "true");
            Add("metadata:cklHostName", a.HostName);
            Add("metadata:cklWebDbSite", a.WebDbSite);
            Add("metadata:cklWebDbInstance", a.WebDbInstance);
        }
        if (facts.Count == 0) return;
        w.WriteStartElement("target-facts", XccdfNamespace);
        foreach (var (name, type, value) in facts)
        {
            w.WriteStartElement("fact", XccdfNamespace);
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("type", type);
            w.WriteString(Checked(value, "ASSET/" + name[AssetFactPrefix.Length..]));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>The flat model: weights of passed rules out of the weights of rules that passed or failed.</summary>
    static void WriteScore(XmlWriter w, List<ChecklistRule> rules)
    {
        decimal score = 0, maximum = 0;
        foreach (var r in rules)
        {
            var result = ResultOf(r);
            if (result is not ("pass" or "fail")) continue;
            var weight = Weight(r.Weight) ?? 1m;
            maximum += weight;
            if (result == "pass") score += weight;
        }
        w.WriteStartElement("score", XccdfNamespace);
        w.WriteAttributeString("system", "urn:xccdf:scoring:flat");
        w.WriteAttributeString("maximum", FormatDecimal(maximum));
        w.WriteString(FormatDecimal(score));
        w.WriteEndElement();
    }

    static void Text(XmlWriter w, string name, string value, string where)
    {
        w.WriteStartElement(name, XccdfNamespace);
        w.WriteString(Checked(value, where));
        w.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry most C0 controls or lone surrogates, even as references: refuse them by name.</summary>
    static string Checked(string value, string where)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c)) { i++; continue; }
            throw new CklGenException($"{where}: holds character U+{(int)c:X4}, which an XML 1.0 file (XCCDF) cannot carry");
        }
        return value;
    }

    static bool IsNcName(string s)
    {
        if (s.Length == 0) return false;
        try { XmlConvert.VerifyNCName(s); return true; }
        catch (XmlException) { return false; }
    }

    static string? Severity(string? s) => (s ?? "").Trim().ToLowerInvariant() switch
    {
        "high" => "high",
        "medium" => "medium",
        "low" => "low",
        _ => null,
    };

    static decimal? Weight(string? s) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    static string FormatDecimal(decimal d) => d.ToString("0.0###", CultureInfo.InvariantCulture);

    static DateTimeOffset? ParseTime(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    static string FormatTime(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    static IEnumerable<string> Split(string? ips) =>
        (ips ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
