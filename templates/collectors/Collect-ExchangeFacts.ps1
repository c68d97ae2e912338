<#
.SYNOPSIS
    Collects the Exchange facts CklGen evaluates into one JSON snapshot (cklgenFacts 1).
.DESCRIPTION
    Run in the Exchange Management Shell (Windows PowerShell 5.1) on the server being assessed:
        .\Collect-ExchangeFacts.ps1                          # writes .\<HOST>-facts.json
        .\Collect-ExchangeFacts.ps1 -OutFile D:\facts\EX01.json
    An existing file is kept unless -Force is given.
    It runs Get-* commands only and changes nothing. A command that fails is recorded under
    "errors" with its message; CklGen then leaves the rules that need it Not_Reviewed.
    Then: cklgen ... --facts <HOST>-facts.json
#>
[CmdletBinding()]
param([string]$OutFile = (Join-Path (Get-Location) "$($env:COMPUTERNAME)-facts.json"), [switch]$Force)

$ErrorActionPreference = 'Stop'
# Resolved against PowerShell's location: .NET's current directory is often elsewhere.
$path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
if ((Test-Path -LiteralPath $path) -and -not $Force) { throw "$path exists; use -Force to overwrite it" }
$collector = 'Collect-ExchangeFacts.ps1 1.1'

$me = $env:COMPUTERNAME
Import-Module (Join-Path $PSScriptRoot 'CklGenFacts.psm1') -Force   # the Windows facts (section 5 of the contract)

# The Exchange commands, keyed as the STIG check texts name them, each asked for this server's objects
# where the cmdlet allows it (organization-wide ones have no server to ask for).
$exchangeCommands = [ordered]@{
    'Get-ExchangeServer'      = { Get-ExchangeServer -Status }
    'Get-SendConnector'       = { Get-SendConnector }
    'Get-ReceiveConnector'    = { Get-ReceiveConnector -Server $me }
    'Get-TransportConfig'     = { Get-TransportConfig }
    'Get-TransportService'    = { Get-TransportService -Identity $me }
    'Get-TransportServer'     = { Get-TransportServer -Identity $me }
    'Get-EdgeSubscription'    = { Get-EdgeSubscription }
    'Get-SenderIdConfig'      = { Get-SenderIdConfig }
    'Get-SenderFilterConfig'  = { Get-SenderFilterConfig }
    'Get-RecipientFilterConfig' = { Get-RecipientFilterConfig }
    'Get-ContentFilterConfig' = { Get-ContentFilterConfig }
    'Get-AdminAuditLogConfig' = { Get-AdminAuditLogConfig }
    'Get-OrganizationConfig'  = { Get-OrganizationConfig }
    'Get-EventLogLevel'       = { Get-EventLogLevel -Server $me }
    'Get-RemoteDomain'        = { Get-RemoteDomain }
    'Get-AcceptedDomain'      = { Get-AcceptedDomain }
    'Get-TransportAgent'      = { Get-TransportAgent }          # the agents of this machine's transport service
    # the rest of the anti-spam agents' settings (Edge, or a Mailbox server with the anti-spam agents installed)
    'Get-SenderReputationConfig' = { Get-SenderReputationConfig }
    'Get-IPAllowListConfig'   = { Get-IPAllowListConfig }
    'Get-IPAllowListEntry'    = { Get-IPAllowListEntry }
    'Get-IPBlockListProvider' = { Get-IPBlockListProvider }
    'Get-AttachmentFilterEntry' = { Get-AttachmentFilterEntry }
}
# Client access and databases (exchange-client-access.json, exchange-databases.json): this server's objects;
# databases are those with a copy here, DAGs those listing it (CklGen keeps only those).
$clientAccessAndDatabases = [ordered]@{
    'Get-RpcClientAccess'            = { Get-RpcClientAccess -Server $me }
    'Get-OwaVirtualDirectory'        = { Get-OwaVirtualDirectory -Server $me }
    'Get-ActiveSyncVirtualDirectory' = { Get-ActiveSyncVirtualDirectory -Server $me }
    'Get-OutlookAnywhere'            = { Get-OutlookAnywhere -Server $me }
    'Get-ExchangeCertificate'        = { Get-ExchangeCertificate -Server $me }
    'Get-PublicFolder'               = { Get-PublicFolder }
    'Get-MailboxDatabase'            = { Get-MailboxDatabase -Server $me }
    'Get-PublicFolderDatabase'       = { Get-PublicFolderDatabase -Server $me }   # Exchange 2010 only; an error elsewhere
    'Get-MailboxServer'              = { Get-MailboxServer -Identity $me }
    # Only the mailboxes that forward: no other mailbox can be a finding of the forwarding rules.
    'Get-Mailbox'                    = { Get-Mailbox -ResultSize Unlimited -Filter 'ForwardingSmtpAddress -ne $null -or ForwardingAddress -ne $null' }
    'Get-DatabaseAvailabilityGroup'  = { Get-DatabaseAvailabilityGroup }
    "Get-RoleGroupMember -Identity 'Records Management'" = { Get-RoleGroupMember -Identity 'Records Management' }
    'Get-MalwareFilteringServer'     = { Get-MalwareFilteringServer -Identity $me }
}
foreach ($name in $clientAccessAndDatabases.Keys) { $exchangeCommands[$name] = $clientAccessAndDatabases[$name] }

# One property value in the contract's forms. Live enums would serialize as integers and
# Exchange sizes/time spans as objects, so anything that is not a plain scalar becomes its
# ToString() text ("DomainValidation", "AnonymousUsers, ExchangeUsers", "10 MB (... bytes)",
# "00:10:00"); lists become string arrays. Deserialized enums are ints with a ToString name.
function ConvertTo-FactValue($v) {
    if ($null -eq $v) { return $null }
    if ($v -is [enum] -or $v.PSObject.TypeNames -contains 'Deserialized.System.Enum') { return [string]$v }
    if ($v -is [string] -or $v -is [bool] -or $v -is [int] -or $v -is [long] -or $v -is [double]) { return $v.PSObject.BaseObject }
    if ($v -is [datetime]) { return $v.ToUniversalTime().ToString('o') }
    return [string]$v
}

function ConvertTo-FactObject($o) {
    $h = [ordered]@{}
    foreach ($p in $o.PSObject.Properties) {
        try { $v = $p.Value } catch { continue }   # a getter that throws: leave the property out
        if ($null -ne $v -and $v -isnot [string] -and $v -is [System.Collections.IEnumerable]) {
            $h[$p.Name] = [string[]]@($v | ForEach-Object { [string](ConvertTo-FactValue $_) })
        } else {
            $h[$p.Name] = ConvertTo-FactValue $v
        }
    }
    $h
}

$commands = [ordered]@{}
$errors = [ordered]@{}
foreach ($name in $exchangeCommands.Keys) {
    try {
        $out = @(& $exchangeCommands[$name])   # $ErrorActionPreference Stop: any error lands in errors
        $commands[$name] = [object[]]@($out | ForEach-Object { ConvertTo-FactObject $_ })
    } catch {
        $errors[$name] = $_.Exception.Message
    }
}
# Folders whose access lists the checks read: the install path, its Logging folder, and this server's log folders.
$folders = @(Get-ExchangeFolders -InstallPath $env:ExchangeInstallPath -TransportService @($commands['Get-TransportService']))
foreach ($fact in (Get-WindowsFacts -Folders $folders)) {
    if ($null -ne $fact.Error) { $errors[$fact.Key] = $fact.Error } else { $commands[$fact.Key] = [object[]]@($fact.Output) }
}

# IIS (the Mailbox role's web sites): every site and binding, and the SSL flags of /owa, as plain values.
function Read-IisFact([string]$Key, [scriptblock]$Read) {
    try { $commands[$Key] = [object[]]@(& $Read) } catch { $errors[$Key] = $_.Exception.Message }
}
Read-IisFact 'Get-Website' { Import-Module WebAdministration; Get-Website | ForEach-Object { [ordered]@{
    Name = $_.Name; Id = $_.Id; State = [string]$_.State; PhysicalPath = $_.PhysicalPath } } }
Read-IisFact 'Get-WebBinding' { Import-Module WebAdministration; Get-WebBinding | ForEach-Object { [ordered]@{
    protocol = $_.protocol; bindingInformation = $_.bindingInformation; sslFlags = [string]$_.sslFlags; ItemXPath = $_.ItemXPath } } }
Read-IisFact "Get-WebConfigurationProperty -PSPath 'IIS:\Sites\Default Web Site\owa' -Filter /system.webServer/security/access -Name sslFlags" {
    Import-Module WebAdministration
    $v = Get-WebConfigurationProperty -PSPath 'IIS:\Sites\Default Web Site\owa' -Filter /system.webServer/security/access -Name sslFlags
    if ($v -is [string]) { $v } else { [string]$v.Value }   # "Ssl,Ssl128": one value
}
Read-IisFact "Get-WebConfigurationProperty -PSPath 'IIS:\Sites\Default Web Site\Microsoft-Server-ActiveSync' -Filter /system.webServer/security/authentication/clientCertificateMappingAuthentication -Name enabled" {
    Import-Module WebAdministration
    $v = Get-WebConfigurationProperty -PSPath 'IIS:\Sites\Default Web Site\Microsoft-Server-ActiveSync' -Filter /system.webServer/security/authentication/clientCertificateMappingAuthentication -Name enabled
    if ($v -is [bool]) { $v } else { [bool]$v.Value }   # one value: True or False
}

# Who the host is.
$cs = Get-WmiObject -Class Win32_ComputerSystem
$role = switch ($cs.DomainRole) { 0 { 'Workstation' } 1 { 'Workstation' } 2 { 'Member Server' } 3 { 'Member Server' } 4 { 'Domain Controller' } 5 { 'Domain Controller' } default { 'None' } }
$nics = @(Get-WmiObject -Class Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE')
$fqdn = if ($cs.PartOfDomain) { "$($env:COMPUTERNAME).$($cs.Domain)".ToLowerInvariant() } else { $env:COMPUTERNAME }
$exchange = [ordered]@{ version = $null; serverRole = $null }
try {
    $server = Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction Stop
    $exchange.version = [string]$server.AdminDisplayVersion
    $exchange.serverRole = [string]$server.ServerRole
} catch {
    Write-Warning "Get-ExchangeServer -Identity $($env:COMPUTERNAME): $($_.Exception.Message)"
}

$snapshot = [ordered]@{
    cklgenFacts = 1
    collectedAt = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    collector   = $collector
    host        = [ordered]@{
        name = $env:COMPUTERNAME
        fqdn = $fqdn
        ip   = [string[]]@($nics | ForEach-Object { $_.IPAddress } | Where-Object { $_ })
        mac  = [string[]]@($nics | ForEach-Object { $_.MACAddress -replace ':', '-' } | Where-Object { $_ })
        role = $role
        systemDrive = $env:SystemDrive
        exchangeInstallPath = $env:ExchangeInstallPath
    }
    exchange    = $exchange
    commands    = $commands
    errors      = $errors
}

$json = ConvertTo-Json -InputObject $snapshot -Depth 8
[IO.File]::WriteAllText($path, $json, (New-Object System.Text.UTF8Encoding($false)))
Write-Host "Wrote $path ($($commands.Count) commands collected, $($errors.Count) failed)"
