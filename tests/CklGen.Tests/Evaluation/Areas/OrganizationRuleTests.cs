using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Evaluation.Areas.AreaRules;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>The organization catalog, on every shared benchmark rule it binds.</summary>
public class OrganizationRuleTests
{
    const string Catalog = "exchange-organization";

    static readonly SitePolicy Policy = SitePolicy.Parse("""
        { "cklgenPolicy": 1, "values": { "approvedExchangeBuild": "Version 15.2 (Build 1544.4)" } }
        """, "site-policy.json");

    static JObject Server(string name, params (string, object?)[] props) => O(new[] { ("Name", (object?)name), ("Identity", name) }.Concat(props).ToArray());

    internal static readonly Dictionary<string, AreaCase> Cases = new[]
    {
        new AreaCase("customer-feedback-disabled",
            f => f.With("Get-OrganizationConfig", O(("Name", "Corp"), ("CustomerFeedbackEnabled", false))),
            f => f.With("Get-OrganizationConfig", O(("Name", "Corp"), ("CustomerFeedbackEnabled", null))),
            "CustomerFeedbackEnabled = null (not set); expected False", "Get-OrganizationConfig"),
        new AreaCase("error-reporting-disabled",
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("ErrorReportingEnabled", "False")), Server("EXMBX02", ("ErrorReportingEnabled", true))),
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("ErrorReportingEnabled", true))),
            "ErrorReportingEnabled = True; expected False", "Get-ExchangeServer"),
        new AreaCase("exchange-build-2010-sp2",
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("AdminDisplayVersion", "Version 14.3 (Build 123.4)"))),
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("AdminDisplayVersion", "Version 14.1 (Build 218.15)"))),
            "expected 14.2.247.5 or more", "Get-ExchangeServer"),
        new AreaCase("exchange-build-approved",
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("AdminDisplayVersion", "Version 15.2 (Build 1544.4)"))),
            f => f.With("Get-ExchangeServer", Server("EXTEST01", ("AdminDisplayVersion", "Version 15.2 (Build 1258.12)"))),
            "AdminDisplayVersion = 15.2.1258.12", "Get-ExchangeServer"),
    }.ToDictionary(c => c.Check);

    public static TheoryData<string, string> Rules() => Bound(Catalog);

    [Theory, MemberData(nameof(Rules))]
    public void Compliant_non_compliant_absent_and_failed(string file, string vulnId) => AreaRules.Check(Cases, file, vulnId, Policy);

    [Fact]
    public void Every_check_has_a_case() => EveryCheckHasACase(Catalog, Cases);

    [Fact]
    public void The_approved_build_is_the_organizations_to_say_and_another_server_never_decides()
    {
        var rule = SharedBenchmarks.Rule("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml", "V-259711");
        var facts = new FactsBuilder().With("Get-ExchangeServer", Server("EXTEST01", ("AdminDisplayVersion", "Version 15.2 (Build 1544.4)"))).Build();
        var none = Evaluate(rule, facts, null);
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("set approvedExchangeBuild", none.FindingDetails);
        var other = Evaluate(rule, new FactsBuilder().With("Get-ExchangeServer", Server("EXMBX02", ("AdminDisplayVersion", "Version 15.2 (Build 1544.4)"))).Build(), Policy);
        Assert.Equal(ChecklistStatus.NotReviewed, other.Status);
        Assert.Contains("Exchange always returns this server's Exchange server", other.FindingDetails);
    }
}
