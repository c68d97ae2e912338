using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Tests.Evaluation;
using CarryForwardApi = CklGen.Checklists.CarryForward;

namespace CklGen.Tests.CarryForward;

/// <summary>Checklists from the shared DISA benchmarks, answered and written the way last quarter's file would be.</summary>
static class CarryFixtures
{
    public const string Mb16R3 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml";
    public const string Mb16R4 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R4_Manual-xccdf.xml";
    public const string Mb16R6 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    public const string Edge10R14 = "U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml";
    public const string Edge10R15 = "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml";
    public const string Edge19R2 = "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

    public static Benchmark Bench(string file) => SharedBenchmarks.Get(file);

    /// <summary>A blank checklist of one benchmark, every rule Not_Reviewed.</summary>
    public static Checklist Blank(string file, string host = "EXTEST01") =>
        ChecklistFactory.Blank([Bench(file)], ChecklistFactoryOptions.Deterministic(7) with { HostName = host });

    public static ChecklistRule Rule(Checklist c, string vulnId) => c.AllRules().Single(x => x.Rule.VulnId == vulnId).Rule;

    /// <summary>Sets a person's answer on a rule.</summary>
    public static ChecklistRule Answer(Checklist c, string vulnId, ChecklistStatus status, string comments, string details = "")
    {
        var r = Rule(c, vulnId);
        r.Status = status;
        r.Comments = comments;
        r.FindingDetails = details;
        return r;
    }

    /// <summary>The checklist as it reads back from a file of the given format.</summary>
    public static Checklist ThroughFile(Checklist c, ChecklistFormat format = ChecklistFormat.Ckl) =>
        ChecklistFile.ReadText(ChecklistFile.ToText(c, format), format == ChecklistFormat.Ckl ? "previous.ckl" : "previous.cklb");

    public static CarryForwardReport Carry(Checklist target, string benchmarkFile, Checklist previous, IReadOnlySet<string>? decided = null) =>
        CarryForwardApi.Apply(target, [Bench(benchmarkFile)], previous,
            new CarryForwardOptions { PreviousName = "previous.ckl", DecidedVulnIds = decided ?? new HashSet<string>() });

    /// <summary>Marks a rule as decided by CklGen's automation this run, as ChecklistFiller does.</summary>
    public static void Automate(Checklist c, string vulnId, ChecklistStatus status, string details)
    {
        var r = Rule(c, vulnId);
        r.Status = status;
        r.FindingDetails = details;
        r.Comments = $"Automated by CklGen {CklGenInfo.Version}: check 'x' for {vulnId}.";
        r.ResultEngine = ChecklistFiller.Engine(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
