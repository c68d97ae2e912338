using CklGen.Checklists;

namespace CklGen.Evaluation;

/// <summary>What the evaluator concluded for one rule.</summary>
public sealed class RuleResult
{
    public required string VulnId { get; init; }
    public required string RuleId { get; init; }
    public required string StigId { get; init; }
    public ChecklistStatus Status { get; init; } = ChecklistStatus.NotReviewed;
    public string FindingDetails { get; init; } = "";
    public string Comments { get; init; } = "";
    /// <summary>CklGen has an automation bound to this rule (whether or not it could decide).</summary>
    public bool Automated { get; init; }
    /// <summary>The catalog check that produced the result, when automated.</summary>
    public string? CheckId { get; init; }
    /// <summary>What the person running CklGen must hear (stderr): expired risk acceptances, policy names that match nothing, unconfirmed facts.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
