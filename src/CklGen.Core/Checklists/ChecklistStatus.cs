namespace CklGen.Checklists;

/// <summary>A rule's review status. CKL spells them Open, NotAFinding, Not_Applicable, Not_Reviewed;
/// CKLB open, not_a_finding, not_applicable, not_reviewed.</summary>
public enum ChecklistStatus
{
    NotReviewed,
    Open,
    NotAFinding,
    NotApplicable,
}

public static class ChecklistStatuses
{
    public static string ToCkl(this ChecklistStatus s) => s switch
    {
        ChecklistStatus.Open => "Open",
        ChecklistStatus.NotAFinding => "NotAFinding",
        ChecklistStatus.NotApplicable => "Not_Applicable",
        _ => "Not_Reviewed",
    };

    public static string ToCklb(this ChecklistStatus s) => s switch
    {
        ChecklistStatus.Open => "open",
        ChecklistStatus.NotAFinding => "not_a_finding",
        ChecklistStatus.NotApplicable => "not_applicable",
        _ => "not_reviewed",
    };

    /// <summary>Parses any spelling either format or a person uses (Open, not_a_finding, NotApplicable, NR, ...).</summary>
    public static bool TryParse(string? text, out ChecklistStatus status)
    {
        var key = (text ?? "").Trim().Replace("_", "").Replace(" ", "").Replace("-", "").ToLowerInvariant();
        switch (key)
        {
            case "open": case "o": case "fail": status = ChecklistStatus.Open; return true;
            case "notafinding": case "naf": case "nf": case "pass": status = ChecklistStatus.NotAFinding; return true;
            case "notapplicable": case "na": status = ChecklistStatus.NotApplicable; return true;
            case "notreviewed": case "nr": case "notchecked": status = ChecklistStatus.NotReviewed; return true;
            default: status = ChecklistStatus.NotReviewed; return false;
        }
    }

}
