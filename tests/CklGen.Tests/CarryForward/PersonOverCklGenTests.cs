using CklGen.Checklists;
using CklGen.Tests.Support;
using static CklGen.Tests.CarryForward.CarryFixtures;

namespace CklGen.Tests.CarryForward;

/// <summary>
/// A person who answers a rule CklGen left Not_Reviewed (a baseline copy, change monitoring) in STIG Viewer keeps
/// CklGen's annotation and words under their own status. Next quarter that status is the person's answer and is carried;
/// a status CklGen itself wrote (its details open with that status's words) never is.
/// </summary>
public class PersonOverCklGenTests
{
    const string Ckl = "EXMBX16_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl";

    [Theory]
    [InlineData(ChecklistFormat.Ckl)]
    [InlineData(ChecklistFormat.Cklb)]
    public void A_persons_status_on_a_rule_CklGen_left_not_reviewed_is_carried(ChecklistFormat format)
    {
        var q1 = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(Mb16R6, q1, "--facts", CliRun.Facts16, "--format", "both")).Expect(0);
        var path = Path.Combine(q1, format == ChecklistFormat.Ckl ? Ckl : Path.ChangeExtension(Ckl, ".cklb"));
        var c = ChecklistFile.Read(path);
        var baseline = Rule(c, "V-228401");
        Assert.Equal(ChecklistStatus.NotReviewed, baseline.Status);
        Assert.NotNull(baseline.ResultEngine);
        // As STIG Viewer leaves it: the annotation and CklGen's words stay, the status and a comment are the person's.
        baseline.Status = ChecklistStatus.NotAFinding;
        baseline.Comments = baseline.Comments + "\nBaseline copy on the backup share per EDSP 6.1 (ISSO, 2026-11-30).";
        ChecklistFile.Write(c, path, format, overwrite: true);
        if (format == ChecklistFormat.Cklb) File.Delete(Path.Combine(q1, Ckl));
        else File.Delete(Path.ChangeExtension(path, ".cklb"));

        var q2 = TestPaths.NewTempDir();
        CliRun.Of(CliRun.Generate(Mb16R6, q2, "--facts", CliRun.Facts16, "--previous", path)).Expect(0);
        var carried = Rule(ChecklistFile.Read(Path.Combine(q2, Ckl)), "V-228401");
        Assert.Equal(ChecklistStatus.NotAFinding, carried.Status);
        Assert.Contains("Baseline copy on the backup share", carried.Comments);

        // CklGen's own verdict from last quarter's facts is not carried as an answer.
        var admin = Rule(ChecklistFile.Read(path), "V-228354");
        Assert.NotEqual(ChecklistStatus.NotReviewed, admin.Status);
        Assert.DoesNotContain("Carried", Rule(ChecklistFile.Read(Path.Combine(q2, Ckl)), "V-228354").Comments ?? "");
    }
}
