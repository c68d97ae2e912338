using System.Reflection;
using CklGen.Facts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Evaluation;

/// <summary>
/// The rule automations: declarative checks (command, scope, assertions) and bindings from DISA
/// rules to them. Loaded from the JSON catalogs embedded in this assembly (Evaluation/Catalog).
/// </summary>
public sealed class RuleCatalog
{
    public IReadOnlyList<CheckDefinition> Checks { get; }
    public IReadOnlyList<RuleBinding> Bindings { get; }
    /// <summary>What the catalogs know of each command's objects: what to call them, whose they are, how the policy classifies them.</summary>
    public IReadOnlyList<ObjectKind> Objects { get; }
    /// <summary>Site-policy "values" keys the checks read (the policy refuses any other).</summary>
    public IReadOnlySet<string> PolicyKeys { get; }
    readonly Dictionary<string, CheckDefinition> checksById;
    readonly ILookup<string, RuleBinding> bindingsByVulnId;

    public RuleCatalog(IEnumerable<CheckDefinition> checks, IEnumerable<RuleBinding> bindings,
        IEnumerable<ObjectKind>? objects = null, IEnumerable<string>? policyKeys = null)
    {
        Checks = checks.ToList();
        Bindings = bindings.ToList();
        Objects = (objects ?? []).ToList();
        PolicyKeys = new HashSet<string>(policyKeys ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var dup in Objects.GroupBy(o => FactsSnapshot.NormalizeKey(o.Command)).Where(g => g.Count() > 1))
            throw new CklGenException($"rule catalog: objects of '{dup.Key}' are described twice");
        checksById = new(StringComparer.Ordinal);
        foreach (var c in Checks)
            if (!checksById.TryAdd(c.Id, c)) throw new CklGenException($"rule catalog: check '{c.Id}' is defined twice");
        foreach (var b in Bindings)
        {
            if (!checksById.ContainsKey(b.Check))
                throw new CklGenException($"rule catalog: binding {b.VulnId} names unknown check '{b.Check}'");
            if (b.Text.Length != 16) throw new CklGenException($"rule catalog: binding {b.VulnId} has a malformed text fingerprint '{b.Text}'");
        }
        foreach (var c in Checks) c.Validate();
        foreach (var c in Checks) c.ValidateParts(checksById);
        bindingsByVulnId = Bindings.ToLookup(b => b.VulnId, StringComparer.OrdinalIgnoreCase);
    }

    public CheckDefinition Check(string id) => checksById[id];

    /// <summary>What the catalogs say of a command's objects; a plain default for commands they do not describe.</summary>
    public ObjectKind ObjectsOf(string command) =>
        Objects.FirstOrDefault(o => FactsSnapshot.NormalizeKey(o.Command) == FactsSnapshot.NormalizeKey(command))
        ?? Objects.FirstOrDefault(o => FactsSnapshot.NormalizeKey(o.Command) == FactsSnapshot.NormalizeKey(CommandKey.Parse(command).Name))
        ?? new ObjectKind { Command = command };

    /// <summary>Bindings for a rule's V-id (one per check text version that was automated).</summary>
    public IEnumerable<RuleBinding> BindingsFor(string vulnId) => bindingsByVulnId[vulnId];

    static RuleCatalog? builtIn;

    /// <summary>The catalog shipped with CklGen.</summary>
    public static RuleCatalog BuiltIn => builtIn ??= LoadEmbedded();

    static RuleCatalog LoadEmbedded()
    {
        var asm = typeof(RuleCatalog).Assembly;
        var checks = new List<CheckDefinition>();
        var bindings = new List<RuleBinding>();
        var objects = new List<ObjectKind>();
        var keys = new List<string>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("CklGen.Catalog.", StringComparison.Ordinal)).Order())
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            var file = Parse(r.ReadToEnd(), name);
            foreach (var c in file.Checks) c.Catalog = file.Catalog;
            checks.AddRange(file.Checks);
            bindings.AddRange(file.Bindings);
            objects.AddRange(file.Objects);
            keys.AddRange(file.PolicyKeys);
        }
        return new RuleCatalog(checks, bindings, objects, keys);
    }

    internal static CatalogFile Parse(string json, string name)
    {
        try
        {
            var settings = new JsonSerializerSettings { MissingMemberHandling = MissingMemberHandling.Error };
            return JsonConvert.DeserializeObject<CatalogFile>(json, settings) ?? throw new CklGenException($"rule catalog {name} is empty");
        }
        catch (JsonException e)
        {
            throw new CklGenException($"rule catalog {name}: {e.Message}", e);
        }
    }

    internal sealed class CatalogFile
    {
        [JsonProperty("catalog")] public string Catalog { get; set; } = "";
        [JsonProperty("about")] public string About { get; set; } = "";
        [JsonProperty("policyKeys")] public List<string> PolicyKeys { get; set; } = [];
        [JsonProperty("objects")] public List<ObjectKind> Objects { get; set; } = [];
        [JsonProperty("checks")] public List<CheckDefinition> Checks { get; set; } = [];
        [JsonProperty("bindings")] public List<RuleBinding> Bindings { get; set; } = [];
    }
}

/// <summary>Which connectors a check looks at.</summary>
public enum CheckScope { All, InternetFacing, Internal }

/// <summary>One automation: run over a command's objects, assert on their properties.</summary>
public sealed partial class CheckDefinition
{
    [JsonProperty("id", Required = Required.Always)] public string Id { get; set; } = "";
    /// <summary>The catalog file the check came from (its "catalog" name).</summary>
    [JsonIgnore] public string Catalog { get; set; } = "";
    /// <summary>The command whose objects are judged; empty only for a manual check that no command informs.</summary>
    [JsonProperty("command")] public string Command { get; set; } = "";
    [JsonProperty("scope")] public CheckScope Scope { get; set; } = CheckScope.All;
    /// <summary>The check text lets the EDSP accept another value for one object with signoff: site-policy deviations apply.</summary>
    [JsonProperty("edspDeviation")] public bool EdspDeviation { get; set; }
    /// <summary>Set for checks a machine cannot judge: the reason; the result stays Not_Reviewed with evidence.</summary>
    [JsonProperty("manual")] public string? Manual { get; set; }
    /// <summary>Properties listed as evidence for manual checks.</summary>
    [JsonProperty("evidence")] public List<string> Evidence { get; set; } = [];
    /// <summary>Said in the finding details of every result of this check.</summary>
    [JsonProperty("note")] public string? Note { get; set; }
    [JsonProperty("assert")] public List<Assertion> Assert { get; set; } = [];

    internal void Validate()
    {
        ValidateShape();
        if (Manual is null && Assert.Count == 0 && All.Count == 0 && OnAny is null) throw new CklGenException($"rule catalog: check '{Id}' asserts nothing and is not manual");
        foreach (var a in Assert) a.Validate(Id);
    }
}

/// <summary>property OP expected, read as a value kind; optionally only when conditions hold.</summary>
public sealed class Assertion
{
    [JsonProperty("property", Required = Required.Always)] public string Property { get; set; } = "";
    [JsonProperty("kind", Required = Required.Always)] public ValueKind Kind { get; set; }
    /// <summary>Exchange enum whose integer values may be trusted (see ExchangeEnums).</summary>
    [JsonProperty("enum")] public string? Enum { get; set; }
    [JsonProperty("op", Required = Required.Always)] public string Op { get; set; } = "";
    /// <summary>The STIG's stated value; "{name}" takes the binding's parameter.</summary>
    [JsonProperty("expected")] public JToken? Expected { get; set; }
    /// <summary>The expected value is another command's property (e.g. the global MaxSendSize).</summary>
    [JsonProperty("expectedFrom")] public PropertyRef? ExpectedFrom { get; set; }
    /// <summary>
    /// The expected value is organization-defined (the STIG states none): this site-policy key gives it, and without it
    /// the assertion decides nothing.
    /// </summary>
    [JsonProperty("org")] public string? Org { get; set; }
    /// <summary>
    /// The check text lets the EDSP document another value with signoff: this site-policy key holds it (with its
    /// reference). The STIG's value always passes; the documented one passes too, never instead of it.
    /// </summary>
    [JsonProperty("edsp")] public string? Edsp { get; set; }
    /// <summary>What a value other than the STIG's must also satisfy to be accepted with signoff (a numeric size, not Unlimited).</summary>
    [JsonProperty("edspRequires")] public List<Assertion> EdspRequires { get; set; } = [];
    [JsonProperty("when")] public List<Assertion> When { get; set; } = [];
    /// <summary>Why this assertion applies (said beside the result).</summary>
    [JsonProperty("why")] public string? Why { get; set; }

    internal void Validate(string checkId)
    {
        if (!Predicates.IsKnown(Op, Kind))
            throw new CklGenException($"rule catalog: check '{checkId}': op '{Op}' does not apply to {Kind} values ({Property})");
        if (Predicates.NeedsExpected(Op) && Expected is null && ExpectedFrom is null && Org is null)
            throw new CklGenException($"rule catalog: check '{checkId}': '{Property} {Op}' has no expected value");
        if (Org is not null && (Expected is not null || ExpectedFrom is not null))
            throw new CklGenException($"rule catalog: check '{checkId}': '{Property}' has a STIG value and an organization-defined one; an EDSP alternative is \"edsp\"");
        if (Org is not null && Edsp is not null)
            throw new CklGenException($"rule catalog: check '{checkId}': '{Property}' is organization-defined; it has no STIG value for \"edsp\" to stand beside");
        foreach (var w in When.Concat(EdspRequires))
        {
            w.Validate(checkId);
            if (Predicates.OnlyTopLevel(w.Op))
                throw new CklGenException($"rule catalog: check '{checkId}': '{w.Property} {w.Op}' reads other facts and can only be an assertion of its own, not a condition");
        }
    }
}

public sealed class PropertyRef
{
    [JsonProperty("command", Required = Required.Always)] public string Command { get; set; } = "";
    [JsonProperty("property", Required = Required.Always)] public string Property { get; set; } = "";
}

/// <summary>Ties a DISA rule (and the check text it was written against) to a check.</summary>
public sealed class RuleBinding
{
    [JsonProperty("vulnId", Required = Required.Always)] public string VulnId { get; set; } = "";
    [JsonProperty("stigId", Required = Required.Always)] public string StigId { get; set; } = "";
    [JsonProperty("check", Required = Required.Always)] public string Check { get; set; } = "";
    /// <summary>Fingerprint (CheckText.Fingerprint) of the check text this binding was written against.</summary>
    [JsonProperty("text", Required = Required.Always)] public string Text { get; set; } = "";
    /// <summary>Which benchmark releases carried that text (for people).</summary>
    [JsonProperty("writtenAgainst")] public string WrittenAgainst { get; set; } = "";
    [JsonProperty("params")] public Dictionary<string, string> Params { get; set; } = new();
    /// <summary>The check text says the rule is not applicable for SIPR enclaves.</summary>
    [JsonProperty("notApplicableInSipr")] public bool NotApplicableInSipr { get; set; }
    /// <summary>Said in the finding details of this rule (e.g. that another rule's DISA text contradicts this one).</summary>
    [JsonProperty("note")] public string? Note { get; set; }
}

/// <summary>Whose an object is: one server's (Server property, Identity prefix), the servers a send connector names, or the organization's.</summary>
public enum ObjectOwner
{
    /// <summary>The Server property, the Identity prefix or <see cref="ObjectKind.ServerProperty"/> says whose; an object naming none is this server's.</summary>
    Server,
    SourceTransportServers,
    Organization,
    /// <summary>The command reads only the machine it runs on (Get-Service, Get-EventLogLevel, Get-Acl): every object is this server's.</summary>
    Local,
}

/// <summary>
/// What the catalogs know of one command's objects: what the details call them, whose they are, which site-policy
/// lists classify them as internet-facing or internal, which properties Exchange never leaves null, and what to show
/// when the policy does not classify one.
/// </summary>
public sealed class ObjectKind
{
    [JsonProperty("command", Required = Required.Always)] public string Command { get; set; } = "";
    [JsonProperty("noun")] public string Noun { get; set; } = "object";
    /// <summary>Properties that name an object in the details, the first one present (a certificate's Thumbprint); else Name, Identity, DisplayName.</summary>
    [JsonProperty("nameProperties")] public List<string> NameProperties { get; set; } = [];
    [JsonProperty("owner")] public ObjectOwner Owner { get; set; } = ObjectOwner.Server;
    /// <summary>
    /// The property that names the object's server when it is not Server (Get-ExchangeServer's and Get-TransportService's Name);
    /// where it holds a list (a DAG's or a mailbox database's Servers) the object is this server's when the list names it.
    /// </summary>
    [JsonProperty("serverProperty")] public string? ServerProperty { get; set; }
    /// <summary>The site-policy list (under internetFacing / internal) that classifies these objects.</summary>
    [JsonProperty("classifiedBy")] public string? ClassifiedBy { get; set; }
    /// <summary>Properties Exchange never leaves unset: a null is unknown, not "not set".</summary>
    [JsonProperty("neverNull")] public List<string> NeverNull { get; set; } = [];
    /// <summary>Settings Exchange leaves null until someone sets them: a null is "not set", which equals no stated value.</summary>
    [JsonProperty("nullable")] public List<string> Nullable { get; set; } = [];
    /// <summary>Exchange always returns this server's object (its configuration, its server object): none means the output is incomplete.</summary>
    [JsonProperty("alwaysPresent")] public bool AlwaysPresent { get; set; }
    /// <summary>A property missing from an object means the setting is not set (a registry value that is not present).</summary>
    [JsonProperty("absentMeansNotSet")] public bool AbsentMeansNotSet { get; set; }
    /// <summary>Shown for an object the policy does not classify, so the reviewer can tell.</summary>
    [JsonProperty("classificationEvidence")] public List<string> ClassificationEvidence { get; set; } = [];
}
