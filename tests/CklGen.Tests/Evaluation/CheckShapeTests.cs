using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>
/// The catalog shapes beyond "every object must pass": selecting objects by property, what no object means,
/// "any object is a finding", checks made of checks, manual checks without a command, and a path taken from
/// another command's object. A small catalog written here exercises the engine on its own.
/// </summary>
public class CheckShapeTests
{
    const string CheckText = "Enter the command. If the value is not as stated, this is a finding.";

    static readonly RuleCatalog Catalog = Build("""
        {
          "catalog": "shapes", "about": "test",
          "objects": [ { "command": "Get-Service", "noun": "service" }, { "command": "Get-IPAllowListEntry", "noun": "IP allow list entry", "owner": "organization" },
                       { "command": "Get-Acl", "noun": "folder", "owner": "local" },
                       { "command": "Get-ExchangeServer", "noun": "Exchange server", "serverProperty": "Name" } ],
          "checks": [
            { "id": "svc-disabled", "command": "Get-Service", "alsoFrom": [ "Get-Service -Name SNMP" ], "onNone": "notAFinding", "onNoneWhy": "The service is not installed.",
              "select": [ { "property": "Name", "kind": "Text", "op": "equalsIgnoreCase", "expected": "SNMP" } ],
              "assert": [ { "property": "StartType", "kind": "Enum", "enum": "ServiceStartType", "op": "equals", "expected": "Disabled" } ] },
            { "id": "agent-present", "command": "Get-TransportAgent", "onNone": "open", "onNoneWhy": "The check text requires the agent.",
              "select": [ { "property": "Identity", "kind": "Text", "op": "equalsIgnoreCase", "expected": "Malware Agent" } ],
              "assert": [ { "property": "Enabled", "kind": "Boolean", "op": "equals", "expected": true } ] },
            { "id": "no-allow-entries", "command": "Get-IPAllowListEntry", "onNone": "notAFinding", "onAny": "open", "evidence": [ "IPRange" ] },
            { "id": "policy", "command": "Get-ExecutionPolicy", "assert": [ { "property": "Value", "kind": "Enum", "enum": "ExecutionPolicy", "op": "equals", "expected": "RemoteSigned" } ] },
            { "id": "both", "all": [ "svc-disabled", "policy" ] },
            { "id": "person", "manual": "A person must confirm that a baseline copy exists." },
            { "id": "log-acl", "command": "Get-Acl -Path '{Get-TransportService.MessageTrackingLogPath}'",
              "assert": [ { "property": "Access", "kind": "Acl", "op": "modifyOnlyBy", "expected": [ "BUILTIN\\Administrators", "NT AUTHORITY\\SYSTEM" ] } ] }
            ,{ "id": "install-acl", "command": "Get-Acl -Path '{host.exchangeInstallPath}\\Logging'",
              "assert": [ { "property": "Access", "kind": "Acl", "op": "deleteOnlyBy", "expected": [ "BUILTIN\\Administrators" ] } ] },
            { "id": "error-reporting", "command": "Get-ExchangeServer", "assert": [ { "property": "ErrorReportingEnabled", "kind": "Boolean", "op": "equals", "expected": false } ] }
          ],
          "bindings": [
            { "vulnId": "V-7", "stigId": "T-7", "check": "install-acl", "text": "@" },
            { "vulnId": "V-8", "stigId": "T-8", "check": "error-reporting", "text": "@" },
            { "vulnId": "V-1", "stigId": "T-1", "check": "svc-disabled", "text": "@" },
            { "vulnId": "V-2", "stigId": "T-2", "check": "agent-present", "text": "@" },
            { "vulnId": "V-3", "stigId": "T-3", "check": "no-allow-entries", "text": "@" },
            { "vulnId": "V-4", "stigId": "T-4", "check": "both", "text": "@" },
            { "vulnId": "V-5", "stigId": "T-5", "check": "person", "text": "@" },
            { "vulnId": "V-6", "stigId": "T-6", "check": "log-acl", "text": "@" }
          ]
        }
        """);

    static RuleCatalog Build(string json)
    {
        var file = RuleCatalog.Parse(json.Replace("\"@\"", $"\"{CklGen.Evaluation.CheckText.Fingerprint(CheckText)}\""), "shapes.json");
        return new RuleCatalog(file.Checks, file.Bindings, file.Objects, file.PolicyKeys);
    }

    static RuleResult Run(string vulnId, Func<FactsBuilder, FactsBuilder> facts) =>
        new Evaluator(Catalog).Evaluate(new BenchmarkRule { VulnId = vulnId, RuleId = vulnId + "r1_rule", StigId = "T", CheckContent = CheckText },
            facts(new FactsBuilder()).Build());

    static JObject Service(string name, object startType) => new() { ["Name"] = name, ["StartType"] = JToken.FromObject(startType), ["Status"] = "Stopped" };

    [Fact]
    public void A_selection_judges_only_the_objects_it_names()
    {
        var r = Run("V-1", f => f.With("Get-Service", Service("W3SVC", "Automatic"), Service("SNMP", "Disabled")));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("Service \"SNMP\": compliant", r.FindingDetails);
        Assert.Contains("1 other service(s) of this server left aside: this rule is about the services whose Name is SNMP only", r.FindingDetails);
        Assert.DoesNotContain("W3SVC\"", r.FindingDetails);

        var open = Run("V-1", f => f.With("Get-Service", Service("snmp", 2)));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("StartType = Automatic; expected Disabled", open.FindingDetails);
    }

    [Fact]
    public void An_object_whose_selecting_property_is_missing_is_not_judged()
    {
        var r = Run("V-1", f => f.With("Get-Service", new JObject { ["DisplayName"] = "SNMP Service", ["StartType"] = "Automatic" }));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("whether this rule is about it cannot be told: Name is not in the collected output", r.FindingDetails);
    }

    [Fact]
    public void No_selected_object_gives_the_verdict_the_check_text_gives()
    {
        var none = Run("V-1", f => f.With("Get-Service", Service("W3SVC", "Automatic")));
        Assert.Equal(ChecklistStatus.NotAFinding, none.Status);
        Assert.Contains("returned none of the services whose Name is SNMP for this server. The service is not installed.", none.FindingDetails);

        var missingAgent = Run("V-2", f => f.With("Get-TransportAgent", new JObject { ["Identity"] = "Content Filter Agent", ["Enabled"] = true }));
        Assert.Equal(ChecklistStatus.Open, missingAgent.Status);
        Assert.Contains("The check text requires the agent.", missingAgent.FindingDetails);

        var empty = Run("V-2", f => f.With("Get-TransportAgent"));
        Assert.Equal(ChecklistStatus.Open, empty.Status);
        Assert.Contains("Get-TransportAgent returned nothing", empty.FindingDetails);

        // Absent or failed is never "none".
        Assert.Equal(ChecklistStatus.NotReviewed, Run("V-2", f => f).Status);
        Assert.Equal(ChecklistStatus.NotReviewed, Run("V-2", f => f.Failed("Get-TransportAgent", "access denied")).Status);
    }

    [Fact]
    public void Any_object_is_a_finding_where_the_check_text_says_so()
    {
        var r = Run("V-3", f => f.With("Get-IPAllowListEntry", new JObject { ["IPRange"] = "192.0.2.0/24", ["Identity"] = "1" }));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("IPRange = \"192.0.2.0/24\"", r.FindingDetails);
        Assert.Contains("IP allow list entry \"1\": FINDING (present)", r.FindingDetails);
        Assert.Equal(ChecklistStatus.NotAFinding, Run("V-3", f => f.With("Get-IPAllowListEntry")).Status);
        Assert.Equal(ChecklistStatus.NotReviewed, Run("V-3", f => f).Status);
    }

    [Fact]
    public void A_composite_is_open_if_any_part_is_and_decided_only_when_every_part_is()
    {
        JObject[] snmpOff = [Service("SNMP", "Disabled")];
        var ok = Run("V-4", f => f.With("Get-Service", snmpOff).With("Get-ExecutionPolicy", new JObject { ["Value"] = "RemoteSigned" }));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("Part 1 of 2 (svc-disabled)", ok.FindingDetails);
        Assert.Contains("Part 2 of 2 (policy)", ok.FindingDetails);

        var open = Run("V-4", f => f.With("Get-Service", snmpOff).With("Get-ExecutionPolicy", new JObject { ["Value"] = 0 }));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("Value = Unrestricted; expected RemoteSigned", open.FindingDetails);

        var half = Run("V-4", f => f.With("Get-Service", snmpOff));
        Assert.Equal(ChecklistStatus.NotReviewed, half.Status);
        Assert.Contains("Get-ExecutionPolicy was not collected", half.FindingDetails);
    }

    [Fact]
    public void A_manual_check_without_a_command_says_what_the_reviewer_needs()
    {
        var r = Run("V-5", f => f);
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.StartsWith("Not reviewed: A person must confirm that a baseline copy exists.", r.FindingDetails);
        Assert.True(r.Automated);
    }

    static JObject Acl(params (string Who, string Rights)[] aces) => new()
    {
        ["Path"] = "D:\\Logs\\MessageTracking",
        ["Access"] = new JArray(aces.Select(a => new JObject { ["IdentityReference"] = a.Who, ["FileSystemRights"] = a.Rights, ["AccessControlType"] = "Allow", ["IsInherited"] = false })),
    };

    [Fact]
    public void A_path_from_another_command_names_the_folder_to_read()
    {
        var transport = new JObject { ["Name"] = "EXTEST01", ["MessageTrackingLogPath"] = "D:\\Logs\\MessageTracking" };
        var ok = Run("V-6", f => f.With("Get-TransportService", transport)
            .With("Get-Acl -Path 'D:\\Logs\\MessageTracking'", Acl(("BUILTIN\\Administrators", "FullControl"), ("BUILTIN\\Users", "ReadAndExecute, Synchronize"))));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        Assert.Contains("Get-Acl -Path 'D:\\Logs\\MessageTracking'", ok.FindingDetails);

        var open = Run("V-6", f => f.With("Get-TransportService", transport)
            .With("Get-Acl -Path 'D:\\Logs\\MessageTracking'", Acl(("BUILTIN\\Users", "Modify, Synchronize"))));
        Assert.Equal(ChecklistStatus.Open, open.Status);

        var noPath = Run("V-6", f => f.With("Get-TransportService", new JObject { ["Name"] = "EXTEST01", ["MessageTrackingLogPath"] = null }));
        Assert.Equal(ChecklistStatus.NotReviewed, noPath.Status);
        Assert.Contains("this rule reads the folder in MessageTrackingLogPath of Get-TransportService, and it is not set", noPath.FindingDetails);

        var noAcl = Run("V-6", f => f.With("Get-TransportService", transport));
        Assert.Equal(ChecklistStatus.NotReviewed, noAcl.Status);
        Assert.Contains("Get-Acl -Path 'D:\\Logs\\MessageTracking' was not collected", noAcl.FindingDetails);

        var other = Run("V-6", f => f.With("Get-TransportService", new JObject { ["Name"] = "EXMBX02", ["Server"] = "EXMBX02", ["MessageTrackingLogPath"] = "E:\\x" }));
        Assert.Equal(ChecklistStatus.NotReviewed, other.Status);
        Assert.Contains("returned 0 objects of this server", other.FindingDetails);
    }

    [Fact]
    public void Malformed_shapes_are_refused_when_the_catalog_loads()
    {
        Assert.Throws<CklGenException>(() => Build("""{ "checks": [ { "id": "x", "command": "Get-X", "onAny": "open", "assert": [ { "property": "A", "kind": "Boolean", "op": "equals", "expected": true } ] } ] }"""));
        Assert.Throws<CklGenException>(() => Build("""{ "checks": [ { "id": "x", "command": "Get-X", "onAny": "notAFinding" } ] }"""));
        Assert.Throws<CklGenException>(() => Build("""{ "checks": [ { "id": "a", "manual": "m" }, { "id": "x", "all": [ "a", "missing" ] } ] }"""));
        Assert.Throws<CklGenException>(() => Build("""{ "checks": [ { "id": "x", "manual": "m", "evidence": [ "A" ] } ] }"""));
        // A volume comparison reads other facts: an assertion of its own, never a condition or a selection.
        const string volume = """{ "property": "P", "kind": "Text", "op": "otherVolumeThan", "expected": "C:" }""";
        Assert.Throws<CklGenException>(() => Build($$"""{ "checks": [ { "id": "x", "command": "@host", "assert": [ { "property": "A", "kind": "Boolean", "op": "equals", "expected": true, "when": [ {{volume}} ] } ] } ] }"""));
        Assert.Throws<CklGenException>(() => Build($$"""{ "checks": [ { "id": "x", "command": "@host", "select": [ {{volume}} ], "assert": [ { "property": "A", "kind": "Boolean", "op": "equals", "expected": true } ] } ] }"""));
    }

    [Fact]
    public void The_install_path_of_the_host_names_the_folder_to_read()
    {
        var ok = Run("V-7", f => f.InstallPath("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\")
            .With("Get-Acl -Path 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging'", Acl(("BUILTIN\\Administrators", "FullControl"))));
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        var none = Run("V-7", f => f);
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("the facts do not record it (host.exchangeInstallPath)", none.FindingDetails);
    }

    [Fact]
    public void A_server_object_named_by_its_Name_decides_only_its_own_rules()
    {
        var r = Run("V-8", f => f.With("Get-ExchangeServer",
            new JObject { ["Name"] = "EXTEST01", ["ErrorReportingEnabled"] = false },
            new JObject { ["Name"] = "EXMBX02", ["ErrorReportingEnabled"] = true }));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("another server's (EXMBX02)", r.FindingDetails);
        Assert.Equal(ChecklistStatus.Open, Run("V-8", f => f.With("Get-ExchangeServer", new JObject { ["Name"] = "EXTEST01", ["ErrorReportingEnabled"] = "True" })).Status);
    }

    [Fact]
    public void Objects_keyed_as_the_check_text_writes_the_command_line_are_found()
    {
        // The collector's wide Get-Service, or a hand export keyed "Get-Service -Name SNMP" as the check text writes it.
        var r = Run("V-1", f => f.With("Get-Service -Name SNMP", Service("SNMP", "Automatic")));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("Get-Service -Name SNMP", r.FindingDetails);
        // The wide key wins when both are there.
        var both = Run("V-1", f => f.With("Get-Service", Service("SNMP", "Disabled")).With("Get-Service -Name SNMP", Service("SNMP", "Automatic")));
        Assert.Equal(ChecklistStatus.NotAFinding, both.Status);
        // A failed alternative is a failure, not absence.
        Assert.Contains("access denied", Run("V-1", f => f.Failed("Get-Service -Name SNMP", "access denied")).FindingDetails);
    }

    [Fact]
    public void A_dash_as_DISA_types_it_is_a_parameter()
    {
        Assert.True(CklGen.Facts.CommandKey.Parse("Get-ExchangeServer \u2013status").Matches(CklGen.Facts.CommandKey.Parse("Get-ExchangeServer -Status")));
    }
}
