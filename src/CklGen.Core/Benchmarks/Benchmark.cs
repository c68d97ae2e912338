using System.Text.RegularExpressions;

namespace CklGen.Benchmarks;

/// <summary>A DISA XCCDF benchmark (a STIG), as far as a checklist needs it.</summary>
public sealed class Benchmark
{
    /// <summary>Benchmark/@id, e.g. MS_Exchange_2019_Edge_Server_STIG (CKL "stigid").</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Benchmark/version, e.g. "2".</summary>
    public required string Version { get; init; }
    /// <summary>plain-text release-info, e.g. "Release: 2 Benchmark Date: 30 Jan 2025".</summary>
    public string ReleaseInfo { get; init; } = "";
    /// <summary>Benchmark/status/@date when present.</summary>
    public string? StatusDate { get; init; }
    /// <summary>The XCCDF file's name (inside a zip: the entry's file name).</summary>
    public required string FileName { get; init; }
    /// <summary>Where it was read from: the .xml path or "zip!entry".</summary>
    public string SourcePath { get; init; } = "";
    /// <summary>reference/dc:source, e.g. STIG.DOD.MIL.</summary>
    public string Source { get; init; } = "";
    /// <summary>notice/@id, e.g. terms-of-use.</summary>
    public string Notice { get; init; } = "";
    /// <summary>"1.1" or "1.2": the XCCDF namespace the file uses.</summary>
    public string XccdfVersion { get; init; } = "1.1";
    /// <summary>The DPMS target id from the rules' reference/dc:identifier (e.g. 4223): CKL TargetKey, CKLB reference_identifier.</summary>
    public string ReferenceIdentifier { get; init; } = "";
    public required IReadOnlyList<BenchmarkRule> Rules { get; init; }

    /// <summary>The release number from <see cref="ReleaseInfo"/>, when it says one.</summary>
    public string? Release => ReleaseInfoPattern.Match(ReleaseInfo) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The benchmark date from <see cref="ReleaseInfo"/>, as written there ("30 Jan 2025").</summary>
    public string? BenchmarkDate => BenchmarkDatePattern.Match(ReleaseInfo) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    /// <summary>"V2R2" style label used in file names and reports.</summary>
    public string VersionLabel => Release is null ? $"V{Version}" : $"V{Version}R{Release}";

    /// <summary>STIGRef as STIG Viewer writes it: "title :: Version 2, Release: 2 Benchmark Date: ...".</summary>
    public string StigRef => $"{Title} :: Version {Version}, {ReleaseInfo}";

    /// <summary>Finds a rule by V-id, SV-id (with or without revision), STIG id or legacy id.</summary>
    public BenchmarkRule? FindRule(string id) => Rules.FirstOrDefault(r => r.Matches(id));

    static readonly Regex ReleaseInfoPattern = new(@"Release:\s*([0-9.]+)", RegexOptions.IgnoreCase);
    static readonly Regex BenchmarkDatePattern = new(@"Benchmark Date:\s*(.+)$", RegexOptions.IgnoreCase);
}

/// <summary>One Group/Rule pair of a benchmark.</summary>
public sealed class BenchmarkRule
{
    /// <summary>Group/@id: V-228409.</summary>
    public required string VulnId { get; init; }
    /// <summary>Group/title (an SRG id in newer benchmarks).</summary>
    public string GroupTitle { get; init; } = "";
    /// <summary>Group/description, raw (e.g. "&lt;GroupDescription&gt;&lt;/GroupDescription&gt;").</summary>
    public string GroupDescription { get; init; } = "";
    /// <summary>Rule/@id: SV-228409r879806_rule.</summary>
    public required string RuleId { get; init; }
    /// <summary>Rule/version: the STIG id, e.g. EX16-MB-000660.</summary>
    public required string StigId { get; init; }
    /// <summary>low, medium or high.</summary>
    public string Severity { get; init; } = "medium";
    public string Weight { get; init; } = "10.0";
    public string Title { get; init; } = "";
    /// <summary>VulnDiscussion from the escaped description.</summary>
    public string Discussion { get; init; } = "";
    public string FalsePositives { get; init; } = "";
    public string FalseNegatives { get; init; } = "";
    public string Documentable { get; init; } = "";
    public string Mitigations { get; init; } = "";
    public string SeverityOverrideGuidance { get; init; } = "";
    public string PotentialImpacts { get; init; } = "";
    public string ThirdPartyTools { get; init; } = "";
    public string MitigationControl { get; init; } = "";
    public string Responsibility { get; init; } = "";
    public string IaControls { get; init; } = "";
    public string CheckContent { get; init; } = "";
    /// <summary>check/check-content-ref/@name (usually "M").</summary>
    public string CheckContentRefName { get; init; } = "";
    /// <summary>check/check-content-ref/@href.</summary>
    public string CheckContentRefHref { get; init; } = "";
    /// <summary>check/@system.</summary>
    public string CheckSystem { get; init; } = "";
    public string FixText { get; init; } = "";
    /// <summary>fixtext/@fixref or fix/@id.</summary>
    public string FixId { get; init; } = "";
    public IReadOnlyList<string> LegacyIds { get; init; } = [];
    public IReadOnlyList<string> Ccis { get; init; } = [];
    /// <summary>Rule/reference/dc:identifier, the DPMS target id (CKL TargetKey).</summary>
    public string ReferenceIdentifier { get; init; } = "";

    /// <summary>SV-228409 (rule id without revision and suffix).</summary>
    public string RuleIdBase => RuleIds.Base(RuleId);

    /// <summary>"r879806" or null when the id carries no revision.</summary>
    public string? Revision => RuleIds.Revision(RuleId);

    /// <summary>True when <paramref name="id"/> names this rule: V-id, SV-id with or without revision/suffix, STIG id or a legacy id.</summary>
    public bool Matches(string id)
    {
        id = id.Trim();
        if (id.Length == 0) return false;
        if (string.Equals(id, VulnId, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(id, StigId, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(RuleIds.Base(id), RuleIdBase, StringComparison.OrdinalIgnoreCase)
            && id.StartsWith("SV-", StringComparison.OrdinalIgnoreCase))
        {
            var rev = RuleIds.Revision(id);
            return rev is null || string.Equals(rev, Revision, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var legacy in LegacyIds)
            if (string.Equals(RuleIds.Base(legacy), RuleIds.Base(id), StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

/// <summary>Helpers for DISA rule ids: SV-228409r879806_rule, SV-75445r1_rule, V-60981.</summary>
public static class RuleIds
{
    static readonly Regex RulePattern = new(@"^(?<base>S?V-\d+)(?<rev>r\d+)?(_rule)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The id without revision and "_rule" suffix; other ids are returned trimmed.</summary>
    public static string Base(string id)
    {
        id = id.Trim();
        var m = RulePattern.Match(id);
        return m.Success ? m.Groups["base"].Value.ToUpperInvariant() : id;
    }

    public static string? Revision(string id)
    {
        var m = RulePattern.Match(id.Trim());
        return m.Success && m.Groups["rev"].Success ? m.Groups["rev"].Value.ToLowerInvariant() : null;
    }
}
