using CklGen.Facts;

namespace CklGen.Evaluation;

/// <summary>
/// The few comparisons checks are written in. Values arrive already read by <see cref="ValueForms"/>
/// (bool, string, TimeSpan, ByteSize, UnlimitedCount, list of strings).
/// </summary>
public static class Predicates
{
    static readonly Dictionary<string, ValueKind[]> Ops = new(StringComparer.Ordinal)
    {
        ["equals"] = [ValueKind.Boolean, ValueKind.Enum, ValueKind.Text, ValueKind.TimeSpan, ValueKind.Size, ValueKind.Count, ValueKind.Version],
        ["notEquals"] = [ValueKind.Boolean, ValueKind.Enum, ValueKind.Text, ValueKind.TimeSpan, ValueKind.Size, ValueKind.Count],
        ["equalsIgnoreCase"] = [ValueKind.Text],
        ["atLeast"] = [ValueKind.TimeSpan, ValueKind.Count, ValueKind.Size, ValueKind.Version],
        ["atMost"] = [ValueKind.TimeSpan, ValueKind.Count, ValueKind.Size, ValueKind.Version],
        ["notEmpty"] = [ValueKind.Text, ValueKind.Multi, ValueKind.Flags],
        ["isEmpty"] = [ValueKind.Text, ValueKind.Multi, ValueKind.Flags],
        ["includes"] = [ValueKind.Flags, ValueKind.Multi],
        ["excludes"] = [ValueKind.Flags, ValueKind.Multi],
        ["setEquals"] = [ValueKind.Flags, ValueKind.Multi],
        // Every value is one of the expected ones ("any address returned that is not on the list is a finding"); an empty value passes.
        ["subsetOf"] = [ValueKind.Flags, ValueKind.Multi],
        // Contains one of the organization's values (an empty value contains none).
        ["containsAny"] = [ValueKind.Multi],
        // Address ranges that do not accept every address (RemoteIPRanges restricted to listed servers).
        ["restrictedRanges"] = [ValueKind.Multi],
        // The value is one of a list (an approved service, an approved build); case ignored for text.
        ["oneOf"] = [ValueKind.Text, ValueKind.Enum, ValueKind.Version],
        ["notOneOf"] = [ValueKind.Text, ValueKind.Enum, ValueKind.Version],
        // A .NET regular expression, case ignored.
        ["matches"] = [ValueKind.Text],
        ["notMatches"] = [ValueKind.Text],
        // At least this many values.
        ["countAtLeast"] = [ValueKind.Multi, ValueKind.Flags],
        // Everyone an Allow entry grants the right to is in the expected list of identities.
        ["readOnlyBy"] = [ValueKind.Acl],
        ["modifyOnlyBy"] = [ValueKind.Acl],
        ["deleteOnlyBy"] = [ValueKind.Acl],
        // Everyone an Allow entry grants any right to (Synchronize alone aside).
        ["accessOnlyBy"] = [ValueKind.Acl],
        // Every identity an Allow entry names holds exactly the documented rights ("IDENTITY: RIGHTS", Synchronize aside).
        ["aclMatches"] = [ValueKind.Acl],
        // The path lies on another volume than the expected path (the evaluator reads Get-Partition).
        ["otherVolumeThan"] = [ValueKind.Text],
    };

    /// <summary>Ops whose expected value is a list however the property reads (a site policy gives it as one).</summary>
    public static bool ExpectsList(string op) => op is "oneOf" or "notOneOf" or "readOnlyBy" or "modifyOnlyBy" or "deleteOnlyBy" or "accessOnlyBy" or "aclMatches";

    /// <summary>Ops the evaluator applies with other facts (the partitions): never in a selection or condition.</summary>
    public static bool OnlyTopLevel(string op) => op is "otherVolumeThan";

    public static bool IsKnown(string op, ValueKind kind) => Ops.TryGetValue(op, out var kinds) && kinds.Contains(kind);

    /// <summary>True when the test fails for every possible expected value: an empty set contains none of them.</summary>
    public static bool FailsWhatever(string op, object actual) =>
        op is "containsAny" or "includes" && actual is IEnumerable<string> e && !e.Any(x => !string.IsNullOrWhiteSpace(x));

    public static bool NeedsExpected(string op) => op is not ("notEmpty" or "isEmpty" or "restrictedRanges");

    /// <summary>Words for finding details: "TlsAuthLevel expected DomainValidation".</summary>
    public static string Describe(string op, string? expected) => op switch
    {
        "equals" or "equalsIgnoreCase" => $"{expected}",
        "notEquals" => $"anything but {expected}",
        "atLeast" => $"{expected} or more",
        "atMost" => $"{expected} or less",
        "notEmpty" => "a value (not empty)",
        "isEmpty" => "empty",
        "includes" => $"to include {expected}",
        "excludes" => $"not to include {expected}",
        "setEquals" => $"exactly {expected}",
        "subsetOf" => $"nothing but {expected}",
        "containsAny" => $"one of {expected}",
        "restrictedRanges" => "restricted to listed addresses (not every address)",
        "oneOf" => $"one of {expected}",
        "notOneOf" => $"none of {expected}",
        "matches" => $"to match {expected}",
        "notMatches" => $"not to match {expected}",
        "countAtLeast" => $"at least {expected} values",
        "readOnlyBy" => $"read access for none but {expected}",
        "modifyOnlyBy" => $"modify access for none but {expected}",
        "deleteOnlyBy" => $"delete access for none but {expected}",
        "accessOnlyBy" => $"access for none but {expected}",
        "otherVolumeThan" => $"on another volume than {expected}",
        "aclMatches" => $"exactly the documented permissions {expected}",
        _ => op,
    };

    /// <summary>Applies op. expected is null only for ops that need none .</summary>
    public static bool Test(string op, ValueKind kind, object actual, object? expected)
    {
        // A setting that is not set equals no stated value.
        if (actual is NotSet) return op is "isEmpty" or "notEquals" or "notOneOf" or "excludes" or "notMatches";
        switch (op)
        {
            case "equals": return AreEqual(kind, actual, expected!, ignoreCase: kind == ValueKind.Enum);
            case "notEquals": return !AreEqual(kind, actual, expected!, ignoreCase: kind == ValueKind.Enum);
            case "equalsIgnoreCase": return AreEqual(kind, actual, expected!, ignoreCase: true);
            case "atLeast": return CompareOrdered(actual, expected!) >= 0;
            case "atMost": return CompareOrdered(actual, expected!) <= 0;
            case "notEmpty": return !IsEmpty(actual);
            case "isEmpty": return IsEmpty(actual);
            case "includes": return Set(expected!).IsSubsetOf(Set(actual));
            case "excludes": return !Set(expected!).Overlaps(Set(actual));
            case "setEquals": return Set(expected!).SetEquals(Set(actual));
            case "subsetOf": return Set(actual).IsSubsetOf(Set(expected!));
            case "containsAny": return HostSet(expected!).Overlaps(HostSet(actual));
            case "restrictedRanges": return !IsEmpty(actual) && !((IEnumerable<string>)actual).Any(IsWholeAddressRange);
            case "oneOf": return List(expected!).Any(e => AreEqual(kind, actual, e, ignoreCase: true));
            case "notOneOf": return !List(expected!).Any(e => AreEqual(kind, actual, e, ignoreCase: true));
            case "matches": return Matches(actual, expected!);
            case "notMatches": return !Matches(actual, expected!);
            case "countAtLeast": return Set(actual).Count >= Number(expected!);
            case "readOnlyBy": return Holders(actual, FileSystemRights.GrantsRead).IsSubsetOf(Set(expected!));
            case "modifyOnlyBy": return Holders(actual, FileSystemRights.GrantsModify).IsSubsetOf(Set(expected!));
            case "deleteOnlyBy": return Holders(actual, FileSystemRights.GrantsDelete).IsSubsetOf(Set(expected!));
            case "aclMatches": return AclDifferences(actual, expected!).Count == 0;
            case "accessOnlyBy": return Holders(actual, m => (m & ~FileSystemRights.Synchronize) != 0).IsSubsetOf(Set(expected!));
            default: throw new InvalidOperationException($"unknown op {op}");
        }
    }

    /// <summary>"IDENTITY: RIGHTS" entries as identity -> rights mask; null with the problem when one is not of that form.</summary>
    public static Dictionary<string, long>? DocumentedPermissions(object documented, out string? problem)
    {
        problem = null;
        var doc = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Set(documented))
        {
            var colon = entry.LastIndexOf(':');
            var rights = colon > 0 ? ValueForms.Rights(new Newtonsoft.Json.Linq.JValue(entry[(colon + 1)..].Trim())) : default;
            if (colon <= 0 || !rights.Ok)
            {
                problem = $"'{entry}' is not \"IDENTITY: RIGHTS\" (rights as Get-Acl names them, e.g. \"BUILTIN\\Users: ReadAndExecute, Synchronize\")";
                return null;
            }
            doc[entry[..colon].Trim()] = doc.GetValueOrDefault(entry[..colon].Trim()) | rights.Value;
        }
        return doc;
    }

    /// <summary>
    /// How the access list differs from the documented one ("IDENTITY: RIGHTS" entries): identities granted rights the
    /// documentation does not give them, in words; empty when every Allow entry's identity holds exactly its documented rights.
    /// </summary>
    public static List<string> AclDifferences(object acl, object documented)
    {
        var doc = DocumentedPermissions(documented, out var problem) ?? throw new CklGenException(problem!);
        var held = ((IEnumerable<AccessRule>)acl).Where(r => r.Allow).GroupBy(r => r.Identity, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Who: g.Key, Mask: g.Aggregate(0L, (m, r) => m | r.Rights)));
        var diffs = new List<string>();
        foreach (var (who, mask) in held)
        {
            if (!doc.TryGetValue(who, out var want)) diffs.Add($"{who} holds {FileSystemRights.Describe(mask)}, which the EDSP does not document");
            else if ((want & ~FileSystemRights.Synchronize) != (mask & ~FileSystemRights.Synchronize))
                diffs.Add($"{who} holds {FileSystemRights.Describe(mask)}, the EDSP documents {FileSystemRights.Describe(want)}");
        }
        return diffs;
    }

    /// <summary>Identities that an Allow entry grants a right to (Deny entries are not subtracted: a finding errs toward review).</summary>
    public static HashSet<string> Holders(object acl, Func<long, bool> grants) =>
        new(((IEnumerable<AccessRule>)acl).Where(r => r.Allow && grants(r.Rights)).Select(r => r.Identity), StringComparer.OrdinalIgnoreCase);

    /// <summary>An expected list as single values of the kind (a scalar is a list of one).</summary>
    static IEnumerable<object> List(object e) => e switch
    {
        IEnumerable<string> l => l.Cast<object>(),
        IEnumerable<object> l => l,
        _ => [e],
    };

    static long Number(object e) => e switch
    {
        UnlimitedCount c when !c.Unlimited => c.Value,
        long n => n,
        IEnumerable<string> l when l.Count() == 1 && long.TryParse(l.Single(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        string t when long.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidOperationException($"not a count: {e}"),
    };

    static bool Matches(object a, object e) =>
        System.Text.RegularExpressions.Regex.IsMatch((string)a, (string)e, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    static bool AreEqual(ValueKind kind, object a, object e, bool ignoreCase) => (a, e) switch
    {
        (Version x, Version y) => x == y,
        (Version x, string y) => ValueForms.Version(new Newtonsoft.Json.Linq.JValue(y)) is { Ok: true } v && x == v.Value,
        (string x, string y) => string.Equals(x.Trim(), y.Trim(), ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (TimeSpan x, TimeSpan y) => x == y,
        (ByteSize x, ByteSize y) => x.Unlimited == y.Unlimited && (x.Unlimited || x.Bytes == y.Bytes),
        (UnlimitedCount x, UnlimitedCount y) => x.Unlimited == y.Unlimited && (x.Unlimited || x.Value == y.Value),
        _ => throw new InvalidOperationException($"cannot compare {a.GetType().Name} with {e.GetType().Name} as {kind}"),
    };

    /// <summary>Orders values; Unlimited is larger than any number.</summary>
    static int CompareOrdered(object a, object e) => (a, e) switch
    {
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        (Version x, Version y) => x.CompareTo(y),
        (ByteSize x, ByteSize y) => x.Unlimited || y.Unlimited ? x.Unlimited.CompareTo(y.Unlimited) : x.Bytes.CompareTo(y.Bytes),
        (UnlimitedCount x, UnlimitedCount y) => x.Unlimited || y.Unlimited ? x.Unlimited.CompareTo(y.Unlimited) : x.Value.CompareTo(y.Value),
        _ => throw new InvalidOperationException($"cannot order {a.GetType().Name} and {e.GetType().Name}"),
    };

    static bool IsEmpty(object v) => v switch
    {
        string s => string.IsNullOrWhiteSpace(s),
        IEnumerable<string> l => !l.Any(x => !string.IsNullOrWhiteSpace(x)),
        _ => false,
    };

    static HashSet<string> Set(object v) => v switch
    {
        string s => new HashSet<string>([s.Trim()], StringComparer.OrdinalIgnoreCase),
        IEnumerable<string> l => new HashSet<string>(l.Select(x => x.Trim()).Where(x => x.Length > 0), StringComparer.OrdinalIgnoreCase),
        _ => throw new InvalidOperationException($"not a set: {v.GetType().Name}"),
    };

    /// <summary>Host names or addresses; Exchange writes IP smart hosts in brackets ("[10.1.1.1]").</summary>
    static HashSet<string> HostSet(object v) =>
        new(Set(v).Select(h => h.StartsWith('[') && h.EndsWith(']') ? h[1..^1].Trim() : h), StringComparer.OrdinalIgnoreCase);

    /// <summary>The whole IPv4 or IPv6 space, as Exchange writes it in RemoteIPRanges.</summary>
    public static bool IsWholeAddressRange(string entry)
    {
        var s = entry.Trim().ToLowerInvariant().Replace(" ", "");
        return s is "0.0.0.0-255.255.255.255" or "0.0.0.0/0" or "::/0" or "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" or "*";
    }

    /// <summary>Shows a read value in finding details.</summary>
    public static string Show(object? v) => v switch
    {
        NotSet => "not set",
        null => "(none)",
        bool b => b ? "True" : "False",
        string s => s.Length == 0 ? "(not set)" : s,
        TimeSpan t => t.ToString("c"),
        ByteSize s => s.Unlimited ? "Unlimited" : FormatBytes(s.Bytes),
        UnlimitedCount c => c.Unlimited ? "Unlimited" : c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> l => l.Any() ? string.Join(", ", l) : "(empty)",
        IEnumerable<AccessRule> acl => acl.Any() ? string.Join("; ", acl) : "(no entries)",
        IEnumerable<object> l => l.Any() ? string.Join(", ", l.Select(Show)) : "(empty)",
        _ => v.ToString() ?? "",
    };

    static string FormatBytes(long bytes)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var exact = bytes.ToString("N0", inv) + " bytes";
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return $"{bytes / (1024 * 1024)} MB ({exact})";
        if (bytes >= 1024 && bytes % 1024 == 0) return $"{bytes / 1024} KB ({exact})";
        return exact;
    }
}

/// <summary>The value of a setting that is not set (a nullable Exchange setting left null, a registry value that is not present).</summary>
public sealed class NotSet
{
    public static readonly NotSet Value = new();
    NotSet() { }
    public override string ToString() => "not set";
}
