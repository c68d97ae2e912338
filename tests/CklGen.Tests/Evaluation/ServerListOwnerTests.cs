using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>
/// Two general shapes the client-access and database catalogs need: an object on several servers (a DAG's or a
/// mailbox database's Servers) is this server's when its list names it; and an organization-defined "one of" value
/// given as a list in the site policy (the approved issuers, the mailboxes allowed to forward).
/// </summary>
public class ServerListOwnerTests
{
    const string CheckText = "Enter the command. If the value is not as stated, this is a finding.";

    static readonly RuleCatalog Catalog = Build("""
        {
          "catalog": "lists", "about": "test", "policyKeys": [ "maxSendSize" ],
          "objects": [ { "command": "Get-MailboxDatabase", "noun": "mailbox database", "serverProperty": "Servers" },
                       { "command": "Get-ExchangeCertificate", "noun": "certificate", "nameProperties": [ "Thumbprint" ] },
                       { "command": "Get-WebBinding", "noun": "web binding", "owner": "local", "nameProperties": [ "bindingInformation" ] } ],
          "checks": [
            { "id": "mount", "command": "Get-MailboxDatabase", "assert": [ { "property": "MountAtStartup", "kind": "Boolean", "op": "equals", "expected": true } ] },
            { "id": "https", "command": "Get-WebBinding", "select": [ { "property": "protocol", "kind": "Text", "op": "oneOf", "expected": [ "http", "https" ] } ],
              "assert": [ { "property": "bindingInformation", "kind": "Text", "op": "matches", "expected": ":443:" } ] },
            { "id": "issuer", "command": "Get-ExchangeCertificate", "assert": [ { "property": "Issuer", "kind": "Text", "op": "oneOf", "org": "maxSendSize" } ] }
          ],
          "bindings": [
            { "vulnId": "V-1", "stigId": "T-1", "check": "mount", "text": "@" },
            { "vulnId": "V-2", "stigId": "T-2", "check": "issuer", "text": "@" },
            { "vulnId": "V-3", "stigId": "T-3", "check": "https", "text": "@" }
          ]
        }
        """);

    static RuleCatalog Build(string json)
    {
        var file = RuleCatalog.Parse(json.Replace("\"@\"", $"\"{CklGen.Evaluation.CheckText.Fingerprint(CheckText)}\""), "lists.json");
        return new RuleCatalog(file.Checks, file.Bindings, file.Objects, file.PolicyKeys);
    }

    static RuleResult Run(string vulnId, FactsBuilder facts, SitePolicy? policy = null) =>
        new Evaluator(Catalog, policy).Evaluate(new BenchmarkRule { VulnId = vulnId, RuleId = vulnId + "r1_rule", StigId = "T", CheckContent = CheckText }, facts.Build());

    static JObject Db(string name, bool mount, params string[] servers) =>
        new() { ["Name"] = name, ["Server"] = servers.FirstOrDefault(), ["Servers"] = new JArray(servers), ["MountAtStartup"] = mount };

    [Fact]
    public void An_object_on_several_servers_is_this_servers_when_its_list_names_it()
    {
        // DB02's active copy is on EXMBX02 (Server), but this server holds a copy: it is judged here.
        var open = Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", Db("DB01", true, "EXTEST01", "EXMBX02"), Db("DB02", false, "EXMBX02", "EXTEST01")));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("Mailbox database \"DB02\": NOT COMPLIANT", open.FindingDetails);

        var other = Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", Db("DB01", true, "EXTEST01"), Db("DB09", false, "EXMBX09", "EXMBX10")));
        Assert.Equal(ChecklistStatus.NotAFinding, other.Status);
        Assert.Contains("another server's: Servers is EXMBX09, EXMBX10", other.FindingDetails);

        // A wrapped list and a single name read the same.
        var wrapped = new JObject { ["Name"] = "DB03", ["Servers"] = new JObject { ["value"] = new JArray("EXTEST01"), ["Count"] = 1 }, ["MountAtStartup"] = "$false" };
        Assert.Equal(ChecklistStatus.Open, Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", wrapped)).Status);
        var single = new JObject { ["Name"] = "DB04", ["Servers"] = "EXMBX02", ["MountAtStartup"] = false };
        Assert.Equal(ChecklistStatus.NotApplicable, Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", single)).Status);

        // A list naming no server is nobody's here; one that cannot be read is not judged.
        Assert.Equal(ChecklistStatus.NotApplicable, Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", Db("DB05", false))).Status);
        var odd = new JObject { ["Name"] = "DB06", ["Servers"] = new JArray(new JObject { ["x"] = 1 }), ["MountAtStartup"] = false };
        var r = Run("V-1", new FactsBuilder().With("Get-MailboxDatabase", odd));
        Assert.Equal(ChecklistStatus.NotReviewed, r.Status);
        Assert.Contains("cannot tell whose it is: Servers", r.FindingDetails);
    }

    [Fact]
    public void An_organization_value_given_as_a_list_is_one_of_them()
    {
        // The site policy takes only keys the built-in catalogs declare; which one does not matter to the engine.
        var policy = SitePolicy.Parse("""{ "cklgenPolicy": 1, "values": { "maxSendSize": [ "CN=DOD SW CA-75, OU=PKI, OU=DoD, O=U.S. Government, C=US", "CN=DOD SW CA-76, OU=PKI, OU=DoD, O=U.S. Government, C=US" ] } }""", "policy.json");
        JObject Cert(string issuer) => new() { ["Thumbprint"] = "AB12", ["Issuer"] = issuer };
        var ok = Run("V-2", new FactsBuilder().With("Get-ExchangeCertificate", Cert("cn=dod sw ca-76, ou=pki, ou=dod, o=u.s. government, c=us")), policy);
        Assert.Equal(ChecklistStatus.NotAFinding, ok.Status);
        var open = Run("V-2", new FactsBuilder().With("Get-ExchangeCertificate", Cert("CN=EXTEST01")), policy);
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("Certificate \"AB12\": NOT COMPLIANT", open.FindingDetails);
        var none = Run("V-2", new FactsBuilder().With("Get-ExchangeCertificate", Cert("CN=EXTEST01")));
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("maxSendSize", none.FindingDetails);
        var empty = SitePolicy.Parse("""{ "cklgenPolicy": 1, "values": { "maxSendSize": [] } }""", "policy.json");
        Assert.Equal(ChecklistStatus.Open, Run("V-2", new FactsBuilder().With("Get-ExchangeCertificate", Cert("CN=EXTEST01")), empty).Status);
    }

    [Fact]
    public void Objects_are_named_by_the_kinds_name_property_and_a_listed_selection_reads_as_words()
    {
        JObject B(string protocol, string info) => new() { ["protocol"] = protocol, ["bindingInformation"] = info };
        var r = Run("V-3", new FactsBuilder().With("Get-WebBinding", B("https", "*:8443:"), B("net.tcp", "808:*")));
        Assert.Equal(ChecklistStatus.Open, r.Status);
        Assert.Contains("Web binding \"*:8443:\": NOT COMPLIANT", r.FindingDetails);
        Assert.Contains("whose protocol is one of http, https only", r.FindingDetails);
    }
}
