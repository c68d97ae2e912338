namespace CklGen.Checklists;

/// <summary>DISA severity category: CAT I is high, CAT III low.</summary>
public enum Cat
{
    Unknown = 0,
    I = 1,
    II = 2,
    III = 3,
}

public static class Cats
{
    /// <summary>From a severity word (high, medium, low; case and spaces ignored).</summary>
    public static Cat FromSeverity(string? severity) => (severity ?? "").Trim().ToLowerInvariant() switch
    {
        "high" => Cat.I,
        "medium" => Cat.II,
        "low" => Cat.III,
        _ => Cat.Unknown,
    };

    /// <summary>"CAT I", "CAT II", "CAT III", "CAT ?".</summary>
    public static string Label(this Cat c) => c == Cat.Unknown ? "CAT ?" : "CAT " + c;

    /// <summary>All categories, most severe first, unknown last.</summary>
    public static readonly Cat[] Ordered = [Cat.I, Cat.II, Cat.III, Cat.Unknown];

    /// <summary>The severity in effect: the override when one is set, else the rule's (lower case; null when neither).</summary>
    public static string? EffectiveSeverity(ChecklistRule r) =>
        !string.IsNullOrWhiteSpace(r.SeverityOverride) ? r.SeverityOverride.Trim().ToLowerInvariant()
        : string.IsNullOrWhiteSpace(r.Severity) ? null : r.Severity.Trim().ToLowerInvariant();
}
