using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// One check's test facts: the objects each command returns when the server complies, the change that makes
/// it non-compliant, a value of a form no reader accepts, and other forms of the compliant values that mean
/// the same (booleans as "$true", counts as wrapped objects, ...).
/// </summary>
sealed class EdgeCase
{
    public required Func<Dictionary<string, JObject[]>> Good { get; init; }
    public required Action<Dictionary<string, JObject[]>> Break { get; init; }
    public required string OddCommand { get; init; }
    public required string OddProperty { get; init; }
    public required JToken OddValue { get; init; }
    public (string Command, string Property, JToken Value)[] SameMeaning { get; init; } = [];
    /// <summary>The compliant state is "nothing returned" (no IP allow list entries): decided by onNone.</summary>
    public bool GoodIsNone { get; init; }
    /// <summary>The non-compliant state is "nothing returned" (no content filter configuration): decided by onNone.</summary>
    public bool BadIsNone { get; init; }

    /// <summary>One command, one object.</summary>
    public static EdgeCase One(string command, Func<JObject> good, Action<JObject> bad, string oddProperty, JToken oddValue,
        params (string Property, JToken Value)[] same) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase) { [command] = [good()] },
        Break = d => bad(d[command][0]),
        OddCommand = command, OddProperty = oddProperty, OddValue = oddValue,
        SameMeaning = same.Select(s => (command, s.Property, s.Value)).ToArray(),
    };

    /// <summary>A manual check: the objects shown as evidence.</summary>
    public static EdgeCase Evidence(string command, params JObject[] objects) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase) { [command] = objects.Select(o => (JObject)o.DeepClone()).ToArray() },
        Break = _ => { }, OddCommand = command, OddProperty = "", OddValue = JValue.CreateNull(),
    };
}

/// <summary>
/// Drives the tests of one catalog file: every binding in every shared benchmark release whose check text
/// it binds, against the real benchmark rule.
/// </summary>
static class EdgeRules
{
    public static readonly JToken Junk = new JObject { ["unexpected"] = new JArray(1, 2) };

    /// <summary>The ids of the checks one catalog file defines (the embedded catalog merges every file).</summary>
    public static IReadOnlySet<string> ChecksOf(string catalogFile) =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "CklGen.Core", "Evaluation", "Catalog", catalogFile)))["checks"]!
            .Select(c => (string)c["id"]!).ToHashSet(StringComparer.Ordinal);

    public static RuleBinding? Binding(BenchmarkRule rule) =>
        RuleCatalog.BuiltIn.BindingsFor(rule.VulnId).FirstOrDefault(b => b.Text == CheckText.Fingerprint(rule.CheckContent));

    public static TheoryData<string, string> Rules(string catalogFile, Func<CheckDefinition, bool>? where = null)
    {
        var ids = ChecksOf(catalogFile);
        var data = new TheoryData<string, string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (Binding(rule) is { } b && ids.Contains(b.Check) && (where is null || where(RuleCatalog.BuiltIn.Check(b.Check))))
                    data.Add(file, rule.VulnId);
        return data;
    }

    public static (BenchmarkRule Rule, RuleBinding Binding, CheckDefinition Check) Setup(string file, string vulnId)
    {
        var rule = SharedBenchmarks.Rule(file, vulnId);
        var binding = Binding(rule)!;
        return (rule, binding, RuleCatalog.BuiltIn.Check(binding.Check));
    }

    /// <summary>The commands a check reads: its own, or its parts'.</summary>
    public static IReadOnlyList<string> Commands(CheckDefinition check) =>
        check.IsComposite ? check.All.Select(id => RuleCatalog.BuiltIn.Check(id).Command).Distinct(StringComparer.OrdinalIgnoreCase).ToList() : [check.Command];

    public static FactsSnapshot Facts(Dictionary<string, JObject[]> commands)
    {
        var b = new FactsBuilder();
        foreach (var (cmd, objs) in commands) b.With(cmd, objs);
        return b.Build();
    }

    public static RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts, SitePolicy? policy) =>
        new Evaluator(RuleCatalog.BuiltIn, policy, new DateOnly(2026, 12, 1)).Evaluate(rule, facts);

    public static string Say(string vulnId, RuleResult r) => $"{vulnId} ({r.CheckId}): {r.Status}\n{r.FindingDetails}";

    // ---- the cases every rule gets

    public static void Compliant(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var c = cases(check);
        var result = Evaluate(rule, Facts(c.Good()), policy);
        Assert.True(result.Automated);
        Assert.Contains("CklGen", result.Comments);
        if (check.Manual is not null)
        {
            Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
            Assert.Contains(check.Manual, result.FindingDetails);
            var shown = c.Good()[check.Command].SelectMany(o => check.Evidence.Select(p => o[p])).Where(v => v is JValue { Type: JTokenType.String or JTokenType.Integer }).ToList();
            Assert.NotEmpty(shown);
            foreach (var v in shown) Assert.Contains(v.ToString(), result.FindingDetails);
            return;
        }
        Assert.True(result.Status == ChecklistStatus.NotAFinding, Say(vulnId, result));
        Assert.Contains("test-facts.json", result.FindingDetails);
    }

    public static void NonCompliant(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var c = cases(check);
        var facts = c.Good();
        c.Break(facts);
        var result = Evaluate(rule, Facts(facts), policy);
        Assert.True(result.Status == ChecklistStatus.Open, Say(vulnId, result));
        if (!c.BadIsNone) Assert.Contains("NOT COMPLIANT", result.FindingDetails);
    }

    public static void Absent(string file, string vulnId)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var result = Evaluate(rule, new FactsBuilder().Build(), null);
        Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
        Assert.Contains(Commands(check)[0], result.FindingDetails);
        Assert.Contains("not collected", result.FindingDetails);
    }

    public static void Failed(string file, string vulnId)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var b = new FactsBuilder();
        foreach (var cmd in Commands(check)) b.Failed(cmd, "The operation couldn't be performed because object couldn't be found.");
        var result = Evaluate(rule, b.Build(), null);
        Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
        Assert.Contains("failed", result.FindingDetails);
        Assert.Contains("object couldn't be found", result.FindingDetails);
    }

    /// <summary>A value no reader accepts decides nothing; other forms of the compliant values mean the same.</summary>
    public static void OddForms(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var c = cases(check);
        if (!c.GoodIsNone)
        {
            var odd = c.Good();
            odd[c.OddCommand][0][c.OddProperty] = c.OddValue.DeepClone();
            var result = Evaluate(rule, Facts(odd), policy);
            Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
            Assert.Contains(c.OddProperty, result.FindingDetails);
            Assert.Contains("NOT JUDGED", result.FindingDetails);
        }
        foreach (var (cmd, prop, value) in c.SameMeaning)
        {
            var same = c.Good();
            same[cmd][0][prop] = value.DeepClone();
            var result = Evaluate(rule, Facts(same), policy);
            Assert.True(result.Status == ChecklistStatus.NotAFinding, $"{prop} = {value.ToString(Newtonsoft.Json.Formatting.None)}: " + Say(vulnId, result));
        }
    }

    /// <summary>ConvertTo-Json writes a command that returned one object as that object, not a list: read from a real snapshot file.</summary>
    public static void SingleObjectForList(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var c = cases(check);
        if (c.GoodIsNone) return;
        var commands = new JObject();
        foreach (var (cmd, objs) in c.Good()) commands[cmd] = objs.Length == 1 ? objs[0] : new JArray(objs);
        var snapshot = new JObject { ["cklgenFacts"] = 1, ["host"] = new JObject { ["name"] = "EXTEST01" }, ["commands"] = commands, ["errors"] = new JObject() };
        var path = Path.Combine(Path.GetTempPath(), $"cklgen-area-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, snapshot.ToString());
            var result = Evaluate(rule, FactsReader.Read(path), policy);
            var want = check.Manual is null ? ChecklistStatus.NotAFinding : ChecklistStatus.NotReviewed;
            Assert.True(result.Status == want, Say(vulnId, result));
        }
        finally { File.Delete(path); }
    }

    public static void Sipr(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases)
    {
        var (rule, binding, check) = Setup(file, vulnId);
        var result = Evaluate(rule, Facts(cases(check).Good()), SitePolicy.Parse("""{ "cklgenPolicy": 1, "enclave": "SIPR" }""", "sipr.json"));
        if (binding.NotApplicableInSipr)
        {
            Assert.True(result.Status == ChecklistStatus.NotApplicable, Say(vulnId, result));
            Assert.Contains("SIPR", result.FindingDetails);
        }
        else Assert.NotEqual(ChecklistStatus.NotApplicable, result.Status);
    }

    public static void ChangedText(string file, string vulnId, Func<CheckDefinition, EdgeCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var revised = new BenchmarkRule { VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, CheckContent = rule.CheckContent + " Revised." };
        var result = Evaluate(revised, Facts(cases(check).Good()), policy);
        Assert.Equal(ChecklistStatus.NotReviewed, result.Status);
        Assert.Contains("DISA revised this rule's check text", result.FindingDetails);
    }

    /// <summary>What nothing returned means (onNone), as the check text says.</summary>
    public static void NothingReturned(string file, string vulnId, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var b = new FactsBuilder();
        foreach (var cmd in Commands(check)) b.With(cmd);
        var result = Evaluate(rule, b.Build(), policy);
        var want = check.OnNone switch
        {
            NoObjects.Open => ChecklistStatus.Open,
            NoObjects.NotAFinding => ChecklistStatus.NotAFinding,
            NoObjects.NotReviewed => ChecklistStatus.NotReviewed,
            _ => ChecklistStatus.NotApplicable,
        };
        // A composite's parts are configurations Exchange always has: none returned settles none of them.
        if (check.Manual is not null || check.IsComposite) want = ChecklistStatus.NotReviewed;
        Assert.True(result.Status == want, Say(vulnId, result));
        if (check.OnNoneWhy is not null) Assert.Contains(check.OnNoneWhy, result.FindingDetails);
    }

    /// <summary>Rules of the shared benchmarks whose check text names one of these commands and that no binding covers.</summary>
    public static List<string> Unbound(string commandPattern)
    {
        var unbound = new List<string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (System.Text.RegularExpressions.Regex.IsMatch(rule.CheckContent, commandPattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase) && Binding(rule) is null)
                    unbound.Add($"{file} {rule.VulnId} {CheckText.Fingerprint(rule.CheckContent)}");
        return unbound;
    }
}
