namespace CklGen.Checklists;

/// <summary>
/// A checklist, independent of its file format: the asset and one entry per STIG, each with its
/// rules and their reviews. CKL and CKLB readers produce it and writers consume it; fields one
/// format has and the other lacks are kept so that writing back loses nothing.
/// Strings are null where the source file had no such element or key, "" where it was empty.
/// </summary>
public sealed class Checklist
{
    public ChecklistAsset Asset { get; set; } = new();
    public List<ChecklistStig> Stigs { get; set; } = [];

    /// <summary>The tool that produced the results at checklist level (CKL root comment / CKLB root object).</summary>
    public ResultEngine? ResultEngine { get; set; }

    // CKLB top-level fields (CKL has no place for them; writers invent them when absent).
    public string? Title { get; set; }
    public string? Id { get; set; }
    public bool? Active { get; set; }
    public int? Mode { get; set; }
    public bool? HasPath { get; set; }
    public string? CklbVersion { get; set; }

    /// <summary>XML comments outside iSTIG that are not a result engine (e.g. "STIG Manager 1.3.13"), in file order.
    /// Comments inside CHECKLIST, ASSET or STIGS land here too and are written back before CHECKLIST.
    /// The "CklGen VERSION" banner is not kept: the CKL writer writes its own.</summary>
    public List<string> LeadingComments { get; set; } = [];

    /// <summary>Unknown CKLB top-level keys, kept verbatim as JSON text by key.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every rule with the STIG it belongs to.</summary>
    public IEnumerable<(ChecklistStig Stig, ChecklistRule Rule)> AllRules() =>
        Stigs.SelectMany(s => s.Rules.Select(r => (s, r)));
}

public sealed class ChecklistAsset
{
    public string? Role { get; set; }
    /// <summary>ASSET_TYPE / target_type: Computing or Non-Computing.</summary>
    public string? AssetType { get; set; }
    public string? Marking { get; set; }
    public string? HostName { get; set; }
    public string? HostIp { get; set; }
    public string? HostMac { get; set; }
    public string? HostGuid { get; set; }
    public string? HostFqdn { get; set; }
    public string? TargetComment { get; set; }
    public string? TechArea { get; set; }
    public string? TargetKey { get; set; }
    public string? StigGuid { get; set; }
    public bool? WebOrDatabase { get; set; }
    public string? WebDbSite { get; set; }
    public string? WebDbInstance { get; set; }

    /// <summary>Unknown CKLB target_data keys, verbatim JSON text by key.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One STIG in a checklist (CKL iSTIG, CKLB stigs[]).</summary>
public sealed class ChecklistStig
{
    /// <summary>STIG_INFO in file order: SID_NAME to SID_DATA (null when SID_DATA is absent).</summary>
    public List<KeyValuePair<string, string?>> Info { get; set; } = [];

    public string? Version { get => GetInfo("version"); set => SetInfo("version", value); }
    public string? Classification { get => GetInfo("classification"); set => SetInfo("classification", value); }
    public string? CustomName { get => GetInfo("customname"); set => SetInfo("customname", value); }
    /// <summary>Benchmark id (CKL stigid, CKLB stig_id).</summary>
    public string? StigId { get => GetInfo("stigid"); set => SetInfo("stigid", value); }
    public string? Description { get => GetInfo("description"); set => SetInfo("description", value); }
    public string? FileName { get => GetInfo("filename"); set => SetInfo("filename", value); }
    public string? ReleaseInfo { get => GetInfo("releaseinfo"); set => SetInfo("releaseinfo", value); }
    public string? Title { get => GetInfo("title"); set => SetInfo("title", value); }
    public string? Uuid { get => GetInfo("uuid"); set => SetInfo("uuid", value); }
    public string? Notice { get => GetInfo("notice"); set => SetInfo("notice", value); }
    public string? Source { get => GetInfo("source"); set => SetInfo("source", value); }

    // CKLB-only STIG fields.
    public string? DisplayName { get; set; }
    public string? ReferenceIdentifier { get; set; }
    public int? Size { get; set; }

    /// <summary>Result engine noted for this STIG (CKL iSTIG comment / CKLB stig object).</summary>
    public ResultEngine? ResultEngine { get; set; }

    /// <summary>Unknown CKLB stig keys, verbatim JSON text by key.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Other XML comments directly inside the iSTIG, verbatim.</summary>
    public List<string> XmlComments { get; set; } = [];

    public List<ChecklistRule> Rules { get; set; } = [];

    public string? GetInfo(string name) =>
        Info.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value;

    public void SetInfo(string name, string? value)
    {
        var i = Info.FindIndex(p => string.Equals(p.Key, name, StringComparison.Ordinal));
        if (i >= 0) Info[i] = new(name, value);
        else Info.Add(new(name, value));
    }
}

/// <summary>One rule (CKL VULN, CKLB rule): its benchmark content and its review.</summary>
public sealed class ChecklistRule
{
    // Content, as copied from the benchmark.
    /// <summary>Vuln_Num / group_id: V-228409.</summary>
    public string VulnId { get; set; } = "";
    public string? Severity { get; set; }
    public string? GroupTitle { get; set; }
    /// <summary>Rule_ID / rule_id_src: SV-228409r879806_rule.</summary>
    public string? RuleId { get; set; }
    /// <summary>Rule_Ver / rule_version: the STIG id (EX16-MB-000660).</summary>
    public string? StigId { get; set; }
    public string? RuleTitle { get; set; }
    public string? Discussion { get; set; }
    public string? IaControls { get; set; }
    public string? CheckContent { get; set; }
    public string? FixText { get; set; }
    public string? FalsePositives { get; set; }
    public string? FalseNegatives { get; set; }
    public string? Documentable { get; set; }
    public string? Mitigations { get; set; }
    public string? PotentialImpact { get; set; }
    public string? ThirdPartyTools { get; set; }
    public string? MitigationControl { get; set; }
    public string? Responsibility { get; set; }
    public string? SecurityOverrideGuidance { get; set; }
    /// <summary>Check_Content_Ref / check_content_ref.name (usually "M").</summary>
    public string? CheckContentRef { get; set; }
    /// <summary>CKLB check_content_ref.href.</summary>
    public string? CheckContentRefHref { get; set; }
    public string? Weight { get; set; }
    /// <summary>Class / classification.</summary>
    public string? Class { get; set; }
    public string? StigRef { get; set; }
    public string? TargetKey { get; set; }
    public string? StigUuid { get; set; }
    public List<string> LegacyIds { get; set; } = [];
    public List<string> Ccis { get; set; } = [];

    // CKLB-only content.
    public string? Uuid { get; set; }
    /// <summary>CKLB group_tree, verbatim JSON text.</summary>
    public string? GroupTree { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    /// <summary>CKLB rule_id as found (normally Rule_ID without "_rule"); null lets the writer derive it.</summary>
    public string? CklbRuleId { get; set; }
    /// <summary>CKLB STIGUuid, which STIG Viewer 3 writes beside stig_uuid (normally the same value); null lets the writer copy stig_uuid.</summary>
    public string? CklbStigUuid { get; set; }

    /// <summary>STIG_DATA attributes this model has no field for, in file order.</summary>
    public List<KeyValuePair<string, string?>> ExtraAttributes { get; set; } = [];
    /// <summary>Unknown CKLB rule keys, verbatim JSON text by key.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);

    // Review.
    public ChecklistStatus Status { get; set; } = ChecklistStatus.NotReviewed;
    /// <summary>
    /// The status text as found in the file when it is none of the format's four values ("" when empty
    /// or absent); null when <see cref="Status"/> holds what the file said. Readers keep it so that
    /// validation can report it; <see cref="ChecklistFile.Read"/> refuses such files unless asked not to,
    /// and writers write it back as is.
    /// </summary>
    public string? UnrecognizedStatus { get; set; }
    public string? FindingDetails { get; set; }
    public string? Comments { get; set; }
    /// <summary>SEVERITY_OVERRIDE: low, medium, high or empty.</summary>
    public string? SeverityOverride { get; set; }
    public string? SeverityJustification { get; set; }
    /// <summary>CKLB overrides keys other than severity.severity / severity.reason, verbatim JSON text by
    /// key path ("other" or "severity.other").</summary>
    public Dictionary<string, string> OverridesExtra { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Result engine noted on this rule (CKL VULN comment / CKLB rule object).</summary>
    public ResultEngine? ResultEngine { get; set; }
    /// <summary>Other XML comments inside the VULN, verbatim.</summary>
    public List<string> XmlComments { get; set; } = [];

    /// <summary>SV-228409.</summary>
    public string RuleIdBase => RuleId is null ? "" : Benchmarks.RuleIds.Base(RuleId);
}

/// <summary>
/// The tool that produced a result, as STIG Manager reads it: Evaluate-STIG style annotations
/// (CKL XML comments, CKLB "evaluate-stig" objects). Raw keeps the original text for round trips.
/// </summary>
public sealed class ResultEngine
{
    public string? Version { get; set; }
    public string? Time { get; set; }
    public string? ModuleName { get; set; }
    public string? ModuleVersion { get; set; }
    public string? AnswerFile { get; set; }
    /// <summary>AFMod / afmod: "true" when an answer file changed the result.</summary>
    public string? AnswerFileModified { get; set; }
    /// <summary>OldStatus / old_status: the result before the answer file (Evaluate-STIG spelling, e.g. notchecked).</summary>
    public string? OldStatus { get; set; }
    public string? NewStatus { get; set; }
    /// <summary>The annotation verbatim: the XML comment text (CKL) or the JSON text (CKLB).</summary>
    public string? Raw { get; set; }
}
