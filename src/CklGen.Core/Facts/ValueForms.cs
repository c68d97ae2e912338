using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CklGen.Facts;

/// <summary>
/// The result of reading a meaning out of a raw value: <see cref="Value"/> when <see cref="Ok"/>,
/// otherwise <see cref="Problem"/> says what could not be read and why (shown in finding details).
/// </summary>
public sealed record ValueRead<T>
{
    public bool Ok { get; }
    public T? Value { get; }
    public string? Problem { get; }

    ValueRead(bool ok, T? value, string? problem) { Ok = ok; Value = value; Problem = problem; }

    public static ValueRead<T> Success(T value) => new(true, value, null);
    public static ValueRead<T> Fail(string problem) => new(false, default, problem);

    internal ValueRead<object> Boxed() => Ok ? ValueRead<object>.Success(Value!) : ValueRead<object>.Fail(Problem!);
}

/// <summary>A size: unlimited, or a number of bytes.</summary>
public readonly record struct ByteSize(bool Unlimited, long Bytes)
{
    public override string ToString() => Unlimited ? "Unlimited" : Bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}

/// <summary>An Exchange Unlimited&lt;int&gt;-style count: unlimited, or a value.</summary>
public readonly record struct UnlimitedCount(bool Unlimited, long Value)
{
    public override string ToString() => Unlimited ? "Unlimited" : Value.ToString(CultureInfo.InvariantCulture);
}

public enum ValueKind { Boolean, Enum, Flags, TimeSpan, Size, Count, Multi, Text, Date, Version, Acl }

/// <summary>
/// Readers for the value forms of docs/facts-format.md section 3. Each accepts every form in its row
/// of the contract's table and nothing else: anything else is not Ok, with a Problem naming the value.
/// A null token means the property is absent, which no reader accepts.
/// </summary>
public static partial class ValueForms
{
    const int DescribeLimit = 120;

    public static ValueRead<object> Read(ValueKind kind, JToken? token, IReadOnlyDictionary<long, string>? known = null) => kind switch
    {
        ValueKind.Boolean => Boolean(token).Boxed(),
        ValueKind.Enum => Enum(token, known).Boxed(),
        ValueKind.Flags => Flags(token, known).Boxed(),
        ValueKind.TimeSpan => TimeSpan(token).Boxed(),
        ValueKind.Size => Size(token).Boxed(),
        ValueKind.Count => Count(token).Boxed(),
        ValueKind.Multi => Multi(token).Boxed(),
        ValueKind.Text => Text(token).Boxed(),
        ValueKind.Date => Date(token).Boxed(),
        ValueKind.Version => Version(token).Boxed(),
        ValueKind.Acl => Acl(token).Boxed(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>true/false; "True"/"False"; "$true"/"$false" (any case).</summary>
    public static ValueRead<bool> Boolean(JToken? token)
    {
        if (Missing<bool>(token, "a boolean") is { } m) return m;
        if (token!.Type == JTokenType.Boolean) return ValueRead<bool>.Success((bool)token);
        if (token.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            if (s.StartsWith('$')) s = s[1..];
            if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) return ValueRead<bool>.Success(true);
            if (s.Equals("false", StringComparison.OrdinalIgnoreCase)) return ValueRead<bool>.Success(false);
        }
        return Unreadable<bool>(token, "a boolean (true/false)");
    }

    /// <summary>
    /// An enum member name. An integer (or a string of digits) only when <paramref name="knownValues"/>
    /// has it; a name is returned in the casing of knownValues when it is listed there.
    /// </summary>
    public static ValueRead<string> Enum(JToken? token, IReadOnlyDictionary<long, string>? knownValues = null)
    {
        if (Missing<string>(token, "an enum name") is { } m) return m;
        if (token!.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            if (IsMemberName(s)) return ValueRead<string>.Success(Canonical(s, knownValues));
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return EnumFromInteger(n, knownValues);
            return Unreadable<string>(token, "a single enum member name");
        }
        if (token.Type == JTokenType.Integer && TryLong(token, out var i)) return EnumFromInteger(i, knownValues);
        return Unreadable<string>(token, "an enum member name");
    }

    static ValueRead<string> EnumFromInteger(long n, IReadOnlyDictionary<long, string>? known)
    {
        if (known is not null && known.TryGetValue(n, out var name)) return ValueRead<string>.Success(name);
        return ValueRead<string>.Fail($"the integer {n} stands for an enum member whose name is not known for certain (a live object written by ConvertTo-Json); collect the member name instead");
    }

    /// <summary>
    /// A flags enum as member names: "A, B" (any spacing), a JSON array of names, the same wrapped as
    /// {"value":[...]}, or an integer that the known single-bit values of <paramref name="knownValues"/> make up exactly.
    /// </summary>
    public static ValueRead<IReadOnlyList<string>> Flags(JToken? token, IReadOnlyDictionary<long, string>? knownValues = null)
    {
        if (Missing<IReadOnlyList<string>>(token, "flag names") is { } m) return m;
        var names = new List<string>();
        void Add(string n)
        {
            n = Canonical(n, knownValues);
            if (!names.Contains(n, StringComparer.OrdinalIgnoreCase)) names.Add(n);
        }

        var t = Unwrap(token!, out var wrapProblem);
        if (wrapProblem is not null) return ValueRead<IReadOnlyList<string>>.Fail(wrapProblem);
        if (t.Type == JTokenType.Integer && TryLong(t, out var bits))
        {
            var r = FlagsFromInteger(bits, knownValues);
            if (!r.Ok) return r;
            foreach (var n in r.Value!) Add(n);
            return ValueRead<IReadOnlyList<string>>.Success(names);
        }
        IEnumerable<JToken> items = t.Type == JTokenType.Array ? t.Children() : [t];
        foreach (var item in items)
        {
            if (item.Type != JTokenType.String || IsNull(item)) return Unreadable<IReadOnlyList<string>>(token!, "flag names");
            var parts = ((string)item!).Split(',', StringSplitOptions.TrimEntries);
            foreach (var p in parts)
                if (!IsMemberName(p)) return Unreadable<IReadOnlyList<string>>(token!, "flag names");
            foreach (var p in parts) Add(p);
        }
        if (names.Count == 0) return Unreadable<IReadOnlyList<string>>(token!, "flag names (it names none)");
        return ValueRead<IReadOnlyList<string>>.Success(names);
    }

    static ValueRead<IReadOnlyList<string>> FlagsFromInteger(long bits, IReadOnlyDictionary<long, string>? known)
    {
        string Unknown() => $"the integer {bits} stands for flags whose names are not known for certain (a live object written by ConvertTo-Json); collect the member names instead";
        if (known is null || bits < 0) return ValueRead<IReadOnlyList<string>>.Fail(Unknown());
        if (bits == 0)
            return known.TryGetValue(0, out var none) ? ValueRead<IReadOnlyList<string>>.Success([none]) : ValueRead<IReadOnlyList<string>>.Fail(Unknown());
        var names = new List<string>();
        var rest = bits;
        foreach (var (value, name) in known.Where(k => k.Key > 0 && (k.Key & (k.Key - 1)) == 0).OrderBy(k => k.Key))
            if ((rest & value) != 0) { names.Add(name); rest &= ~value; }
        return rest == 0 ? ValueRead<IReadOnlyList<string>>.Success(names) : ValueRead<IReadOnlyList<string>>.Fail(Unknown());
    }

    static readonly Regex IsoDuration = new(@"^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// "00:10:00", "1.00:00:00" ([-][d.]hh:mm:ss[.fffffff]); an ISO 8601 duration without years or months
    /// ("PT10M", CLIXML &lt;TS&gt;); an object with Ticks, TotalSeconds, or all of Days, Hours, Minutes, Seconds.
    /// </summary>
    public static ValueRead<TimeSpan> TimeSpan(JToken? token)
    {
        if (Missing<TimeSpan>(token, "a time span") is { } m) return m;
        if (token!.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            if (s.Contains(':') && System.TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out var ts))
                return ValueRead<TimeSpan>.Success(ts);
            if (IsoDuration.IsMatch(s))
            {
                try { return ValueRead<TimeSpan>.Success(XmlConvert.ToTimeSpan(s)); }
                catch (Exception e) when (e is FormatException or OverflowException) { }
            }
            return Unreadable<TimeSpan>(token, "a time span (d.hh:mm:ss or an ISO 8601 duration)");
        }
        if (token.Type == JTokenType.Object) return TimeSpanFromObject((JObject)token);
        return Unreadable<TimeSpan>(token, "a time span");
    }

    static ValueRead<TimeSpan> TimeSpanFromObject(JObject o)
    {
        var found = new List<TimeSpan>();
        if (Prop(o, "Ticks") is { } ticks)
        {
            if (!TryLong(ticks, out var t)) return Unreadable<TimeSpan>(o, "a time span (Ticks is not an integer)");
            found.Add(System.TimeSpan.FromTicks(t));
        }
        if (Prop(o, "TotalSeconds") is { } total)
        {
            if (total.Type is not (JTokenType.Integer or JTokenType.Float)) return Unreadable<TimeSpan>(o, "a time span (TotalSeconds is not a number)");
            var secs = (double)total;
            if (double.IsNaN(secs) || Math.Abs(secs) > System.TimeSpan.MaxValue.TotalSeconds) return Unreadable<TimeSpan>(o, "a time span");
            found.Add(System.TimeSpan.FromTicks((long)Math.Round(secs * System.TimeSpan.TicksPerSecond)));
        }
        string[] parts = ["Days", "Hours", "Minutes", "Seconds"];
        if (parts.All(p => Prop(o, p) is not null))
        {
            var v = new long[4];
            for (var i = 0; i < 4; i++)
                if (!TryLong(Prop(o, parts[i])!, out v[i])) return Unreadable<TimeSpan>(o, $"a time span ({parts[i]} is not an integer)");
            long ms = 0;
            if (Prop(o, "Milliseconds") is { } msTok && !TryLong(msTok, out ms)) return Unreadable<TimeSpan>(o, "a time span (Milliseconds is not an integer)");
            try { found.Add(new TimeSpan(checked((int)v[0]), checked((int)v[1]), checked((int)v[2]), checked((int)v[3]), checked((int)ms))); }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException) { return Unreadable<TimeSpan>(o, "a time span"); }
        }
        if (found.Count == 0) return Unreadable<TimeSpan>(o, "a time span (an object needs Ticks, TotalSeconds or Days, Hours, Minutes and Seconds)");
        // Days..Seconds drop sub-millisecond ticks; TotalSeconds is a double: allow a millisecond between forms.
        if (found.Any(f => (f - found[0]).Duration() > System.TimeSpan.FromMilliseconds(1)))
            return Unreadable<TimeSpan>(o, "a time span (its Ticks, TotalSeconds and Days..Seconds disagree)");
        return ValueRead<TimeSpan>.Success(found[0]);
    }

    static readonly Regex QuantifiedSize = new(
        @"^\d+(?:[.,]\d+)?\s?(?:B|KB|MB|GB|TB)\s?\((?<bytes>\d{1,3}(?:[,.\u00A0\u202F' ]?\d{3})*)\s?bytes\)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// "10 MB (10,485,760 bytes)" (the byte count in parentheses is what counts), "Unlimited", a plain
    /// number of bytes, or {"IsUnlimited": bool, "Value": one of the former}.
    /// </summary>
    public static ValueRead<ByteSize> Size(JToken? token)
    {
        if (Missing<ByteSize>(token, "a size") is { } m) return m;
        if (token!.Type == JTokenType.Object)
        {
            var o = (JObject)token;
            var unlimited = Boolean(Prop(o, "IsUnlimited"));
            if (!unlimited.Ok) return Unreadable<ByteSize>(token, "a size (IsUnlimited is missing or not a boolean)");
            if (unlimited.Value) return ValueRead<ByteSize>.Success(new ByteSize(true, 0));
            var inner = Prop(o, "Value");
            if (inner is null || inner.Type is JTokenType.Object or JTokenType.Null) return Unreadable<ByteSize>(token, "a size (IsUnlimited is false but Value is not a size)");
            var r = SizeScalar(inner);
            return r.Ok && !r.Value.Unlimited ? r : Unreadable<ByteSize>(token, "a size (IsUnlimited is false but Value is not a number of bytes)");
        }
        return SizeScalar(token);
    }

    static ValueRead<ByteSize> SizeScalar(JToken token)
    {
        if (token.Type == JTokenType.Integer && TryLong(token, out var n) && n >= 0) return ValueRead<ByteSize>.Success(new ByteSize(false, n));
        if (token.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            if (s.Equals("Unlimited", StringComparison.OrdinalIgnoreCase)) return ValueRead<ByteSize>.Success(new ByteSize(true, 0));
            if (IsDigits(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var plain)) return ValueRead<ByteSize>.Success(new ByteSize(false, plain));
            var q = QuantifiedSize.Match(s);
            if (q.Success)
            {
                var digits = new string(q.Groups["bytes"].Value.Where(char.IsAsciiDigit).ToArray());
                if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) return ValueRead<ByteSize>.Success(new ByteSize(false, bytes));
            }
        }
        return Unreadable<ByteSize>(token, "a size (\"10 MB (10,485,760 bytes)\", \"Unlimited\" or a number of bytes)");
    }

    /// <summary>"Unlimited"; "5000"; 5000; {"IsUnlimited": bool, "Value": 5000}.</summary>
    public static ValueRead<UnlimitedCount> Count(JToken? token)
    {
        if (Missing<UnlimitedCount>(token, "a count") is { } m) return m;
        if (token!.Type == JTokenType.Object)
        {
            var o = (JObject)token;
            var unlimited = Boolean(Prop(o, "IsUnlimited"));
            if (!unlimited.Ok) return Unreadable<UnlimitedCount>(token, "a count (IsUnlimited is missing or not a boolean)");
            if (unlimited.Value) return ValueRead<UnlimitedCount>.Success(new UnlimitedCount(true, 0));
            var inner = Prop(o, "Value");
            var r = inner is null ? null : CountScalar(inner);
            return r is { Ok: true } && !r.Value.Unlimited ? r : Unreadable<UnlimitedCount>(token, "a count (IsUnlimited is false but Value is not a number)");
        }
        return CountScalar(token);
    }

    static ValueRead<UnlimitedCount> CountScalar(JToken token)
    {
        if (token.Type == JTokenType.Integer && TryLong(token, out var n)) return ValueRead<UnlimitedCount>.Success(new UnlimitedCount(false, n));
        if (token.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            if (s.Equals("Unlimited", StringComparison.OrdinalIgnoreCase)) return ValueRead<UnlimitedCount>.Success(new UnlimitedCount(true, 0));
            if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return ValueRead<UnlimitedCount>.Success(new UnlimitedCount(false, v));
        }
        return Unreadable<UnlimitedCount>(token, "a count (\"Unlimited\" or a whole number)");
    }

    /// <summary>
    /// A multi-valued property as strings: a JSON array of scalars, a single scalar, or {"value":[...],"Count":n}.
    /// JSON null, "" and [] are an empty list.
    /// </summary>
    public static ValueRead<IReadOnlyList<string>> Multi(JToken? token)
    {
        if (Missing<IReadOnlyList<string>>(token, "a list", nullOk: true) is { } m) return m;
        var t = Unwrap(token!, out var wrapProblem);
        if (wrapProblem is not null) return ValueRead<IReadOnlyList<string>>.Fail(wrapProblem);
        if (IsNull(t) || (t.Type == JTokenType.String && ((string)t!).Length == 0))
            return ValueRead<IReadOnlyList<string>>.Success([]);
        IEnumerable<JToken> items = t.Type == JTokenType.Array ? t.Children() : [t];
        var list = new List<string>();
        foreach (var item in items)
        {
            if (Scalar(item) is not { } s) return Unreadable<IReadOnlyList<string>>(token!, "a list of single values");
            list.Add(s);
        }
        return ValueRead<IReadOnlyList<string>>.Success(list);
    }

    /// <summary>A single value as text (numbers invariant, booleans True/False); JSON null is Ok with a null Value.</summary>
    public static ValueRead<string?> Text(JToken? token)
    {
        if (token is null) return ValueRead<string?>.Fail("no value: the property is absent");
        if (IsNull(token)) return ValueRead<string?>.Success(null);
        return Scalar(token) is { } s ? ValueRead<string?>.Success(s) : Unreadable<string?>(token, "a single value");
    }

    static readonly Regex IsoDate = new(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant);
    static readonly Regex MsDate = new(@"^/Date\((?<ms>-?\d+)(?<off>[+-]\d{4})?\)/$", RegexOptions.CultureInvariant);

    /// <summary>ISO 8601 (a time without an offset is taken as UTC) or "/Date(1730469802000)/" (milliseconds since 1970 UTC).</summary>
    public static ValueRead<DateTimeOffset> Date(JToken? token)
    {
        if (Missing<DateTimeOffset>(token, "a date") is { } m) return m;
        if (token!.Type == JTokenType.Date && token is JValue { Value: var v })
            return v switch
            {
                DateTimeOffset dto => ValueRead<DateTimeOffset>.Success(dto),
                DateTime dt => ValueRead<DateTimeOffset>.Success(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt)),
                _ => Unreadable<DateTimeOffset>(token, "a date"),
            };
        if (token.Type == JTokenType.String)
        {
            var s = ((string)token!).Trim();
            var ms = MsDate.Match(s);
            if (ms.Success && long.TryParse(ms.Groups["ms"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis))
            {
                try
                {
                    var utc = DateTimeOffset.FromUnixTimeMilliseconds(millis);
                    if (ms.Groups["off"].Success)
                    {
                        var off = ms.Groups["off"].Value;
                        var span = new TimeSpan(int.Parse(off[1..3], CultureInfo.InvariantCulture), int.Parse(off[3..5], CultureInfo.InvariantCulture), 0);
                        utc = utc.ToOffset(off[0] == '-' ? -span : span);
                    }
                    return ValueRead<DateTimeOffset>.Success(utc);
                }
                catch (ArgumentOutOfRangeException) { return Unreadable<DateTimeOffset>(token, "a date"); }
            }
            if (IsoDate.IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
                return ValueRead<DateTimeOffset>.Success(iso);
        }
        return Unreadable<DateTimeOffset>(token, "a date (ISO 8601 or /Date(milliseconds)/)");
    }

    /// <summary>A raw value for finding details: compact JSON, at most about 120 characters.</summary>
    public static string Describe(JToken? token)
    {
        if (token is null) return "(absent)";
        var s = token.Type == JTokenType.String ? JsonConvert.ToString((string)token!) : token.ToString(Newtonsoft.Json.Formatting.None);
        s = s.Replace("\r", "\\r").Replace("\n", "\\n");
        return s.Length <= DescribeLimit ? s : s[..DescribeLimit] + $"… ({s.Length} characters)";
    }

    // ---- helpers

    static ValueRead<T>? Missing<T>(JToken? token, string what, bool nullOk = false)
    {
        if (token is null) return ValueRead<T>.Fail($"no value: the property is absent (expected {what})");
        if (IsNull(token) && !nullOk) return ValueRead<T>.Fail($"the value is null (expected {what})");
        return null;
    }

    /// <summary>JSON null, or a value token holding no value (what (JToken)(string)null makes).</summary>
    public static bool IsNull(JToken? token) => token is not null && (token.Type == JTokenType.Null || token is JValue { Value: null });

    static ValueRead<T> Unreadable<T>(JToken token, string what) => ValueRead<T>.Fail($"cannot read {Describe(token)} as {what}");

    /// <summary>{"value":[...]} or {"value":[...],"Count":n} (PowerShell 5.1's wrapped array) to the array.</summary>
    static JToken Unwrap(JToken token, out string? problem)
    {
        problem = null;
        if (token is not JObject o || Prop(o, "value") is not JArray arr) return token;
        if (o.Properties().Any(p => !p.Name.Equals("value", StringComparison.OrdinalIgnoreCase) && !p.Name.Equals("Count", StringComparison.OrdinalIgnoreCase)))
            return token;
        if (Prop(o, "Count") is { } count && (!TryLong(count, out var n) || n != arr.Count))
            problem = $"the wrapped list {Describe(token)} says Count {Describe(count)} but holds {arr.Count} values";
        return arr;
    }

    static JToken? Prop(JObject o, string name) => o.GetValue(name, StringComparison.OrdinalIgnoreCase);

    static string? Scalar(JToken t) => t.Type switch
    {
        JTokenType.String => (string)t!,
        JTokenType.Integer => ((JValue)t).ToString(CultureInfo.InvariantCulture),
        JTokenType.Float => ((double)t).ToString("R", CultureInfo.InvariantCulture),
        JTokenType.Boolean => (bool)t ? "True" : "False",
        _ => null,
    };

    static bool TryLong(JToken t, out long value)
    {
        value = 0;
        if (t.Type != JTokenType.Integer) return false;
        if (t is JValue { Value: long l }) { value = l; return true; }
        try { value = (long)t; return true; }
        catch (OverflowException) { return false; }
    }

    static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    static bool IsMemberName(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    static string Canonical(string name, IReadOnlyDictionary<long, string>? known) =>
        known?.Values.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;
}
