using System.Globalization;
using System.Text;
using CklGen.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>
/// Reads STIG Viewer 3 CKLB (JSON) checklists into the format-neutral model. Unknown keys are kept
/// verbatim in Extra; "evaluate-stig" objects become result engines. Refuses, with an
/// <see cref="InputException"/> naming file and key, what no importer can use: not a JSON object, no
/// target_data.host_name, no or an empty stigs array, a STIG without stig_id or rules array, keys of
/// an impossible type. UTF-8 with or without BOM; UTF-16 with BOM is accepted too.
/// </summary>
public static class CklbReader
{
    internal static readonly string[] RootKeys = ["evaluate-stig", "title", "id", "active", "mode", "has_path", "target_data", "stigs", "cklb_version"];

    internal static readonly string[] TargetKeys =
    [
        "target_type", "host_name", "ip_address", "mac_address", "fqdn", "comments", "role", "is_web_database",
        "technology_area", "web_db_site", "web_db_instance",
        // CklGen's own: CKL ASSET fields CKLB has no key for, so that CKL -> CKLB -> CKL keeps them.
        "ckl_marking", "ckl_host_guid", "ckl_target_key", "ckl_stig_guid",
    ];

    internal static readonly string[] StigKeys =
        ["evaluate-stig", "stig_name", "display_name", "stig_id", "version", "release_info", "uuid", "reference_identifier", "size", "rules", "ckl_stig_info"];

    /// <summary>STIG_INFO names that have a CKLB stig key of their own.</summary>
    internal static readonly Dictionary<string, string> InfoKeys = new(StringComparer.Ordinal)
    {
        ["title"] = "stig_name", ["stigid"] = "stig_id", ["version"] = "version", ["releaseinfo"] = "release_info", ["uuid"] = "uuid",
    };

    /// <summary>STIG_INFO names in the order STIG Viewer writes them.</summary>
    internal static readonly string[] InfoOrder =
        ["version", "classification", "customname", "stigid", "description", "filename", "releaseinfo", "title", "uuid", "notice", "source"];

    /// <summary>Rule keys and the model string fields they map to, in the order STIG Viewer 3 writes them.</summary>
    internal static readonly (string Key, Func<ChecklistRule, string?> Get, Action<ChecklistRule, string?> Set)[] RuleStrings =
    [
        ("uuid", r => r.Uuid, (r, v) => r.Uuid = v),
        ("stig_uuid", r => r.StigUuid, (r, v) => r.StigUuid = v),
        ("target_key", r => r.TargetKey, (r, v) => r.TargetKey = v),
        ("stig_ref", r => r.StigRef, (r, v) => r.StigRef = v),
        ("group_id", r => r.VulnId, (r, v) => r.VulnId = v ?? ""),
        ("rule_id", r => r.CklbRuleId, (r, v) => r.CklbRuleId = v),
        ("rule_id_src", r => r.RuleId, (r, v) => r.RuleId = v),
        ("weight", r => r.Weight, (r, v) => r.Weight = v),
        ("classification", r => r.Class, (r, v) => r.Class = v),
        ("severity", r => r.Severity, (r, v) => r.Severity = v),
        ("rule_version", r => r.StigId, (r, v) => r.StigId = v),
        ("group_title", r => r.GroupTitle, (r, v) => r.GroupTitle = v),
        ("rule_title", r => r.RuleTitle, (r, v) => r.RuleTitle = v),
        ("fix_text", r => r.FixText, (r, v) => r.FixText = v),
        ("false_positives", r => r.FalsePositives, (r, v) => r.FalsePositives = v),
        ("false_negatives", r => r.FalseNegatives, (r, v) => r.FalseNegatives = v),
        ("discussion", r => r.Discussion, (r, v) => r.Discussion = v),
        ("check_content", r => r.CheckContent, (r, v) => r.CheckContent = v),
        ("documentable", r => r.Documentable, (r, v) => r.Documentable = v),
        ("mitigations", r => r.Mitigations, (r, v) => r.Mitigations = v),
        ("potential_impacts", r => r.PotentialImpact, (r, v) => r.PotentialImpact = v),
        ("third_party_tools", r => r.ThirdPartyTools, (r, v) => r.ThirdPartyTools = v),
        ("mitigation_control", r => r.MitigationControl, (r, v) => r.MitigationControl = v),
        ("responsibility", r => r.Responsibility, (r, v) => r.Responsibility = v),
        ("security_override_guidance", r => r.SecurityOverrideGuidance, (r, v) => r.SecurityOverrideGuidance = v),
        ("ia_controls", r => r.IaControls, (r, v) => r.IaControls = v),
    ];

    /// <summary>Rule keys read by hand (not plain strings), in writing order after <see cref="RuleStrings"/>.</summary>
    internal static readonly string[] RuleOtherKeys =
        ["evaluate-stig", "check_content_ref", "legacy_ids", "ccis", "group_tree", "createdAt", "updatedAt", "STIGUuid", "status", "overrides", "comments", "finding_details"];

    static readonly HashSet<string> RuleKeys = [.. RuleStrings.Select(s => s.Key), .. RuleOtherKeys];

    public static Checklist Read(string path) => ReadText(ChecklistText.ReadFile(path), path);

    public static Checklist ReadText(string text, string name = "<text>")
    {
        JToken token;
        try
        {
            token = CklbJson.Parse(text);
        }
        catch (JsonReaderException e)
        {
            throw new InputException(name, $"not valid JSON (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", inner: e);
        }
        if (token is not JObject root) throw new InputException(name, $"the JSON value is {Describe(token)}, not an object: not a CKLB checklist");
        return new Reader(name).ReadRoot(root);
    }

    static string Describe(JToken t) => t.Type switch
    {
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Null => "null",
        _ => t.Type.ToString().ToLowerInvariant(),
    };

    sealed class Reader(string file)
    {
        public Checklist ReadRoot(JObject o)
        {
            var c = new Checklist
            {
                Title = Str(o, "title", ""),
                Id = Str(o, "id", ""),
                Active = Bool(o, "active", ""),
                Mode = Int(o, "mode", ""),
                HasPath = Bool(o, "has_path", ""),
                CklbVersion = Str(o, "cklb_version", ""),
                ResultEngine = Engine(o, ""),
            };
            c.Asset = ReadTarget(o["target_data"] as JObject ?? throw new InputException(file, "no target_data object", "target_data"));
            if (o["stigs"] is not JArray stigs) throw new InputException(file, "no stigs array", "stigs");
            if (stigs.Count == 0) throw new InputException(file, "the stigs array is empty", "stigs");
            for (var i = 0; i < stigs.Count; i++)
                c.Stigs.Add(ReadStig(stigs[i] as JObject ?? throw new InputException(file, "is not an object", $"stigs[{i}]"), $"stigs[{i}]"));
            KeepExtra(o, RootKeys, c.Extra);
            return c;
        }

        ChecklistAsset ReadTarget(JObject t)
        {
            const string at = "target_data";
            var host = Str(t, "host_name", at);
            if (string.IsNullOrWhiteSpace(host))
                throw new InputException(file, "host_name is missing or empty: a checklist must name its asset", "target_data.host_name");
            var a = new ChecklistAsset
            {
                AssetType = Str(t, "target_type", at),
                HostName = host,
                HostIp = Str(t, "ip_address", at),
                HostMac = Str(t, "mac_address", at),
                HostFqdn = Str(t, "fqdn", at),
                TargetComment = Str(t, "comments", at),
                Role = Str(t, "role", at),
                WebOrDatabase = Bool(t, "is_web_database", at),
                TechArea = Str(t, "technology_area", at),
                WebDbSite = Str(t, "web_db_site", at),
                WebDbInstance = Str(t, "web_db_instance", at),
                Marking = Str(t, "ckl_marking", at),
                HostGuid = Str(t, "ckl_host_guid", at),
                TargetKey = Str(t, "ckl_target_key", at),
                StigGuid = Str(t, "ckl_stig_guid", at),
            };
            KeepExtra(t, TargetKeys, a.Extra);
            return a;
        }

        ChecklistStig ReadStig(JObject s, string at)
        {
            var stigId = Str(s, "stig_id", at);
            if (string.IsNullOrWhiteSpace(stigId))
                throw new InputException(file, "stig_id is missing or empty: the STIG cannot be identified", at + ".stig_id");
            var stig = new ChecklistStig
            {
                DisplayName = Str(s, "display_name", at),
                ReferenceIdentifier = Str(s, "reference_identifier", at),
                Size = Int(s, "size", at),
                ResultEngine = Engine(s, at),
            };

            var cklInfo = s["ckl_stig_info"] switch
            {
                null or { Type: JTokenType.Null } => null,
                JObject x => x,
                _ => throw new InputException(file, "must be an object", at + ".ckl_stig_info"),
            };
            foreach (var name in InfoOrder)
            {
                if (InfoKeys.TryGetValue(name, out var key))
                {
                    if (s.ContainsKey(key)) stig.Info.Add(new(name, Str(s, key, at)));
                }
                else if (cklInfo?.ContainsKey(name) == true) stig.Info.Add(new(name, Str(cklInfo, name, at + ".ckl_stig_info")));
            }
            if (cklInfo is not null)
                foreach (var p in cklInfo.Properties())
                    if (!InfoOrder.Contains(p.Name)) stig.Info.Add(new(p.Name, Str(cklInfo, p.Name, at + ".ckl_stig_info")));

            if (s["rules"] is not JArray rules) throw new InputException(file, "no rules array", at + ".rules");
            for (var i = 0; i < rules.Count; i++)
                stig.Rules.Add(ReadRule(rules[i] as JObject ?? throw new InputException(file, "is not an object", $"{at}.rules[{i}]"), $"{at}.rules[{i}]"));
            KeepExtra(s, StigKeys, stig.Extra);
            return stig;
        }

        ChecklistRule ReadRule(JObject o, string at)
        {
            var r = new ChecklistRule();
            foreach (var (key, _, set) in RuleStrings) set(r, Str(o, key, at));
            if (!string.IsNullOrEmpty(r.VulnId)) at += $"[{r.VulnId}]";
            r.ResultEngine = Engine(o, at);

            switch (o["check_content_ref"])
            {
                case null or { Type: JTokenType.Null }: break;
                case JObject ccr:
                    r.CheckContentRefHref = Str(ccr, "href", at + ".check_content_ref");
                    r.CheckContentRef = Str(ccr, "name", at + ".check_content_ref");
                    break;
                default: throw new InputException(file, "must be an object", at + ".check_content_ref");
            }
            r.LegacyIds = Strings(o, "legacy_ids", at);
            r.Ccis = Strings(o, "ccis", at);
            r.GroupTree = o["group_tree"] is { Type: not JTokenType.Null } gt ? gt.ToString(Formatting.None) : null;
            r.CreatedAt = Str(o, "createdAt", at);
            r.UpdatedAt = Str(o, "updatedAt", at);
            r.CklbStigUuid = Str(o, "STIGUuid", at);

            var status = Str(o, "status", at);
            if (status is not null && TryParseCklb(status, out var st)) r.Status = st;
            else r.UnrecognizedStatus = status ?? "";
            r.Comments = Str(o, "comments", at);
            r.FindingDetails = Str(o, "finding_details", at);

            switch (o["overrides"])
            {
                case null or { Type: JTokenType.Null }: break;
                case JObject ov:
                    foreach (var p in ov.Properties())
                    {
                        if (p.Name == "severity" && p.Value is JObject sev)
                        {
                            r.SeverityOverride = Str(sev, "severity", at + ".overrides.severity");
                            r.SeverityJustification = Str(sev, "reason", at + ".overrides.severity");
                            foreach (var q in sev.Properties())
                                if (q.Name is not ("severity" or "reason")) r.OverridesExtra["severity." + q.Name] = q.Value.ToString(Formatting.None);
                        }
                        else r.OverridesExtra[p.Name] = p.Value.ToString(Formatting.None);
                    }
                    break;
                default: throw new InputException(file, "must be an object", at + ".overrides");
            }
            KeepExtra(o, RuleKeys, r.Extra);
            return r;
        }

        ResultEngine? Engine(JObject o, string at) => o[ResultEngines.CklbKey] switch
        {
            null or { Type: JTokenType.Null } => null,
            JObject e => ResultEngines.FromJson(e),
            _ => throw new InputException(file, "must be an object", Join(at, ResultEngines.CklbKey)),
        };

        string? Str(JObject o, string key, string at) => o[key] switch
        {
            null or { Type: JTokenType.Null } => null,
            JValue { Type: JTokenType.String } v => (string?)v.Value,
            JValue { Value: bool b } => b ? "true" : "false",
            JValue v when v.Type is JTokenType.Integer or JTokenType.Float => Convert.ToString(v.Value, CultureInfo.InvariantCulture),
            var t => throw new InputException(file, $"must be a string, not {Describe(t)}", Join(at, key)),
        };

        bool? Bool(JObject o, string key, string at) => o[key] switch
        {
            null or { Type: JTokenType.Null } => null,
            JValue { Value: bool b } => b,
            var t => throw new InputException(file, $"must be true or false, not {Describe(t)}", Join(at, key)),
        };

        int? Int(JObject o, string key, string at) => o[key] switch
        {
            null or { Type: JTokenType.Null } => null,
            JValue { Type: JTokenType.Integer } v when v.Value is long l && l is >= int.MinValue and <= int.MaxValue => (int)l,
            JValue { Type: JTokenType.String } v when int.TryParse((string?)v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            var t => throw new InputException(file, $"must be a whole number, not {Describe(t)}", Join(at, key)),
        };

        List<string> Strings(JObject o, string key, string at)
        {
            switch (o[key])
            {
                case null or { Type: JTokenType.Null }: return [];
                case JArray a:
                    var list = new List<string>(a.Count);
                    for (var i = 0; i < a.Count; i++)
                        list.Add(a[i] is JValue { Type: JTokenType.String } v ? (string)v.Value! : throw new InputException(file, "must be a string", $"{Join(at, key)}[{i}]"));
                    return list;
                default: throw new InputException(file, "must be an array of strings", Join(at, key));
            }
        }

        static void KeepExtra(JObject o, IEnumerable<string> known, Dictionary<string, string> extra)
        {
            var set = known as ISet<string> ?? new HashSet<string>(known, StringComparer.Ordinal);
            foreach (var p in o.Properties())
                if (!set.Contains(p.Name)) extra[p.Name] = p.Value.ToString(Formatting.None);
        }

        static string Join(string at, string key) => at.Length == 0 ? key : at + "." + key;
    }

    /// <summary>The four CKLB spellings, surrounding white space ignored; nothing else.</summary>
    public static bool TryParseCklb(string text, out ChecklistStatus status)
    {
        switch (text.Trim())
        {
            case "open": status = ChecklistStatus.Open; return true;
            case "not_a_finding": status = ChecklistStatus.NotAFinding; return true;
            case "not_applicable": status = ChecklistStatus.NotApplicable; return true;
            case "not_reviewed": status = ChecklistStatus.NotReviewed; return true;
            default: status = ChecklistStatus.NotReviewed; return false;
        }
    }
}

/// <summary>JSON parsing settings for CKLB: no date or float conversion (text stays as written), duplicate keys refused, bounded depth.</summary>
internal static class CklbJson
{
    public const int MaxDepth = 64;

    public static JToken Parse(string text)
    {
        using var sr = new StringReader(text);
        using var reader = new JsonTextReader(sr)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = MaxDepth,
        };
        var token = JToken.ReadFrom(reader, new JsonLoadSettings
        {
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            CommentHandling = CommentHandling.Ignore,
            LineInfoHandling = LineInfoHandling.Ignore,
        });
        while (reader.Read())
            if (reader.TokenType != JsonToken.Comment)
                throw new JsonReaderException($"content after the end of the JSON value (line {reader.LineNumber}, position {reader.LinePosition})");
        return token;
    }
}

/// <summary>Turns checklist file bytes into text: UTF-8 (BOM optional, invalid bytes refused) or UTF-16 with a BOM.</summary>
internal static class ChecklistText
{
    /// <summary>Largest checklist accepted, in bytes.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static byte[] ReadBytes(string path)
    {
        return InputFile.ReadAllBytes(path, MaxBytes);
    }

    public static string ReadFile(string path) => Decode(ReadBytes(path), path);

    public static string Decode(byte[] bytes, string name)
    {
        try
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                return Strict(new UTF8Encoding(false, true), bytes, 3);
            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
                return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
                return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
            return Strict(new UTF8Encoding(false, true), bytes, 0);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException(name, "not valid UTF-8 (or UTF-16 with a byte order mark): " + e.Message, inner: e);
        }
    }

    static string Strict(Encoding enc, byte[] bytes, int skip) => enc.GetString(bytes, skip, bytes.Length - skip);
}
