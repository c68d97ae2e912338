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
        ["equals"] = [ValueKind.Boolean, ValueKind.Enum, ValueKind.Text, ValueKind.TimeSpan, ValueKind.Size, ValueKind.Count],
        ["notEquals"] = [ValueKind.Boolean, ValueKind.Enum, ValueKind.Text, ValueKind.TimeSpan, ValueKind.Size, ValueKind.Count],
        ["equalsIgnoreCase"] = [ValueKind.Text],
        ["atLeast"] = [ValueKind.TimeSpan, ValueKind.Count, ValueKind.Size],
        ["atMost"] = [ValueKind.TimeSpan, ValueKind.Count, ValueKind.Size],
        ["notEmpty"] = [ValueKind.Text, ValueKind.Multi, ValueKind.Flags],
        ["isEmpty"] = [ValueKind.Text, ValueKind.Multi, ValueKind.Flags],
        ["includes"] = [ValueKind.Flags, ValueKind.Multi],
        ["excludes"] = [ValueKind.Flags, ValueKind.Multi],
        ["setEquals"] = [ValueKind.Flags, ValueKind.Multi],
        // Contains one of the organization's values; without them, is merely not empty.
        ["containsAny"] = [ValueKind.Multi],
        // Address ranges that do not accept every address (RemoteIPRanges restricted to listed servers).
        ["restrictedRanges"] = [ValueKind.Multi],
    };

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
        "containsAny" => $"one of {expected}",
        "restrictedRanges" => "restricted to listed addresses (not every address)",
        _ => op,
    };

    /// <summary>Applies op. expected is null only for ops that need none .</summary>
    public static bool Test(string op, ValueKind kind, object actual, object? expected)
    {
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
            case "containsAny": return HostSet(expected!).Overlaps(HostSet(actual));
            case "restrictedRanges": return !IsEmpty(actual) && !((IEnumerable<string>)actual).Any(IsWholeAddressRange);
            default: throw new InvalidOperationException($"unknown op {op}");
        }
    }

    static bool AreEqual(ValueKind kind, object a, object e, bool ignoreCase) => (a, e) switch
    {
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
        null => "(none)",
        bool b => b ? "True" : "False",
        string s => s.Length == 0 ? "(not set)" : s,
        TimeSpan t => t.ToString("c"),
        ByteSize s => s.Unlimited ? "Unlimited" : FormatBytes(s.Bytes),
        UnlimitedCount c => c.Unlimited ? "Unlimited" : c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> l => l.Any() ? string.Join(", ", l) : "(empty)",
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
