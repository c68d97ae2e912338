using CklGen.Checklists;
using CklGen.Facts;

namespace CklGen.Evaluation;

/// <summary>Writes evaluation results and the host's identity into a checklist.</summary>
public static class ChecklistFiller
{
    /// <summary>Host name, FQDN, IPs, MACs and role from the facts; existing values stay where the facts say nothing.</summary>
    public static void ApplyHost(ChecklistAsset asset, FactsSnapshot facts)
    {
        var h = facts.Host;
        if (!string.IsNullOrWhiteSpace(h.Name)) asset.HostName = h.Name;
        if (!string.IsNullOrWhiteSpace(h.Fqdn)) asset.HostFqdn = h.Fqdn;
        if (h.Ip.Count > 0) asset.HostIp = string.Join(", ", h.Ip);
        if (h.Mac.Count > 0) asset.HostMac = string.Join(", ", h.Mac);
        if (!string.IsNullOrWhiteSpace(h.Role)) asset.Role = h.Role;
        if (string.IsNullOrEmpty(asset.AssetType)) asset.AssetType = "Computing";
        if (string.IsNullOrEmpty(asset.TechArea)) asset.TechArea = "Exchange Server";
    }

    /// <summary>
    /// Sets status, finding details and comments of every automated rule, and marks the result engine
    /// (CklGen) on them and on the STIG so importers such as STIG Manager record who decided.
    /// Rules without an automation are left as they are.
    /// </summary>
    public static int Apply(ChecklistStig stig, IEnumerable<RuleResult> results, DateTimeOffset time)
    {
        var byVuln = stig.Rules.ToDictionary(r => r.VulnId, StringComparer.OrdinalIgnoreCase);
        var applied = 0;
        foreach (var res in results.Where(r => r.Automated))
        {
            if (!byVuln.TryGetValue(res.VulnId, out var rule)) continue;
            rule.Status = res.Status;
            rule.FindingDetails = res.FindingDetails;
            rule.Comments = res.Comments;
            rule.ResultEngine = Engine(time);
            applied++;
        }
        if (applied > 0) stig.ResultEngine = Engine(time);
        return applied;
    }

    public static ResultEngine Engine(DateTimeOffset time) => new()
    {
        Version = CklGenInfo.Version,
        Time = time.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture),
        ModuleName = CklGenInfo.Product,
        ModuleVersion = CklGenInfo.Version,
    };
}
