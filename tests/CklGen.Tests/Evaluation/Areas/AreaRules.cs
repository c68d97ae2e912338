using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// What a catalog's test file says of one check: facts that comply, facts that do not (and what the details must
/// then say), and the command whose absence or failure leaves the rule Not_Reviewed. A manual check gives the
/// evidence its details must show instead.
/// </summary>
sealed record AreaCase(
    string Check,
    Func<FactsBuilder, FactsBuilder> Good,
    Func<FactsBuilder, FactsBuilder>? Bad,
    string? BadSays,
    string Command)
{
    public static AreaCase Manual(string check, Func<FactsBuilder, FactsBuilder> facts, string shows, string command) => new(check, facts, null, shows, command);
    public override string ToString() => Check;
}

/// <summary>
/// Runs a catalog's cases against every shared benchmark rule bound to the catalog, with the real check text:
/// compliant, non-compliant, command absent and command failed; and fails when a check has no case.
/// </summary>
static class AreaRules
{
    public static TheoryData<string, string> Bound(string catalog)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (Binding(rule) is { } b && RuleCatalog.BuiltIn.Check(b.Check).Catalog == catalog && RuleCatalog.BuiltIn.Check(b.Check).Command.Length > 0)
                    data.Add(file, rule.VulnId);
        return data;
    }

    public static RuleBinding? Binding(BenchmarkRule rule) =>
        RuleCatalog.BuiltIn.BindingsFor(rule.VulnId).FirstOrDefault(b => b.Text == CheckText.Fingerprint(rule.CheckContent));

    public static RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts, SitePolicy? policy) =>
        new Evaluator(RuleCatalog.BuiltIn, policy, new DateOnly(2026, 11, 22)).Evaluate(rule, facts);

    static RuleResult Run(BenchmarkRule rule, Func<FactsBuilder, FactsBuilder> facts, SitePolicy? policy) =>
        Evaluate(rule, facts(new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")).Build(), policy);

    /// <summary>Every assertion of compliant, non-compliant, absent and failed for one bound rule.</summary>
    public static void Check(IReadOnlyDictionary<string, AreaCase> cases, string file, string vulnId, SitePolicy? policy)
    {
        var rule = SharedBenchmarks.Rule(file, vulnId);
        var check = RuleCatalog.BuiltIn.Check(Binding(rule)!.Check);
        Assert.True(cases.TryGetValue(check.Id, out var c), $"check '{check.Id}' ({vulnId}) has no test case");
        var where = $"{vulnId} ({check.Id}) in {file}";

        var good = Run(rule, c.Good, policy);
        if (c.Bad is null)
        {
            Assert.True(good.Status == ChecklistStatus.NotReviewed, $"{where}: manual check gave {good.Status}");
            Assert.Contains(c.BadSays!, good.FindingDetails);
        }
        else
        {
            Assert.True(good.Status == ChecklistStatus.NotAFinding, $"{where}: compliant facts gave {good.Status}\n{good.FindingDetails}");
            Assert.Contains("test-facts.json", good.FindingDetails);
            var bad = Run(rule, c.Bad, policy);
            Assert.True(bad.Status == ChecklistStatus.Open, $"{where}: non-compliant facts gave {bad.Status}\n{bad.FindingDetails}");
            Assert.Contains(c.BadSays!, bad.FindingDetails);
        }

        // Absent and failed: the good facts without the command, or with it failed, decide nothing.
        var absent = Evaluate(rule, Without(c.Good, c.Command), policy);
        Assert.True(absent.Status == ChecklistStatus.NotReviewed, $"{where}: absent {c.Command} gave {absent.Status}\n{absent.FindingDetails}");
        Assert.Contains("not collected", absent.FindingDetails);
        var failed = Evaluate(rule, Failing(c.Good, c.Command), policy);
        Assert.True(failed.Status == ChecklistStatus.NotReviewed, $"{where}: failed {c.Command} gave {failed.Status}\n{failed.FindingDetails}");
        Assert.Contains("Access is denied", failed.FindingDetails);
    }

    static FactsSnapshot Without(Func<FactsBuilder, FactsBuilder> facts, string command)
    {
        var s = facts(new FactsBuilder().InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")).Build();
        var commands = s.Commands.Where(kv => !kv.Key.Equals(command, StringComparison.OrdinalIgnoreCase)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        Assert.True(commands.Count < s.Commands.Count, $"the case's facts do not hold {command}");
        return new FactsSnapshot { SourcePath = s.SourcePath, CollectedAt = s.CollectedAt, Collector = s.Collector, Host = s.Host, Commands = commands, Errors = s.Errors };
    }

    static FactsSnapshot Failing(Func<FactsBuilder, FactsBuilder> facts, string command)
    {
        var s = Without(facts, command);
        var errors = new Dictionary<string, string>(s.Errors, StringComparer.OrdinalIgnoreCase) { [command] = "Access is denied." };
        return new FactsSnapshot { SourcePath = s.SourcePath, CollectedAt = s.CollectedAt, Collector = s.Collector, Host = s.Host, Commands = s.Commands, Errors = errors };
    }

    /// <summary>Every check of the catalog that a shared benchmark binds has a case (a new check needs its test).</summary>
    public static void EveryCheckHasACase(string catalog, IReadOnlyDictionary<string, AreaCase> cases)
    {
        var missing = RuleCatalog.BuiltIn.Checks.Where(c => c.Catalog == catalog && c.Command.Length > 0 && !c.IsComposite && !cases.ContainsKey(c.Id)).Select(c => c.Id).ToList();
        Assert.True(missing.Count == 0, $"checks of {catalog} without a test case: {string.Join(", ", missing)}");
    }

    public static JObject O(params (string Name, object? Value)[] props)
    {
        var o = new JObject();
        foreach (var (n, v) in props) o[n] = v is null ? JValue.CreateNull() : JToken.FromObject(v);
        return o;
    }
}
