using System.Text;
using CklGen.Tests.Support;

namespace CklGen.Tests.Facts;

/// <summary>Writes facts inputs into a fresh temp folder for a test.</summary>
internal static class FactsTestFiles
{
    public static string FixturesDir => Path.Combine(TestPaths.TestsDir, "Facts", "Fixtures");

    public const string Snapshot = """
        {
          "cklgenFacts": 1,
          "collectedAt": "2026-11-01T14:03:22Z",
          "collector": "Collect-ExchangeFacts.ps1 1.0",
          "host": { "name": "EXMBX01", "fqdn": "exmbx01.corp.example.mil", "ip": ["10.10.1.21"], "mac": ["00-15-5D-0A-01-15"], "role": "Member Server" },
          "exchange": { "version": "Version 15.2 (Build 1544.4)", "serverRole": "Mailbox" },
          "commands": {
            "Get-SendConnector":    [ { "Name": "Outbound", "Identity": "Outbound", "TlsAuthLevel": "DomainValidation" } ],
            "Get-ReceiveConnector": [ { "Name": "Default Frontend EXMBX01", "PermissionGroups": "AnonymousUsers, ExchangeServers, ExchangeLegacyServers" } ],
            "Get-TransportConfig":  [ { "MaxRecipientEnvelopeLimit": "5000" } ],
            "Get-EdgeSubscription": [],
            "Get-EventLogLevel -Identity 'MSExchangeTransport\\SmtpReceive'": [ { "Identity": "MSExchangeTransport\\SmtpReceive", "EventLevel": "Lowest" } ]
          },
          "errors": { "Get-SenderIdConfig": "The term 'Get-SenderIdConfig' is not recognized ..." }
        }
        """;

    public static string Write(string dir, string name, string text, Encoding encoding)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
        return path;
    }

    public static string WriteUtf8(string dir, string name, string text) => Write(dir, name, text, new UTF8Encoding(false));

    /// <summary>A snapshot with the given "commands" (and optional "errors") JSON bodies.</summary>
    public static string SnapshotWith(string commandsJson, string? errorsJson = null)
    {
        var errors = errorsJson is null ? "" : $",\n \"errors\": {errorsJson}";
        return $$"""{ "cklgenFacts": 1, "commands": {{commandsJson}}{{errors}} }""";
    }

    public static string WriteSnapshot(string json) => WriteUtf8(TestPaths.NewTempDir(), "facts.json", json);
}
