using System.Globalization;
using CklGen.Benchmarks;
using CklGen.Checklists;
using Newtonsoft.Json.Linq;

namespace CklGen.Cli.Commands;

/// <summary>Small pieces several commands share.</summary>
static class CommandSupport
{
    /// <summary>Folder where users drop DISA downloads; bare benchmark names are looked up there.</summary>
    public const string DefaultBenchmarkFolder = "benchmarks-xccdf";

    public const string FollowSymlinksHelp = "Write through a symbolic link in the --out path (refused by default, so that a link cannot steer the output elsewhere).";

    public const string AllowMismatchHelp =
        "Evaluate facts whose exchange.version or serverRole does not fit the benchmark (refused by default, exit 3, nothing written); " +
        "every automated rule's details then say the facts are for another server type.";

    public static string ResolveBenchmark(string given)
    {
        if (File.Exists(given)) return given;
        if (XccdfReader.SplitZipEntry(given) is not null) return given;
        if (Directory.Exists(given)) throw new InputException(given, "is a folder, not a file (expected a benchmark .xml or DISA's .zip)");
        var inFolder = Path.Combine(DefaultBenchmarkFolder, given);
        if (!Path.IsPathRooted(given) && File.Exists(inFolder)) return inFolder;
        throw new InputException(given, $"benchmark file not found (also looked in ./{DefaultBenchmarkFolder})");
    }

    public static DateTimeOffset ParseTime(string? text)
    {
        if (text is null) return DateTimeOffset.Now;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        throw new UsageException($"--time: '{text}' is not an ISO 8601 date and time");
    }

    public static IEnumerable<ChecklistFormat> Formats(OutputFormat f) => f switch
    {
        OutputFormat.Ckl => [ChecklistFormat.Ckl],
        OutputFormat.Cklb => [ChecklistFormat.Cklb],
        OutputFormat.Xccdf => [ChecklistFormat.Xccdf],
        OutputFormat.Both => [ChecklistFormat.Ckl, ChecklistFormat.Cklb],
        _ => [ChecklistFormat.Ckl, ChecklistFormat.Cklb, ChecklistFormat.Xccdf],
    };

    /// <summary>File extension per written format (see <see cref="Generation.HostGeneration.Extension"/>).</summary>
    public static string Extension(ChecklistFormat f) => Generation.HostGeneration.Extension(f);

    public static ChecklistFormat FormatOfOutput(string path) => Generation.HostGeneration.FormatOfOutput(path);

    /// <summary>Counts by status, every status present (0 when none), in CKL spelling.</summary>
    public static JObject StatusCounts(IEnumerable<ChecklistStatus> statuses)
    {
        var list = statuses.ToList();
        var o = new JObject();
        foreach (var s in new[] { ChecklistStatus.Open, ChecklistStatus.NotAFinding, ChecklistStatus.NotApplicable, ChecklistStatus.NotReviewed })
            o[s.ToCkl()] = list.Count(x => x == s);
        return o;
    }

    /// <summary>Counts by the result an XCCDF results file holds for each rule (see XccdfResultsWriter.ResultOf), every result present.</summary>
    public static JObject XccdfResultCounts(IEnumerable<ChecklistRule> rules)
    {
        var results = rules.Select(XccdfResultsWriter.ResultOf).ToList();
        var o = new JObject();
        foreach (var r in new[] { "fail", "pass", "notapplicable", "notchecked" }) o[r] = results.Count(x => x == r);
        return o;
    }
}
