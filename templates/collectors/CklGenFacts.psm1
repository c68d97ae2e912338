# The Windows facts of the facts contract (section 5), for Collect-ExchangeFacts.ps1. Get-only: reads
# services, the execution policy, registry values, installed software, partitions and folder access lists.
# Each fact is { Key; Output } or { Key; Error }: Key as the STIG check texts name the command, Output in the
# contract's plain forms (names, not integers; lists as arrays).

function New-Fact([string]$Key, [scriptblock]$Read) {
    try { [pscustomobject]@{ Key = $Key; Output = @(& $Read); Error = $null } }
    catch { [pscustomobject]@{ Key = $Key; Output = $null; Error = $_.Exception.Message } }
}

# The folders the checks ask about: the install folder, its Logging folder, this server's transport log folders.
function Get-ExchangeFolders([string]$InstallPath, [object[]]$TransportService) {
    $folders = @()
    if ($InstallPath) { $root = $InstallPath.TrimEnd('\'); $folders += $root, "$root\Logging" }
    foreach ($t in $TransportService) {
        if ($null -eq $t) { continue }
        foreach ($p in $t.Keys | Where-Object { $_ -like '*LogPath' }) { if ($t[$p]) { $folders += [string]$t[$p] } }
    }
    $folders | Select-Object -Unique
}

function Get-AclFact([string]$Path) {
    $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
    [ordered]@{
        Path   = $Path
        Owner  = [string]$acl.Owner
        Access = [object[]]@($acl.Access | ForEach-Object { [ordered]@{
            IdentityReference = [string]$_.IdentityReference; FileSystemRights = [string]$_.FileSystemRights
            AccessControlType = [string]$_.AccessControlType; IsInherited = [bool]$_.IsInherited } })
    }
}

function Get-RegistryFact([string]$Path) {
    $item = Get-ItemProperty -Path $Path -ErrorAction Stop   # a key that does not exist is an error, as the contract says
    $h = [ordered]@{}
    foreach ($p in $item.PSObject.Properties | Where-Object { $_.Name -notlike 'PS*' }) { $h[$p.Name] = $p.Value }
    $h
}

function Get-WindowsFacts([string[]]$Folders) {
    New-Fact 'Get-Service' { Get-Service | ForEach-Object { [ordered]@{
        Name = $_.Name; DisplayName = $_.DisplayName; Status = [string]$_.Status; StartType = [string]$_.StartType } } }
    New-Fact 'Get-ExecutionPolicy' { [string](Get-ExecutionPolicy) }
    New-Fact 'Get-ExecutionPolicy -List' { Get-ExecutionPolicy -List | ForEach-Object { [ordered]@{
        Scope = [string]$_.Scope; ExecutionPolicy = [string]$_.ExecutionPolicy } } }
    # Registry keys exactly as the check texts write them.
    foreach ($key in "'hklm:\system\currentcontrolset\services\MSExchangeIMAP4'", "'hklm:\system\currentcontrolset\services\MSExchangePOP3'",
                     'HKLM:\SOFTWARE\Microsoft\.NetFramework\v4.0.30319') {
        New-Fact "Get-ItemProperty $key" { Get-RegistryFact $key.Trim("'") }   # runs now, while $key is this key
    }
    New-Fact 'Get-InstalledSoftware' {
        Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*' -ErrorAction SilentlyContinue |
            Where-Object { $_.DisplayName } | ForEach-Object { [ordered]@{
                DisplayName = [string]$_.DisplayName; DisplayVersion = [string]$_.DisplayVersion; Publisher = [string]$_.Publisher; InstallLocation = [string]$_.InstallLocation } }
    }
    New-Fact 'Get-Partition' { Get-Partition | ForEach-Object { [ordered]@{
        DiskNumber = $_.DiskNumber; PartitionNumber = $_.PartitionNumber; DriveLetter = [string]$_.DriveLetter
        AccessPaths = [string[]]@($_.AccessPaths); Size = [long]$_.Size } } }
    foreach ($folder in $Folders) { New-Fact "Get-Acl -Path '$folder'" { Get-AclFact $folder } }
}

Export-ModuleMember -Function Get-ExchangeFolders, Get-WindowsFacts
