using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>
/// Writes STIG Viewer 3 CKLB (JSON, UTF-8 without BOM, two-space indent, keys in STIG Viewer 3's order,
/// unknown keys kept from the model after the known ones). CKLB-only values the model lacks (as after
/// reading a CKL) are filled in so that the file is a complete STIG Viewer 3 checklist: ids and uuids
/// from <see cref="NewId"/>, createdAt/updatedAt of rules new to CKLB from <see cref="Clock"/>, cklb_version "1.0", a title,
/// display_name, size, rule_id, group_tree. CKL ASSET and STIG_INFO values that CKLB has no key for
/// are written under CklGen's own keys (target_data.ckl_marking, ckl_host_guid, ckl_target_key,
/// ckl_stig_guid; stigs[].ckl_stig_info) so that converting back loses nothing.
/// </summary>
public sealed class CklbWriter
{
    /// <summary>New uuids (lower-case, hyphenated); replace for stable output in tests.</summary>
    public Func<string> NewId { get; init; } = () => Guid.NewGuid().ToString("D");

    /// <summary>The time written into createdAt/updatedAt of rules that have no CKLB uuid yet.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public static CklbWriter Default { get; } = new();

    public string ToText(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteAll(checklist, sw);
        return sw.ToString();
    }

    /// <summary>The same bytes as <see cref="ToText"/> in UTF-8, written straight to the stream.</summary>
    public void Write(Checklist checklist, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        using var sw = new StreamWriter(stream, IO.AtomicFile.Utf8NoBom, 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        WriteAll(checklist, sw);
    }

    /// <summary>The checklist as the JSON tree the file holds.</summary>
    public JObject ToJson(Checklist c) => (JObject)CklbJson.Parse(ToText(c));

    void WriteAll(Checklist c, TextWriter tw)
    {
        var w = new Out(tw);
        WriteRoot(w, c);
        tw.Write('\n');
    }

    /// <summary>
    /// Writes JSON as Newtonsoft.Json's JsonTextWriter does with two-space indentation (the tests hold the two byte for
    /// byte): each member or element on its own line, "name": value, an empty object or array as {} or []. Strings come
    /// escaped from <see cref="EscapedText"/>; JSON kept verbatim (unknown keys, group_tree) is written by Newtonsoft and
    /// indented to its place.
    /// </summary>
    sealed class Out(TextWriter w)
    {
        static readonly string[] Indents = Enumerable.Range(0, 16).Select(n => "\n" + new string(' ', 2 * n)).ToArray();
        readonly Stack<(bool HasMembers, List<string>? Keys)> open = new();

        string Indent(int depth) => depth < Indents.Length ? Indents[depth] : "\n" + new string(' ', 2 * depth);

        void Next()
        {
            if (open.Count == 0) return;
            var (has, keys) = open.Pop();
            if (has) w.Write(',');
            open.Push((true, keys));
            w.Write(Indent(open.Count));
        }

        void Name(string name)
        {
            Next();
            if (open.Peek().Keys is { } keys) keys.Add(name);
            w.Write('"');
            w.Write(EscapedText.Json(name));
            w.Write("\": ");
        }

        /// <summary>Starts an object (as a member when <paramref name="name"/> is given); <paramref name="trackKeys"/> keeps
        /// the names written, for <see cref="Wrote"/>.</summary>
        public void StartObject(string? name = null, bool trackKeys = false)
        {
            if (name is null) Next(); else Name(name);
            w.Write('{');
            open.Push((false, trackKeys ? [] : null));
        }

        public void StartArray(string name)
        {
            Name(name);
            w.Write('[');
            open.Push((false, null));
        }

        public void EndObject() => End('}');
        public void EndArray() => End(']');

        void End(char close)
        {
            var (has, _) = open.Pop();
            if (has) w.Write(Indent(open.Count));
            w.Write(close);
        }

        public bool Wrote(string key) => open.Peek().Keys?.Contains(key) ?? false;

        public void Member(string name, string? value) { Name(name); Value(value); }
        public void Member(string name, bool value) { Name(name); w.Write(value ? "true" : "false"); }
        public void Member(string name, int value) { Name(name); w.Write(value.ToString(CultureInfo.InvariantCulture)); }

        /// <summary>A member whose value is a JSON tree, written by Newtonsoft and indented to its place.</summary>
        public void Member(string name, JToken value) { Name(name); Token(value); }

        public void Element(string? value) { Next(); Value(value); }

        void Value(string? value)
        {
            if (value is null) { w.Write("null"); return; }
            w.Write('"');
            w.Write(EscapedText.Json(value));
            w.Write('"');
        }

        void Token(JToken value)
        {
            var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            using (var jw = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false })
                value.WriteTo(jw);
            // JSON text holds no raw line breaks inside strings, so every one is a line of the tree to indent.
            w.Write(sw.ToString().Replace("\n", Indent(open.Count)));
        }
    }

    void WriteRoot(Out w, Checklist c)
    {
        var now = Clock().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        w.StartObject(trackKeys: c.Extra.Count > 0);
        if (c.ResultEngine is { } re) w.Member(ResultEngines.CklbKey, ResultEngines.ToJson(re));
        w.Member("title", c.Title ?? DefaultTitle(c));
        w.Member("id", c.Id ?? NewId());
        w.Member("active", c.Active ?? false);
        w.Member("mode", c.Mode ?? 1);
        w.Member("has_path", c.HasPath ?? true);
        Target(w, c.Asset ?? new ChecklistAsset());
        w.StartArray("stigs");
        foreach (var s in c.Stigs) Stig(w, s, now);
        w.EndArray();
        w.Member("cklb_version", c.CklbVersion ?? "1.0");
        AddExtra(w, c.Extra);
        w.EndObject();
    }

    static string DefaultTitle(Checklist c)
    {
        var host = c.Asset?.HostName ?? "";
        return c.Stigs.Count == 1 && c.Stigs[0].StigId is { Length: > 0 } id ? $"{host}-{id}" : host;
    }

    static void Target(Out w, ChecklistAsset a)
    {
        w.StartObject("target_data", trackKeys: a.Extra.Count > 0);
        w.Member("target_type", a.AssetType);
        w.Member("host_name", a.HostName);
        w.Member("ip_address", a.HostIp);
        w.Member("mac_address", a.HostMac);
        w.Member("fqdn", a.HostFqdn);
        w.Member("comments", a.TargetComment);
        w.Member("role", a.Role);
        w.Member("is_web_database", a.WebOrDatabase ?? false);
        w.Member("technology_area", a.TechArea);
        w.Member("web_db_site", a.WebDbSite);
        w.Member("web_db_instance", a.WebDbInstance);
        if (a.Marking is not null) w.Member("ckl_marking", a.Marking);
        if (a.HostGuid is not null) w.Member("ckl_host_guid", a.HostGuid);
        if (a.TargetKey is not null) w.Member("ckl_target_key", a.TargetKey);
        if (a.StigGuid is not null) w.Member("ckl_stig_guid", a.StigGuid);
        AddExtra(w, a.Extra);
        w.EndObject();
    }

    void Stig(Out w, ChecklistStig s, string now)
    {
        var uuid = s.Uuid ?? NewId();
        w.StartObject(trackKeys: s.Extra.Count > 0);
        if (s.ResultEngine is { } re) w.Member(ResultEngines.CklbKey, ResultEngines.ToJson(re));
        // Keys that stand for STIG_INFO entries are left out when the model has no such entry, so that a
        // CKLB read and written back keeps the same entries; stig_id and uuid are always written.
        bool Has(string name) => s.Info.Any(p => p.Key == name);
        if (Has("title")) w.Member("stig_name", s.Title);
        w.Member("display_name", s.DisplayName ?? s.Title);
        w.Member("stig_id", s.StigId);
        if (Has("version")) w.Member("version", s.Version);
        if (Has("releaseinfo")) w.Member("release_info", s.ReleaseInfo);
        w.Member("uuid", uuid);
        w.Member("reference_identifier", s.ReferenceIdentifier);
        w.Member("size", s.Size ?? s.Rules.Count);
        w.StartArray("rules");
        foreach (var r in s.Rules) Rule(w, r, uuid, now);
        w.EndArray();

        var cklInfo = new JObject();
        foreach (var (name, value) in s.Info)
            if (!CklbReader.InfoKeys.ContainsKey(name) && !cklInfo.ContainsKey(name)) cklInfo[name] = value;
        if (cklInfo.Count > 0) w.Member("ckl_stig_info", cklInfo);
        AddExtra(w, s.Extra);
        w.EndObject();
    }

    static readonly string EmptyGroupDescription = "<GroupDescription></GroupDescription>";

    void Rule(Out w, ChecklistRule r, string stigUuid, string now)
    {
        w.StartObject(trackKeys: r.Extra.Count > 0);
        if (r.ResultEngine is { } re) w.Member(ResultEngines.CklbKey, ResultEngines.ToJson(re));
        string? writtenStigUuid = null;
        foreach (var (key, get, _) in CklbReader.RuleStrings)
        {
            var value = key switch
            {
                "uuid" => r.Uuid ?? NewId(),
                "stig_uuid" => writtenStigUuid = r.StigUuid ?? stigUuid,
                "rule_id" => r.CklbRuleId ?? StripRuleSuffix(r.RuleId),
                _ => get(r),
            };
            w.Member(key, value);
        }
        w.StartObject("check_content_ref");
        w.Member("href", r.CheckContentRefHref ?? "");
        w.Member("name", r.CheckContentRef ?? "");
        w.EndObject();
        w.StartArray("legacy_ids");
        foreach (var id in r.LegacyIds) w.Element(id);
        w.EndArray();
        w.StartArray("ccis");
        foreach (var cci in r.Ccis) w.Element(cci);
        w.EndArray();
        if (r.GroupTree is not null) w.Member("group_tree", CklbJson.Parse(r.GroupTree));
        else
        {
            w.StartArray("group_tree");
            w.StartObject();
            w.Member("id", r.VulnId);
            w.Member("title", r.GroupTitle ?? "");
            w.Member("description", EmptyGroupDescription);
            w.EndObject();
            w.EndArray();
        }
        // A rule without a uuid is new to CKLB (e.g. read from a CKL): it gets timestamps as STIG Viewer 3 gives
        // new rules. Rules read from a CKLB keep theirs, null included.
        w.Member("createdAt", r.CreatedAt ?? (r.Uuid is null ? now : null));
        w.Member("updatedAt", r.UpdatedAt ?? (r.Uuid is null ? now : null));
        w.Member("STIGUuid", r.CklbStigUuid ?? writtenStigUuid);
        w.Member("status", r.UnrecognizedStatus ?? r.Status.ToCklb());
        if (string.IsNullOrEmpty(r.SeverityOverride) && string.IsNullOrEmpty(r.SeverityJustification) && r.OverridesExtra.Count == 0)
        {
            w.StartObject("overrides");
            w.EndObject();
        }
        else w.Member("overrides", Overrides(r));
        w.Member("comments", r.Comments);
        w.Member("finding_details", r.FindingDetails);
        AddExtra(w, r.Extra);
        w.EndObject();
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
    static void AddExtra(Out w, Dictionary<string, string> extra)
    {
        foreach (var (key, json) in extra)
            if (!w.Wrote(key)) w.Member(key, CklbJson.Parse(json));
    }
}
