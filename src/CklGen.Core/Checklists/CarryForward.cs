using System.Text.RegularExpressions;
using CklGen.Benchmarks;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>How <see cref="CarryForward.Apply"/> treats the new checklist.</summary>
public sealed record CarryForwardOptions
{
    /// <summary>
    /// V-ids whose status this run's automation decided (Open, NotAFinding, Not_Applicable): their status and
    /// finding details stay, and only a person's comments are carried. Null: rules marked with CklGen's result
    /// engine whose status is not Not_Reviewed.
    /// </summary>
    public IReadOnlySet<string>? DecidedVulnIds { get; init; }

    /// <summary>The previous checklist's name as comments and reports quote it (usually its file name).</summary>
    public string PreviousName { get; init; } = "the previous checklist";
}

/// <summary>
/// Carries last quarter's answers (status, comments, finding details, severity override) into a newly
/// generated checklist of the same STIGs, any release. Rules are matched by V-id, then legacy id, then
/// STIG id. Where DISA changed a rule's check text since the answer, the comments and details are kept
/// but the status goes back to Not_Reviewed with a note. A verdict this run's automation decided wins;
/// a status CklGen's automation set last time is never carried (verdicts come from fresh facts only).
/// Answers whose rule no longer exists are listed in the report, never dropped silently.
/// </summary>
public static class CarryForward
{
    /// <summary>Starts the provenance line of a carried answer; such lines are replaced on the next carry.</summary>
    public const string CarriedPrefix = "[CklGen] Carried forward from ";
    /// <summary>Heads a person's earlier comments kept under an automated result.</summary>
    public const string PreviousCommentsHeader = "Previous comments:";
    const string AutomatedCommentPrefix = "Automated by " + CklGenInfo.Product + " ";

    public static CarryForwardReport Apply(Checklist target, IReadOnlyList<Benchmark> benchmarks, Checklist previous, CarryForwardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(previous);
        options ??= new CarryForwardOptions();
        var report = new CarryForwardReport { PreviousName = options.PreviousName };

        FillAsset(target.Asset, previous.Asset);

        var used = new HashSet<int>();
        foreach (var stig in target.Stigs)
        {
            var benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Id, stig.StigId, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"no benchmark given for STIG {stig.StigId} of the new checklist", nameof(benchmarks));
            var (index, how) = MatchStig(benchmark, previous.Stigs, used);
            if (index < 0) { report.BenchmarksWithoutPrevious.Add(benchmark.Id); continue; }
            used.Add(index);
            var prevStig = previous.Stigs[index];
            report.MatchedStigs.Add(new StigMatch(benchmark.Id, benchmark.VersionLabel, index, prevStig.StigId, VersionLabel(prevStig), how));
            CarryStig(stig, benchmark, prevStig, options, report);
        }

        for (var i = 0; i < previous.Stigs.Count; i++)
        {
            if (used.Contains(i)) continue;
            var s = previous.Stigs[i];
            report.UnmatchedPreviousStigs.Add(new PreviousStig(i, s.StigId, s.Title, VersionLabel(s), s.Rules.Count(HasAnswer)));
        }
        return report;
    }

    /// <summary>
    /// The previous STIG for a benchmark: same benchmark id, else the same title words (DISA renamed some ids,
    /// e.g. "MS_" prefixes; "Microsoft", "MS", "STIG" and "Security Technical Implementation Guide" are ignored).
    /// Returns -1 when none matches.
    /// </summary>
    public static (int Index, string How) MatchStig(Benchmark benchmark, IReadOnlyList<ChecklistStig> stigs, IReadOnlySet<int>? taken = null)
    {
        for (var i = 0; i < stigs.Count; i++)
            if (taken?.Contains(i) != true && string.Equals(stigs[i].StigId?.Trim(), benchmark.Id, StringComparison.OrdinalIgnoreCase))
                return (i, "benchmark id");
        var keys = new[] { TitleKey(benchmark.Id), TitleKey(benchmark.Title) }.Where(k => k.Length > 0).ToList();
        for (var i = 0; i < stigs.Count; i++)
        {
            if (taken?.Contains(i) == true) continue;
            var theirs = new[] { TitleKey(stigs[i].StigId), TitleKey(stigs[i].Title) };
            if (theirs.Any(t => t.Length > 0 && keys.Contains(t))) return (i, "title");
        }
        return (-1, "");
    }

    static readonly HashSet<string> NoiseWords = new(StringComparer.Ordinal)
        { "microsoft", "ms", "stig", "security", "technical", "implementation", "guide" };

    /// <summary>The distinctive words of a STIG title or id, lower case, sorted: "2016 exchange mailbox server".</summary>
    static string TitleKey(string? text) =>
        string.Join(' ', Regex.Split((text ?? "").ToLowerInvariant(), "[^a-z0-9]+")
            .Where(w => w.Length > 0 && !NoiseWords.Contains(w)).Distinct().Order(StringComparer.Ordinal));

    static void CarryStig(ChecklistStig stig, Benchmark benchmark, ChecklistStig prevStig, CarryForwardOptions options, CarryForwardReport report)
    {
        // Three passes, so that a V-id match is never taken by a weaker legacy or STIG id match of another rule.
        var pairs = new Dictionary<ChecklistRule, (ChecklistRule Prev, string By)>();
        var taken = new HashSet<ChecklistRule>();
        void Pass(string by, Func<ChecklistRule, ChecklistRule, bool> same)
        {
            foreach (var rule in stig.Rules)
            {
                if (pairs.ContainsKey(rule)) continue;
                var prev = prevStig.Rules.FirstOrDefault(p => !taken.Contains(p) && same(rule, p));
                if (prev is null) continue;
                pairs[rule] = (prev, by);
                taken.Add(prev);
            }
        }
        Pass("V-id", (r, p) => SameId(r.VulnId, p.VulnId));
        Pass("legacy id", (r, p) => LegacyMatch(r, p));
        Pass("STIG id", (r, p) => !string.IsNullOrWhiteSpace(r.StigId) && string.Equals(r.StigId.Trim(), p.StigId?.Trim(), StringComparison.OrdinalIgnoreCase));

        var source = $"{options.PreviousName} ({prevStig.StigId} {VersionLabel(prevStig)})";
        var decided = options.DecidedVulnIds;
        foreach (var rule in stig.Rules)
        {
            if (!pairs.TryGetValue(rule, out var pair)) continue;
            var prev = pair.Prev;
            if (!HasAnswer(prev) && !(IsCklGen(prev.ResultEngine) && prev.Status != ChecklistStatus.NotReviewed)) continue;
            var bRule = benchmark.Rules.FirstOrDefault(b => SameId(b.VulnId, rule.VulnId));
            var newText = bRule?.CheckContent ?? rule.CheckContent;
            var isDecided = decided is not null
                ? decided.Contains(rule.VulnId)
                : IsCklGen(rule.ResultEngine) && rule.Status != ChecklistStatus.NotReviewed;
            var entry = new CarriedAnswer(rule.VulnId, rule.RuleId, prev.VulnId, prev.RuleId, prev.Status, pair.By);
            Carry(rule, prev, newText, isDecided, source, entry, report);
        }

        foreach (var prev in prevStig.Rules)
            if (!taken.Contains(prev) && HasAnswer(prev))
                report.Orphaned.Add(new OrphanedAnswer(prevStig.StigId, VersionLabel(prevStig), prev.VulnId, prev.RuleId, prev.StigId,
                    prev.RuleTitle, prev.Status, prev.Comments, prev.FindingDetails, prev.SeverityOverride, prev.SeverityJustification));
    }

    static void Carry(ChecklistRule rule, ChecklistRule prev, string? newText, bool isDecided, string source, CarriedAnswer entry, CarryForwardReport report)
    {
        var person = PersonText(prev.Comments);
        var prevAutomated = StatusByCklGen(prev);
        CarryOverride(rule, prev);

        if (isDecided)
        {
            if (prevAutomated && !HasAnswer(prev)) return; // automated then and now: nothing of a person's to keep
            // The automated verdict and its evidence stand; what a person wrote is kept beneath.
            var kept = person;
            if (!prevAutomated && !string.IsNullOrWhiteSpace(prev.FindingDetails))
                kept = Join(kept, "Previous finding details:\n" + prev.FindingDetails!.Trim());
            if (kept.Length > 0) rule.Comments = Join(rule.Comments, PreviousCommentsHeader + "\n" + kept);
            report.KeptAutomated.Add(entry with { Status = rule.Status });
            return;
        }

        var ids = prev.RuleId is { Length: > 0 } && prev.RuleId != rule.RuleId ? $"{prev.VulnId} {prev.RuleId}" : prev.VulnId;
        if (prevAutomated)
        {
            // A verdict CklGen derived from last quarter's facts says nothing about this quarter.
            if (prev.Status == ChecklistStatus.NotReviewed && person.Length == 0) return;
            rule.Comments = Join(Join(rule.Comments, person), $"{CarriedPrefix}{source}, {ids}: the previous status {prev.Status.ToCkl()} was CklGen's " +
                                         "automated result and is not carried; automated verdicts come only from this run's facts.");
            report.NotCarriedAutomated.Add(entry with { Status = rule.Status });
            return;
        }

        var automationNote = IsCklGen(rule.ResultEngine) && FirstLine(rule.FindingDetails) is { Length: > 0 } reason
            ? $" CklGen's automation did not decide it this run: {reason}" : "";
        rule.ResultEngine = null; // what follows is a person's answer, not CklGen's
        rule.FindingDetails = prev.FindingDetails ?? "";

        var changed = string.IsNullOrWhiteSpace(prev.CheckContent) || CheckText.Fingerprint(prev.CheckContent) != CheckText.Fingerprint(newText);
        if (changed)
        {
            rule.Status = ChecklistStatus.NotReviewed;
            var why = string.IsNullOrWhiteSpace(prev.CheckContent)
                ? "the previous checklist holds no check text to compare, so it may have changed"
                : "the check text changed";
            rule.Comments = Join(person,
                $"[CklGen] Status not carried: the previous status was {prev.Status.ToCkl()} ({source}), but DISA revised this rule " +
                $"({prev.RuleId ?? prev.VulnId} -> {rule.RuleId ?? rule.VulnId}) and {why}. Review it against the new check text; " +
                $"the comments and finding details kept here are from the previous review.{automationNote}");
            report.ResetRevised.Add(entry with { Status = rule.Status });
            return;
        }

        rule.Status = prev.Status;
        rule.Comments = Join(person, $"{CarriedPrefix}{source}, {ids}: {prev.Status.ToCkl()}.{automationNote}");
        report.Carried.Add(entry with { Status = rule.Status });
    }

    static void CarryOverride(ChecklistRule rule, ChecklistRule prev)
    {
        if (string.IsNullOrWhiteSpace(prev.SeverityOverride) && string.IsNullOrWhiteSpace(prev.SeverityJustification)) return;
        if (!string.IsNullOrWhiteSpace(rule.SeverityOverride) || !string.IsNullOrWhiteSpace(rule.SeverityJustification)) return;
        rule.SeverityOverride = prev.SeverityOverride ?? "";
        rule.SeverityJustification = prev.SeverityJustification ?? "";
        foreach (var (k, v) in prev.OverridesExtra) rule.OverridesExtra.TryAdd(k, v);
    }

    /// <summary>True when a rule holds anything a person may have written: a status, comments, details or a severity override.</summary>
    public static bool HasAnswer(ChecklistRule r) =>
        (r.Status != ChecklistStatus.NotReviewed && !StatusByCklGen(r))
        || PersonText(r.Comments).Length > 0
        || (!IsCklGen(r.ResultEngine) && !string.IsNullOrWhiteSpace(r.FindingDetails))
        || !string.IsNullOrWhiteSpace(r.SeverityOverride) || !string.IsNullOrWhiteSpace(r.SeverityJustification);

    /// <summary>
    /// Comments without the lines CklGen itself writes and rewrites on every run (the automation's
    /// "Automated by CklGen" line, carried-forward provenance lines, "Previous comments:" headers), so that
    /// quarter after quarter they do not pile up. Everything else is kept verbatim.
    /// </summary>
    public static string PersonText(string? comments)
    {
        if (string.IsNullOrWhiteSpace(comments)) return "";
        var kept = comments.Replace("\r\n", "\n").Split('\n').Where(line =>
            !line.StartsWith(AutomatedCommentPrefix, StringComparison.Ordinal)
            && !line.StartsWith(CarriedPrefix, StringComparison.Ordinal)
            && line.Trim() != PreviousCommentsHeader);
        return Regex.Replace(string.Join('\n', kept), @"\n{3,}", "\n\n").Trim();
    }

    /// <summary>
    /// CklGen set this status itself: its result engine is on the rule and its finding details open with the words of that
    /// status (or an answer file's line). A person who changed the status in STIG Viewer left CklGen's words under another
    /// status: that status is the person's answer, carried like any other.
    /// </summary>
    static bool StatusByCklGen(ChecklistRule r)
    {
        if (!IsCklGen(r.ResultEngine)) return false;
        var line = FirstLine(r.FindingDetails);
        if (line.StartsWith("Status set by answer file", StringComparison.Ordinal)) return true;
        var words = r.Status switch
        {
            ChecklistStatus.Open => "Open:",
            ChecklistStatus.NotAFinding => "Not a finding:",
            ChecklistStatus.NotApplicable => "Not applicable:",
            _ => "Not reviewed:",
        };
        return line.StartsWith(words, StringComparison.Ordinal);
    }

    static bool IsCklGen(ResultEngine? e) => string.Equals(e?.ModuleName, CklGenInfo.Product, StringComparison.OrdinalIgnoreCase);

    static bool SameId(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && string.Equals(RuleIds.Base(a), RuleIds.Base(b ?? ""), StringComparison.OrdinalIgnoreCase);

    /// <summary>The previous rule's V-id or SV-id is a legacy id of the new rule, or the reverse.</summary>
    static bool LegacyMatch(ChecklistRule rule, ChecklistRule prev)
    {
        var prevIds = new[] { prev.VulnId, prev.RuleIdBase };
        var newIds = new[] { rule.VulnId, rule.RuleIdBase };
        return rule.LegacyIds.Any(l => prevIds.Any(p => SameId(l, p))) || prev.LegacyIds.Any(l => newIds.Any(n => SameId(l, n)));
    }

    static void FillAsset(ChecklistAsset a, ChecklistAsset prev)
    {
        if (Blank(a.HostName)) a.HostName = prev.HostName;
        if (Blank(a.HostFqdn)) a.HostFqdn = prev.HostFqdn;
        if (Blank(a.HostIp)) a.HostIp = prev.HostIp;
        if (Blank(a.HostMac)) a.HostMac = prev.HostMac;
        // "None" is STIG Viewer's default role, i.e. nobody chose one.
        if ((Blank(a.Role) || a.Role == "None") && !Blank(prev.Role)) a.Role = prev.Role;
        if (Blank(a.Marking)) a.Marking = prev.Marking;
        if (Blank(a.TargetComment)) a.TargetComment = prev.TargetComment;
        static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);
    }

    static string Join(string? a, string b)
    {
        a = a?.TrimEnd() ?? "";
        return a.Length == 0 ? b : b.Length == 0 ? a : a + "\n\n" + b;
    }

    static string FirstLine(string? s) => (s ?? "").Replace("\r\n", "\n").Split('\n')[0].Trim();

    /// <summary>"V2R3" from a checklist STIG's version and release info; "V2" when the release is unknown.</summary>
    public static string VersionLabel(ChecklistStig s)
    {
        var m = Regex.Match(s.ReleaseInfo ?? "", @"Release:\s*([0-9.]+)", RegexOptions.IgnoreCase);
        var v = string.IsNullOrWhiteSpace(s.Version) ? "?" : s.Version.Trim();
        return m.Success ? $"V{v}R{m.Groups[1].Value}" : $"V{v}";
    }
}

/// <summary>What <see cref="CarryForward.Apply"/> did with each previous answer.</summary>
public sealed class CarryForwardReport
{
    public string PreviousName { get; init; } = "";
    /// <summary>Which previous STIG each new benchmark took its answers from.</summary>
    public List<StigMatch> MatchedStigs { get; } = [];
    /// <summary>New benchmark ids the previous checklist has no STIG for.</summary>
    public List<string> BenchmarksWithoutPrevious { get; } = [];
    /// <summary>STIGs of the previous checklist no new benchmark matched (their answers were not looked at).</summary>
    public List<PreviousStig> UnmatchedPreviousStigs { get; } = [];
    /// <summary>Status, comments and details taken over.</summary>
    public List<CarriedAnswer> Carried { get; } = [];
    /// <summary>Comments and details taken over, status back to Not_Reviewed: the check text changed.</summary>
    public List<CarriedAnswer> ResetRevised { get; } = [];
    /// <summary>This run's automation decided the rule; the previous comments were kept under it.</summary>
    public List<CarriedAnswer> KeptAutomated { get; } = [];
    /// <summary>The previous status was CklGen's own automated verdict, which is never carried; comments kept.</summary>
    public List<CarriedAnswer> NotCarriedAutomated { get; } = [];
    /// <summary>Answers to rules the new benchmark no longer has.</summary>
    public List<OrphanedAnswer> Orphaned { get; } = [];

    public string Summary() =>
        $"{Carried.Count} carried, {ResetRevised.Count} reset to Not_Reviewed (check text revised), " +
        $"{KeptAutomated.Count} under automated results (comments kept), {NotCarriedAutomated.Count} earlier automated verdicts not carried, " +
        $"{Orphaned.Count} orphaned (rule no longer in the benchmark)";

    public JObject ToJson() => new()
    {
        ["previous"] = PreviousName,
        ["matchedStigs"] = new JArray(MatchedStigs.Select(m => new JObject
        {
            ["benchmarkId"] = m.BenchmarkId, ["benchmarkVersion"] = m.BenchmarkVersion,
            ["previousStigId"] = m.PreviousStigId, ["previousVersion"] = m.PreviousVersion, ["matchedBy"] = m.How,
        })),
        ["benchmarksWithoutPrevious"] = new JArray(BenchmarksWithoutPrevious),
        ["counts"] = new JObject
        {
            ["carried"] = Carried.Count,
            ["resetRevised"] = ResetRevised.Count,
            ["keptAutomated"] = KeptAutomated.Count,
            ["notCarriedAutomated"] = NotCarriedAutomated.Count,
            ["orphaned"] = Orphaned.Count,
        },
        ["resetRevised"] = new JArray(ResetRevised.Select(Json)),
        ["orphaned"] = new JArray(Orphaned.Select(o => o.ToJson())),
    };

    static JObject Json(CarriedAnswer a) => new()
    {
        ["vulnId"] = a.VulnId, ["ruleId"] = a.RuleId, ["previousVulnId"] = a.PreviousVulnId, ["previousRuleId"] = a.PreviousRuleId,
        ["previousStatus"] = a.PreviousStatus.ToCkl(), ["status"] = a.Status.ToCkl(), ["matchedBy"] = a.MatchedBy,
    };
}

public sealed record StigMatch(string BenchmarkId, string BenchmarkVersion, int PreviousIndex, string? PreviousStigId, string PreviousVersion, string How);

public sealed record PreviousStig(int Index, string? StigId, string? Title, string Version, int AnsweredRules);

public sealed record CarriedAnswer(string VulnId, string? RuleId, string PreviousVulnId, string? PreviousRuleId, ChecklistStatus PreviousStatus, string MatchedBy)
{
    /// <summary>The status the rule has in the new checklist.</summary>
    public ChecklistStatus Status { get; init; }
}

/// <summary>A previous answer whose rule the new benchmark no longer has, with everything the person wrote.</summary>
public sealed record OrphanedAnswer(string? PreviousStigId, string PreviousVersion, string VulnId, string? RuleId, string? StigId, string? RuleTitle,
    ChecklistStatus Status, string? Comments, string? FindingDetails, string? SeverityOverride, string? SeverityJustification)
{
    public JObject ToJson() => new()
    {
        ["previousStigId"] = PreviousStigId, ["previousVersion"] = PreviousVersion,
        ["vulnId"] = VulnId, ["ruleId"] = RuleId, ["stigId"] = StigId, ["ruleTitle"] = RuleTitle,
        ["status"] = Status.ToCkl(), ["comments"] = Comments ?? "", ["findingDetails"] = FindingDetails ?? "",
        ["severityOverride"] = SeverityOverride ?? "", ["severityJustification"] = SeverityJustification ?? "",
    };
}
