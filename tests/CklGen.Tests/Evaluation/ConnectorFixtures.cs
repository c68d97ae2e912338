using CklGen.Evaluation;
using Newtonsoft.Json.Linq;

namespace CklGen.Tests.Evaluation;

/// <summary>
/// For every catalog check: a connector that complies, the change that makes it fail, and a property
/// value of a form no reader accepts. Used by the data-driven tests over every binding and release.
/// </summary>
static class ConnectorFixtures
{
    public const string AllIPv4 = "0.0.0.0-255.255.255.255";
    public const string Domain = "corp.example.mil";

    /// <summary>A send connector that satisfies the smart-host flavoured checks.</summary>
    public static JObject Send() => new()
    {
        ["Name"] = "Outbound to Internet",
        ["Identity"] = "Outbound to Internet",
        ["AddressSpaces"] = new JArray("SMTP:*;1"),
        ["SmartHosts"] = new JArray("10.10.1.50"),
        ["DNSRoutingEnabled"] = false,
        ["DomainSecureEnabled"] = true,
        ["TlsAuthLevel"] = "DomainValidation",
        ["TlsDomain"] = Domain,
        ["RequireTLS"] = true,
        ["MaxMessageSize"] = "25 MB (26,214,400 bytes)",
        ["ConnectionInactivityTimeOut"] = "00:10:00",
    };

    /// <summary>An internal receive connector that satisfies every receive check.</summary>
    public static JObject Receive(string timeout) => new()
    {
        ["Name"] = "From Hub",
        ["Identity"] = "EXTEST01\\From Hub",
        ["RemoteIPRanges"] = new JArray("10.10.0.0/16"),
        ["AuthMechanism"] = "Tls",
        ["PermissionGroups"] = "ExchangeServers",
        ["Banner"] = "220 SMTP Server Ready",
        ["ChunkingEnabled"] = true,
        ["ConnectionTimeout"] = timeout,
        ["DomainSecureEnabled"] = true,
        ["MaxHopCount"] = 60,
        ["MaxInboundConnection"] = "5000",
        ["MaxMessageSize"] = "25 MB (26,214,400 bytes)",
        ["MaxRecipientsPerMessage"] = 5000,
        ["TarpitInterval"] = "00:00:05",
    };

    public static JObject TransportConfig() => new()
    {
        ["MaxReceiveSize"] = "25 MB (26,214,400 bytes)",
        ["MaxSendSize"] = "25 MB (26,214,400 bytes)",
    };

    public sealed record Case(JObject Good, JObject Bad, string OddProperty, JToken OddValue);

    public static Case For(CheckDefinition check, RuleBinding binding)
    {
        var timeout = binding.Params.TryGetValue("timeout", out var t) ? t : "00:10:00";
        var send = check.Command == "Get-SendConnector";
        JObject G(Action<JObject>? change = null)
        {
            var o = send ? Send() : Receive(timeout);
            change?.Invoke(o);
            return o;
        }
        JToken junkObject = new JObject { ["unexpected"] = new JArray(1, 2) };
        return check.Id switch
        {
            "send-tls-auth-level" => new(G(), G(o => o["TlsAuthLevel"] = "EncryptionOnly"), "TlsAuthLevel", 99),
            "send-domain-secure" => new(G(), G(o => o["DomainSecureEnabled"] = false), "DomainSecureEnabled", "sometimes"),
            "send-domain-secure-dns-routing" => new(
                G(o => { o["DNSRoutingEnabled"] = true; o["SmartHosts"] = new JArray(); }),
                G(o => o["DNSRoutingEnabled"] = false), "DomainSecureEnabled", "sometimes"),
            "send-domain-secure-or-smarthost-tls" => new(G(), G(o => o["RequireTLS"] = false), "RequireTLS", "sometimes"),
            "send-tls-domain" => new(G(), G(o => o["TlsDomain"] = "other.example.com"), "TlsDomain", junkObject),
            "send-tls-domain-and-domain-secure" => new(G(), G(o => o["DomainSecureEnabled"] = false), "DomainSecureEnabled", 2),
            "send-tls-domain-or-smarthost-tls" => new(G(), G(o => o["TlsAuthLevel"] = "CertificateValidation"), "TlsAuthLevel", 17),
            "send-validation-method" => new(G(), G(o => o["TlsDomain"] = "wrong.example.com"), "TlsDomain", junkObject),
            "send-smart-host" => new(G(), G(o => o["SmartHosts"] = new JArray()), "SmartHosts", junkObject),
            "send-smart-host-or-no-dns-routing" => new(G(),
                G(o => { o["DNSRoutingEnabled"] = true; o["SmartHosts"] = new JArray(); }), "DNSRoutingEnabled", "sometimes"),
            "send-connection-inactivity-timeout" => new(G(), G(o => o["ConnectionInactivityTimeOut"] = "00:15:00"), "ConnectionInactivityTimeOut", "ten minutes"),
            "send-max-message-size" or "send-max-message-size-deviation" or "receive-max-message-size" =>
                new(G(), G(o => o["MaxMessageSize"] = "10 MB (10,485,760 bytes)"), "MaxMessageSize", "quite big"),
            "receive-connection-timeout" => new(G(), G(o => o["ConnectionTimeout"] = "00:30:00"), "ConnectionTimeout", "forever"),
            "receive-max-recipients" => new(G(), G(o => o["MaxRecipientsPerMessage"] = 200), "MaxRecipientsPerMessage", "lots"),
            "receive-max-hop-count" => new(G(), G(o => o["MaxHopCount"] = 30), "MaxHopCount", "many"),
            "receive-max-inbound-connection" => new(
                G(o => o["RemoteIPRanges"] = new JArray(AllIPv4)),
                G(o => { o["RemoteIPRanges"] = new JArray(AllIPv4); o["MaxInboundConnection"] = 100; }), "MaxInboundConnection", "plenty"),
            "receive-chunking" => new(G(), G(o => o["ChunkingEnabled"] = false), "ChunkingEnabled", "often"),
            "receive-tarpit" => new(G(), G(o => o["TarpitInterval"] = "00:00:01"), "TarpitInterval", "slowly"),
            "receive-banner" => new(G(), G(o => o["Banner"] = JValue.CreateNull()), "Banner", junkObject),
            "receive-domain-secure" => new(G(), G(o => o["DomainSecureEnabled"] = false), "DomainSecureEnabled", "kind of"),
            "receive-no-anonymous-internal" or "receive-no-anonymous-any" or "receive-no-anonymous-any-deviation" =>
                new(G(), G(o => o["PermissionGroups"] = "AnonymousUsers, ExchangeServers"), "PermissionGroups", 123456789),
            "receive-auth-tls-only" => new(G(), G(o => o["AuthMechanism"] = "Tls, BasicAuth"), "AuthMechanism", 987654321),
            "receive-auth-includes-tls" => new(G(o => o["AuthMechanism"] = "Tls, Integrated, BasicAuth"), G(o => o["AuthMechanism"] = "BasicAuth, Integrated"), "AuthMechanism", 987654321),
            "receive-auth-tls-before-basic" or "receive-auth-tls-before-basic-internet" => new(
                G(o => { o["RemoteIPRanges"] = new JArray(AllIPv4); o["AuthMechanism"] = "Tls, BasicAuth, BasicAuthRequireTLS"; }),
                G(o => { o["RemoteIPRanges"] = new JArray(AllIPv4); o["AuthMechanism"] = "Tls"; }), "AuthMechanism", 987654321),
            _ => throw new InvalidOperationException($"no fixture for check '{check.Id}': add one when adding a check"),
        };
    }
}
