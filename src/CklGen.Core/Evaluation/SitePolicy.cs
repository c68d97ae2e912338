using System.Text.RegularExpressions;
using CklGen.IO;
using Newtonsoft.Json.Linq;

namespace CklGen.Evaluation;

/// <summary>The host a policy lookup is for: its names and its Exchange roles (Mailbox, Edge, Hub, ClientAccess).</summary>
public sealed record PolicyTarget(string? Host, string? Fqdn, IReadOnlySet<string> Roles)
{
    public static readonly PolicyTarget Anywhere = new(null, null, new HashSet<string>());
}

/// <summary>Where a policy entry applies: hosts (names or FQDNs, "*" wildcards) and roles; empty means everywhere.</summary>
public sealed record PolicyScope(IReadOnlyList<string> Hosts, IReadOnlyList<string> Roles)
{
    public static readonly PolicyScope Site = new([], []);

    /// <summary>0 = does not apply; 1 site-wide; 2 role; 3 host (the most specific entry wins).</summary>
    public int Rank(PolicyTarget t)
    {
        if (Hosts.Count > 0 && !Hosts.Any(h => SitePolicy.NameMatches(h, t.Host) || SitePolicy.NameMatches(h, t.Fqdn))) return 0;
        if (Roles.Count > 0 && !Roles.Any(r => t.Roles.Contains(r))) return 0;
        return Hosts.Count > 0 ? 3 : Roles.Count > 0 ? 2 : 1;
    }

    public override string ToString() =>
        Hosts.Count == 0 && Roles.Count == 0 ? "the whole site"
        : string.Join("; ", new[] { Hosts.Count > 0 ? "hosts " + string.Join(", ", Hosts) : null, Roles.Count > 0 ? "role " + string.Join(", ", Roles) : null }.OfType<string>());
}

/// <summary>A value the EDSP documents for a setting, where it applies, and the EDSP reference that carries its signoff.</summary>
public sealed record PolicyValue(string Key, JToken Value, string? Reference, PolicyScope Scope, string Field);

/// <summary>Connectors the policy classifies, by Name or Identity ("*" wildcards), for the hosts and roles of its scope.</summary>
public sealed record ConnectorClassification(string List, bool InternetFacing, IReadOnlyList<string> Names, PolicyScope Scope, string Field);

/// <summary>
/// A documented exception: this rule may differ on this connector (or object), to the accepted value, per the EDSP
/// with signed risk acceptance, until it expires.
/// </summary>
public sealed record Deviation(string Rule, string? Connector, string Reference, DateOnly? Expires, JToken? Value, PolicyScope Scope, string Field)
{
    public Deviation(string rule, string connector, string reference, DateOnly? expires)
        : this(rule, connector, reference, expires, null, PolicyScope.Site, "deviations") { }
}

/// <summary>
/// The site's Email Domain Security Plan (EDSP) as CklGen reads it: organization-defined values the STIG leaves to the
/// site, values the EDSP documents in place of the STIG's (with the reference that carries their signoff), which
/// connectors are internet-facing or internal, and deviations with signed risk acceptance. Every entry may be scoped to
/// hosts and roles, so one file describes the whole site. Read from a JSON file (comments allowed); see
/// templates/site-policy.json.
/// </summary>
public sealed class SitePolicy
{
    public string? SourcePath { get; init; }
    /// <summary>NIPR or SIPR (some checks are not applicable for SIPR enclaves).</summary>
    public string? Enclave { get; init; }
    public IReadOnlyList<PolicyValue> ValueEntries { get; init; } = [];
    public IReadOnlyList<ConnectorClassification> Classifications { get; init; } = [];
    public IReadOnlyList<Deviation> Deviations { get; init; } = [];

    public bool IsSipr => string.Equals(Enclave, "SIPR", StringComparison.OrdinalIgnoreCase);
    public string FileName => Path.GetFileName(SourcePath ?? "site policy");

    /// <summary>Keys allowed in "values" (each catalog declares those its checks read); anything else is a typo.</summary>
    public static IReadOnlySet<string> KnownValueKeys => RuleCatalog.BuiltIn.PolicyKeys;

    /// <summary>Top-level keys that hold one organization-defined value each (plain or scoped form).</summary>
    static readonly string[] TopLevelValueKeys = ["internalSmtpDomain", "smartHosts", "sendConnectorValidation"];

    /// <summary>The entry for a key that applies to the target: the most specific one; ambiguous when two equally specific entries differ.</summary>
    public PolicyLookup Value(string key, PolicyTarget target)
    {
        var hits = ValueEntries.Where(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase))
            .Select(v => (Entry: v, Rank: v.Scope.Rank(target))).Where(x => x.Rank > 0).ToList();
        if (hits.Count == 0) return new PolicyLookup(null, null);
        var best = hits.Max(x => x.Rank);
        var top = hits.Where(x => x.Rank == best).Select(x => x.Entry).ToList();
        if (top.Select(e => e.Value.ToString(Newtonsoft.Json.Formatting.None)).Distinct(StringComparer.Ordinal).Count() > 1)
            return new PolicyLookup(null, $"the site policy ({FileName}) gives {key} {top.Count} different values for this host at the same level " +
                $"({string.Join("; ", top.Select(e => $"{e.Field} for {e.Scope}"))}); scope them to hosts or roles");
        return new PolicyLookup(top[0], null);
    }

    /// <summary>An organization-defined value for the whole site (legacy callers and tests).</summary>
    public JToken? OrgValue(string key) => Value(key, PolicyTarget.Anywhere).Entry?.Value;

    /// <summary>How the policy classifies a connector on the target: true internet-facing, false internal, null not said; with the entry.</summary>
    public (bool? InternetFacing, ConnectorClassification? By) Classify(string list, string? name, string? identity, PolicyTarget target)
    {
        var hits = Classifications.Where(c => c.List == list && c.Scope.Rank(target) > 0
                && c.Names.Any(n => NameMatches(n, name) || NameMatches(n, identity) || NameMatches(n, ShortName(identity))))
            .OrderByDescending(c => c.Scope.Rank(target)).ToList();
        if (hits.Count == 0) return (null, null);
        var best = hits[0].Scope.Rank(target);
        var top = hits.Where(c => c.Scope.Rank(target) == best).ToList();
        if (top.Select(c => c.InternetFacing).Distinct().Count() > 1) return (null, top[0]);
        return (top[0].InternetFacing, top[0]);
    }

    /// <summary>Names in the policy's connector lists (for this target) that match none of the given connectors.</summary>
    public IEnumerable<string> UnmatchedConnectorNames(string list, IReadOnlyCollection<(string? Name, string? Identity)> connectors, PolicyTarget target) =>
        Classifications.Where(c => c.List == list && c.Scope.Rank(target) > 0)
            .SelectMany(c => c.Names.Where(n => !connectors.Any(x => NameMatches(n, x.Name) || NameMatches(n, x.Identity) || NameMatches(n, ShortName(x.Identity))))
                .Select(n => $"\"{n}\" ({c.Field})"))
            .Distinct();

    /// <summary>Deviations documented for this rule and object on this target, expired ones included (the caller tells them apart).</summary>
    public IEnumerable<Deviation> DeviationsFor(IEnumerable<string> ruleIds, string? objectName, string? objectIdentity, PolicyTarget target)
    {
        var ids = ruleIds.Where(i => !string.IsNullOrEmpty(i)).ToList();
        return Deviations.Where(d =>
            ids.Any(i => string.Equals(i, d.Rule, StringComparison.OrdinalIgnoreCase))
            && d.Scope.Rank(target) > 0
            && (d.Connector is null || NameMatches(d.Connector, objectName) || NameMatches(d.Connector, objectIdentity) || NameMatches(d.Connector, ShortName(objectIdentity))));
    }

    /// <summary>The deviation documented for this rule and connector, if any and not expired (site-wide lookups).</summary>
    public Deviation? DeviationFor(IEnumerable<string> ruleIds, string connectorName, string? connectorIdentity, DateOnly today) =>
        DeviationsFor(ruleIds, connectorName, connectorIdentity, PolicyTarget.Anywhere).FirstOrDefault(d => d.Expires is null || d.Expires.Value >= today);

    static string? ShortName(string? identity) => identity is null ? null : identity[(identity.LastIndexOf('\\') + 1)..];

    /// <summary>Case-insensitive name match; "*" in the pattern matches any run of characters.</summary>
    public static bool NameMatches(string pattern, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        if (!pattern.Contains('*')) return string.Equals(pattern.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);
        var rx = "^" + string.Join(".*", pattern.Trim().Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(name.Trim(), rx, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public static SitePolicy Load(string path) => Parse(JsonConfig.ReadText(path), path);

    static readonly string[] KnownTopLevel = ["cklgenPolicy", "enclave", "internalSmtpDomain", "smartHosts", "sendConnectorValidation", "values", "internetFacing", "internal", "deviations"];

    public static SitePolicy Parse(string json, string path)
    {
        var root = JsonConfig.ParseObject(json, path, "a JSON site policy");
        foreach (var p in root.Properties())
            if (!KnownTopLevel.Contains(p.Name)) throw new InputException(path, $"unknown key (known: {string.Join(", ", KnownTopLevel)})", p.Name);
        if (root["cklgenPolicy"]?.Type != JTokenType.Integer || root.Value<int>("cklgenPolicy") != 1)
            throw new InputException(path, "must be 1 (the policy format version)", "cklgenPolicy");

        var enclave = Str(root, "enclave", path);
        if (enclave is not null && !enclave.Equals("NIPR", StringComparison.OrdinalIgnoreCase) && !enclave.Equals("SIPR", StringComparison.OrdinalIgnoreCase))
            throw new InputException(path, $"must be NIPR or SIPR, not '{enclave}'", "enclave");

        var values = new List<PolicyValue>();
        foreach (var key in TopLevelValueKeys)
            if (root[key] is { Type: not JTokenType.Null } t) values.AddRange(ScopedValues(key, t, path, key));
        if (root["values"] is { } vt)
        {
            if (vt is not JObject vo) throw new InputException(path, "must be an object", "values");
            foreach (var p in vo.Properties())
            {
                if (!KnownValueKeys.Contains(p.Name))
                    throw new InputException(path, $"unknown organization-defined value (known: {string.Join(", ", KnownValueKeys.Order())})", "values." + p.Name);
                values.AddRange(ScopedValues(p.Name, p.Value, path, "values." + p.Name));
            }
        }
        foreach (var v in values)
        {
            if (v.Key.Equals("smartHosts", StringComparison.OrdinalIgnoreCase) && !(v.Value is JArray sa && sa.All(x => x.Type == JTokenType.String) || v.Value.Type == JTokenType.String))
                throw new InputException(path, "must be an array of strings", v.Field);
            if (v.Key.Equals("internalSmtpDomain", StringComparison.OrdinalIgnoreCase) && v.Value.Type != JTokenType.String)
                throw new InputException(path, "must be a string", v.Field);
            if (v.Key.Equals("sendConnectorValidation", StringComparison.OrdinalIgnoreCase))
            {
                if (v.Value is not JObject m) throw new InputException(path, "must be an object: connector name -> DomainValidation or DomainSecureEnabled", v.Field);
                foreach (var c in m.Properties())
                    if (c.Value.Type != JTokenType.String || (string?)c.Value is not ("DomainValidation" or "DomainSecureEnabled"))
                        throw new InputException(path, "must be DomainValidation or DomainSecureEnabled", $"{v.Field}.{c.Name}");
            }
        }

        var classes = new List<ConnectorClassification>();
        foreach (var (key, facing) in new[] { ("internetFacing", true), ("internal", false) })
        {
            if (root[key] is not { Type: not JTokenType.Null } it) continue;
            var blocks = it is JArray arr ? arr.Select((x, i) => (x, $"{key}[{i}]")).ToList() : [(it, key)];
            foreach (var (block, field) in blocks)
            {
                if (block is not JObject io) throw new InputException(path, "must be an object with sendConnectors and/or receiveConnectors", field);
                foreach (var p in io.Properties())
                    if (p.Name is not ("sendConnectors" or "receiveConnectors" or "hosts" or "roles"))
                        throw new InputException(path, "unknown key (known: sendConnectors, receiveConnectors, hosts, roles)", $"{field}.{p.Name}");
                var scope = Scope(io, path, field);
                foreach (var list in new[] { "sendConnectors", "receiveConnectors" })
                    if (io[list] is { } names)
                        classes.Add(new ConnectorClassification(list, facing, Strings(names, path, $"{field}.{list}"), scope, $"{field}.{list}"));
            }
        }
        foreach (var list in new[] { "sendConnectors", "receiveConnectors" })
            foreach (var a in classes.Where(c => c.List == list && c.InternetFacing))
                foreach (var b in classes.Where(c => c.List == list && !c.InternetFacing))
                    foreach (var n in a.Names.Intersect(b.Names, StringComparer.OrdinalIgnoreCase))
                        if (Overlap(a.Scope, b.Scope))
                            throw new InputException(path, $"names connector \"{n}\" both internet-facing ({a.Field}) and internal ({b.Field}) for the same hosts", b.Field);

        var deviations = new List<Deviation>();
        if (root["deviations"] is { } dt)
        {
            if (dt is not JArray da) throw new InputException(path, "must be an array", "deviations");
            string[] known = ["rule", "connector", "object", "value", "reference", "expires", "hosts", "roles"];
            for (var i = 0; i < da.Count; i++)
            {
                var field = $"deviations[{i}]";
                if (da[i] is not JObject d) throw new InputException(path, "must be an object", field);
                foreach (var p in d.Properties())
                    if (!known.Contains(p.Name))
                        throw new InputException(path, $"unknown key (known: {string.Join(", ", known)})", $"{field}.{p.Name}");
                var rule = Str(d, "rule", path, field) ?? throw new InputException(path, "is required", field + ".rule");
                var conn = Str(d, "connector", path, field) ?? Str(d, "object", path, field);
                var reference = Str(d, "reference", path, field);
                if (string.IsNullOrWhiteSpace(reference))
                    throw new InputException(path, "is required: cite the EDSP section and the signed risk acceptance", field + ".reference");
                DateOnly? expires = null;
                if (Str(d, "expires", path, field) is { } e)
                {
                    if (!DateOnly.TryParseExact(e, "yyyy-MM-dd", out var ex))
                        throw new InputException(path, $"must be a date yyyy-MM-dd, not '{e}'", field + ".expires");
                    expires = ex;
                }
                var value = d["value"] is { Type: not JTokenType.Null } vv ? vv : null;
                deviations.Add(new Deviation(rule, conn, reference!, expires, value, Scope(d, path, field), field));
            }
        }

        return new SitePolicy { SourcePath = path, Enclave = enclave, ValueEntries = values, Classifications = classes, Deviations = deviations };
    }

    static bool Overlap(PolicyScope a, PolicyScope b) =>
        (a.Hosts.Count == 0 || b.Hosts.Count == 0 || a.Hosts.Intersect(b.Hosts, StringComparer.OrdinalIgnoreCase).Any())
        && (a.Roles.Count == 0 || b.Roles.Count == 0 || a.Roles.Intersect(b.Roles).Any());

    /// <summary>
    /// A value in plain form (site-wide, no reference), as {"value", "reference", "hosts", "roles"}, or as a list of such
    /// objects. A list of plain values (smartHosts) is one plain value.
    /// </summary>
    static IEnumerable<PolicyValue> ScopedValues(string key, JToken t, string path, string field)
    {
        if (t is JObject o && o["value"] is not null)
            return [Entry(o, field)];
        if (t is JArray a && a.Count > 0 && a.All(x => x is JObject xo && xo["value"] is not null))
            return a.Select((x, i) => Entry((JObject)x, $"{field}[{i}]")).ToList();
        if (t is JObject bad && key != "sendConnectorValidation" && bad.Properties().Any())
            throw new InputException(path, "an object here needs \"value\" (and \"reference\", \"hosts\", \"roles\" as needed)", field);
        return [new PolicyValue(key, t, null, PolicyScope.Site, field)];

        PolicyValue Entry(JObject e, string f)
        {
            foreach (var p in e.Properties())
                if (p.Name is not ("value" or "reference" or "hosts" or "roles" or "note"))
                    throw new InputException(path, "unknown key (known: value, reference, hosts, roles, note)", $"{f}.{p.Name}");
            var reference = Str(e, "reference", path, f);
            return new PolicyValue(key, e["value"]!, string.IsNullOrWhiteSpace(reference) ? null : reference, Scope(e, path, f), f);
        }
    }

    static PolicyScope Scope(JObject o, string path, string field)
    {
        var hosts = o["hosts"] is null ? [] : Strings(o["hosts"], path, field + ".hosts");
        var roles = new List<string>();
        if (o["roles"] is not null)
            foreach (var r in Strings(o["roles"], path, field + ".roles"))
                roles.Add(NormalizeRole(r) ?? throw new InputException(path, $"'{r}' is no Exchange role (Mailbox, Edge, Hub, ClientAccess)", field + ".roles"));
        return new PolicyScope(hosts, roles);
    }

    /// <summary>Mailbox, Edge, Hub or ClientAccess for the spellings Exchange and the STIGs use; null otherwise.</summary>
    public static string? NormalizeRole(string role) => role.Replace(" ", "").ToLowerInvariant() switch
    {
        "mailbox" => "Mailbox", "edge" or "edgetransport" => "Edge", "hub" or "hubtransport" => "Hub", "clientaccess" or "cas" => "ClientAccess", _ => null,
    };

    static string? Str(JObject o, string key, string path, string? parent = null)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type != JTokenType.String) throw new InputException(path, "must be a string", parent is null ? key : $"{parent}.{key}");
        return t.Value<string>();
    }

    static IReadOnlyList<string> Strings(JToken? t, string path, string field)
    {
        if (t is not JArray a || a.Any(x => x.Type != JTokenType.String))
            throw new InputException(path, "must be an array of strings", field);
        return a.Select(x => x.Value<string>()!).ToList();
    }
}

/// <summary>A policy lookup: the entry that applies, or why none can be used.</summary>
public sealed record PolicyLookup(PolicyValue? Entry, string? Problem);
