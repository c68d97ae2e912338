using Newtonsoft.Json;

namespace CklGen.Evaluation;

/// <summary>How many of a check's objects must meet its assertions.</summary>
public enum MatchMode { All, Any }

/// <summary>What no (selected) object means for a check: the check text says which.</summary>
public enum NoObjects
{
    /// <summary>Nothing the rule governs exists (no send connectors): Not_Applicable.</summary>
    NotApplicable,
    /// <summary>"If no value is returned, this is a finding": Open.</summary>
    Open,
    /// <summary>"If the result returns any values, this is a finding": none is compliant.</summary>
    NotAFinding,
    /// <summary>Nothing returned settles nothing: Not_Reviewed.</summary>
    NotReviewed,
}

/// <summary>
/// The parts of a check beyond one command and its assertions: which of the command's objects the rule
/// is about, what it means when there are none, and checks made of other checks (a rule whose text
/// names several commands, every one of which must pass).
/// </summary>
public sealed partial class CheckDefinition
{
    /// <summary>Conditions an object must meet to be judged (a service by Name, the "Malware Agent"); the others are left aside.</summary>
    [JsonProperty("select")] public List<Assertion> Select { get; set; } = [];

    /// <summary>The verdict when the command (after <see cref="Select"/>) returned nothing.</summary>
    /// <remarks>Unset: Not_Applicable, or Not_Reviewed for commands that always return this server's object (<see cref="ObjectKind.AlwaysPresent"/>).</remarks>
    [JsonProperty("onNone")] public NoObjects? OnNone { get; set; }

    /// <summary>Said with the verdict for no objects: why the check text makes it so.</summary>
    [JsonProperty("onNoneWhy")] public string? OnNoneWhy { get; set; }

    /// <summary>"If any ... exist, this is a finding": Open for every selected object of this server (only "open" is meaningful).</summary>
    [JsonProperty("onAny")] public NoObjects? OnAny { get; set; }

    /// <summary>Whether every judged object must meet the assertions (all, the default) or one is enough (any: an approved product among those installed).</summary>
    [JsonProperty("match")] public MatchMode Match { get; set; } = MatchMode.All;

    /// <summary>
    /// Other facts keys that hold this check's objects, tried in order when the command is absent: the command line as the
    /// check text writes it ("Get-Service -Name MSExchangeIMAP4BE,..."), or the collector's wider command whose output the
    /// selection filters. Only keys whose output is the same objects or a subset the check still judges correctly belong here.
    /// </summary>
    [JsonProperty("alsoFrom")] public List<string> AlsoFrom { get; set; } = [];

    /// <summary>A composite: these checks all apply; the rule is Open if any is, Not_Reviewed if any cannot be judged.</summary>
    [JsonProperty("all")] public List<string> All { get; set; } = [];

    public bool IsComposite => All.Count > 0;

    void ValidateShape()
    {
        if (IsComposite)
        {
            if (Command.Length > 0 || Assert.Count > 0 || Select.Count > 0 || Manual is not null)
                throw new CklGenException($"rule catalog: check '{Id}' lists checks under \"all\" and so has no command, assertions, selection or manual reason of its own");
            return;
        }
        if (OnAny is not null && (OnAny != NoObjects.Open || Assert.Count > 0 || Manual is not null))
            throw new CklGenException($"rule catalog: check '{Id}': \"onAny\" is \"open\" and stands without assertions or a manual reason (conditions go under \"select\")");
        if (Command.Length == 0 && Manual is null)
            throw new CklGenException($"rule catalog: check '{Id}' names no command and is not manual");
        if (Command.Length == 0 && (Assert.Count > 0 || Select.Count > 0 || Evidence.Count > 0))
            throw new CklGenException($"rule catalog: check '{Id}' names no command, so it can neither assert, select nor show evidence");
        foreach (var s in Select)
        {
            s.Validate(Id);
            if (Predicates.OnlyTopLevel(s.Op)) throw new CklGenException($"rule catalog: check '{Id}': a selection cannot use '{s.Op}'");
            if (s.Org is not null) throw new CklGenException($"rule catalog: check '{Id}': a selection ({s.Property}) takes the STIG's words, not a site-policy value");
        }
    }

    internal void ValidateParts(IReadOnlyDictionary<string, CheckDefinition> checks)
    {
        foreach (var part in All)
        {
            if (!checks.TryGetValue(part, out var c)) throw new CklGenException($"rule catalog: check '{Id}' lists unknown check '{part}'");
            if (c.IsComposite) throw new CklGenException($"rule catalog: check '{Id}' lists '{part}', itself made of checks: list its parts instead");
        }
    }
}
