using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// One check's test facts for the client-access and database catalogs: what each command returns when the server
/// complies, the change that makes it non-compliant, a value of a form no reader accepts, other forms of compliant
/// values that mean the same, and how an object is made another server's.
/// </summary>
sealed class ServerCase
{
    public required Func<Dictionary<string, JObject[]>> Good { get; init; }
    public required Action<Dictionary<string, JObject[]>> Break { get; init; }
    public string OddCommand { get; init; } = "";
    public string OddProperty { get; init; } = "";
    public JToken OddValue { get; init; } = JValue.CreateNull();
    public (string Command, string Property, JToken Value)[] SameMeaning { get; init; } = [];
    /// <summary>Makes an object another server's (null where the objects are the organization's or the local machine's).</summary>
    public Action<JObject>? OtherServer { get; init; }
    /// <summary>The compliant state is "nothing returned": decided by onNone.</summary>
    public bool GoodIsNone { get; init; }
    /// <summary>The facts name the host's system drive and Exchange install path (C:, C:\\Program Files\\Microsoft\\Exchange Server\\V15\\).</summary>
    public bool HostPaths { get; init; }
    /// <summary>The status the non-compliant facts give (Open unless the check text leaves it to a person).</summary>
    public ChecklistStatus BadStatus { get; init; } = ChecklistStatus.Open;

    /// <summary>One command, one object.</summary>
    public static ServerCase One(string command, Func<JObject> good, Action<JObject> bad, string oddProperty, JToken oddValue,
        Action<JObject>? otherServer, params (string Property, JToken Value)[] same) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase) { [command] = [good()] },
        Break = d => bad(d[command][0]),
        OddCommand = command, OddProperty = oddProperty, OddValue = oddValue, OtherServer = otherServer,
        SameMeaning = same.Select(s => (command, s.Property, s.Value)).ToArray(),
    };

    /// <summary>A check that only shows evidence: the objects to show.</summary>
    public static ServerCase Evidence(string command, params Func<JObject>[] objects) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase) { [command] = objects.Select(o => o()).ToArray() },
        Break = _ => { },
    };

    /// <summary>A check no command informs.</summary>
    public static ServerCase Person() => new() { Good = () => new(StringComparer.OrdinalIgnoreCase), Break = _ => { } };
}

/// <summary>
/// Drives the tests of one catalog file: every binding in every shared benchmark release whose check text it
/// binds, against the real benchmark rule.
/// </summary>
static class ServerHarness
{
    public const string Host = "EXTEST01";
    public const string Other = "EXMBX99";
    public static readonly JToken Junk = new JObject { ["unexpected"] = new JArray(1, 2) };

    public static IReadOnlySet<string> ChecksOf(string catalogFile) =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "CklGen.Core", "Evaluation", "Catalog", catalogFile)))["checks"]!
            .Select(c => (string)c["id"]!).ToHashSet(StringComparer.Ordinal);

    public static RuleBinding? Binding(BenchmarkRule rule) =>
        RuleCatalog.BuiltIn.BindingsFor(rule.VulnId).FirstOrDefault(b => b.Text == CheckText.Fingerprint(rule.CheckContent));

    public static TheoryData<string, string> Rules(string catalogFile)
    {
        var ids = ChecksOf(catalogFile);
        var data = new TheoryData<string, string>();
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (Binding(rule) is { } b && ids.Contains(b.Check))
                    data.Add(file, rule.VulnId);
        return data;
    }

    public static (BenchmarkRule Rule, RuleBinding Binding, CheckDefinition Check) Setup(string file, string vulnId)
    {
        var rule = SharedBenchmarks.Rule(file, vulnId);
        var binding = Binding(rule)!;
        return (rule, binding, RuleCatalog.BuiltIn.Check(binding.Check));
    }

    static IEnumerable<CheckDefinition> Parts(CheckDefinition check) => check.IsComposite ? check.All.Select(RuleCatalog.BuiltIn.Check) : [check];

    /// <summary>Only a person can finish it: manual, or made of a manual part.</summary>
    static bool ForAPerson(CheckDefinition check) => Parts(check).Any(p => p.Manual is not null);

    public static IReadOnlyList<string> Commands(CheckDefinition check) =>
        Parts(check).Select(p => p.Command).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public const string SystemDrive = "C:";
    public const string InstallPath = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\";

    /// <summary>Facts with the host's paths, read from a snapshot file as the reader reads it.</summary>
    public static FactsSnapshot FactsWithHostPaths(Dictionary<string, JObject[]> commands)
    {
        var json = new JObject
        {
            ["cklgenFacts"] = 1,
            ["host"] = new JObject { ["name"] = Host, ["systemDrive"] = SystemDrive, ["exchangeInstallPath"] = InstallPath },
            ["commands"] = new JObject(commands.Select(c => new JProperty(c.Key, new JArray(c.Value)))),
            ["errors"] = new JObject(),
        };
        var dir = Path.Combine(Path.GetTempPath(), $"cklgen-mbx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "test-facts.json");
        try { File.WriteAllText(path, json.ToString()); return FactsReader.Read(path); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static FactsSnapshot Facts(ServerCase c, Dictionary<string, JObject[]> commands) => c.HostPaths ? FactsWithHostPaths(commands) : Facts(commands);

    public static FactsSnapshot Facts(Dictionary<string, JObject[]> commands)
    {
        var b = new FactsBuilder();
        foreach (var (cmd, objs) in commands) b.With(cmd, objs);
        return b.Build();
    }

    public static RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts, SitePolicy? policy) =>
        new Evaluator(RuleCatalog.BuiltIn, policy, new DateOnly(2026, 12, 1)).Evaluate(rule, facts);

    public static string Say(string vulnId, RuleResult r) => $"{vulnId} ({r.CheckId}): {r.Status}\n{r.FindingDetails}";

    static string Show(JToken? t) => t?.ToString(Newtonsoft.Json.Formatting.None) ?? "null";

    // ---- the cases every rule gets

    public static void Compliant(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var c = cases(check);
        var result = Evaluate(rule, Facts(c, c.Good()), policy);
        Assert.True(result.Automated);
        Assert.Contains("CklGen", result.Comments);
        if (ForAPerson(check))
        {
            Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
            foreach (var p in Parts(check).Where(p => p.Manual is not null))
            {
                Assert.Contains(p.Manual!, result.FindingDetails);
                var shown = c.Good().GetValueOrDefault(p.Command, []).SelectMany(o => p.Evidence.Select(e => o[e]))
                    .Where(v => v is JValue { Type: JTokenType.String or JTokenType.Integer }).ToList();
                // Evidence is shown as the facts wrote it (a JSON string, backslashes escaped).
                foreach (var v in shown) Assert.Contains(v.ToString(Newtonsoft.Json.Formatting.None).Trim('"'), result.FindingDetails);
                if (p.Command.Length > 0) Assert.NotEmpty(shown);
            }
            // A composite's other parts are decided and said, even though a person must finish the rule.
            if (check.IsComposite) Assert.DoesNotContain("NOT COMPLIANT", result.FindingDetails);
            return;
        }
        Assert.True(result.Status == ChecklistStatus.NotAFinding, Say(vulnId, result));
        Assert.Contains("test-facts.json", result.FindingDetails);
    }

    public static void NonCompliant(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var c = cases(check);
        var facts = c.Good();
        c.Break(facts);
        var result = Evaluate(rule, Facts(c, facts), policy);
        Assert.True(result.Status == c.BadStatus, Say(vulnId, result));
        if (c.BadStatus == ChecklistStatus.Open && !c.GoodIsNone && facts.Values.All(v => v.Length > 0))
            Assert.Contains("NOT COMPLIANT", result.FindingDetails);
    }

    public static void Absent(string file, string vulnId)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var result = Evaluate(rule, new FactsBuilder().Build(), null);
        Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
        if (Commands(check).Count == 0) { Assert.Contains(check.Manual!, result.FindingDetails); return; }
        Assert.Contains(Commands(check)[0], result.FindingDetails);
        Assert.Contains("not collected", result.FindingDetails);
    }

    public static void Failed(string file, string vulnId)
    {
        var (rule, _, check) = Setup(file, vulnId);
        if (Commands(check).Count == 0) return;
        var b = new FactsBuilder();
        foreach (var cmd in Commands(check)) b.Failed(cmd, "The operation couldn't be performed because object couldn't be found.");
        var result = Evaluate(rule, b.Build(), null);
        Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
        Assert.Contains("failed", result.FindingDetails);
        Assert.Contains("object couldn't be found", result.FindingDetails);
    }

    /// <summary>A value no reader accepts decides nothing; other forms of the compliant values mean the same.</summary>
    public static void OddForms(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        if (check.Manual is not null) return;
        var c = cases(check);
        if (c.OddCommand.Length > 0)
        {
            var odd = c.Good();
            if (c.GoodIsNone) { c.Break(odd); }
            odd[c.OddCommand][0][c.OddProperty] = c.OddValue.DeepClone();
            var result = Evaluate(rule, Facts(c, odd), policy);
            Assert.True(result.Status == ChecklistStatus.NotReviewed, Say(vulnId, result));
            Assert.Contains(c.OddProperty, result.FindingDetails, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("NOT JUDGED", result.FindingDetails);
        }
        var want = ForAPerson(check) ? ChecklistStatus.NotReviewed : ChecklistStatus.NotAFinding;
        foreach (var (cmd, prop, value) in c.SameMeaning)
        {
            var same = c.Good();
            same[cmd][0][prop] = value?.DeepClone() ?? JValue.CreateNull();
            var result = Evaluate(rule, Facts(c, same), policy);
            Assert.True(result.Status == want, $"{prop} = {Show(value)}: " + Say(vulnId, result));
            if (check.IsComposite) Assert.DoesNotContain("NOT COMPLIANT", result.FindingDetails);
        }
    }

    /// <summary>ConvertTo-Json writes a command that returned one object as that object, not a list: read from a real snapshot file.</summary>
    public static void SingleObjectForList(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var c = cases(check);
        if (c.GoodIsNone || Commands(check).Count == 0) return;
        var commands = new JObject();
        foreach (var (cmd, objs) in c.Good()) commands[cmd] = objs.Length == 1 ? objs[0] : new JArray(objs);
        var host = c.HostPaths ? new JObject { ["name"] = Host, ["systemDrive"] = SystemDrive, ["exchangeInstallPath"] = InstallPath } : new JObject { ["name"] = Host };
        var snapshot = new JObject { ["cklgenFacts"] = 1, ["host"] = host, ["commands"] = commands, ["errors"] = new JObject() };
        var path = Path.Combine(Path.GetTempPath(), $"cklgen-mbx-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, snapshot.ToString());
            var result = Evaluate(rule, FactsReader.Read(path), policy);
            var want = ForAPerson(check) ? ChecklistStatus.NotReviewed : ChecklistStatus.NotAFinding;
            Assert.True(result.Status == want, Say(vulnId, result));
        }
        finally { File.Delete(path); }
    }

    /// <summary>Another server's non-compliant object decides nothing here: beside this server's compliant one, and alone.</summary>
    public static void OtherServersObjects(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var c = cases(check);
        if (c.OtherServer is null || c.GoodIsNone || check.IsComposite) return;
        var broken = c.Good();
        c.Break(broken);
        var command = Commands(check)[0];
        if (broken[command].Length == 0) return;
        var theirs = broken[command].Select(o => { var x = (JObject)o.DeepClone(); c.OtherServer(x); return x; }).ToArray();

        var both = c.Good();
        both[command] = [.. both[command], .. theirs];
        var result = Evaluate(rule, Facts(c, both), policy);
        var want = ForAPerson(check) ? ChecklistStatus.NotReviewed : ChecklistStatus.NotAFinding;
        Assert.True(result.Status == want, Say(vulnId, result));
        if (check.Manual is null) Assert.Contains("another server's", result.FindingDetails);

        var alone = c.Good();
        alone[command] = theirs;
        var only = Evaluate(rule, Facts(c, alone), policy);
        var none = check.Manual is not null ? ChecklistStatus.NotReviewed
            : (check.OnNone ?? (RuleCatalog.BuiltIn.ObjectsOf(check.Command).AlwaysPresent ? NoObjects.NotReviewed : NoObjects.NotApplicable)) switch { NoObjects.Open => ChecklistStatus.Open, NoObjects.NotReviewed => ChecklistStatus.NotReviewed, NoObjects.NotAFinding => ChecklistStatus.NotAFinding, _ => ChecklistStatus.NotApplicable };
        Assert.True(only.Status == none, Say(vulnId, only));
        Assert.DoesNotContain("NOT COMPLIANT", only.FindingDetails);
    }

    /// <summary>The collector asks for every command the catalog's checks read, keyed as the checks key them.</summary>
    public static void CollectorCollects(string catalogFile)
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "templates", "collectors", "Collect-ExchangeFacts.ps1"));
        var missing = ChecksOf(catalogFile).Select(RuleCatalog.BuiltIn.Check).Select(c => c.Command).Where(c => c.Length > 0).Distinct()
            .Where(c => !script.Contains($"'{c}'") && !script.Contains($"\"{c}\"")).ToList();
        Assert.True(missing.Count == 0, "Collect-ExchangeFacts.ps1 does not collect: " + string.Join(", ", missing));
    }

    public static void ChangedText(string file, string vulnId, Func<CheckDefinition, ServerCase> cases, SitePolicy policy)
    {
        var (rule, _, check) = Setup(file, vulnId);
        var revised = new BenchmarkRule
        {
            VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId,
            CheckContent = rule.CheckContent.Replace("this is a finding", "this is a finding unless the ISSM agrees"),
        };
        if (revised.CheckContent == rule.CheckContent) revised = new BenchmarkRule { VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, CheckContent = rule.CheckContent + " Revised." };
        var cc = cases(check);
        var result = Evaluate(revised, Facts(cc, cc.Good()), policy);
        Assert.Equal(ChecklistStatus.NotReviewed, result.Status);
        Assert.Contains("DISA revised this rule's check text", result.FindingDetails);
    }
}
