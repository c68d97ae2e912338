using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace CklGen.Facts;

/// <summary>One access rule of a Get-Acl Access list: who, which file-system rights (as the mask), allow or deny.</summary>
public sealed record AccessRule(string Identity, long Rights, bool Allow, bool Inherited)
{
    public override string ToString() =>
        $"{Identity}: {FileSystemRights.Describe(Rights)} ({(Allow ? "Allow" : "Deny")}{(Inherited ? ", inherited" : "")})";
}

/// <summary>
/// System.Security.AccessControl.FileSystemRights: the names Get-Acl writes and their masks, and the
/// generic rights (GENERIC_ALL, GENERIC_READ, ...) that inherit-only entries carry, mapped to what they grant.
/// </summary>
public static class FileSystemRights
{
    public const long ReadData = 0x1, WriteData = 0x2, AppendData = 0x4, ReadExtendedAttributes = 0x8,
        WriteExtendedAttributes = 0x10, ExecuteFile = 0x20, DeleteSubdirectoriesAndFiles = 0x40, ReadAttributes = 0x80,
        WriteAttributes = 0x100, Delete = 0x10000, ReadPermissions = 0x20000, ChangePermissions = 0x40000,
        TakeOwnership = 0x80000, Synchronize = 0x100000;

    const long GenericAll = 0x10000000, GenericExecute = 0x20000000, GenericWrite = 0x40000000, GenericRead = 0x80000000;

    public static readonly IReadOnlyDictionary<string, long> Names = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["ReadData"] = ReadData, ["ListDirectory"] = ReadData, ["WriteData"] = WriteData, ["CreateFiles"] = WriteData,
        ["AppendData"] = AppendData, ["CreateDirectories"] = AppendData, ["ReadExtendedAttributes"] = ReadExtendedAttributes,
        ["WriteExtendedAttributes"] = WriteExtendedAttributes, ["ExecuteFile"] = ExecuteFile, ["Traverse"] = ExecuteFile,
        ["DeleteSubdirectoriesAndFiles"] = DeleteSubdirectoriesAndFiles, ["ReadAttributes"] = ReadAttributes,
        ["WriteAttributes"] = WriteAttributes, ["Delete"] = Delete, ["ReadPermissions"] = ReadPermissions,
        ["ChangePermissions"] = ChangePermissions, ["TakeOwnership"] = TakeOwnership, ["Synchronize"] = Synchronize,
        ["Read"] = 0x20089, ["Write"] = 0x116, ["ReadAndExecute"] = 0x200A9, ["Modify"] = 0x301BF, ["FullControl"] = 0x1F01FF,
    };

    const long AllKnown = 0x1F01FF;

    /// <summary>Generic bits replaced by the specific rights they grant on files; null when bits remain that mean nothing known.</summary>
    public static long? Normalize(long mask)
    {
        var m = mask;
        if ((m & GenericAll) != 0) m = (m & ~GenericAll) | AllKnown;
        if ((m & GenericRead) != 0) m = (m & ~GenericRead) | 0x20089 | Synchronize;
        if ((m & GenericWrite) != 0) m = (m & ~GenericWrite) | 0x116 | Synchronize;
        if ((m & GenericExecute) != 0) m = (m & ~GenericExecute) | 0x200A0 | Synchronize;
        return (m & ~AllKnown) == 0 ? m : null;
    }

    /// <summary>Reads data (lists a folder, reads a file).</summary>
    public static bool GrantsRead(long m) => (m & ReadData) != 0;

    /// <summary>Changes data, attributes or permissions, or takes ownership.</summary>
    public static bool GrantsModify(long m) => (m & (WriteData | AppendData | WriteExtendedAttributes | WriteAttributes | ChangePermissions | TakeOwnership)) != 0;

    /// <summary>Deletes the object or what a folder holds.</summary>
    public static bool GrantsDelete(long m) => (m & (Delete | DeleteSubdirectoriesAndFiles)) != 0;

    public static string Describe(long m)
    {
        foreach (var composite in new[] { "FullControl", "Modify", "ReadAndExecute", "Read", "Write" })
            if (Names[composite] is var c && (m & ~Synchronize) == c) return (m & Synchronize) != 0 ? composite + ", Synchronize" : composite;
        var parts = Names.Where(n => n.Key is not ("ListDirectory" or "CreateFiles" or "CreateDirectories" or "Traverse")
                                     && (n.Value & (n.Value - 1)) == 0 && (m & n.Value) != 0).Select(n => n.Key);
        return m == 0 ? "(none)" : string.Join(", ", parts);
    }
}

/// <summary>Integer values of the Windows enums that section 5 of the facts contract lists.</summary>
public static class WindowsEnums
{
    /// <summary>System.ServiceProcess.ServiceStartMode (Get-Service StartType).</summary>
    public static IReadOnlyDictionary<long, string> ServiceStartType { get; } = new Dictionary<long, string>
    {
        [0] = "Boot", [1] = "System", [2] = "Automatic", [3] = "Manual", [4] = "Disabled",
    };

    /// <summary>System.ServiceProcess.ServiceControllerStatus (Get-Service Status).</summary>
    public static IReadOnlyDictionary<long, string> ServiceStatus { get; } = new Dictionary<long, string>
    {
        [1] = "Stopped", [2] = "StartPending", [3] = "StopPending", [4] = "Running", [5] = "ContinuePending", [6] = "PausePending", [7] = "Paused",
    };

    /// <summary>Microsoft.PowerShell.ExecutionPolicy (Get-ExecutionPolicy).</summary>
    public static IReadOnlyDictionary<long, string> ExecutionPolicy { get; } = new Dictionary<long, string>
    {
        [0] = "Unrestricted", [1] = "RemoteSigned", [2] = "AllSigned", [3] = "Restricted", [4] = "Bypass", [5] = "Undefined",
    };

    /// <summary>System.Security.AccessControl.AccessControlType.</summary>
    public static IReadOnlyDictionary<long, string> AccessControlType { get; } = new Dictionary<long, string> { [0] = "Allow", [1] = "Deny" };
}

/// <summary>Enums whose integer values are known for certain, by the name a catalog entry gives ("enum": "ServiceStartType").</summary>
public static class KnownEnums
{
    static readonly Dictionary<string, IReadOnlyDictionary<long, string>> ByName = new(StringComparer.Ordinal)
    {
        ["TlsAuthLevel"] = ExchangeEnums.TlsAuthLevel,
        ["PermissionGroups"] = ExchangeEnums.PermissionGroups,
        ["AuthMechanisms"] = ExchangeEnums.ReceiveAuthMechanisms,
        ["ServiceStartType"] = WindowsEnums.ServiceStartType,
        ["ServiceStatus"] = WindowsEnums.ServiceStatus,
        ["ExecutionPolicy"] = WindowsEnums.ExecutionPolicy,
    };

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The values, or null for no name; an unknown name is a catalog error.</summary>
    public static IReadOnlyDictionary<long, string>? Get(string? name) =>
        name is null ? null : ByName.TryGetValue(name, out var v) ? v : throw new CklGenException($"rule catalog: unknown enum '{name}'");
}

public static partial class ValueForms
{
    static readonly Regex ExchangeVersion = new(@"^Version\s+(?<mm>\d+\.\d+)\s*\(Build\s+(?<b>\d+\.\d+)\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    static readonly Regex DottedVersion = new(@"^\d+(\.\d+){1,3}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// A version: Exchange's "Version 15.2 (Build 1544.4)", dotted "15.2.1544.4" (leading zeros allowed:
    /// "15.02.1544.004"), or an object with Major, Minor and optionally Build and Revision.
    /// </summary>
    public static ValueRead<Version> Version(JToken? token)
    {
        if (Missing<Version>(token, "a version") is { } m) return m;
        if (token!.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            var x = ExchangeVersion.Match(s);
            if (x.Success) s = x.Groups["mm"].Value + "." + x.Groups["b"].Value;
            if (DottedVersion.IsMatch(s))
            {
                var parts = s.Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
                if (parts.All(p => p >= 0))
                    return ValueRead<Version>.Success(parts.Length switch
                    {
                        2 => new Version(parts[0], parts[1]),
                        3 => new Version(parts[0], parts[1], parts[2]),
                        _ => new Version(parts[0], parts[1], parts[2], parts[3]),
                    });
            }
            return Unreadable<Version>(token, "a version (\"Version 15.2 (Build 1544.4)\" or 15.2.1544.4)");
        }
        if (token is JObject o && TryLong(Prop(o, "Major") ?? JValue.CreateNull(), out var major) && TryLong(Prop(o, "Minor") ?? JValue.CreateNull(), out var minor))
        {
            long build = -1, rev = -1;
            if (Prop(o, "Build") is { } b && !TryLong(b, out build)) return Unreadable<Version>(token, "a version (Build is not an integer)");
            if (Prop(o, "Revision") is { } r && !TryLong(r, out rev)) return Unreadable<Version>(token, "a version (Revision is not an integer)");
            if (major is < 0 or > int.MaxValue || minor is < 0 or > int.MaxValue || build > int.MaxValue || rev > int.MaxValue)
                return Unreadable<Version>(token, "a version");
            return ValueRead<Version>.Success(build < 0 ? new Version((int)major, (int)minor)
                : rev < 0 ? new Version((int)major, (int)minor, (int)build) : new Version((int)major, (int)minor, (int)build, (int)rev));
        }
        return Unreadable<Version>(token, "a version");
    }

    /// <summary>
    /// A Get-Acl Access list: a list (or one object, or a wrapped list) of entries with IdentityReference
    /// (text or {"Value": text}), FileSystemRights (names "ReadAndExecute, Synchronize" or the integer mask),
    /// AccessControlType (Allow/Deny or 0/1) and IsInherited. An entry whose rights carry bits that mean
    /// nothing known makes the whole list unread: access is never judged from part of an ACL.
    /// </summary>
    public static ValueRead<IReadOnlyList<AccessRule>> Acl(JToken? token)
    {
        if (Missing<IReadOnlyList<AccessRule>>(token, "an access list") is { } m) return m;
        var t = Unwrap(token!, out var wrapProblem);
        if (wrapProblem is not null) return ValueRead<IReadOnlyList<AccessRule>>.Fail(wrapProblem);
        IEnumerable<JToken> items = t.Type == JTokenType.Array ? t.Children() : [t];
        var rules = new List<AccessRule>();
        foreach (var item in items)
        {
            if (item is not JObject e) return Unreadable<IReadOnlyList<AccessRule>>(token!, "an access list (an entry is not an object)");
            var id = Prop(e, "IdentityReference");
            if (id is JObject idObj) id = Prop(idObj, "Value");
            if (id is null || id.Type != JTokenType.String || string.IsNullOrWhiteSpace((string)id!))
                return Unreadable<IReadOnlyList<AccessRule>>(token!, "an access list (an entry has no IdentityReference)");
            var rights = Rights(Prop(e, "FileSystemRights"));
            if (!rights.Ok) return ValueRead<IReadOnlyList<AccessRule>>.Fail($"cannot read the rights of {(string)id!}: {rights.Problem}");
            var type = Enum(Prop(e, "AccessControlType"), WindowsEnums.AccessControlType);
            if (!type.Ok || type.Value is not ("Allow" or "Deny"))
                return ValueRead<IReadOnlyList<AccessRule>>.Fail($"cannot read the AccessControlType of {(string)id!}: {type.Problem ?? type.Value}");
            var inherited = Prop(e, "IsInherited") is { } inh ? Boolean(inh) : ValueRead<bool>.Success(false);
            if (!inherited.Ok) return ValueRead<IReadOnlyList<AccessRule>>.Fail($"cannot read IsInherited of {(string)id!}: {inherited.Problem}");
            rules.Add(new AccessRule(((string)id!).Trim(), rights.Value, type.Value == "Allow", inherited.Value));
        }
        return ValueRead<IReadOnlyList<AccessRule>>.Success(rules);
    }

    /// <summary>FileSystemRights as names ("ReadAndExecute, Synchronize"), a list of names, or the integer mask.</summary>
    public static ValueRead<long> Rights(JToken? token)
    {
        if (Missing<long>(token, "file-system rights") is { } m) return m;
        long mask = 0;
        if (token!.Type == JTokenType.Integer && TryLong(token, out var n)) mask = n;
        else if (token.Type == JTokenType.String && long.TryParse(((string)token!).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sn)) mask = sn;
        else
        {
            var names = Flags(token);
            if (!names.Ok) return Unreadable<long>(token, "file-system rights");
            foreach (var name in names.Value!)
            {
                if (!FileSystemRights.Names.TryGetValue(name, out var bit)) return Unreadable<long>(token, $"file-system rights ({name} is not a FileSystemRights name)");
                mask |= bit;
            }
        }
        // Get-Acl writes masks as signed 32-bit integers: GENERIC_READ is -2147483648.
        if (mask < 0 && mask >= int.MinValue) mask &= 0xFFFFFFFF;
        return FileSystemRights.Normalize(mask) is { } known
            ? ValueRead<long>.Success(known)
            : ValueRead<long>.Fail($"the rights mask {mask} has bits that are not file-system rights");
    }
}
