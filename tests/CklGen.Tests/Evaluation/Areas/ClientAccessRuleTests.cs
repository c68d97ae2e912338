using CklGen.Checklists;
using CklGen.Evaluation;
using Newtonsoft.Json.Linq;
using static CklGen.Tests.Evaluation.Areas.ServerHarness;

namespace CklGen.Tests.Evaluation.Areas;

/// <summary>
/// Every rule of exchange-client-access.json, in every shared release whose check text it binds, against the real
/// benchmark text: compliant, non-compliant, command absent, command failed, odd value forms, one object for a list,
/// another server's objects, a changed text; then the rules whose texts need more than that.
/// </summary>
public class ClientAccessRuleTests
{
    const string Catalog = "exchange-client-access.json";
    const string Mailbox2019 = "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml";
    const string Mailbox2016 = "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml";
    const string ClientAccess2010 = "U_Exchange_2010_Client_Access_V1R9_Manual-xccdf.xml";
    const string DodIssuer = "CN=DOD SW CA-75, OU=PKI, OU=DoD, O=U.S. Government, C=US";

    static readonly SitePolicy Policy = SitePolicy.Parse($$"""
        { "cklgenPolicy": 1, "values": { "dodCertificateIssuers": [ "{{DodIssuer}}", "CN=DOD SW CA-76, OU=PKI, OU=DoD, O=U.S. Government, C=US" ] } }
        """, "policy.json");

    static void OnServer(JObject o, string server)
    {
        o["Server"] = server;
        if (o["Identity"] is JValue { Type: JTokenType.String } id && ((string)id!).Contains('\\')) o["Identity"] = server + ((string)id!)[((string)id!).IndexOf('\\')..];
    }
    static readonly Action<JObject> Elsewhere = o => OnServer(o, Other);

    static JObject Rpc() => new() { ["Server"] = Host, ["Name"] = "RpcClientAccess", ["Identity"] = Host, ["EncryptionRequired"] = true };
    static JObject Owa() => new()
    {
        ["Server"] = Host, ["Name"] = "owa (Default Web Site)", ["Identity"] = $"{Host}\\owa (Default Web Site)",
        ["InternalUrl"] = "https://extest01.corp.example.mil/owa", ["ExternalUrl"] = "https://mail.corp.example.mil/owa",
        ["BasicAuthentication"] = false, ["WindowsAuthentication"] = true, ["DigestAuthentication"] = false,
        ["FormsAuthentication"] = false, ["LiveIdAuthentication"] = false, ["AdfsAuthentication"] = false, ["OAuthAuthentication"] = false,
    };
    static JObject ActiveSync() => new()
    {
        ["Server"] = Host, ["Name"] = "Microsoft-Server-ActiveSync (Default Web Site)", ["Identity"] = $"{Host}\\Microsoft-Server-ActiveSync (Default Web Site)",
        ["Path"] = "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\ClientAccess\\sync",
        ["BasicAuthEnabled"] = false, ["WindowsAuthEnabled"] = false, ["ClientCertAuth"] = "Required", ["WebSiteSSLEnabled"] = true,
        ["InternalAuthenticationMethods"] = new JArray("Certificate"), ["ExternalAuthenticationMethods"] = new JArray("Certificate"),
    };
    static JObject OutlookAnywhere() => new()
    {
        ["Server"] = Host, ["Name"] = "Rpc (Default Web Site)", ["Identity"] = $"{Host}\\Rpc (Default Web Site)",
        ["ClientAuthenticationMethod"] = "Ntlm", ["InternalClientAuthenticationMethod"] = "Ntlm", ["ExternalClientAuthenticationMethod"] = "Ntlm",
    };
    static JObject Certificate(string issuer = DodIssuer) => new()
    {
        ["Thumbprint"] = "5E1B2C3D4E5F60718293A4B5C6D7E8F901234567", ["Subject"] = "CN=mail.corp.example.mil, OU=DoD, O=U.S. Government, C=US",
        ["Issuer"] = issuer, ["CertificateDomains"] = new JArray("mail.corp.example.mil", "extest01.corp.example.mil"),
        ["Services"] = "IMAP, POP, IIS, SMTP", ["NotAfter"] = "2027-06-01T00:00:00Z",
    };
    static JObject WebBinding(string protocol, string info, string site) => new()
    {
        ["protocol"] = protocol, ["bindingInformation"] = info, ["sslFlags"] = 0,
        ["ItemXPath"] = $"/system.applicationHost/sites/site[@name='{site}' and @id='{(site == "Default Web Site" ? 1 : 2)}']",
    };
    static JObject SslFlags(JToken value) => new() { ["Value"] = value };

    const string SslKey = "Get-WebConfigurationProperty -PSPath 'IIS:\\Sites\\Default Web Site\\owa' -Filter /system.webServer/security/access -Name sslFlags";

    static ServerCase Bindings(bool backEnd) => new()
    {
        Good = () => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Get-WebBinding"] = [WebBinding("https", "*:443:", "Default Web Site"), WebBinding("http", "*:80:", "Default Web Site"),
                .. backEnd ? new[] { WebBinding("https", "*:444:", "Exchange Back End"), WebBinding("http", "*:81:", "Exchange Back End") } : [],
                WebBinding("net.tcp", "808:*", "Default Web Site")],
        },
        Break = d => d["Get-WebBinding"][0]["bindingInformation"] = "*:8443:",
        OddCommand = "Get-WebBinding", OddProperty = "bindingInformation", OddValue = Junk,
        SameMeaning = [("Get-WebBinding", "bindingInformation", "10.10.1.21:443:mail.corp.example.mil"), ("Get-WebBinding", "bindingInformation", "[::]:443:"),
                       ("Get-WebBinding", "protocol", "HTTPS")],
    };

    static ServerCase Case(CheckDefinition check) => check.Id switch
    {
        "rpc-encryption-required" => ServerCase.One("Get-RpcClientAccess", Rpc, o => o["EncryptionRequired"] = "$false", "EncryptionRequired", "required",
            Elsewhere, ("EncryptionRequired", "$true"), ("EncryptionRequired", "True")),
        "public-folders-unused-removed" => ServerCase.Evidence("Get-PublicFolder", () => new JObject { ["Name"] = "IPM_SUBTREE", ["Identity"] = "\\" }),
        "web-bindings-standard-ports" => Bindings(backEnd: false),
        "web-bindings-standard-ports-except-back-end" => Bindings(backEnd: true),
        "owa-ssl-flags-tls" => ServerCase.Evidence(SslKey, () => SslFlags("Ssl, Ssl128")),
        "owa-require-ssl" => ServerCase.One(SslKey, () => SslFlags("Ssl, Ssl128"), o => o["Value"] = "Ssl128", "Value", 8 /* integer flags: not known for certain */,
            null, ("Value", "Ssl"), ("Value", new JArray("Ssl", "SslNegotiateCert"))),
        "owa-forms-authentication-off" => ServerCase.One("Get-OwaVirtualDirectory", Owa, o => o["FormsAuthentication"] = "$true", "FormsAuthentication", "off",
            Elsewhere, ("FormsAuthentication", "$false"), ("FormsAuthentication", "False")),
        "owa-windows-authentication" => ServerCase.One("Get-OwaVirtualDirectory", Owa, o => o["WindowsAuthentication"] = false, "WindowsAuthentication", 2,
            Elsewhere, ("WindowsAuthentication", "$true")),
        "owa-windows-authentication-only" => ServerCase.One("Get-OwaVirtualDirectory", Owa, o => o["BasicAuthentication"] = "True", "LiveIdAuthentication", Junk,
            Elsewhere, ("DigestAuthentication", "$false"), ("WindowsAuthentication", "TRUE")),
        "owa-urls-https" => ServerCase.One("Get-OwaVirtualDirectory", Owa, o => o["InternalUrl"] = "http://extest01.corp.example.mil/owa", "InternalUrl", Junk,
            Elsewhere, ("ExternalUrl", null), ("ExternalUrl", ""), ("InternalUrl", "HTTPS://EXTEST01.corp.example.mil/owa")),
        "owa-encryption-2019" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-ExchangeCertificate"] = [Certificate()], ["Get-OwaVirtualDirectory"] = [Owa()], [SslKey] = [SslFlags("Ssl, Ssl128")] },
            Break = d => d["Get-OwaVirtualDirectory"][0]["ExternalUrl"] = "http://mail.corp.example.mil/owa",
            OddCommand = "Get-OwaVirtualDirectory", OddProperty = "InternalUrl", OddValue = Junk,
            SameMeaning = [(SslKey, "Value", "Ssl")],
        },
        "certificates-dod-issued" => ServerCase.One("Get-ExchangeCertificate", () => Certificate(), o => o["Issuer"] = "CN=Microsoft Exchange Server Auth Certificate", "Issuer", Junk,
            o => o["Identity"] = $"{Other}\\{o["Thumbprint"]}", ("Issuer", DodIssuer.ToLowerInvariant()), ("Issuer", " " + DodIssuer)),
        "outlook-anywhere-ntlm-2010" => ServerCase.One("Get-OutlookAnywhere", OutlookAnywhere, o => o["ClientAuthenticationMethod"] = "Basic", "ClientAuthenticationMethod",
            2 /* an integer: AuthenticationMethod's values are not known for certain */, Elsewhere, ("ClientAuthenticationMethod", "NTLM")),
        "outlook-anywhere-ntlm" => ServerCase.One("Get-OutlookAnywhere", OutlookAnywhere, o => o["ExternalClientAuthenticationMethod"] = "Negotiate", "InternalClientAuthenticationMethod",
            2, Elsewhere, ("InternalClientAuthenticationMethod", "ntlm"), ("ExternalClientAuthenticationMethod", "NTLM")),
        "activesync-directory-removed" => new ServerCase
        {
            Good = () => new(StringComparer.OrdinalIgnoreCase) { ["Get-ActiveSyncVirtualDirectory"] = [] },
            Break = d => d["Get-ActiveSyncVirtualDirectory"] = [ActiveSync()],
            GoodIsNone = true, OddCommand = "Get-ActiveSyncVirtualDirectory", OddProperty = "Path", OddValue = Junk,
        },
        "activesync-client-certificate-mapping" => ServerCase.One(check.Command, () => new JObject { ["Value"] = true }, o => o["Value"] = false, "Value", "enabled",
            null, ("Value", "True"), ("Value", "$true")),
        "activesync-certificate-authentication" => ServerCase.One("Get-ActiveSyncVirtualDirectory", ActiveSync, o => o["ExternalAuthenticationMethods"] = new JArray("Basic", "Certificate"),
            "ClientCertAuth", 2 /* an integer: ClientCertAuthTypes' values are not known for certain */, Elsewhere,
            ("InternalAuthenticationMethods", "Certificate"), ("ExternalAuthenticationMethods", new JObject { ["value"] = new JArray("Certificate"), ["Count"] = 1 }),
            ("BasicAuthEnabled", "$false"), ("ClientCertAuth", "required")),
        _ => throw new InvalidOperationException($"no test facts for check {check.Id}"),
    };

    public static TheoryData<string, string> Rules() => ServerHarness.Rules(Catalog);

    [Theory, MemberData(nameof(Rules))] public void Compliant_is_not_a_finding(string file, string vulnId) => ServerHarness.Compliant(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Non_compliant_is_open(string file, string vulnId) => ServerHarness.NonCompliant(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Command_absent_is_not_reviewed(string file, string vulnId) => Absent(file, vulnId);
    [Theory, MemberData(nameof(Rules))] public void Command_failed_is_not_reviewed(string file, string vulnId) => Failed(file, vulnId);
    [Theory, MemberData(nameof(Rules))] public void Odd_value_forms(string file, string vulnId) => OddForms(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void One_object_for_a_list(string file, string vulnId) => SingleObjectForList(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void Another_servers_objects_decide_nothing(string file, string vulnId) => OtherServersObjects(file, vulnId, Case, Policy);
    [Theory, MemberData(nameof(Rules))] public void A_changed_check_text_gives_no_verdict(string file, string vulnId) => ChangedText(file, vulnId, Case, Policy);
    [Fact] public void The_collector_collects_every_command_these_rules_read() => CollectorCollects(Catalog);

    [Fact]
    public void Every_client_access_command_rule_of_the_shared_Mailbox_and_Client_Access_benchmarks_is_bound()
    {
        var commands = new System.Text.RegularExpressions.Regex("Get-(RpcClientAccess|OwaVirtualDirectory|ActiveSyncVirtualDirectory|OutlookAnywhere|WebBinding|WebConfigurationProperty|ExchangeCertificate|PublicFolder\\b)|[Aa]ppcmd");
        var unbound = new List<string>();
        foreach (var file in SharedBenchmarks.Files.Where(f => f.Contains("Mailbox") || f.Contains("Client_Access")))
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (commands.IsMatch(rule.CheckContent) && Binding(rule) is null) unbound.Add($"{file} {rule.VulnId}");
        // The certificate rule reads the same on every role.
        foreach (var file in SharedBenchmarks.Files)
            foreach (var rule in SharedBenchmarks.Get(file).Rules)
                if (rule.CheckContent.Contains("Get-ExchangeCertificate | Select") && Binding(rule) is null) unbound.Add($"{file} {rule.VulnId}");
        Assert.Empty(unbound);
    }

    static RuleResult Run(string file, string vulnId, Dictionary<string, JObject[]> facts, SitePolicy? policy = null) =>
        Evaluate(SharedBenchmarks.Rule(file, vulnId), ServerHarness.Facts(facts), policy ?? Policy);

    static Dictionary<string, JObject[]> With(string command, params JObject[] objects) => new(StringComparer.OrdinalIgnoreCase) { [command] = objects };

    [Fact]
    public void The_Exchange_Back_End_site_is_left_aside_only_where_the_check_text_says_so()
    {
        JObject[] bindings = [WebBinding("https", "*:443:", "Default Web Site"), WebBinding("https", "*:444:", "Exchange Back End")];
        var mb = Run(Mailbox2019, "V-259712", With("Get-WebBinding", bindings));
        Assert.True(mb.Status == ChecklistStatus.NotAFinding, mb.FindingDetails);
        Assert.Contains("left aside", mb.FindingDetails);
        var ca = Run(ClientAccess2010, "V-33584", With("Get-WebBinding", bindings));
        Assert.True(ca.Status == ChecklistStatus.Open, ca.FindingDetails);
        Assert.Contains("Web binding \"*:444:\": NOT COMPLIANT", ca.FindingDetails);
        // No HTTP(S) binding at all is unexpected, not compliant.
        Assert.Equal(ChecklistStatus.NotReviewed, Run(Mailbox2016, "V-228412", With("Get-WebBinding", WebBinding("net.tcp", "808:*", "Default Web Site"))).Status);
    }

    [Fact]
    public void Certificates_need_the_sites_list_of_DoD_issuers_and_every_certificate_is_judged()
    {
        var none = Run(Mailbox2016, "V-228355", With("Get-ExchangeCertificate", Certificate()), SitePolicy.Parse("""{ "cklgenPolicy": 1 }""", "p.json"));
        Assert.Equal(ChecklistStatus.NotReviewed, none.Status);
        Assert.Contains("dodCertificateIssuers", none.FindingDetails);
        var selfSigned = Certificate("CN=EXTEST01");
        selfSigned["Thumbprint"] = "AA00";
        selfSigned["Services"] = "None";
        var open = Run(Mailbox2019, "V-259649", With("Get-ExchangeCertificate", Certificate(), selfSigned));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("Exchange certificate \"AA00\": NOT COMPLIANT", open.FindingDetails);
    }

    [Fact]
    public void The_2019_OWA_encryption_rule_is_open_on_any_decided_part_and_otherwise_left_to_the_reviewer()
    {
        Dictionary<string, JObject[]> Facts(JToken ssl, string url) => new(StringComparer.OrdinalIgnoreCase)
        {
            ["Get-ExchangeCertificate"] = [Certificate()], ["Get-OwaVirtualDirectory"] = [new JObject(Owa()) { ["InternalUrl"] = url }], [SslKey] = [SslFlags(ssl)],
        };
        var noSsl = Run(Mailbox2019, "V-259646", Facts("None", "https://extest01.corp.example.mil/owa"));
        Assert.Equal(ChecklistStatus.Open, noSsl.Status);
        Assert.Contains("\"Require SSL\" must be checked", noSsl.FindingDetails);
        var ok = Run(Mailbox2019, "V-259646", Facts("Ssl", "https://extest01.corp.example.mil/owa"));
        Assert.Equal(ChecklistStatus.NotReviewed, ok.Status);
        Assert.Contains("trusted public certificate", ok.FindingDetails);
        Assert.Contains(DodIssuer, ok.FindingDetails);
    }

    [Fact]
    public void An_ActiveSync_directory_is_a_finding_in_2010_and_its_absence_is_not()
    {
        var open = Run(ClientAccess2010, "V-33610", With("Get-ActiveSyncVirtualDirectory", ActiveSync()));
        Assert.Equal(ChecklistStatus.Open, open.Status);
        Assert.Contains("ClientAccess\\\\sync", open.FindingDetails);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(ClientAccess2010, "V-33610", With("Get-ActiveSyncVirtualDirectory")).Status);
        var elsewhere = ActiveSync();
        Elsewhere(elsewhere);
        Assert.Equal(ChecklistStatus.NotAFinding, Run(ClientAccess2010, "V-33610", With("Get-ActiveSyncVirtualDirectory", elsewhere)).Status);
    }

    [Fact]
    public void Titles_that_contradict_the_check_text_are_said_and_the_check_wins()
    {
        var r = Run(Mailbox2019, "V-259647", With("Get-OwaVirtualDirectory", Owa()));
        Assert.Equal(ChecklistStatus.NotAFinding, r.Status);
        Assert.Contains("the check text says FormsAuthentication must be False", r.FindingDetails);
    }
}
