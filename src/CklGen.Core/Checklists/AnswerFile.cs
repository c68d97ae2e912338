using CklGen.IO;
using CklGen.Benchmarks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Checklists;

/// <summary>
/// Site-wide answers, like Evaluate-STIG's answer files: per rule a status and a comment, optionally
/// only when the automation said a given status, only on some hosts, only for one benchmark.
/// JSON with comments; unknown keys and statuses are errors. See templates/answers.json.
/// </summary>
public sealed class AnswerFile
{
    public const int FormatVersion = 1;
    static readonly string[] RootKeys = ["cklgenAnswers", "answers"];
    static readonly string[] EntryKeys = ["rule", "status", "comment", "findingDetails", "when", "hosts", "benchmark"];

    public required string SourcePath { get; init; }
    public required IReadOnlyList<Answer> Answers { get; init; }

    /// <summary>The file name comments quote.</summary>
    public string Name => Path.GetFileName(SourcePath);

    public static AnswerFile Load(string path) => Parse(JsonConfig.ReadText(path), path);

    public static AnswerFile Parse(string json, string path)
    {
        var root = JsonConfig.ParseObject(json, path, "a JSON answer file");
        foreach (var p in root.Properties())
            if (!RootKeys.Contains(p.Name)) throw Error(path, p.Name, $"unknown key (known: {string.Join(", ", RootKeys)})", p);
        if (root["cklgenAnswers"] is not { Type: JTokenType.Integer } v || v.Value<int>() != FormatVersion)
            throw new InputException(path, $"must be {FormatVersion} (the answer file format version)", "cklgenAnswers");
        if (root["answers"] is not JArray list) throw new InputException(path, "must be an array of answers", "answers");

        var answers = new List<Answer>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"answers[{i}]";
            if (list[i] is not JObject o) throw Error(path, field, "must be an object", list[i]);
            foreach (var p in o.Properties())
                if (!EntryKeys.Contains(p.Name)) throw Error(path, $"{field}.{p.Name}", $"unknown key (known: {string.Join(", ", EntryKeys)})", p);

            var rule = Str(o, "rule", path, field);
            if (string.IsNullOrWhiteSpace(rule)) throw Error(path, field + ".rule", "is required: a V-id, SV-id, STIG id or legacy id", o);
            var statusText = Str(o, "status", path, field) ?? throw Error(path, field + ".status", "is required", o);
            var status = Status(statusText, path, field + ".status", o["status"]!);
            var comment = Str(o, "comment", path, field);
            if (string.IsNullOrWhiteSpace(comment)) throw Error(path, field + ".comment", "is required: say why (it goes into the checklist's COMMENTS)", o);

            List<ChecklistStatus>? when = null;
            switch (o["when"])
            {
                case null or { Type: JTokenType.Null }: break;
                case { Type: JTokenType.String } w: when = [Status(w.Value<string>()!, path, field + ".when", w)]; break;
                case JArray wa when wa.Count > 0 && wa.All(x => x.Type == JTokenType.String):
                    when = wa.Select((x, k) => Status(x.Value<string>()!, path, $"{field}.when[{k}]", x)).ToList();
                    break;
                default: throw Error(path, field + ".when", "must be a status or a non-empty array of statuses", o["when"]!);
            }

            List<string>? hosts = null;
            if (o["hosts"] is { Type: not JTokenType.Null } h)
            {
                if (h is not JArray ha || ha.Count == 0 || ha.Any(x => x.Type != JTokenType.String || string.IsNullOrWhiteSpace(x.Value<string>())))
                    throw Error(path, field + ".hosts", "must be a non-empty array of host names", h);
                hosts = ha.Select(x => x.Value<string>()!.Trim()).ToList();
            }

            var benchmark = Str(o, "benchmark", path, field);
            if (benchmark is not null && string.IsNullOrWhiteSpace(benchmark)) throw Error(path, field + ".benchmark", "must not be empty", o);

            answers.Add(new Answer
            {
                Index = i, Rule = rule.Trim(), Status = status, Comment = comment.Trim(),
                FindingDetails = Str(o, "findingDetails", path, field), When = when, Hosts = hosts, Benchmark = benchmark?.Trim(),
            });
        }
        return new AnswerFile { SourcePath = path, Answers = answers };
    }

    /// <summary>Only the four checklist statuses, in CKL or CKLB spelling (case ignored): a typo must not become a status.</summary>
    static ChecklistStatus Status(string text, string path, string field, JToken at)
    {
        foreach (var s in Enum.GetValues<ChecklistStatus>())
            if (string.Equals(text.Trim(), s.ToCkl(), StringComparison.OrdinalIgnoreCase) || string.Equals(text.Trim(), s.ToCklb(), StringComparison.OrdinalIgnoreCase))
                return s;
        throw Error(path, field, $"'{text}' is not a status (use Open, NotAFinding, Not_Applicable or Not_Reviewed)", at);
    }

    static string? Str(JObject o, string key, string path, string field)
    {
        var t = o[key];
        if (t is null || t.Type == JTokenType.Null) return null;
        if (t.Type != JTokenType.String) throw Error(path, $"{field}.{key}", "must be a string", t);
        return t.Value<string>();
    }

    static InputException Error(string path, string field, string message, JToken at) =>
        new(path, at is IJsonLineInfo li && li.HasLineInfo() ? $"{message} (line {li.LineNumber})" : message, field);

    /// <summary>
    /// Applies answer files to a checklist, after automation and carry-forward. For each rule the first entry
    /// that applies wins (files in the order given, entries in file order). An entry without "when" never
    /// changes a verdict the automation decided (that needs "when" naming it); one that does says so in the
    /// comments and on the result engine (AnswerFile, AFMod, OldStatus, NewStatus).
    /// </summary>
    public static AnswerReport Apply(Checklist target, IReadOnlyList<Benchmark> benchmarks, IReadOnlyList<AnswerFile> files, AnswerApplyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(files);
        options ??= new AnswerApplyOptions();
        var report = new AnswerReport();
        var answered = new HashSet<ChecklistRule>();
        var hostNames = new[] { target.Asset.HostName, target.Asset.HostFqdn, FirstLabel(target.Asset.HostFqdn) }
            .Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h!.Trim()).ToList();

        foreach (var file in files)
        foreach (var a in file.Answers)
        {
            var where = $"{file.Name} answers[{a.Index}] ({a.Rule})";
            var inScope = target.Stigs
                .Select(s => (Stig: s, Benchmark: benchmarks.FirstOrDefault(b => string.Equals(b.Id, s.StigId, StringComparison.OrdinalIgnoreCase))))
                .Where(x => x.Benchmark is not null && (a.Benchmark is null || string.Equals(a.Benchmark, x.Benchmark.Id, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (inScope.Count == 0) continue; // for another benchmark
            var hits = inScope
                .Select(x => (x.Stig, BRule: x.Benchmark!.FindRule(a.Rule)))
                .Where(x => x.BRule is not null)
                .Select(x => x.Stig.Rules.FirstOrDefault(r => string.Equals(r.VulnId, x.BRule!.VulnId, StringComparison.OrdinalIgnoreCase)))
                .OfType<ChecklistRule>().ToList();
            if (hits.Count == 0)
            {
                report.Warnings.Add($"{where}: matches no rule of {string.Join(", ", inScope.Select(x => $"{x.Benchmark!.Id} {x.Benchmark.VersionLabel}"))}");
                continue;
            }
            if (a.Hosts is not null && !a.Hosts.Any(h => hostNames.Contains(h, StringComparer.OrdinalIgnoreCase)))
            {
                report.NotForThisHost++;
                continue;
            }
            foreach (var rule in hits)
            {
                var autoStatus = options.AutomatedResults.TryGetValue(rule.VulnId, out var auto) ? auto : ChecklistStatus.NotReviewed;
                var decided = autoStatus != ChecklistStatus.NotReviewed;
                if (a.When is not null && !a.When.Contains(autoStatus)) { report.WhenNotMet++; continue; }
                if (answered.Contains(rule))
                {
                    report.Warnings.Add($"{where}: not applied to {rule.VulnId}: an earlier entry already answered it");
                    continue;
                }
                if (a.When is null && decided)
                {
                    report.Warnings.Add($"{where}: not applied to {rule.VulnId}: the automated result is {autoStatus.ToCkl()}, and an answer " +
                                        $"changes an automated verdict only when its \"when\" names it (add \"when\": \"{autoStatus.ToCkl()}\")");
                    continue;
                }
                answered.Add(rule);
                ApplyOne(rule, a, file, autoStatus, decided);
                report.Applied.Add(new AppliedAnswer(file.Name, a.Index, rule.VulnId, autoStatus, a.Status, decided && a.Status != autoStatus));
            }
        }
        return report;
    }

    static void ApplyOne(ChecklistRule rule, Answer a, AnswerFile file, ChecklistStatus autoStatus, bool decided)
    {
        var overrides = decided && a.Status != autoStatus;
        var note = overrides
            ? $"Answer file {file.Name} overrides the automated result {autoStatus.ToCkl()}: {a.Comment}"
            : $"Answer file {file.Name}: {a.Comment}";
        // The same note carried from last quarter is not repeated; anything else already there is kept below it.
        var existing = rule.Comments ?? "";
        existing = existing.Replace($"Answer file {file.Name}: {a.Comment}", "");
        foreach (var s in Enum.GetValues<ChecklistStatus>())
            existing = existing.Replace($"Answer file {file.Name} overrides the automated result {s.ToCkl()}: {a.Comment}", "");
        existing = DropEmptyHeaders(existing.Replace("\r\n", "\n"));
        rule.Comments = existing.Length == 0 ? note : note + "\n\n" + existing;

        // FINDING_DETAILS opens with who set the status; the line an earlier run (carried) wrote is replaced, never repeated.
        var setBy = $"{StatusSetByPrefix}{file.Name} (entry answers[{a.Index}], rule {a.Rule}): {a.Status.ToCkl()}" +
            (overrides ? $", overriding the automated result {autoStatus.ToCkl()}." : decided ? ", the same as the automated result." : ".");
        var old = WithoutStatusSetBy(rule.FindingDetails);
        var body = old;
        if (!string.IsNullOrWhiteSpace(a.FindingDetails))
        {
            var fd = a.FindingDetails.Trim();
            if (old.Length == 0) body = fd;
            else if (!old.StartsWith(fd, StringComparison.Ordinal))
                body = fd + "\n\n" + (decided ? $"Finding details of the automated result ({autoStatus.ToCkl()}):" : "Previous finding details:") + "\n" + old;
        }
        rule.FindingDetails = body.Length == 0 ? setBy : setBy + "\n\n" + body;

        var before = rule.Status;
        rule.Status = a.Status;
        if (rule.ResultEngine is { } e && string.Equals(e.ModuleName, CklGenInfo.Product, StringComparison.OrdinalIgnoreCase))
        {
            e.AnswerFile = file.Name;
            e.AnswerFileModified = before != a.Status ? "true" : "false";
            e.OldStatus = before.ToCkl();
            e.NewStatus = a.Status.ToCkl();
        }
    }

    /// <summary>Starts FINDING_DETAILS' first line when an answer file set the status.</summary>
    public const string StatusSetByPrefix = "Status set by answer file ";

    static string WithoutStatusSetBy(string? details)
    {
        var lines = (details ?? "").Replace("\r\n", "\n").Split('\n').Where(l => !l.StartsWith(StatusSetByPrefix, StringComparison.Ordinal));
        return System.Text.RegularExpressions.Regex.Replace(string.Join('\n', lines), @"\n{3,}", "\n\n").Trim();
    }

    /// <summary>
    /// Removes a "Previous comments:" header left with nothing under it (the answer note it headed was just replaced),
    /// so that no empty header is written however many quarters are carried.
    /// </summary>
    internal static string DropEmptyHeaders(string text)
    {
        var lines = text.Split('\n').ToList();
        for (var i = lines.Count - 1; i >= 0; i--)
            if (lines[i].Trim() == CarryForward.PreviousCommentsHeader && (i + 1 == lines.Count || lines[i + 1].Trim().Length == 0))
                lines.RemoveAt(i);
        return System.Text.RegularExpressions.Regex.Replace(string.Join('\n', lines), @"\n{3,}", "\n\n").Trim();
    }

    static string? FirstLabel(string? fqdn) => fqdn is { } f && f.Contains('.') ? f[..f.IndexOf('.')] : null;
}

/// <summary>One entry of an answer file.</summary>
public sealed class Answer
{
    /// <summary>Position in the file's "answers" array (for messages: answers[3]).</summary>
    public int Index { get; init; }
    /// <summary>V-id, SV-id, STIG id or legacy id.</summary>
    public required string Rule { get; init; }
    public ChecklistStatus Status { get; init; }
    public required string Comment { get; init; }
    public string? FindingDetails { get; init; }
    /// <summary>Apply only when the automated result is one of these (Not_Reviewed for rules without automation); null: always.</summary>
    public IReadOnlyList<ChecklistStatus>? When { get; init; }
    /// <summary>Apply only to these hosts (host name, FQDN or its first label; case ignored); null: every host.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }
    /// <summary>Apply only to this benchmark id; null: any.</summary>
    public string? Benchmark { get; init; }
}

public sealed record AnswerApplyOptions
{
    /// <summary>V-id to the status this run's automation gave, for rules CklGen automates (including Not_Reviewed).</summary>
    public IReadOnlyDictionary<string, ChecklistStatus> AutomatedResults { get; init; } =
        new Dictionary<string, ChecklistStatus>(StringComparer.OrdinalIgnoreCase);
}

public sealed record AppliedAnswer(string File, int Index, string VulnId, ChecklistStatus AutomatedStatus, ChecklistStatus Status, bool OverrodeAutomated);

/// <summary>What <see cref="AnswerFile.Apply"/> did.</summary>
public sealed class AnswerReport
{
    public List<AppliedAnswer> Applied { get; } = [];
    /// <summary>Entries whose "when" did not hold for a rule.</summary>
    public int WhenNotMet { get; set; }
    /// <summary>Entries whose "hosts" did not name this checklist's host.</summary>
    public int NotForThisHost { get; set; }
    /// <summary>Ids matching no rule, answers not applied, and why.</summary>
    public List<string> Warnings { get; } = [];

    public JObject ToJson() => new()
    {
        ["counts"] = new JObject
        {
            ["applied"] = Applied.Count,
            ["overrodeAutomated"] = Applied.Count(x => x.OverrodeAutomated),
            ["whenNotMet"] = WhenNotMet,
            ["notForThisHost"] = NotForThisHost,
            ["warnings"] = Warnings.Count,
        },
        ["applied"] = new JArray(Applied.Select(x => new JObject
        {
            ["file"] = x.File, ["index"] = x.Index, ["vulnId"] = x.VulnId, ["status"] = x.Status.ToCkl(),
            ["automatedStatus"] = x.AutomatedStatus.ToCkl(), ["overrodeAutomated"] = x.OverrodeAutomated,
        })),
        ["warnings"] = new JArray(Warnings),
    };
}
