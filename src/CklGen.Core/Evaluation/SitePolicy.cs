using CklGen.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Evaluation;

/// <summary>
/// Organization-defined values from the site's Email Domain Security Plan (EDSP): values that
/// replace the STIG's stated ones, which connectors are internet-facing, and deviations with
/// signed risk acceptance. Read from a JSON file (comments allowed); see templates/site-policy.json.
/// </summary>
public sealed class SitePolicy
{
    public string? SourcePath { get; init; }
    /// <summary>NIPR or SIPR (some checks are not applicable for SIPR enclaves).</summary>
    public string? Enclave { get; init; }
    public string? InternalSmtpDomain { get; init; }
    public IReadOnlyList<string> SmartHosts { get; init; } = [];
    /// <summary>Organization-defined values by key (receiveConnectionTimeout, maxSendSize, ...).</summary>
    public IReadOnlyDictionary<string, JToken> Values { get; init; } = new Dictionary<string, JToken>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyList<string>? InternetFacingSend { get; init; }
    public IReadOnlyList<string>? InternetFacingReceive { get; init; }
    public IReadOnlyList<Deviation> Deviations { get; init; } = [];

    public bool IsSipr => string.Equals(Enclave, "SIPR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Keys allowed in "values"; anything else is a typo that would silently fall back to the STIG value.</summary>
    public static readonly IReadOnlySet<string> KnownValueKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "receiveConnectionTimeout", "sendConnectionInactivityTimeout", "maxReceiveSize", "maxSendSize",
        "maxRecipientsPerMessage", "maxHopCount", "maxInboundConnection",
    };

    /// <summary>An organization-defined value: top-level ones (internalSmtpDomain, smartHosts) or from "values".</summary>
    public JToken? OrgValue(string key)
    {
        if (string.Equals(key, "internalSmtpDomain", StringComparison.OrdinalIgnoreCase))
            return InternalSmtpDomain is null ? null : new JValue(InternalSmtpDomain);
        if (string.Equals(key, "smartHosts", StringComparison.OrdinalIgnoreCase))
            return SmartHosts.Count == 0 ? null : new JArray(SmartHosts);
        return Values.TryGetValue(key, out var v) ? v : null;
    }

    /// <summary>The deviation documented for this rule and connector, if any and not expired.</summary>
    public Deviation? DeviationFor(IEnumerable<string> ruleIds, string connectorName, string? connectorIdentity, DateOnly today)
    {
        var ids = ruleIds.Where(i => !string.IsNullOrEmpty(i)).ToList();
        return Deviations.FirstOrDefault(d =>
            ids.Any(i => string.Equals(i, d.Rule, StringComparison.OrdinalIgnoreCase))
            && (string.Equals(d.Connector, connectorName, StringComparison.OrdinalIgnoreCase)
                || (connectorIdentity is not null && string.Equals(d.Connector, connectorIdentity, StringComparison.OrdinalIgnoreCase)))
            && (d.Expires is null || d.Expires.Value >= today));
    }

    public static SitePolicy Load(string path) => Parse(JsonConfig.ReadText(path), path);

    public static SitePolicy Parse(string json, string path)
    {
        var root = JsonConfig.ParseObject(json, path, "a JSON site policy");
        var known = new[] { "cklgenPolicy", "enclave", "internalSmtpDomain", "smartHosts", "values", "internetFacing", "deviations" };
        foreach (var p in root.Properties())
            if (!known.Contains(p.Name)) throw new InputException(path, $"unknown key (known: {string.Join(", ", known)})", p.Name);
        if (root["cklgenPolicy"]?.Type != JTokenType.Integer || root.Value<int>("cklgenPolicy") != 1)
            throw new InputException(path, "must be 1 (the policy format version)", "cklgenPolicy");

        var enclave = Str(root, "enclave", path);
        if (enclave is not null && !enclave.Equals("NIPR", StringComparison.OrdinalIgnoreCase) && !enclave.Equals("SIPR", StringComparison.OrdinalIgnoreCase))
            throw new InputException(path, $"must be NIPR or SIPR, not '{enclave}'", "enclave");

        var values = new Dictionary<string, JToken>(StringComparer.OrdinalIgnoreCase);
        if (root["values"] is { } vt)
        {
            if (vt is not JObject vo) throw new InputException(path, "must be an object", "values");
            foreach (var p in vo.Properties())
            {
                if (!KnownValueKeys.Contains(p.Name))
                    throw new InputException(path, $"unknown organization-defined value (known: {string.Join(", ", KnownValueKeys.Order())})", "values." + p.Name);
                values[p.Name] = p.Value;
            }
        }

        IReadOnlyList<string>? send = null, receive = null;
        if (root["internetFacing"] is { } it)
        {
            if (it is not JObject io) throw new InputException(path, "must be an object", "internetFacing");
            foreach (var p in io.Properties())
                if (p.Name is not ("sendConnectors" or "receiveConnectors"))
                    throw new InputException(path, "unknown key (known: sendConnectors, receiveConnectors)", "internetFacing." + p.Name);
            send = io["sendConnectors"] is null ? null : Strings(io["sendConnectors"], path, "internetFacing.sendConnectors");
            receive = io["receiveConnectors"] is null ? null : Strings(io["receiveConnectors"], path, "internetFacing.receiveConnectors");
        }

        var deviations = new List<Deviation>();
        if (root["deviations"] is { } dt)
        {
            if (dt is not JArray da) throw new InputException(path, "must be an array", "deviations");
            for (var i = 0; i < da.Count; i++)
            {
                var field = $"deviations[{i}]";
                if (da[i] is not JObject d) throw new InputException(path, "must be an object", field);
                foreach (var p in d.Properties())
                    if (p.Name is not ("rule" or "connector" or "reference" or "expires"))
                        throw new InputException(path, "unknown key (known: rule, connector, reference, expires)", $"{field}.{p.Name}");
                var rule = Str(d, "rule", path, field) ?? throw new InputException(path, "is required", field + ".rule");
                var conn = Str(d, "connector", path, field) ?? throw new InputException(path, "is required", field + ".connector");
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
                deviations.Add(new Deviation(rule, conn, reference!, expires));
            }
        }

        return new SitePolicy
        {
            SourcePath = path,
            Enclave = enclave,
            InternalSmtpDomain = Str(root, "internalSmtpDomain", path),
            SmartHosts = root["smartHosts"] is null ? [] : Strings(root["smartHosts"], path, "smartHosts"),
            Values = values,
            InternetFacingSend = send,
            InternetFacingReceive = receive,
            Deviations = deviations,
        };
    }

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

/// <summary>A documented exception: this rule may differ on this connector, per the EDSP with signed risk acceptance.</summary>
public sealed record Deviation(string Rule, string Connector, string Reference, DateOnly? Expires);
