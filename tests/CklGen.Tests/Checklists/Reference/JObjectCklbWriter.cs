using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using CklGen.Checklists;

namespace CklGen.Tests.Checklists.Reference;

/// <summary>The CKLB writer as it was on JObject: the reference the streaming writer must match byte for byte.</summary>
internal sealed class JObjectCklbWriter
{
    /// <summary>New uuids (lower-case, hyphenated); replace for stable output in tests.</summary>
    public Func<string> NewId { get; init; } = () => Guid.NewGuid().ToString("D");

    /// <summary>The time written into createdAt/updatedAt of rules that have no CKLB uuid yet.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    

    public string ToText(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var root = ToJson(checklist);
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var jw = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false })
            root.WriteTo(jw);
        sw.Write('\n');
        return sw.ToString();
    }

    /// <summary>The same bytes as <see cref="ToText"/> in UTF-8, written straight to the stream.</summary>
    public void Write(Checklist checklist, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var root = ToJson(checklist);
        using var sw = new StreamWriter(stream, CklGen.IO.AtomicFile.Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        using (var jw = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false })
            root.WriteTo(jw);
        sw.Write('\n');
    }

    public JObject ToJson(Checklist c)
    {
        var now = Clock().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var o = new JObject();
        if (c.ResultEngine is { } re) o[ResultEngines.CklbKey] = ResultEngines.ToJson(re);
        o["title"] = c.Title ?? DefaultTitle(c);
        o["id"] = c.Id ?? NewId();
        o["active"] = c.Active ?? false;
        o["mode"] = c.Mode ?? 1;
        o["has_path"] = c.HasPath ?? true;
        o["target_data"] = Target(c.Asset ?? new ChecklistAsset());
        var stigs = new JArray();
        foreach (var s in c.Stigs) stigs.Add(Stig(s, now));
        o["stigs"] = stigs;
        o["cklb_version"] = c.CklbVersion ?? "1.0";
        AddExtra(o, c.Extra);
        return o;
    }

    static string DefaultTitle(Checklist c)
    {
        var host = c.Asset?.HostName ?? "";
        return c.Stigs.Count == 1 && c.Stigs[0].StigId is { Length: > 0 } id ? $"{host}-{id}" : host;
    }

    static JObject Target(ChecklistAsset a)
    {
        var t = new JObject
        {
            ["target_type"] = a.AssetType,
            ["host_name"] = a.HostName,
            ["ip_address"] = a.HostIp,
            ["mac_address"] = a.HostMac,
            ["fqdn"] = a.HostFqdn,
            ["comments"] = a.TargetComment,
            ["role"] = a.Role,
            ["is_web_database"] = a.WebOrDatabase ?? false,
            ["technology_area"] = a.TechArea,
            ["web_db_site"] = a.WebDbSite,
            ["web_db_instance"] = a.WebDbInstance,
        };
        if (a.Marking is not null) t["ckl_marking"] = a.Marking;
        if (a.HostGuid is not null) t["ckl_host_guid"] = a.HostGuid;
        if (a.TargetKey is not null) t["ckl_target_key"] = a.TargetKey;
        if (a.StigGuid is not null) t["ckl_stig_guid"] = a.StigGuid;
        AddExtra(t, a.Extra);
        return t;
    }

    JObject Stig(ChecklistStig s, string now)
    {
        var uuid = s.Uuid ?? NewId();
        var o = new JObject();
        if (s.ResultEngine is { } re) o[ResultEngines.CklbKey] = ResultEngines.ToJson(re);
        // Keys that stand for STIG_INFO entries are left out when the model has no such entry, so that a
        // CKLB read and written back keeps the same entries; stig_id and uuid are always written.
        bool Has(string name) => s.Info.Any(p => p.Key == name);
        if (Has("title")) o["stig_name"] = s.Title;
        o["display_name"] = s.DisplayName ?? s.Title;
        o["stig_id"] = s.StigId;
        if (Has("version")) o["version"] = s.Version;
        if (Has("releaseinfo")) o["release_info"] = s.ReleaseInfo;
        o["uuid"] = uuid;
        o["reference_identifier"] = s.ReferenceIdentifier;
        o["size"] = s.Size ?? s.Rules.Count;
        var rules = new JArray();
        foreach (var r in s.Rules) rules.Add(Rule(r, uuid, now));
        o["rules"] = rules;

        var cklInfo = new JObject();
        foreach (var (name, value) in s.Info)
            if (!CklbReader.InfoKeys.ContainsKey(name) && !cklInfo.ContainsKey(name)) cklInfo[name] = value;
        if (cklInfo.Count > 0) o["ckl_stig_info"] = cklInfo;
        AddExtra(o, s.Extra);
        return o;
    }

    JObject Rule(ChecklistRule r, string stigUuid, string now)
    {
        var o = new JObject();
        if (r.ResultEngine is { } re) o[ResultEngines.CklbKey] = ResultEngines.ToJson(re);
        foreach (var (key, get, _) in CklbReader.RuleStrings)
        {
            o[key] = key switch
            {
                "uuid" => r.Uuid ?? NewId(),
                "stig_uuid" => r.StigUuid ?? stigUuid,
                "rule_id" => r.CklbRuleId ?? StripRuleSuffix(r.RuleId),
                _ => get(r),
            };
        }
        o["check_content_ref"] = new JObject { ["href"] = r.CheckContentRefHref ?? "", ["name"] = r.CheckContentRef ?? "" };
        o["legacy_ids"] = new JArray(r.LegacyIds.Cast<object>().ToArray());
        o["ccis"] = new JArray(r.Ccis.Cast<object>().ToArray());
        o["group_tree"] = r.GroupTree is not null
            ? CklbJson.Parse(r.GroupTree)
            : new JArray(new JObject { ["id"] = r.VulnId, ["title"] = r.GroupTitle ?? "", ["description"] = "<GroupDescription></GroupDescription>" });
        // A rule without a uuid is new to CKLB (e.g. read from a CKL): it gets timestamps as STIG Viewer 3 gives
        // new rules. Rules read from a CKLB keep theirs, null included.
        o["createdAt"] = r.CreatedAt ?? (r.Uuid is null ? now : null);
        o["updatedAt"] = r.UpdatedAt ?? (r.Uuid is null ? now : null);
        o["STIGUuid"] = r.CklbStigUuid ?? (string?)o["stig_uuid"];
        o["status"] = r.UnrecognizedStatus ?? r.Status.ToCklb();
        o["overrides"] = Overrides(r);
        o["comments"] = r.Comments;
        o["finding_details"] = r.FindingDetails;
        AddExtra(o, r.Extra);
        return o;
    }

    /// <summary>overrides { severity: { severity, reason } }, the shape STIG Viewer 3 uses; {} when no override is set.</summary>
    static JObject Overrides(ChecklistRule r)
    {
        var o = new JObject();
        JObject? severity = null;
        if (!string.IsNullOrEmpty(r.SeverityOverride) || !string.IsNullOrEmpty(r.SeverityJustification))
        {
            severity = new JObject { ["severity"] = r.SeverityOverride ?? "" };
            if (r.SeverityJustification is not null) severity["reason"] = r.SeverityJustification;
            o["severity"] = severity;
        }
        foreach (var (key, json) in r.OverridesExtra)
        {
            if (key.StartsWith("severity.", StringComparison.Ordinal))
            {
                severity ??= (JObject)(o["severity"] = new JObject());
                var name = key["severity.".Length..];
                if (name is not ("severity" or "reason")) severity[name] = CklbJson.Parse(json);
            }
            else if (key != "severity") o[key] = CklbJson.Parse(json);
        }
        return o;
    }

    static string? StripRuleSuffix(string? ruleId) =>
        ruleId is not null && ruleId.EndsWith("_rule", StringComparison.Ordinal) ? ruleId[..^"_rule".Length] : ruleId;

    /// <summary>Unknown keys as they were read; a key the writer already wrote is left alone.</summary>
    static void AddExtra(JObject o, Dictionary<string, string> extra)
    {
        foreach (var (key, json) in extra)
            if (!o.ContainsKey(key)) o[key] = CklbJson.Parse(json);
    }
}
