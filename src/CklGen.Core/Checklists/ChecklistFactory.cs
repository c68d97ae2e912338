using System.Globalization;
using CklGen.Benchmarks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>Builds blank checklists (every rule Not_Reviewed) from benchmarks, with the values STIG Viewer writes.</summary>
public static class ChecklistFactory
{
    /// <summary>CKL STIG_INFO classification as STIG Viewer writes it for public benchmarks.</summary>
    public const string Classification = "UNCLASSIFIED";
    /// <summary>VULN Class as STIG Viewer writes it.</summary>
    public const string RuleClass = "Unclass";

    const string TitleSuffix = "Security Technical Implementation Guide";

    public static Checklist Blank(IEnumerable<Benchmark> benchmarks, ChecklistFactoryOptions o)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(o);
        var list = benchmarks.ToList();
        if (list.Count == 0) throw new ArgumentException("a checklist needs at least one benchmark", nameof(benchmarks));
        var seen = new Dictionary<string, Benchmark>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in list)
        {
            if (seen.TryGetValue(b.Id, out var first))
                throw new InputException(b.SourcePath.Length > 0 ? b.SourcePath : b.FileName,
                    $"benchmark {b.Id} ({b.VersionLabel}) is already in this checklist from {first.FileName} ({first.VersionLabel}); a checklist holds each STIG once");
            seen.Add(b.Id, b);
        }

        var checklist = new Checklist
        {
            Asset = new ChecklistAsset
            {
                Role = o.Role,
                AssetType = o.AssetType,
                Marking = o.Marking,
                HostName = o.HostName,
                HostIp = o.HostIp,
                HostMac = o.HostMac,
                HostFqdn = o.HostFqdn,
                TargetComment = o.TargetComment,
                TechArea = o.TechArea,
                TargetKey = list[0].ReferenceIdentifier,
                WebOrDatabase = false,
                WebDbSite = "",
                WebDbInstance = "",
            },
            Title = ChecklistNaming.BaseName(o.HostName, list),
            Id = o.NewGuid().ToString(),
            Active = false,
            Mode = 1,
            HasPath = true,
            CklbVersion = "1.0",
        };
        foreach (var b in list) checklist.Stigs.Add(FromBenchmark(b, o));
        return checklist;
    }

    public static ChecklistStig FromBenchmark(Benchmark b, ChecklistFactoryOptions o)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(o);
        var stigUuid = o.NewGuid().ToString();
        var stamp = o.Now().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        var stig = new ChecklistStig
        {
            // STIG Viewer's order.
            Info =
            [
                new("version", b.Version),
                new("classification", Classification),
                new("customname", null),
                new("stigid", b.Id),
                new("description", b.Description),
                new("filename", b.FileName),
                new("releaseinfo", b.ReleaseInfo),
                new("title", b.Title),
                new("uuid", stigUuid),
                new("notice", b.Notice),
                new("source", b.Source),
            ],
            DisplayName = DisplayName(b.Title),
            ReferenceIdentifier = b.ReferenceIdentifier,
            Size = b.Rules.Count,
        };

        foreach (var r in b.Rules)
        {
            stig.Rules.Add(new ChecklistRule
            {
                VulnId = r.VulnId,
                Severity = r.Severity,
                GroupTitle = r.GroupTitle,
                RuleId = r.RuleId,
                StigId = r.StigId,
                RuleTitle = r.Title,
                Discussion = r.Discussion,
                IaControls = r.IaControls,
                CheckContent = r.CheckContent,
                FixText = r.FixText,
                FalsePositives = r.FalsePositives,
                FalseNegatives = r.FalseNegatives,
                Documentable = r.Documentable.Length == 0 ? "false" : r.Documentable,
                Mitigations = r.Mitigations,
                PotentialImpact = r.PotentialImpacts,
                ThirdPartyTools = r.ThirdPartyTools,
                MitigationControl = r.MitigationControl,
                Responsibility = r.Responsibility,
                SecurityOverrideGuidance = r.SeverityOverrideGuidance,
                CheckContentRef = r.CheckContentRefName,
                CheckContentRefHref = r.CheckContentRefHref,
                Weight = r.Weight,
                Class = RuleClass,
                StigRef = b.StigRef,
                TargetKey = r.ReferenceIdentifier,
                StigUuid = stigUuid,
                LegacyIds = [.. r.LegacyIds],
                Ccis = [.. r.Ccis],
                Uuid = o.NewGuid().ToString(),
                GroupTree = GroupTree(r),
                CreatedAt = stamp,
                UpdatedAt = stamp,
                Status = ChecklistStatus.NotReviewed,
                FindingDetails = "",
                Comments = "",
                SeverityOverride = "",
                SeverityJustification = "",
            });
        }
        return stig;
    }

    /// <summary>The title without its "Security Technical Implementation Guide" suffix, as STIG Viewer 3 shows it.</summary>
    public static string DisplayName(string title)
    {
        var t = title.Trim();
        if (t.EndsWith(TitleSuffix, StringComparison.OrdinalIgnoreCase) && t.Length > TitleSuffix.Length)
            t = t[..^TitleSuffix.Length].TrimEnd();
        return t;
    }

    /// <summary>CKLB group_tree as JSON text: [{"id":"V-…","title":"…","description":"&lt;GroupDescription&gt;&lt;/GroupDescription&gt;"}].</summary>
    public static string GroupTree(BenchmarkRule r) =>
        new JArray(new JObject
        {
            ["id"] = r.VulnId,
            ["title"] = r.GroupTitle,
            ["description"] = r.GroupDescription,
        }).ToString(Formatting.None);
}
