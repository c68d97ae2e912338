using System.Globalization;
using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Evaluation;

/// <summary>
/// Decides rules from a facts snapshot by interpreting the catalog's checks. Never guesses: a
/// missing command, a failed one, a value of unknown form or a changed check text leaves the rule
/// Not_Reviewed with the reason in the finding details.
/// </summary>
public sealed class Evaluator
{
    readonly RuleCatalog catalog;
    readonly SitePolicy? policy;
    readonly DateOnly today;

    public Evaluator(RuleCatalog catalog, SitePolicy? policy = null, DateOnly? today = null)
    {
        this.catalog = catalog;
        this.policy = policy;
        this.today = today ?? DateOnly.FromDateTime(DateTime.UtcNow);
    }

    public IReadOnlyList<RuleResult> Evaluate(Benchmark benchmark, FactsSnapshot facts) =>
        benchmark.Rules.Select(r => Evaluate(r, facts)).ToList();

    public RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts)
    {
        var bindings = catalog.BindingsFor(rule.VulnId).ToList();
        if (bindings.Count == 0)
            return new RuleResult { VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId };

        var fingerprint = CheckText.Fingerprint(rule.CheckContent);
        var binding = bindings.FirstOrDefault(b => b.Text == fingerprint);
        if (binding is null)
        {
            var known = bindings[0];
            return new RuleResult
            {
                VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, Automated = true, CheckId = known.Check,
                Status = ChecklistStatus.NotReviewed,
                FindingDetails =
                    $"Not reviewed: DISA revised this rule's check text. CklGen's automation for {rule.VulnId} was written against " +
                    $"{string.Join("; ", bindings.Select(b => $"{b.WrittenAgainst} (check text {b.Text})"))}; this benchmark's check text " +
                    $"has fingerprint {fingerprint}. CklGen gives no verdict from logic written for another text: review this rule by hand.",
                Comments = Comment(known),
            };
        }

        var check = catalog.Check(binding.Check);
        var result = new Run(this, rule, binding, check, facts).Execute();
        return result;
    }

    static string Comment(RuleBinding b) =>
        $"Automated by {CklGenInfo.Product} {CklGenInfo.Version}: check '{b.Check}' for {b.VulnId} ({b.StigId}), " +
        $"written against {b.WrittenAgainst}, check text {b.Text}.";

    enum Verdict { Pass, Fail, Unknown }

    /// <summary>One rule's evaluation: collects per-object lines and notes, then decides.</summary>
    sealed class Run(Evaluator ev, BenchmarkRule rule, RuleBinding binding, CheckDefinition check, FactsSnapshot facts)
    {
        readonly List<string> notes = [];

        public RuleResult Execute()
        {
            if (binding.NotApplicableInSipr && ev.policy?.IsSipr == true)
                return Result(ChecklistStatus.NotApplicable,
                    $"Not applicable: the check text says this rule does not apply to SIPR enclaves, and the site policy ({ev.policy.SourcePath}) sets enclave SIPR.");

            var lookup = facts.Lookup(check.Command);
            if (lookup.State == CommandState.Absent)
                return Result(ChecklistStatus.NotReviewed,
                    $"Not reviewed: {check.Command} was not collected in {Path.GetFileName(facts.SourcePath.TrimEnd('/', '\\'))}. Collect it (see templates/collectors) and evaluate again.");
            if (lookup.State == CommandState.Failed)
                return Result(ChecklistStatus.NotReviewed,
                    $"Not reviewed: {check.Command} failed when the facts were collected: {lookup.Error}\n\n{Source(null)}");

            var output = lookup.Output!;
            var noun = Noun(check.Command);
            if (check.Manual is not null) return Manual(output, noun);
            if (output.Objects.Count == 0)
                return Result(ChecklistStatus.NotApplicable,
                    $"Not applicable: {check.Command} returned no {noun}s, so there is nothing this rule governs.\n\n{Source(output)}");

            // Verdict null: the object is out of this rule's scope.
            var blocks = new List<(string Name, Verdict? Verdict, List<string> Lines)>();
            var inScope = 0;
            foreach (var obj in output.Objects)
            {
                var (scopeVerdict, scopeLine) = Scope(obj);
                if (scopeVerdict == false) { blocks.Add((obj.DisplayName, null, [scopeLine!])); continue; }
                var lines = new List<string>();
                if (scopeLine is not null) lines.Add(scopeLine);
                Verdict v;
                if (scopeVerdict is null) { v = Verdict.Unknown; lines.Add("  cannot tell whether this rule applies to it"); }
                else { inScope++; v = Object(obj, lines); }
                blocks.Add((obj.DisplayName, v, lines));
            }

            var failed = blocks.Count(b => b.Verdict == Verdict.Fail);
            var unknown = blocks.Count(b => b.Verdict == Verdict.Unknown);
            ChecklistStatus status;
            string headline;
            var scopeWord = check.Scope switch { CheckScope.InternetFacing => "internet-facing ", CheckScope.Internal => "internal ", _ => "" };
            if (failed > 0) { status = ChecklistStatus.Open; headline = $"Open: {failed} of {inScope + unknown} {scopeWord}{noun}(s) not compliant."; }
            else if (unknown > 0) { status = ChecklistStatus.NotReviewed; headline = $"Not reviewed: {unknown} {noun}(s) could not be judged from the facts (reasons below); none was found non-compliant."; }
            else if (inScope == 0) { status = ChecklistStatus.NotApplicable; headline = $"Not applicable: no {scopeWord}{noun}s among the {output.Objects.Count} returned."; }
            else { status = ChecklistStatus.NotAFinding; headline = $"Not a finding: all {inScope} {scopeWord}{noun}(s) compliant."; }

            var sb = new StringBuilder(headline).Append("\n\n");
            foreach (var (name, verdict, lines) in blocks)
            {
                var mark = verdict switch { null => "out of scope", Verdict.Fail => "NOT COMPLIANT", Verdict.Unknown => "NOT JUDGED", _ => "compliant" };
                sb.Append(Cap(noun)).Append(" \"").Append(name).Append("\": ").Append(mark).Append('\n');
                foreach (var l in lines) sb.Append(l).Append('\n');
            }
            if (check.Note is not null) notes.Insert(0, check.Note);
            foreach (var n in notes.Distinct()) sb.Append('\n').Append(n);
            sb.Append("\n\n").Append(Source(output));
            return Result(status, sb.ToString().Replace("\n\n\n", "\n\n"));
        }

        RuleResult Manual(CommandOutput output, string noun)
        {
            var sb = new StringBuilder($"Not reviewed: {check.Manual}\n\n");
            if (output.Objects.Count == 0) sb.Append($"{check.Command} returned no {noun}s.\n");
            foreach (var obj in output.Objects)
            {
                sb.Append(Cap(noun)).Append(" \"").Append(obj.DisplayName).Append("\"\n");
                foreach (var p in check.Evidence)
                    sb.Append("  ").Append(p).Append(": ").Append(obj.Get(p) is { } t ? ValueForms.Describe(t) : "(not collected)").Append('\n');
            }
            sb.Append('\n').Append(Source(output));
            return Result(ChecklistStatus.NotReviewed, sb.ToString());
        }

        /// <summary>true = in scope, false = out of scope, null = cannot tell; with a line saying why.</summary>
        (bool? InScope, string? Line) Scope(FactObject obj)
        {
            if (check.Scope == CheckScope.All) return (true, null);
            var (facing, how) = InternetFacing(obj);
            if (facing is null) return (null, "  internet-facing? " + how);
            var line = $"  {(facing.Value ? "internet-facing" : "internal")} ({how})";
            return (check.Scope == CheckScope.InternetFacing ? facing : !facing, line);
        }

        (bool? Facing, string How) InternetFacing(FactObject obj)
        {
            var send = check.Command.Equals("Get-SendConnector", StringComparison.OrdinalIgnoreCase);
            var listed = send ? ev.policy?.InternetFacingSend : ev.policy?.InternetFacingReceive;
            if (listed is not null)
            {
                var name = obj.Get("Name")?.ToString();
                var identity = obj.Get("Identity")?.ToString();
                var hit = listed.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || string.Equals(n, identity, StringComparison.OrdinalIgnoreCase));
                return (hit, $"site policy {(hit ? "lists" : "does not list")} it under internetFacing.{(send ? "sendConnectors" : "receiveConnectors")}");
            }
            var prop = send ? "AddressSpaces" : "RemoteIPRanges";
            var raw = obj.Get(prop);
            if (raw is null) return (null, $"cannot tell: {prop} was not collected and the site policy does not list internet-facing connectors");
            var read = ValueForms.Read(ValueKind.Multi, raw);
            if (!read.Ok) return (null, $"cannot tell: {prop} could not be read ({read.Problem})");
            var items = (IReadOnlyList<string>)read.Value!;
            if (send)
            {
                var any = items.Any(IsWildcardAddressSpace);
                return (any, $"inferred: AddressSpaces {(any ? "includes" : "has no")} the wildcard \"*\" (routes to any domain){Policy()}");
            }
            var all = items.Any(IsWholeAddressRange);
            return (all, $"inferred: RemoteIPRanges {(all ? "accepts" : "does not accept")} every address{Policy()}");

            static string Policy() => "; name internet-facing connectors in the site policy to override";
        }

        Verdict Object(FactObject obj, List<string> lines)
        {
            var verdict = Verdict.Pass;
            foreach (var a in check.Assert)
            {
                var v = Assert(obj, a, lines);
                if (v == Verdict.Fail) verdict = Verdict.Fail;
                else if (v == Verdict.Unknown && verdict == Verdict.Pass) verdict = Verdict.Unknown;
            }
            return verdict;
        }

        Verdict? Conditions(FactObject obj, Assertion a, List<string> lines)
        {
            foreach (var w in a.When)
            {
                var actual = ReadActual(obj, w, out var problem);
                if (actual is null) { lines.Add($"  {a.Property}: not judged: the condition on {w.Property} could not be read ({problem})"); return Verdict.Unknown; }
                var expected = ResolveExpected(w, out var eProblem, out _);
                if (expected is null && Predicates.NeedsExpected(w.Op)) { lines.Add($"  {a.Property}: not judged: {eProblem}"); return Verdict.Unknown; }
                if (!Predicates.Test(w.Op, w.Kind, actual, expected)) return Verdict.Pass; // condition does not hold: nothing to assert
            }
            return null;
        }

        Verdict Assert(FactObject obj, Assertion a, List<string> lines)
        {
            if (Conditions(obj, a, lines) is { } early) return early;
            var why = a.Why is null ? "" : $" ({a.Why})";
            var actual = ReadActual(obj, a, out var problem);
            if (actual is null) { lines.Add($"  {a.Property}: not judged: {problem}"); return Verdict.Unknown; }
            var expected = ResolveExpected(a, out var eProblem, out var expectedNote);
            if (expected is null && (Predicates.NeedsExpected(a.Op)))
            {
                lines.Add($"  {a.Property} = {Predicates.Show(actual)}: not judged: {eProblem}");
                return Verdict.Unknown;
            }
            if (expectedNote is not null) notes.Add(expectedNote);
            var want = Predicates.Describe(a.Op, expected is null ? null : Predicates.Show(expected));
            if (Predicates.Test(a.Op, a.Kind, actual, expected))
            {
                lines.Add($"  {a.Property} = {Predicates.Show(actual)}{why}");
                return Verdict.Pass;
            }
            if (check.EdspDeviation && ev.policy is not null)
            {
                var dev = ev.policy.DeviationFor([rule.VulnId, rule.StigId, rule.RuleId, rule.RuleIdBase, .. rule.LegacyIds],
                    obj.DisplayName, obj.Get("Identity")?.ToString(), ev.today);
                if (dev is not null)
                {
                    lines.Add($"  {a.Property} = {Predicates.Show(actual)}; STIG expects {want}; accepted deviation: {dev.Reference}" +
                              (dev.Expires is { } x ? $" (until {x:yyyy-MM-dd})" : "") + why);
                    return Verdict.Pass;
                }
            }
            lines.Add($"  {a.Property} = {Predicates.Show(actual)}; expected {want}{why}");
            return Verdict.Fail;
        }

        /// <summary>The property's value read as the assertion's kind, or null with the problem.</summary>
        object? ReadActual(FactObject obj, Assertion a, out string? problem)
        {
            problem = null;
            var raw = obj.Get(a.Property);
            if (raw is null) { problem = $"{a.Property} is not in the collected output of {check.Command}"; return null; }
            // A property that is present but null is "not set": it equals no expected value.
            if (ValueForms.IsNull(raw) && a.Kind is ValueKind.Text or ValueKind.Enum) return "";
            if (ValueForms.IsNull(raw) && a.Kind is ValueKind.Multi or ValueKind.Flags) return (IReadOnlyList<string>)[];
            var read = ValueForms.Read(a.Kind, raw, KnownEnum(a.Enum));
            if (!read.Ok) { problem = $"value {ValueForms.Describe(raw)} could not be read as {a.Kind}: {read.Problem}"; return null; }
            return read.Value ?? (a.Kind == ValueKind.Text ? "" : null);
        }

        /// <summary>Site policy value, else the STIG's (with binding parameters), else another command's property.</summary>
        object? ResolveExpected(Assertion a, out string? problem, out string? note)
        {
            problem = null;
            note = null;
            if (a.Org is not null && ev.policy?.OrgValue(a.Org) is { } org)
            {
                var read = ValueForms.Read(a.Kind is ValueKind.Flags ? ValueKind.Multi : a.Kind, org);
                if (!read.Ok) throw new InputException(ev.policy.SourcePath, $"cannot be read as {a.Kind}: {read.Problem}", a.Org);
                note = $"Expected {a.Property} comes from the site policy ({ev.policy.SourcePath}, {a.Org}).";
                return read.Value;
            }
            if (a.Expected is not null)
            {
                var token = a.Expected;
                if (token.Type == JTokenType.String && token.Value<string>() is { } s && s.StartsWith('{') && s.EndsWith('}'))
                {
                    var key = s[1..^1];
                    if (!binding.Params.TryGetValue(key, out var p))
                        throw new CklGenException($"rule catalog: binding {binding.VulnId} lacks parameter '{key}'");
                    token = new JValue(p);
                }
                var kind = token.Type == JTokenType.Array ? ValueKind.Multi : a.Kind;
                var read = ValueForms.Read(kind, token);
                if (!read.Ok) throw new CklGenException($"rule catalog: check '{check.Id}': expected value {token} is not a {a.Kind}: {read.Problem}");
                if (a.Org is not null && check.EdspDeviation)
                    note = $"Expected {a.Property} is the STIG's stated value; the EDSP may document another with signoff and risk acceptance (site policy: values.{a.Org}, or a deviation).";
                else if (a.Org is not null)
                    note = $"Expected {a.Property} is the STIG's stated value; the EDSP may document another (site policy: values.{a.Org}).";
                return read.Value;
            }
            if (a.ExpectedFrom is { } from)
            {
                var src = facts.Lookup(from.Command);
                var global = $"the global value {from.Property} from {from.Command}";
                var hint = a.Org is null ? "" : $", or set values.{a.Org} in the site policy";
                switch (src.State)
                {
                    case CommandState.Absent: problem = $"{global} is needed but {from.Command} was not collected{hint}"; return null;
                    case CommandState.Failed: problem = $"{global} is needed but {from.Command} failed: {src.Error}"; return null;
                }
                var objs = src.Output!.Objects;
                if (objs.Count != 1) { problem = $"{global} is needed but {from.Command} returned {objs.Count} objects, not one"; return null; }
                var raw = objs[0].Get(from.Property);
                if (raw is null) { problem = $"{global} is needed but {from.Command} output has no {from.Property}{hint}"; return null; }
                var read = ValueForms.Read(a.Kind, raw);
                if (!read.Ok) { problem = $"{global} {ValueForms.Describe(raw)} could not be read: {read.Problem}"; return null; }
                note = $"Expected {a.Property} is {global} ({Predicates.Show(read.Value)}){(a.Org is null ? "" : $"; the EDSP may document another (site policy: values.{a.Org})")}.";
                return read.Value;
            }
            if (a.Org is not null)
            {
                problem = a.Org switch
                {
                    "internalSmtpDomain" => "the internal SMTP domain is organization-defined and the site policy does not give it (set internalSmtpDomain)",
                    _ => $"the value is organization-defined and the site policy does not give it (set {a.Org})",
                };
                return null;
            }
            return null; // ops that need no expected value
        }

        string Source(CommandOutput? output)
        {
            var when = facts.CollectedAt is { Length: > 0 } t ? $"collected {t}" : "collection time not recorded";
            var by = facts.Collector is { Length: > 0 } c ? $" by {c}" : "";
            // The file name, not the path: the path is the ISSO's machine, the name is what the package holds.
            var file = Path.GetFileName((output?.SourceFile ?? facts.SourcePath).TrimEnd('/', '\\'));
            return $"Facts: {check.Command} from {file}, {when}{by}; host {facts.Host.Name ?? "(unnamed)"}.";
        }

        RuleResult Result(ChecklistStatus status, string details) => new()
        {
            VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, Status = status,
            FindingDetails = details.TrimEnd(), Comments = Comment(binding), Automated = true, CheckId = check.Id,
        };
    }

    /// <summary>Integer values of the Exchange enum a catalog entry names, where known for certain.</summary>
    static IReadOnlyDictionary<long, string>? KnownEnum(string? name) => name switch
    {
        "TlsAuthLevel" => ExchangeEnums.TlsAuthLevel,
        "PermissionGroups" => ExchangeEnums.PermissionGroups,
        "AuthMechanisms" => ExchangeEnums.ReceiveAuthMechanisms,
        null => null,
        _ => throw new CklGenException($"rule catalog: unknown enum '{name}'"),
    };

    static string Noun(string command) => command.ToLowerInvariant() switch
    {
        "get-sendconnector" => "send connector",
        "get-receiveconnector" => "receive connector",
        _ => "object",
    };

    static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"SMTP:*;1", "smtp:*", "*" route to any domain.</summary>
    internal static bool IsWildcardAddressSpace(string entry)
    {
        var s = entry.Trim().Trim('[', ']');
        var colon = s.IndexOf(':');
        if (colon >= 0) s = s[(colon + 1)..];
        var semi = s.IndexOf(';');
        if (semi >= 0) s = s[..semi];
        return s.Trim() == "*";
    }

    /// <summary>The whole IPv4 or IPv6 space, as Exchange writes it in RemoteIPRanges.</summary>
    internal static bool IsWholeAddressRange(string entry)
    {
        var s = entry.Trim().ToLowerInvariant().Replace(" ", "");
        return s is "0.0.0.0-255.255.255.255" or "0.0.0.0/0" or "::/0" or "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    }
}
