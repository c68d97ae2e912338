using System.Text;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Facts;
using Newtonsoft.Json.Linq;

namespace CklGen.Evaluation;

/// <summary>
/// Decides rules from a facts snapshot by interpreting the catalog's checks. Never guesses: a missing command, a
/// failed one, a value of unknown form, another server's objects, an unclassified connector whose class would change
/// the verdict, an organization-defined value the policy does not give or a changed check text leave the rule
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

    /// <summary>Evaluate even when the facts are for another Exchange product or role than the benchmark (every detail says so).</summary>
    public bool AllowMismatch { get; init; }

    /// <summary>Evaluates every rule; refuses (<see cref="ApplicabilityException"/>) facts for another product or role unless allowed.</summary>
    public IReadOnlyList<RuleResult> Evaluate(Benchmark benchmark, FactsSnapshot facts)
    {
        var fit = Applicability.Of(benchmark, facts);
        if (fit.Mismatch is not null && !AllowMismatch) throw new ApplicabilityException(facts.SourcePath, fit.Mismatch);
        var context = new List<string>();
        if (fit.Mismatch is not null)
            context.Add($"Evaluated against facts for another server type because the mismatch was explicitly allowed (--allow-mismatch): {fit.Mismatch}. Treat these verdicts with care.");
        context.AddRange(fit.Unconfirmed);
        return benchmark.Rules.Select(r => Evaluate(r, facts, context)).ToList();
    }

    public RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts) => Evaluate(rule, facts, []);

    RuleResult Evaluate(BenchmarkRule rule, FactsSnapshot facts, IReadOnlyList<string> context)
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
        return check.IsComposite ? Composite(rule, binding, check, facts, context) : new Run(this, rule, binding, check, facts, context).Execute();
    }

    /// <summary>A check made of checks (a text naming several commands): Open if any part is, Not_Reviewed if any cannot be judged.</summary>
    RuleResult Composite(BenchmarkRule rule, RuleBinding binding, CheckDefinition check, FactsSnapshot facts, IReadOnlyList<string> context)
    {
        var parts = check.All.Select(id => (Id: id, Result: new Run(this, rule, binding, catalog.Check(id), facts, []).Execute())).ToList();
        int Count(ChecklistStatus s) => parts.Count(p => p.Result.Status == s);
        var (status, headline) =
            Count(ChecklistStatus.Open) > 0 ? (ChecklistStatus.Open, $"Open: {Count(ChecklistStatus.Open)} of the {parts.Count} parts of this check find a finding.")
            : Count(ChecklistStatus.NotReviewed) > 0 ? (ChecklistStatus.NotReviewed, $"Not reviewed: {Count(ChecklistStatus.NotReviewed)} of the {parts.Count} parts of this check could not be decided (below); none finds a finding.")
            : Count(ChecklistStatus.NotApplicable) == parts.Count ? (ChecklistStatus.NotApplicable, $"Not applicable: none of the {parts.Count} parts of this check governs anything on this server.")
            : (ChecklistStatus.NotAFinding, $"Not a finding: all {parts.Count} parts of this check are met.");
        var sb = new StringBuilder(headline).Append("\n");
        for (var i = 0; i < parts.Count; i++)
            sb.Append($"\n--- Part {i + 1} of {parts.Count} ({parts[i].Id}) ---\n").Append(parts[i].Result.FindingDetails).Append('\n');
        if (binding.Note is not null) sb.Append('\n').Append(binding.Note).Append('\n');
        if (check.Note is not null) sb.Append('\n').Append(check.Note).Append('\n');
        foreach (var n in context) sb.Append('\n').Append(n);
        return new RuleResult
        {
            VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, Status = status, FindingDetails = sb.ToString().TrimEnd(),
            Comments = Comment(binding), Automated = true, CheckId = check.Id,
            Warnings = parts.SelectMany(p => p.Result.Warnings).Distinct().ToList(),
        };
    }

    static string Comment(RuleBinding b) =>
        $"Automated by {CklGenInfo.Product} {CklGenInfo.Version}: check '{b.Check}' for {b.VulnId} ({b.StigId}), " +
        $"written against {b.WrittenAgainst}, check text {b.Text}.";

    enum Verdict { Pass, Fail, Unknown }

    /// <summary>Whether an object is in the rule's scope: yes, no, or not said (unclassified by the policy).</summary>
    enum InScope { Yes, No, Maybe }

    sealed record Block(string Name, string Mark, List<string> Lines);

    /// <summary>One rule's evaluation: collects per-object lines and notes, then decides.</summary>
    sealed class Run(Evaluator ev, BenchmarkRule rule, RuleBinding binding, CheckDefinition check, FactsSnapshot facts, IReadOnlyList<string> context)
    {
        readonly List<string> notes = [];
        readonly List<string> warnings = [];
        readonly ObjectKind kind = ev.catalog.ObjectsOf(check.Command);
        /// <summary>The facts key: the check's command with any {Command.Property} path filled in from this server's object.</summary>
        string command = check.Command;
        readonly PolicyTarget target = new(facts.Host.Name, facts.Host.Fqdn,
            Generation.BenchmarkShelf.RolesOf(facts.ServerRole));
        string Noun => kind.Noun;

        /// <summary>What the details call an object: the first of the kind's name properties it has (a certificate's Thumbprint), else its Name or Identity.</summary>
        string NameOf(FactObject obj) =>
            kind.NameProperties.Select(obj.Get).FirstOrDefault(t => t is not null && !ValueForms.IsNull(t) && t.ToString().Trim().Length > 0)?.ToString().Trim() ?? obj.DisplayName;

        public RuleResult Execute()
        {
            if (binding.NotApplicableInSipr && ev.policy?.IsSipr == true)
                return Result(ChecklistStatus.NotApplicable,
                    $"Not applicable: the check text says this rule does not apply to SIPR enclaves, and the site policy ({ev.policy.FileName}) sets enclave SIPR.");

            if (check.Command.Length == 0)
            {
                var sb = new StringBuilder($"Not reviewed: {check.Manual}");
                foreach (var n in new[] { check.Note, binding.Note }.OfType<string>().Concat(context)) sb.Append("\n\n").Append(n);
                return Result(ChecklistStatus.NotReviewed, sb.ToString());
            }
            if (!FillPath(out var unfilled))
                return Result(ChecklistStatus.NotReviewed, $"Not reviewed: {unfilled}\n\n{Source(null)}");
            var lookup = command == HostCommand ? HostLookup() : facts.Lookup(command);
            // The same objects may be keyed as the check text writes its command line, or under the collector's wider command.
            foreach (var other in check.AlsoFrom)
            {
                if (lookup.State != CommandState.Absent) break;
                var alt = facts.Lookup(other);
                if (alt.State != CommandState.Absent) { lookup = alt; command = other; }
            }
            if (lookup.State == CommandState.Absent)
                return Result(ChecklistStatus.NotReviewed,
                    $"Not reviewed: {command} was not collected in {Path.GetFileName(facts.SourcePath.TrimEnd('/', '\\'))}. Collect it (see templates/collectors) and evaluate again.\n\n{Source(null)}");
            if (lookup.State == CommandState.Failed)
                return Result(ChecklistStatus.NotReviewed,
                    $"Not reviewed: {command} failed when the facts were collected: {lookup.Error}. Collect it again and evaluate again.\n\n{Source(lookup.Output)}");

            var output = lookup.Output!;
            var blocks = new List<Block>();
            var mine = new List<FactObject>();
            var unknownOwner = 0;
            foreach (var obj in output.Objects)
            {
                var (owned, why) = Owner(obj, output.Objects);
                if (owned == true) mine.Add(obj);
                else if (owned == false) blocks.Add(new Block(NameOf(obj), "out of scope", [$"  {why}"]));
                else { unknownOwner++; blocks.Add(new Block(NameOf(obj), "NOT JUDGED", [$"  {why}"])); }
            }

            if (check.Select.Count > 0)
            {
                var selected = new List<FactObject>();
                var aside = 0;
                foreach (var obj in mine)
                {
                    var (chosen, why) = Selected(obj);
                    if (chosen == true) selected.Add(obj);
                    else if (chosen == false) aside++;
                    else { unknownOwner++; blocks.Add(new Block(NameOf(obj), "NOT JUDGED", [$"  whether this rule is about it cannot be told: {why}"])); }
                }
                if (aside > 0) notes.Add($"{aside} other {Noun}(s) of this server left aside: this rule is about {SelectionWords()} only.");
                mine = selected;
            }

            if (check.Manual is not null) return Manual(output, mine, blocks);
            if (mine.Count == 0 && unknownOwner == 0 && (output.Objects.Count == 0 || check.Select.Count > 0 || OnNone != NoObjects.NotApplicable))
                return None(output, blocks);
            if (check.OnAny is not null) return Any(output, mine, blocks, unknownOwner);

            ReportUnmatchedPolicyNames(mine);
            var results = new List<(FactObject Obj, InScope Scope, Verdict Verdict)>();
            foreach (var obj in mine)
            {
                var lines = new List<string>();
                var scope = Scope(obj, lines);
                if (scope == InScope.No) { blocks.Add(new Block(NameOf(obj), "out of scope", lines)); continue; }
                var v = Object(obj, lines);
                results.Add((obj, scope, v));
                var mark = v switch { Verdict.Fail => "NOT COMPLIANT", Verdict.Unknown => "NOT JUDGED", _ => "compliant" };
                if (scope == InScope.Maybe) mark += " (if in scope)";
                blocks.Add(new Block(NameOf(obj), mark, lines));
            }

            if (check.Match == MatchMode.Any) return AnyMeets(output, blocks, results.Select(r => (r.Obj, r.Verdict)).ToList(), unknownOwner);

            var scopeWord = check.Scope switch { CheckScope.InternetFacing => "internet-facing ", CheckScope.Internal => "internal ", _ => "" };
            var sure = results.Where(r => r.Scope == InScope.Yes).ToList();
            var maybe = results.Where(r => r.Scope == InScope.Maybe).ToList();
            var settle = SettleKey();
            ChecklistStatus status;
            string headline;
            if (sure.Any(r => r.Verdict == Verdict.Fail))
            {
                status = ChecklistStatus.Open;
                headline = $"Open: {sure.Count(r => r.Verdict == Verdict.Fail)} of {sure.Count} {scopeWord}{Noun}(s) not compliant.";
                if (maybe.Count > 0) headline += $" ({maybe.Count} more the site policy does not classify.)";
            }
            else if (maybe.Any(r => r.Verdict == Verdict.Fail))
            {
                status = ChecklistStatus.NotReviewed;
                var failing = maybe.Where(r => r.Verdict == Verdict.Fail).Select(r => $"\"{NameOf(r.Obj)}\"");
                headline = $"Not reviewed: the verdict depends on which {Noun}s are {scopeWord.TrimEnd()}. {string.Join(", ", failing)} would be a finding if " +
                    $"{scopeWord.TrimEnd()}, and the site policy does not say whether it is; {settle}.";
            }
            else if (unknownOwner > 0 || results.Any(r => r.Verdict == Verdict.Unknown))
            {
                status = ChecklistStatus.NotReviewed;
                headline = $"Not reviewed: {unknownOwner + results.Count(r => r.Verdict == Verdict.Unknown)} {Noun}(s) could not be judged from the facts (reasons below); none was found non-compliant.";
            }
            else if (sure.Count > 0)
            {
                status = ChecklistStatus.NotAFinding;
                headline = $"Not a finding: all {sure.Count} {scopeWord}{Noun}(s) of this server compliant" +
                    (maybe.Count > 0 ? $", and the {maybe.Count} the site policy does not classify comply too." : ".");
            }
            else if (maybe.Count > 0)
            {
                status = ChecklistStatus.NotReviewed;
                headline = $"Not reviewed: {maybe.Count} {Noun}(s) comply, but the site policy does not say whether they are {scopeWord.TrimEnd()}: " +
                    $"Not a finding if any is, Not applicable if none is; {settle}.";
            }
            else
            {
                status = ChecklistStatus.NotApplicable;
                headline = output.Objects.Count == 0
                    ? $"Not applicable: {command} returned no {Noun}s, so there is nothing this rule governs."
                    : $"Not applicable: no {scopeWord}{Noun}s of this server among the {output.Objects.Count} returned.";
            }
            return Result(status, Compose(headline, blocks, output));
        }

        static readonly System.Text.RegularExpressions.Regex Slot = new(@"\{(?:host\.(?<host>exchangeInstallPath|systemDrive)|(?<cmd>Get-[A-Za-z]+)\.(?<prop>[A-Za-z]+))\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The pseudo-command whose one object is the host the facts describe (its name, system drive, install path).</summary>
        const string HostCommand = "@host";

        CommandLookup HostLookup() => new(HostCommand, CommandState.Collected, new CommandOutput
        {
            Command = HostCommand,
            SourceFile = facts.SourcePath,
            Objects = [new FactObject(new Dictionary<string, JToken?>
            {
                ["Name"] = facts.Host.Name, ["Fqdn"] = facts.Host.Fqdn,
                ["SystemDrive"] = facts.Host.SystemDrive, ["ExchangeInstallPath"] = facts.Host.ExchangeInstallPath,
            })],
        }, null);

        bool FillPath(out string problem)
        {
            var ok = Fill(check.Command, out var filled, out problem);
            command = filled;
            return ok;
        }

        /// <summary>
        /// Fills the slots of a command, property or value: "{host.exchangeInstallPath}", "{host.systemDrive}" from the facts'
        /// host, "{Get-TransportService.MessageTrackingLogPath}" from that property of this server's one object (a log folder's
        /// ACL is "Get-Acl -Path '&lt;the folder&gt;'"); false with why when one cannot be filled.
        /// </summary>
        bool Fill(string template, out string filled, out string problem)
        {
            problem = "";
            filled = template;
            foreach (System.Text.RegularExpressions.Match m in Slot.Matches(template))
            {
                string? value;
                if (m.Groups["host"].Success)
                {
                    var name = m.Groups["host"].Value;
                    value = name == "systemDrive" ? facts.Host.SystemDrive : facts.Host.ExchangeInstallPath;
                    if (string.IsNullOrWhiteSpace(value)) { problem = $"this rule needs the host's {name}, and the facts do not record it (host.{name})."; return false; }
                }
                else
                {
                    var from = m.Groups["cmd"].Value;
                    var prop = m.Groups["prop"].Value;
                    var src = facts.Lookup(from);
                    var what = $"this rule reads the folder in {prop} of {from}";
                    switch (src.State)
                    {
                        case CommandState.Absent: problem = $"{what}, and {from} was not collected."; return false;
                        case CommandState.Failed: problem = $"{what}, and {from} failed: {src.Error}."; return false;
                    }
                    var srcKind = ev.catalog.ObjectsOf(from);
                    var objs = src.Output!.Objects.Where(o => srcKind.Owner != ObjectOwner.Server
                        || (ListedOwner(o, srcKind) is { } listed ? listed.Owned != false : OwnerOf(o, srcKind.ServerProperty) is not { } s || !HostKnown || IsThisHost(s))).ToList();
                    if (objs.Count != 1) { problem = $"{what}, and {from} returned {objs.Count} objects of this server, not one."; return false; }
                    var raw = objs[0].Get(prop);
                    value = raw is null || ValueForms.IsNull(raw) ? null : raw.Type == JTokenType.String ? (string?)raw : (string?)raw["PathName"] ?? raw.ToString();
                    if (string.IsNullOrWhiteSpace(value)) { problem = $"{what}, and it is {(raw is null ? "not in the collected output" : "not set")}."; return false; }
                }
                // Folders without their trailing backslash, as the collector keys them ("...\V15", "...\V15\Logging").
                filled = filled.Replace(m.Value, value!.Trim().TrimEnd('\\'));
            }
            return true;
        }

        /// <summary>Whether the check's selection takes the object: true, false, or null (a property it needs cannot be read), with why.</summary>
        (bool? Chosen, string Why) Selected(FactObject obj)
        {
            foreach (var s in check.Select)
            {
                var actual = ReadActual(obj, s, out var problem, out _);
                if (actual is null) return (null, $"{s.Property} {problem}");
                var expected = ResolveExpected(obj, s, out var eProblem, out _);
                if (expected is null && Predicates.NeedsExpected(s.Op)) return (null, eProblem ?? "");
                if (!Predicates.Test(s.Op, s.Kind, actual, expected)) return (false, "");
            }
            return (true, "");
        }

        string SelectionWords() => check.Select.Count == 0 ? $"every {Noun}" : $"the {Noun}s whose " + string.Join(" and ", check.Select.Select(s =>
            s.Op is "equals" or "equalsIgnoreCase" ? $"{s.Property} is {Words(s.Expected)}" : $"{s.Property} is {Predicates.Describe(s.Op, Words(s.Expected))}"));

        /// <summary>A catalog value in words: a list as "a, b", not as JSON.</summary>
        static string? Words(JToken? t) => t is JArray a ? string.Join(", ", a.Select(x => x.ToString())) : t?.ToString();

        NoObjects OnNone => check.OnNone ?? (kind.AlwaysPresent ? NoObjects.NotReviewed : NoObjects.NotApplicable);

        /// <summary>No (selected) object of this server: the verdict the check text gives for that.</summary>
        RuleResult None(CommandOutput output, List<Block> blocks)
        {
            var what = check.Select.Count > 0 ? SelectionWords() : $"{Noun}s";
            var why0 = check.OnNoneWhy is null ? "" : $" {check.OnNoneWhy}";
            var returned = output.Objects.Count == 0 ? $"{command} returned nothing" : $"{command} returned none of {what} for this server";
            var why = check.OnNoneWhy is null && check.OnNone is null && kind.AlwaysPresent
                ? $" Exchange always returns this server's {Noun}: the collected output is incomplete."
                : why0;
            var (status, headline) = OnNone switch
            {
                NoObjects.Open => (ChecklistStatus.Open, $"Open: {returned}.{(why.Length > 0 ? why : " The check text makes that a finding.")}"),
                NoObjects.NotAFinding => (ChecklistStatus.NotAFinding, $"Not a finding: {returned}.{(why.Length > 0 ? why : " The check text finds only their presence.")}"),
                NoObjects.NotReviewed => (ChecklistStatus.NotReviewed, $"Not reviewed: {returned}, which does not settle this rule.{why}"),
                _ => (ChecklistStatus.NotApplicable, output.Objects.Count == 0
                    ? $"Not applicable: {command} returned no {Noun}s, so there is nothing this rule governs.{why}"
                    : $"Not applicable: {returned}, so there is nothing this rule governs.{why}"),
            };
            return Result(status, Compose(headline, blocks, output));
        }

        /// <summary>"match": "any": one object meeting the assertions is enough (an approved product among those installed).</summary>
        RuleResult AnyMeets(CommandOutput output, List<Block> blocks, List<(FactObject Obj, Verdict Verdict)> results, int unknown)
        {
            var meets = results.Where(r => r.Verdict == Verdict.Pass).ToList();
            // Only the objects that meet it, or could, are worth an assessor's reading; the rest are counted.
            var shown = blocks.Where(b => !b.Mark.StartsWith("NOT COMPLIANT", StringComparison.Ordinal)).ToList();
            var others = results.Count(r => r.Verdict == Verdict.Fail);
            if (others > 0) notes.Add($"{others} other {Noun}(s) of this server do not meet it.");
            if (meets.Count > 0)
                return Result(ChecklistStatus.NotAFinding, Compose($"Not a finding: {string.Join(", ", meets.Select(m => $"\"{m.Obj.DisplayName}\""))} meets the check (one {Noun} is enough).", shown.Where(b => b.Mark.StartsWith("compliant", StringComparison.Ordinal)).ToList(), output));
            if (unknown > 0 || results.Any(r => r.Verdict == Verdict.Unknown))
                return Result(ChecklistStatus.NotReviewed, Compose($"Not reviewed: no {Noun} of this server is known to meet the check, and {unknown + results.Count(r => r.Verdict == Verdict.Unknown)} could not be judged (reasons below).", shown, output));
            // None meets it: show what each was compared with (the first ones; the rest are counted).
            const int Shown = 20;
            if (results.Count > Shown) notes.Add($"{results.Count - Shown} more {Noun}(s) not shown; none meets it either.");
            notes.RemoveAll(n => n.EndsWith("do not meet it.", StringComparison.Ordinal));
            return Result(ChecklistStatus.Open, Compose($"Open: none of the {results.Count} {Noun}(s) of this server meets the check.", blocks.Take(Shown).ToList(), output));
        }

        /// <summary>"If any ... exist, this is a finding": every selected object of this server is one.</summary>
        RuleResult Any(CommandOutput output, List<FactObject> mine, List<Block> blocks, int unknown)
        {
            foreach (var obj in mine)
                blocks.Add(new Block(NameOf(obj), "FINDING (present)", check.Evidence.Select(p => $"  {p} = {(obj.Get(p) is { } t ? ShowRaw(t) : "(not collected)")}").ToList()));
            var why = check.OnNoneWhy is null ? "" : $" {check.OnNoneWhy}";
            if (mine.Count == 0)
                return Result(ChecklistStatus.NotReviewed, Compose($"Not reviewed: {unknown} {Noun}(s) could not be judged from the facts (reasons below); none was found to be this server's.", blocks, output));
            return Result(ChecklistStatus.Open, Compose($"Open: {mine.Count} {(check.Select.Count > 0 ? SelectionWords() : Noun + "(s)")} present on this server; the check text makes any a finding.", blocks, output));
        }

        string Compose(string headline, List<Block> blocks, CommandOutput output)
        {
            var sb = new StringBuilder(headline).Append("\n\n");
            foreach (var b in blocks)
            {
                sb.Append(Cap(Noun)).Append(" \"").Append(b.Name).Append("\": ").Append(b.Mark).Append('\n');
                foreach (var l in b.Lines) sb.Append(l).Append('\n');
            }
            if (binding.Note is not null) notes.Insert(0, binding.Note);
            if (check.Note is not null) notes.Insert(0, check.Note);
            foreach (var n in notes.Concat(context).Distinct()) sb.Append('\n').Append(n);
            sb.Append("\n\n").Append(Source(output));
            return sb.ToString().Replace("\n\n\n", "\n\n");
        }

        string SettleKey() => kind.ClassifiedBy is { } list
            ? $"list it under internetFacing.{list} or internal.{list} in the site policy to settle it"
            : "the site policy cannot classify these objects";

        RuleResult Manual(CommandOutput output, List<FactObject> mine, List<Block> blocks)
        {
            var sb = new StringBuilder($"Not reviewed: {check.Manual}\n\n");
            if (mine.Count == 0) sb.Append($"{command} returned no {Noun}s of this server.\n");
            foreach (var obj in mine)
            {
                sb.Append(Cap(Noun)).Append(" \"").Append(NameOf(obj)).Append("\"\n");
                foreach (var p in check.Evidence)
                    sb.Append("  ").Append(p).Append(": ").Append(obj.Get(p) is { } t ? ShowRaw(t) : "(not collected)").Append('\n');
            }
            foreach (var b in blocks)
            {
                sb.Append(Cap(Noun)).Append(" \"").Append(b.Name).Append("\": ").Append(b.Mark).Append('\n');
                foreach (var l in b.Lines) sb.Append(l).Append('\n');
            }
            foreach (var n in context) sb.Append('\n').Append(n);
            sb.Append("\n\n").Append(Source(output));
            return Result(ChecklistStatus.NotReviewed, sb.ToString().Replace("\n\n\n", "\n\n"));
        }

        // ---- this server only

        /// <summary>Whether the object is this server's: true, false (another server's), null (cannot tell); with why.</summary>
        (bool? Owned, string Why) Owner(FactObject obj, IReadOnlyList<FactObject> all)
        {
            switch (kind.Owner)
            {
                case ObjectOwner.Organization:
                    return (true, "organization-wide");
                case ObjectOwner.Local:
                    return (true, "");
                case ObjectOwner.SourceTransportServers:
                {
                    var raw = obj.Get("SourceTransportServers");
                    if (raw is null || ValueForms.IsNull(raw)) return (true, "SourceTransportServers not set: applies to every transport server");
                    var read = ValueForms.Read(ValueKind.Multi, raw);
                    if (!read.Ok) return (null, $"cannot tell whether it applies to this server: SourceTransportServers {ValueForms.Describe(raw)} could not be read ({read.Problem})");
                    var servers = ((IReadOnlyList<string>)read.Value!).Select(ServerName).Where(s => s.Length > 0).ToList();
                    if (servers.Count == 0) return (true, "SourceTransportServers empty: applies to every transport server");
                    if (!HostKnown) return (null, $"cannot tell whether it applies to this server: the facts do not name the host, and SourceTransportServers is {string.Join(", ", servers)}");
                    return servers.Any(IsThisHost)
                        ? (true, $"SourceTransportServers includes this server")
                        : (false, $"another server's: SourceTransportServers is {string.Join(", ", servers)}, not {facts.Host.Name}; it does not decide this server's rules");
                }
                default:
                {
                    if (ListedOwner(obj, kind) is { } listed) return listed;
                    var server = OwnerOf(obj);
                    if (server is null) return (true, "");
                    if (!HostKnown)
                        return all.Select(OwnerOf).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1
                            ? (true, "")
                            : (null, $"cannot tell whose it is: the facts do not name the host, and the objects belong to several servers (this one to {server})");
                    return IsThisHost(server) ? (true, "") : (false, $"another server's ({server}): it does not decide this server's rules");
                }
            }
        }

        bool HostKnown => !string.IsNullOrWhiteSpace(facts.Host.Name) || !string.IsNullOrWhiteSpace(facts.Host.Fqdn);

        /// <summary>The server an object names: its Server property, else the prefix of its Identity ("EXMBX02\Default Frontend EXMBX02").</summary>
        string? OwnerOf(FactObject obj) => OwnerOf(obj, kind.ServerProperty);

        static string? OwnerOf(FactObject obj, string? serverProperty)
        {
            if (serverProperty is not null)
                return obj.Get(serverProperty) is { Type: JTokenType.String } named && ((string?)named)?.Trim() is { Length: > 0 } n ? ServerName(n) : null;
            if (obj.Get("Server") is { } s && !ValueForms.IsNull(s))
            {
                var name = s.Type == JTokenType.Object ? (string?)s["Name"] ?? (string?)s["ToString"] : s.Type == JTokenType.String ? (string?)s : null;
                if (!string.IsNullOrWhiteSpace(name)) return ServerName(name);
            }
            if (obj.Get("Identity") is { Type: JTokenType.String } id && ((string)id!).IndexOf('\\') is var i and > 0)
                return ((string)id!)[..i].Trim();
            return null;
        }

        static string ServerName(string s) => s.Trim();

        /// <summary>
        /// Where the kind's serverProperty holds a list (a DAG's or a mailbox database's Servers): the object is this
        /// server's when the list names it; null when the property holds no list (a single name is read as the server).
        /// </summary>
        (bool? Owned, string Why)? ListedOwner(FactObject obj, ObjectKind k)
        {
            if (k.ServerProperty is not { } p || obj.Get(p) is not { Type: JTokenType.Array or JTokenType.Object } raw) return null;
            var read = ValueForms.Read(ValueKind.Multi, raw);
            if (!read.Ok) return (null, $"cannot tell whose it is: {p} {ValueForms.Describe(raw)} could not be read ({read.Problem})");
            var servers = ((IReadOnlyList<string>)read.Value!).Select(ServerName).Where(s => s.Length > 0).ToList();
            if (servers.Count == 0) return (false, $"{p} names no server, so it is not this server's");
            if (!HostKnown) return (null, $"cannot tell whether it is this server's: the facts do not name the host, and {p} is {string.Join(", ", servers)}");
            return servers.Any(IsThisHost)
                ? (true, $"{p} includes this server")
                : (false, $"another server's: {p} is {string.Join(", ", servers)}, not {facts.Host.Name}; it does not decide this server's rules");
        }

        bool IsThisHost(string server)
        {
            static string Short(string? n) => (n ?? "").Split('.')[0].Trim();
            return Short(server).Equals(Short(facts.Host.Name), StringComparison.OrdinalIgnoreCase)
                || (facts.Host.Fqdn is { } f && server.Trim().Equals(f.Trim(), StringComparison.OrdinalIgnoreCase))
                || (facts.Host.Fqdn is { } f2 && Short(server).Equals(Short(f2), StringComparison.OrdinalIgnoreCase));
        }

        void ReportUnmatchedPolicyNames(List<FactObject> mine)
        {
            if (ev.policy is null || kind.ClassifiedBy is null || check.Scope == CheckScope.All) return;
            var names = mine.Select(o => (o.Get("Name")?.ToString(), o.Get("Identity")?.ToString())).ToList();
            foreach (var n in ev.policy.UnmatchedConnectorNames(kind.ClassifiedBy, names, target))
            {
                var msg = $"The site policy ({ev.policy.FileName}) names {Noun} {n}, which this server ({facts.Host.Name ?? "unnamed"}) does not have; it classifies nothing here and leaves the other {Noun}s as they are.";
                notes.Add(msg);
                warnings.Add(msg);
            }
        }

        // ---- internet-facing or internal

        InScope Scope(FactObject obj, List<string> lines)
        {
            if (check.Scope == CheckScope.All) return InScope.Yes;
            var (facing, how) = Classify(obj);
            if (facing is null)
            {
                lines.Add("  " + how);
                return InScope.Maybe;
            }
            lines.Add($"  {(facing.Value ? "internet-facing" : "internal")} ({how})");
            return (check.Scope == CheckScope.InternetFacing) == facing.Value ? InScope.Yes : InScope.No;
        }

        (bool? Facing, string How) Classify(FactObject obj)
        {
            var list = kind.ClassifiedBy;
            if (list is null) return (null, "whether it is internet-facing cannot be told for this kind of object");
            var name = obj.Get("Name")?.ToString();
            var identity = obj.Get("Identity")?.ToString();
            if (ev.policy is not null)
            {
                var (facing, by) = ev.policy.Classify(list, name, identity, target);
                if (facing is not null) return (facing, $"the site policy lists it under {by!.Field}");
                if (by is not null) return (null, $"internet-facing or internal? the site policy names it both ways for this host ({by.Field}); fix the policy");
            }
            var evidence = kind.ClassificationEvidence.Select(p => $"{p} = {(obj.Get(p) is { } t ? ShowRaw(t) : "(not collected)")}");
            return (null, $"internet-facing or internal? the site policy does not say (list it under internetFacing.{list} or internal.{list}); " +
                $"judged both ways below. Evidence: {string.Join("; ", evidence)}");
        }

        // ---- assertions

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

        /// <summary>null when every condition holds (with the values that made it apply), else the verdict to give.</summary>
        Verdict? Conditions(FactObject obj, Assertion a, List<string> lines, out string? applied)
        {
            applied = null;
            var because = new List<string>();
            foreach (var w in a.When)
            {
                var actual = ReadActual(obj, w, out var problem, out var shown);
                if (actual is null) { lines.Add($"  {a.Property}: not judged: whether it is required depends on {w.Property}, which {problem}"); return Verdict.Unknown; }
                var expected = ResolveExpected(obj, w, out var eProblem, out _);
                if (expected is null && Predicates.NeedsExpected(w.Op)) { lines.Add($"  {a.Property}: not judged: {eProblem}"); return Verdict.Unknown; }
                if (!Predicates.Test(w.Op, w.Kind, actual, expected))
                {
                    lines.Add($"  {a.Property}: not required, because {w.Property} = {shown}" + (a.Why is null ? "" : $" (required only when {a.Why})"));
                    return Verdict.Pass;
                }
                because.Add($"{w.Property} = {shown}");
            }
            if (because.Count > 0) applied = $"required because {string.Join(" and ", because)}" + (a.Why is null ? "" : $": {a.Why}");
            return null;
        }

        Verdict Assert(FactObject obj, Assertion a, List<string> lines)
        {
            if (Conditions(obj, a, lines, out var applied) is { } early) return early;
            var why = applied is not null ? $" ({applied})" : a.Why is null ? "" : $" ({a.Why})";
            var actual = ReadActual(obj, a, out var problem, out var shown);
            if (actual is null) { lines.Add($"  {a.Property}: not judged: it {problem}{why}"); return Verdict.Unknown; }
            var expected = ResolveExpected(obj, a, out var eProblem, out var source);
            if (expected is null && Predicates.NeedsExpected(a.Op) && Predicates.FailsWhatever(a.Op, actual))
            {
                var org = Predicates.Describe(a.Op, "the organization's value");
                var none = new List<string>();
                if (check.EdspDeviation && Deviation(obj, a, actual, shown, org, why, lines, none) is { } ok) return ok;
                lines.Add($"  {a.Property} = {shown}; expected {org}: an empty value fails whatever that value is{why}");
                foreach (var r in none) lines.Add("    " + r);
                return Verdict.Fail;
            }
            if (expected is null && Predicates.NeedsExpected(a.Op))
            {
                lines.Add($"  {a.Property} = {shown}: not judged: {eProblem}{why}");
                return Verdict.Unknown;
            }
            if (a.Op == "otherVolumeThan") return Volumes(a, (string)actual, (string)expected!, why, lines);
            var want = Predicates.Describe(a.Op, expected is null ? null : Predicates.Show(expected)) + (source is null ? "" : $", {source}");
            if (Predicates.Test(a.Op, a.Kind, actual, expected))
            {
                lines.Add($"  {a.Property} = {shown} (expected {want}){why}");
                return Verdict.Pass;
            }
            var reasons = new List<string>();
            if (a.Edsp is not null && Documented(obj, a, actual, shown, want, why, lines, reasons) is { } d) return d;
            if (check.EdspDeviation && Deviation(obj, a, actual, shown, want, why, lines, reasons) is { } dv) return dv;
            lines.Add($"  {a.Property} = {shown}; expected {want}{why}");
            foreach (var r in reasons) lines.Add("    " + r);
            return Verdict.Fail;
        }

        /// <summary>"otherVolumeThan": the two paths lie on different volumes (Get-Partition: the longest access path that holds each).</summary>
        Verdict Volumes(Assertion a, string path, string other, string why, List<string> lines)
        {
            var v1 = VolumeOf(path, out var p1);
            var v2 = v1 is null ? null : VolumeOf(other, out p1);
            if (v1 is null || v2 is null) { lines.Add($"  {a.Property} = {path}: not judged: {p1}{why}"); return Verdict.Unknown; }
            if (v1 != v2) { lines.Add($"  {a.Property} = {path}, on {v1}; {other} is on {v2} (expected another volume){why}"); return Verdict.Pass; }
            lines.Add($"  {a.Property} = {path}, on {v1}, the same volume as {other}; expected another volume{why}");
            return Verdict.Fail;
        }

        /// <summary>The volume that holds a path: the partition whose access path (drive letter, mount point) is its longest prefix.</summary>
        string? VolumeOf(string path, out string problem)
        {
            problem = "";
            var parts = facts.Lookup("Get-Partition");
            if (parts.State != CommandState.Collected)
            {
                problem = parts.State == CommandState.Absent ? "which volume holds it needs Get-Partition, which was not collected" : $"which volume holds it needs Get-Partition, which failed: {parts.Error}";
                return null;
            }
            static string Norm(string p) { var n = p.Trim().Replace('/', '\\'); return n.EndsWith('\\') ? n : n + "\\"; }
            var target = Norm(path);
            string? best = null;
            var bestLength = -1;
            foreach (var o in parts.Output!.Objects)
            {
                var paths = o.Get("AccessPaths") is { } ap && ValueForms.Multi(ap) is { Ok: true } read ? read.Value!.ToList() : [];
                if (o.Get("DriveLetter") is { Type: JTokenType.String } dl && ((string)dl!).Trim() is { Length: 1 } letter) paths.Add(letter + ":\\");
                foreach (var candidate in paths.Where(x => !x.StartsWith("\\\\?\\", StringComparison.Ordinal)))
                {
                    var n = Norm(candidate);
                    if (n.Length > bestLength && target.StartsWith(n, StringComparison.OrdinalIgnoreCase))
                    {
                        bestLength = n.Length;
                        best = $"disk {o.Get("DiskNumber")} partition {o.Get("PartitionNumber")} ({candidate.Trim()})";
                    }
                }
            }
            if (best is null) problem = $"no partition of Get-Partition holds {path}";
            return best;
        }

        /// <summary>A value other than the STIG's that the EDSP documents (with its reference) for this host: pass, fail with why, or null (none applies).</summary>
        Verdict? Documented(FactObject obj, Assertion a, object actual, string shown, string want, string why, List<string> lines, List<string> reasons)
        {
            var policy = ev.policy;
            if (policy is null) { reasons.Add($"The check text accepts another value with signoff in the EDSP; no site policy was given (values.{a.Edsp})."); return null; }
            var look = policy.Value(a.Edsp!, target);
            if (look.Problem is not null) { reasons.Add(look.Problem); return null; }
            if (look.Entry is not { } entry) { reasons.Add($"The check text accepts another value with signoff in the EDSP; the site policy ({policy.FileName}) documents none for this host (values.{a.Edsp})."); return null; }
            var doc = ReadPolicyValue(a, entry.Value, entry.Field);
            var op = a.Op is "atLeast" or "atMost" ? a.Op : "equals";
            var at = $"{entry.Field} in {policy.FileName}, for {entry.Scope}";
            if (!Predicates.Test(a.Kind is ValueKind.Flags or ValueKind.Multi ? "setEquals" : op, a.Kind, actual, doc))
            {
                reasons.Add($"The EDSP value documented in the site policy is {Predicates.Show(doc)} ({at}), not {shown}: neither the STIG's value nor the documented one.");
                return null;
            }
            if (entry.Reference is null)
            {
                reasons.Add($"The site policy documents {Predicates.Show(doc)} ({at}) but gives no EDSP reference: a documented value without a reference is not a signoff. Add \"reference\" citing the EDSP section and the signed risk acceptance.");
                return null;
            }
            if (Unmet(obj, a.EdspRequires) is { } unmet)
            {
                reasons.Add($"The EDSP documents {Predicates.Show(doc)} ({entry.Reference}), but the check text accepts another value only when {unmet}.");
                return null;
            }
            lines.Add($"  {a.Property} = {shown}: not the STIG's {want}, but the value the EDSP documents with signoff: {entry.Reference} ({at}){why}");
            return Verdict.Pass;
        }

        /// <summary>A deviation for this rule and object that accepts exactly this value: pass, or null with the reasons none applies.</summary>
        Verdict? Deviation(FactObject obj, Assertion a, object actual, string shown, string want, string why, List<string> lines, List<string> reasons)
        {
            var policy = ev.policy;
            if (policy is null) return null;
            var ids = new[] { rule.VulnId, rule.StigId, rule.RuleId, rule.RuleIdBase }.Concat(rule.LegacyIds);
            var found = policy.DeviationsFor(ids, obj.Get("Name")?.ToString(), obj.Get("Identity")?.ToString(), target).ToList();
            if (found.Count == 0)
            {
                reasons.Add($"The check text accepts a deviation with signoff and risk acceptance in the EDSP; the site policy ({policy.FileName}) documents none for {rule.VulnId} on this {Noun}.");
                return null;
            }
            foreach (var d in found)
            {
                var at = $"{d.Field} in {policy.FileName}";
                if (d.Expires is { } x && x < ev.today)
                {
                    var msg = $"Risk acceptance {d.Reference} expired on {x:yyyy-MM-dd} ({at}); renew it in the EDSP or fix the setting.";
                    reasons.Add(msg);
                    warnings.Add($"{rule.VulnId} on {Noun} \"{NameOf(obj)}\": risk acceptance {d.Reference} expired on {x:yyyy-MM-dd}");
                    continue;
                }
                if (d.Value is null)
                {
                    reasons.Add($"Deviation {d.Reference} ({at}) records no accepted value: add \"value\" (the value the risk acceptance covers); it excuses nothing until then.");
                    continue;
                }
                var accepted = ReadPolicyValue(a, d.Value, d.Field + ".value");
                var covers = a.Op == "excludes" && a.Kind is ValueKind.Flags or ValueKind.Multi
                    ? Predicates.Test("includes", a.Kind, accepted, Offending(actual, a))
                    : Predicates.Test(a.Kind is ValueKind.Flags or ValueKind.Multi ? "setEquals" : "equals", a.Kind, actual, accepted);
                if (!covers)
                {
                    reasons.Add($"Deviation {d.Reference} ({at}) accepts {Predicates.Show(accepted)}, not {shown}.");
                    continue;
                }
                if (Unmet(obj, a.EdspRequires) is { } unmet)
                {
                    reasons.Add($"Deviation {d.Reference} ({at}) accepts {Predicates.Show(accepted)}, but the check text allows that only when {unmet}.");
                    continue;
                }
                lines.Add($"  {a.Property} = {shown}; the STIG expects {want}; accepted deviation: {d.Reference}" +
                          (d.Expires is { } e ? $" (until {e:yyyy-MM-dd})" : "") + $" ({at}){why}");
                return Verdict.Pass;
            }
            return null;
        }

        static IReadOnlyList<string> Offending(object actual, Assertion a) =>
            ((IEnumerable<string>)actual).Where(x => a.Expected is JArray e && e.Any(y => string.Equals((string?)y, x.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();

        /// <summary>The first of the requirements the object does not meet, in words with its value; null when all are met.</summary>
        string? Unmet(FactObject obj, List<Assertion> requires)
        {
            foreach (var r in requires)
            {
                var actual = ReadActual(obj, r, out var problem, out var shown);
                if (actual is null) return $"{r.Property} is {Predicates.Describe(r.Op, r.Expected?.ToString())} ({r.Property} {problem})";
                var expected = ResolveExpected(obj, r, out var eProblem, out _);
                if (expected is null && Predicates.NeedsExpected(r.Op)) return $"{r.Property} is {Predicates.Describe(r.Op, null)} ({eProblem})";
                if (!Predicates.Test(r.Op, r.Kind, actual, expected))
                    return $"{r.Why ?? $"{r.Property} is {Predicates.Describe(r.Op, expected is null ? null : Predicates.Show(expected))}"} ({r.Property} = {shown})";
            }
            return null;
        }

        object ReadPolicyValue(Assertion a, JToken value, string field)
        {
            var kind = a.Kind is ValueKind.Flags or ValueKind.Acl || (Predicates.ExpectsList(a.Op) && value.Type == JTokenType.Array) ? ValueKind.Multi : a.Kind;
            var read = ValueForms.Read(kind, value, KnownEnum(a.Enum));
            if (!read.Ok) throw new InputException(ev.policy!.SourcePath, $"cannot be read as {a.Kind} for {a.Property}: {read.Problem}", field);
            return read.Value ?? "";
        }

        /// <summary>The property's value read as the assertion's kind, or null with the problem; shown as the details show it.</summary>
        object? ReadActual(FactObject obj, Assertion a, out string? problem, out string shown)
        {
            problem = null;
            shown = "";
            if (a.Property.StartsWith(PolicyProperty, StringComparison.Ordinal)) return PerObjectPolicyValue(obj, a, out problem, out shown);
            if (a.Property.Contains('{'))
            {
                // A path made of slots ("{host.exchangeInstallPath}\Logging"): the filled text.
                if (!Fill(a.Property, out var text, out var why)) { problem = why.TrimEnd('.'); return null; }
                shown = text;
                return text;
            }
            var raw = obj.Get(a.Property);
            if (raw is null && kind.AbsentMeansNotSet) { shown = "(not present)"; return NotSet.Value; }
            if (raw is null) { problem = $"is not in the collected output of {command}"; return null; }
            if (ValueForms.IsNull(raw) && kind.Nullable.Contains(a.Property, StringComparer.OrdinalIgnoreCase)) { shown = "null (not set)"; return NotSet.Value; }
            if (ValueForms.IsNull(raw))
            {
                var never = a.Kind == ValueKind.Flags || kind.NeverNull.Contains(a.Property, StringComparer.OrdinalIgnoreCase);
                if (never) { problem = $"is null, which Exchange never leaves it: its value is unknown (collect it again)"; shown = "null"; return null; }
                // Nullable settings: null is "not set", which equals no stated value.
                if (a.Kind is ValueKind.Text or ValueKind.Enum) { shown = "null (not set)"; return ""; }
                if (a.Kind == ValueKind.Multi) { shown = "null (empty)"; return (IReadOnlyList<string>)[]; }
                problem = $"is null, so its {a.Kind} value is unknown"; shown = "null";
                return null;
            }
            var read = ValueForms.Read(a.Kind, raw, KnownEnum(a.Enum));
            if (!read.Ok) { problem = $"has value {ValueForms.Describe(raw)}, which could not be read as {a.Kind}: {read.Problem}"; return null; }
            var value = read.Value ?? (a.Kind == ValueKind.Text ? "" : null);
            if (value is null) { problem = $"has value {ValueForms.Describe(raw)}, which could not be read as {a.Kind}"; return null; }
            shown = Predicates.Show(value);
            return value;
        }

        /// <summary>"@policy.KEY": the site policy's value for this object from KEY's map of object name to value (the EDSP's per-connector choices).</summary>
        object? PerObjectPolicyValue(FactObject obj, Assertion a, out string? problem, out string shown)
        {
            shown = "";
            var key = a.Property[PolicyProperty.Length..];
            var policy = ev.policy;
            if (policy is null) { problem = $"is organization-defined (the EDSP says it for each {Noun}) and no site policy was given: set {key} in a site policy (--policy)"; return null; }
            var look = policy.Value(key, target);
            if (look.Problem is not null) { problem = look.Problem; return null; }
            var name = obj.Get("Name")?.ToString();
            var identity = obj.Get("Identity")?.ToString();
            var hit = (look.Entry?.Value as JObject)?.Properties().FirstOrDefault(p => SitePolicy.NameMatches(p.Name, name) || SitePolicy.NameMatches(p.Name, identity));
            if (hit is null) { problem = $"is organization-defined and the site policy ({policy.FileName}) does not give it for this {Noun}: set {key}.\"{name}\""; return null; }
            var read = ValueForms.Read(a.Kind, hit.Value, KnownEnum(a.Enum));
            if (!read.Ok) throw new InputException(policy.SourcePath, $"cannot be read as {a.Kind}: {read.Problem}", $"{look.Entry!.Field}.{hit.Name}");
            problem = null;
            shown = $"{Predicates.Show(read.Value)} (the EDSP's choice for this {Noun}, {look.Entry!.Field} in {policy.FileName})";
            return read.Value;
        }

        /// <summary>The STIG's value (with binding parameters), another command's property, or the organization-defined value of the site policy; with where it came from.</summary>
        object? ResolveExpected(FactObject obj, Assertion a, out string? problem, out string? source)
        {
            problem = null;
            source = null;
            if (a.Org is not null)
            {
                var key = a.Org;
                var policy = ev.policy;
                if (policy is null) { problem = $"the value is organization-defined (the STIG states none) and no site policy was given: set {key} in a site policy (--policy)"; return null; }
                var look = policy.Value(key, target);
                if (look.Problem is not null) { problem = look.Problem; return null; }
                if (look.Entry is not { } entry) { problem = $"the value is organization-defined (the STIG states none) and the site policy ({policy.FileName}) does not give it for this host: set {key}"; return null; }
                var v = ReadPolicyValue(a, entry.Value, entry.Field);
                if (a.Op == "aclMatches" && Predicates.DocumentedPermissions(v, out var bad) is null)
                    throw new InputException(policy.SourcePath, bad!, entry.Field);
                source = $"the organization's value ({entry.Field} in {policy.FileName})";
                return v;
            }
            if (a.Expected is not null)
            {
                var token = a.Expected;
                if (token.Type == JTokenType.String && Slot.IsMatch(token.Value<string>()!))
                {
                    if (!Fill(token.Value<string>()!, out var text, out var why)) { problem = why.TrimEnd('.'); return null; }
                    source = $"from {token.Value<string>()}";
                    return text;
                }
                if (token.Type == JTokenType.String && token.Value<string>() is { } s && s.StartsWith('{') && s.EndsWith('}'))
                {
                    var key = s[1..^1];
                    if (!binding.Params.TryGetValue(key, out var p))
                        throw new CklGenException($"rule catalog: binding {binding.VulnId} lacks parameter '{key}'");
                    token = new JValue(p);
                }
                var kind = token.Type == JTokenType.Array ? ValueKind.Multi : a.Kind;
                var read = ValueForms.Read(kind, token, KnownEnum(a.Enum));
                if (!read.Ok) throw new CklGenException($"rule catalog: check '{check.Id}': expected value {token} is not a {a.Kind}: {read.Problem}");
                return read.Value;
            }
            if (a.ExpectedFrom is { } from)
            {
                var src = facts.Lookup(from.Command);
                var global = $"the global {from.Property} of {from.Command}";
                switch (src.State)
                {
                    case CommandState.Absent: problem = $"{global} is needed but {from.Command} was not collected"; return null;
                    case CommandState.Failed: problem = $"{global} is needed but {from.Command} failed: {src.Error}"; return null;
                }
                var objs = src.Output!.Objects;
                if (objs.Count != 1) { problem = $"{global} is needed but {from.Command} returned {objs.Count} objects, not one"; return null; }
                var raw = objs[0].Get(from.Property);
                if (raw is null) { problem = $"{global} is needed but {from.Command} output has no {from.Property}"; return null; }
                var read = ValueForms.Read(a.Kind, raw);
                if (!read.Ok) { problem = $"{global} {ValueForms.Describe(raw)} could not be read: {read.Problem}"; return null; }
                source = $"{global} in {Path.GetFileName(src.Output.SourceFile.TrimEnd('/', '\\'))}";
                return read.Value;
            }
            return null; // ops that need no expected value
        }

        string Source(CommandOutput? output)
        {
            var when = facts.CollectedAt is { Length: > 0 } t ? $"collected {t}" : "collection time not recorded";
            var by = facts.Collector is { Length: > 0 } c ? $" by {c}" : "";
            // The file name, not the path: the path is the ISSO's machine, the name is what the package holds.
            var file = Path.GetFileName((output?.SourceFile ?? facts.SourcePath).TrimEnd('/', '\\'));
            var hash = facts.Sha256 is { } h ? $"; SHA-256 of the facts {facts.Sha256Of ?? "file"} {h}" : "";
            var exchange = $"; Exchange {(string.IsNullOrWhiteSpace(facts.ExchangeVersion) ? "version not recorded" : facts.ExchangeVersion)}" +
                (string.IsNullOrWhiteSpace(facts.ServerRole) ? "" : $", role {facts.ServerRole}");
            return $"Facts: {command} from {file}, {when}{by}; host {facts.Host.Name ?? "(unnamed)"}{exchange}{hash}.";
        }

        RuleResult Result(ChecklistStatus status, string details) => new()
        {
            VulnId = rule.VulnId, RuleId = rule.RuleId, StigId = rule.StigId, Status = status,
            // Notes on the whole evaluation (facts for another server type, an unconfirmed version) go with every result.
            FindingDetails = context.Where(n => !details.Contains(n)).Aggregate(details.TrimEnd(), (d, n) => d + "\n\n" + n), Comments = Comment(binding), Automated = true, CheckId = check.Id,
            Warnings = warnings.Distinct().ToList(),
        };
    }

    /// <summary>Assertion properties with this prefix read the site policy's per-object value, not the facts.</summary>
    public const string PolicyProperty = "@policy.";

    static string ShowRaw(JToken t) => ValueForms.IsNull(t) ? "null" : ValueForms.Describe(t);

    /// <summary>Integer values of the Exchange enum a catalog entry names, where known for certain.</summary>
    static IReadOnlyDictionary<long, string>? KnownEnum(string? name) => KnownEnums.Get(name);

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
    internal static bool IsWholeAddressRange(string entry) => Predicates.IsWholeAddressRange(entry);
}
