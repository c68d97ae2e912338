namespace CklGen.Facts;

/// <summary>
/// Integer values of Exchange enums, for the forms where a live object reached ConvertTo-Json as a number.
/// Only enums whose definitions were checked are here (against decompiled Exchange 2013/2016 assemblies,
/// Microsoft.Exchange.Data and Microsoft.Exchange.Data.Directory); for any other enum an integer stays unread.
/// </summary>
public static class ExchangeEnums
{
    /// <summary>Microsoft.Exchange.Data.TlsAuthLevel (Send connector TlsAuthLevel). There is no 3.</summary>
    public static IReadOnlyDictionary<long, string> TlsAuthLevel { get; } = new Dictionary<long, string>
    {
        [1] = "EncryptionOnly",
        [2] = "CertificateValidation",
        [4] = "DomainValidation",
    };

    /// <summary>Microsoft.Exchange.Data.PermissionGroups, a flags enum (Receive connector PermissionGroups).</summary>
    public static IReadOnlyDictionary<long, string> PermissionGroups { get; } = new Dictionary<long, string>
    {
        [0] = "None",
        [1] = "AnonymousUsers",
        [2] = "ExchangeUsers",
        [4] = "ExchangeServers",
        [8] = "ExchangeLegacyServers",
        [16] = "Partners",
        [32] = "Custom",
    };

    /// <summary>
    /// Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthMechanisms, a flags enum (Receive connector
    /// AuthMechanism). Not the Send connector's SmartHostAuthMechanism, whose values differ.
    /// </summary>
    public static IReadOnlyDictionary<long, string> ReceiveAuthMechanisms { get; } = new Dictionary<long, string>
    {
        [0] = "None",
        [1] = "Tls",
        [2] = "Integrated",
        [4] = "BasicAuth",
        [8] = "BasicAuthRequireTLS",
        [16] = "ExchangeServer",
        [32] = "ExternalAuthoritative",
    };

    /// <summary>SmtpSendConnectorConfig.AuthMechanisms, a plain enum (Send connector SmartHostAuthMechanism).</summary>
    public static IReadOnlyDictionary<long, string> SendSmartHostAuthMechanisms { get; } = new Dictionary<long, string>
    {
        [0] = "None",
        [2] = "BasicAuth",
        [4] = "BasicAuthRequireTLS",
        [8] = "ExchangeServer",
        [16] = "ExternalAuthoritative",
    };

    /// <summary>Microsoft.Exchange.Data.ProtocolLoggingLevel (connector ProtocolLoggingLevel).</summary>
    public static IReadOnlyDictionary<long, string> ProtocolLoggingLevel { get; } = new Dictionary<long, string>
    {
        [0] = "None",
        [1] = "Verbose",
    };
}
