using CklGen.Benchmarks;

namespace CklGen.Evaluation;

/// <summary>How far CklGen can take a rule, judged from the catalog alone (no facts).</summary>
public enum CoverageClass
{
    /// <summary>Decided from the facts (Open, NotAFinding or Not_Applicable), with the STIG's own values.</summary>
    Decided,
    /// <summary>Decided from the facts once the site policy gives the EDSP's value (named in Needs).</summary>
    DecidedWithPolicy,
    /// <summary>Left Not_Reviewed, with the evidence the facts offer for the reviewer.</summary>
    Assisted,
    /// <summary>Left Not_Reviewed for a person; no facts help.</summary>
    Manual,
}

public sealed record RuleCoverage(string VulnId, string StigId, string Title, CoverageClass Class, string? Check, string? Reason, IReadOnlyList<string> Needs);

public sealed record BenchmarkCoverage(Benchmark Benchmark, IReadOnlyList<RuleCoverage> Rules)
{
    public int Count(CoverageClass c) => Rules.Count(r => r.Class == c);
    /// <summary>Share of rules decided, automatically or with a complete site policy.</summary>
    public double DecidedShare => Rules.Count == 0 ? 0 : (double)(Count(CoverageClass.Decided) + Count(CoverageClass.DecidedWithPolicy)) / Rules.Count;
    public double DecidedOrAssistedShare => Rules.Count == 0 ? 0 : (double)(Rules.Count - Count(CoverageClass.Manual)) / Rules.Count;
}

/// <summary>
/// Coverage of benchmarks by the catalog: for each rule, whether a binding was written against its exact
/// check text, and what the bound check can do. Nothing is evaluated; the classes are what the catalog entries say.
/// </summary>
public static class Coverage
{
    public static BenchmarkCoverage Of(Benchmark benchmark, RuleCatalog catalog) =>
        new(benchmark, benchmark.Rules.Select(r => Of(r, catalog)).ToList());

    public static RuleCoverage Of(BenchmarkRule rule, RuleCatalog catalog)
    {
        var bindings = catalog.BindingsFor(rule.VulnId).ToList();
        RuleCoverage Make(CoverageClass c, string? check, string? reason, IReadOnlyList<string>? needs = null) =>
            new(rule.VulnId, rule.StigId, rule.Title, c, check, reason, needs ?? []);
        if (bindings.Count == 0)
            return Make(CoverageClass.Manual, null, "no catalog entry: CklGen has no automation for this rule");
        var fingerprint = CheckText.Fingerprint(rule.CheckContent);
        var binding = bindings.FirstOrDefault(b => b.Text == fingerprint);
        if (binding is null)
            return Make(CoverageClass.Manual, bindings[0].Check,
                $"check text {fingerprint} differs from the text the entry was written against ({string.Join("; ", bindings.Select(b => $"{b.WrittenAgainst}: {b.Text}"))})");
        var check = catalog.Check(binding.Check);
        var parts = check.IsComposite ? check.All.Select(catalog.Check).ToList() : [check];
        var worst = parts.Select(Classify).OrderByDescending(p => p.Class).First();
        var needs = parts.SelectMany(p => Classify(p).Needs).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var reason = worst.Class switch
        {
            CoverageClass.DecidedWithPolicy => $"decided when the site policy gives {string.Join(", ", needs)}; without it Not_Reviewed",
            _ => worst.Reason,
        };
        return Make(worst.Class, check.Id, reason, needs);
    }

    static (CoverageClass Class, string? Reason, IReadOnlyList<string> Needs) Classify(CheckDefinition check)
    {
        if (check.Manual is not null)
            return (check.Command.Length == 0 ? CoverageClass.Manual : CoverageClass.Assisted, check.Manual, []);
        var needs = check.Assert.Concat(check.Assert.SelectMany(a => a.When))
            .Where(a => a.Org is not null && a.Expected is null && a.ExpectedFrom is null && Predicates.NeedsExpected(a.Op))
            .Select(a => a.Org!)
            .Concat(check.Assert.Where(a => a.Property.StartsWith(Evaluator.PolicyProperty, StringComparison.Ordinal)).Select(a => a.Property[Evaluator.PolicyProperty.Length..]))
            // A connector rule for internet-facing or internal connectors needs the site policy to say which are which.
            .Concat(check.Scope == CheckScope.All ? [] : ["internetFacing/internal"])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return needs.Count > 0 ? (CoverageClass.DecidedWithPolicy, null, needs) : (CoverageClass.Decided, null, []);
    }
}
