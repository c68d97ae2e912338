using System.Globalization;
using System.Xml;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CklGen.IO;

namespace CklGen.Benchmarks;

/// <summary>
/// Reads DISA manual XCCDF benchmarks (XCCDF 1.1 or 1.2) from an .xml file or from DISA's .zip download.
/// The file type is told by its content, not its name. Zips are read in memory, never extracted.
/// Every problem with the input is an <see cref="InputException"/> naming the file and, in a zip, the entry.
/// </summary>
public static class XccdfReader
{
    public static readonly XNamespace Xccdf11 = "http://checklists.nist.gov/xccdf/1.1";
    public static readonly XNamespace Xccdf12 = "http://checklists.nist.gov/xccdf/1.2";
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public const string LegacyIdentSystem = "http://cyber.mil/legacy";
    public const string CciIdentSystem = "http://cyber.mil/cci";
    /// <summary>Older DISA benchmarks name the CCI system this way.</summary>
    public const string OldCciIdentSystem = "http://iase.disa.mil/cci";

    /// <summary>Reads the one benchmark in an .xml or .zip file; a zip holding several is refused with their names (use <see cref="ReadAll(string, XccdfReadLimits?)"/>).</summary>
    public static Benchmark Read(string path, XccdfReadLimits? limits = null) => ReadFile(path, limits, single: true)[0];

    /// <summary>Reads every XCCDF benchmark in a .zip (nested zips included), or the one in an .xml file.</summary>
    public static IReadOnlyList<Benchmark> ReadAll(string path, XccdfReadLimits? limits = null) => ReadFile(path, limits, single: false);

    /// <param name="name">Names the input in errors and in <see cref="Benchmark.SourcePath"/>; its file name part becomes <see cref="Benchmark.FileName"/>.</param>
    public static Benchmark Read(Stream stream, string name, XccdfReadLimits? limits = null) =>
        ReadStream(stream, name, limits ?? XccdfReadLimits.Default, single: true)[0];

    public static IReadOnlyList<Benchmark> ReadAll(Stream stream, string name, XccdfReadLimits? limits = null) =>
        ReadStream(stream, name, limits ?? XccdfReadLimits.Default, single: false);

    /// <summary>"DISA.zip!folder/U_..._xccdf.xml": the zip (an existing file) and the entry named after its '!'; null for other paths.</summary>
    public static (string Zip, string Entry)? SplitZipEntry(string path)
    {
        if (File.Exists(path)) return null;
        for (var i = path.IndexOf('!'); i > 0; i = path.IndexOf('!', i + 1))
            if (File.Exists(path[..i]) && i + 1 < path.Length) return (path[..i], path[(i + 1)..]);
        return null;
    }

    static IReadOnlyList<Benchmark> ReadFile(string path, XccdfReadLimits? limits, bool single)
    {
        if (SplitZipEntry(path) is { } z)
        {
            // One benchmark of a zip, named as CklGen's own messages name it.
            var all = ReadFile(z.Zip, limits, single: false);
            var wanted = z.Zip + "!" + z.Entry;
            var hit = all.Where(b => string.Equals(b.SourcePath.Replace('\\', '/'), wanted.Replace('\\', '/'), StringComparison.OrdinalIgnoreCase)).ToList();
            if (hit.Count == 1) return hit;
            throw new InputException(path, $"no benchmark {z.Entry} in {z.Zip}; it holds {string.Join(", ", all.Select(b => b.SourcePath))}");
        }
        var lim = limits ?? XccdfReadLimits.Default;
        using var fs = InputFile.Open(path, lim.MaxStreamBytes);
        return ReadStream(fs, path, limits ?? XccdfReadLimits.Default, single);
    }

    static IReadOnlyList<Benchmark> ReadStream(Stream stream, string name, XccdfReadLimits limits, bool single)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            if (!stream.CanSeek) stream = Buffer(stream, name, limits.MaxStreamBytes);
            var kind = Sniff(stream);
            if (kind == Kind.Zip) return ZipBenchmarks.Read(stream, name, limits, single);
            if (kind == Kind.Pdf) throw new InputException(name, "is a PDF document, not an XCCDF benchmark (.xml) or DISA zip");
            if (stream.Length - stream.Position > limits.MaxXmlBytes)
                throw new InputException(name, $"is {stream.Length - stream.Position:N0} bytes; XCCDF benchmarks over {limits.MaxXmlBytes:N0} bytes are refused");
            return [Parse(stream, name, FileNameOf(name), limits)];
        }
        catch (IOException e)
        {
            throw new InputException(name, "cannot be read: " + e.Message, inner: e);
        }
    }

    /// <summary>Parses one XCCDF document. <paramref name="source"/> names it in errors ("file.zip!entry" inside zips).</summary>
    internal static Benchmark Parse(Stream xml, string source, string fileName, XccdfReadLimits limits)
    {
        XDocument doc;
        try
        {
            RefuseDeepNesting(xml, source, limits);
            doc = SafeXml.Load(new LimitedReadStream(xml, limits.MaxXmlBytes), source, keepComments: false);
        }
        catch (LimitExceededException)
        {
            throw new InputException(source, $"XCCDF benchmarks over {limits.MaxXmlBytes:N0} bytes are refused");
        }
        return Parse(doc, source, fileName);
    }

    /// <summary>
    /// A streaming pass that refuses nesting deeper than the limit before XDocument.Load, whose cost grows
    /// with the square of the depth (200,000 nested elements take minutes). Other XML errors are left for
    /// <see cref="SafeXml"/> to report; the stream is rewound either way.
    /// </summary>
    static void RefuseDeepNesting(Stream xml, string source, XccdfReadLimits limits)
    {
        if (!xml.CanSeek) throw new ArgumentException("a seekable stream is needed", nameof(xml));
        var start = xml.Position;
        try
        {
            using var reader = XmlReader.Create(new LimitedReadStream(xml, limits.MaxXmlBytes), SafeXml.Settings(keepComments: false));
            while (reader.Read())
                if (reader.Depth > limits.MaxElementDepth)
                    throw new InputException(source, $"elements are nested more than {limits.MaxElementDepth} deep (line {LineOf(reader)}); refused");
        }
        catch (Exception e) when (e is XmlException or System.Text.DecoderFallbackException)
        {
            // Reported by SafeXml.Load with the file name.
        }
        finally
        {
            xml.Position = start;
        }
    }

    static int LineOf(XmlReader r) => r is IXmlLineInfo li ? li.LineNumber : 0;

    internal static Benchmark Parse(XDocument doc, string source, string fileName)
    {
        var root = doc.Root ?? throw new InputException(source, "is empty: no root element");
        if (root.Name.LocalName == "data-stream-collection")
            throw new InputException(source, "is a SCAP data stream, not a manual XCCDF benchmark; use DISA's Manual STIG (*_Manual-xccdf.xml)");
        if (root.Name.LocalName != "Benchmark")
            throw new InputException(source, $"is not an XCCDF benchmark: the root element is <{root.Name.LocalName}>, not <Benchmark>");
        var ns = root.Name.Namespace;
        string xccdfVersion;
        if (ns == Xccdf11) xccdfVersion = "1.1";
        else if (ns == Xccdf12) xccdfVersion = "1.2";
        else throw new InputException(source, $"is not XCCDF 1.1 or 1.2: <Benchmark> is in namespace \"{ns.NamespaceName}\"");

        var id = NormalizeId(Attr(root, "id"));
        if (id.Length == 0) throw new InputException(source, "the Benchmark has no id", field: "Benchmark/@id");
        var title = Text(root.Element(ns + "title"));
        if (title.Length == 0) throw new InputException(source, "the Benchmark has no title", field: "Benchmark/title");
        var version = Text(root.Element(ns + "version")).Trim();
        if (version.Length == 0) throw new InputException(source, "the Benchmark has no version", field: "Benchmark/version");

        var rules = new List<BenchmarkRule>();
        var seenRuleIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenVulnIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ruleEl in root.Descendants(ns + "Rule"))
        {
            var rule = ReadRule(ruleEl, ns, source);
            if (!seenRuleIds.Add(rule.RuleId))
                throw new InputException(source, $"rule id {rule.RuleId} occurs twice", field: rule.RuleId);
            if (!seenVulnIds.Add(rule.VulnId))
                throw new InputException(source, $"group {rule.VulnId} holds more than one rule or occurs twice; a checklist needs one rule per V-id", field: rule.VulnId);
            rules.Add(rule);
        }
        if (rules.Count == 0) throw new InputException(source, $"benchmark {id} has no rules");

        return new Benchmark
        {
            Id = id,
            Title = title,
            Description = Text(root.Element(ns + "description")),
            Version = version,
            ReleaseInfo = root.Elements(ns + "plain-text")
                .FirstOrDefault(e => NormalizeId(Attr(e, "id")) == "release-info") is { } ri ? Text(ri).Trim() : "",
            StatusDate = root.Elements(ns + "status").LastOrDefault()?.Attribute("date")?.Value.Trim(),
            FileName = fileName,
            SourcePath = source,
            Source = root.Elements(ns + "reference").Elements(Dc + "source").Select(Text).FirstOrDefault(s => s.Length > 0)?.Trim() ?? "",
            Notice = Attr(root.Element(ns + "notice"), "id"),
            XccdfVersion = xccdfVersion,
            ReferenceIdentifier = rules.Select(r => r.ReferenceIdentifier).FirstOrDefault(r => r.Length > 0) ?? "",
            Rules = rules,
        };
    }

    static readonly HashSet<string> Severities = new(StringComparer.Ordinal) { "low", "medium", "high", "info", "unknown" };

    static BenchmarkRule ReadRule(XElement ruleEl, XNamespace ns, string source)
    {
        var ruleId = NormalizeId(Attr(ruleEl, "id"));
        var group = ruleEl.Parent;
        if (group is null || group.Name != ns + "Group")
            throw new InputException(source, $"rule {(ruleId.Length > 0 ? ruleId : "without id")} is not inside a Group, so it has no V-id", field: ruleId.Length > 0 ? ruleId : "Rule");
        var vulnId = NormalizeId(Attr(group, "id"));
        if (vulnId.Length == 0) throw new InputException(source, "a Group has no id", field: "Group/@id");
        if (ruleId.Length == 0) throw new InputException(source, $"the rule of group {vulnId} has no id", field: vulnId);

        var severityAttr = ruleEl.Attribute("severity");
        var severity = severityAttr is null ? "unknown" : severityAttr.Value.Trim().ToLowerInvariant();
        if (!Severities.Contains(severity))
            throw new InputException(source, $"severity \"{Clip(severityAttr!.Value)}\" is not an XCCDF severity (low, medium, high, info, unknown)", field: vulnId);

        var weight = ruleEl.Attribute("weight")?.Value.Trim() ?? "10.0";
        if (!decimal.TryParse(weight, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            throw new InputException(source, $"weight \"{Clip(weight)}\" is not a number", field: vulnId);

        var tags = XccdfDescription.Parse(ruleEl.Element(ns + "description")?.Value);

        var checks = ruleEl.Elements(ns + "check").ToList();
        var check = checks.FirstOrDefault(c => c.Element(ns + "check-content") is not null) ?? checks.FirstOrDefault();
        var contentRef = check?.Element(ns + "check-content-ref");
        var fixtext = ruleEl.Element(ns + "fixtext");

        var legacy = new List<string>();
        var ccis = new List<string>();
        var seenIdents = new HashSet<(bool, string)>();
        foreach (var ident in ruleEl.Elements(ns + "ident"))
        {
            var system = Attr(ident, "system");
            var value = Text(ident).Trim();
            if (value.Length == 0) continue;
            var isLegacy = system == LegacyIdentSystem;
            if (!isLegacy && system is not (CciIdentSystem or OldCciIdentSystem)) continue;
            if (!seenIdents.Add((isLegacy, value.ToUpperInvariant()))) continue;
            (isLegacy ? legacy : ccis).Add(value);
        }

        return new BenchmarkRule
        {
            VulnId = vulnId,
            GroupTitle = Text(group.Element(ns + "title")),
            GroupDescription = Text(group.Element(ns + "description")),
            RuleId = ruleId,
            StigId = Text(ruleEl.Element(ns + "version")).Trim(),
            Severity = severity,
            Weight = weight,
            Title = Text(ruleEl.Element(ns + "title")),
            Discussion = tags["VulnDiscussion"],
            FalsePositives = tags["FalsePositives"],
            FalseNegatives = tags["FalseNegatives"],
            Documentable = tags["Documentable"],
            Mitigations = tags["Mitigations"],
            SeverityOverrideGuidance = tags["SeverityOverrideGuidance"],
            PotentialImpacts = tags["PotentialImpacts"],
            ThirdPartyTools = tags["ThirdPartyTools"],
            MitigationControl = tags["MitigationControl"],
            Responsibility = tags["Responsibility"],
            IaControls = tags["IAControls"],
            CheckContent = Text(check?.Element(ns + "check-content")),
            CheckContentRefName = Attr(contentRef, "name"),
            CheckContentRefHref = Attr(contentRef, "href"),
            CheckSystem = Attr(check, "system"),
            FixText = Text(fixtext),
            FixId = Attr(fixtext, "fixref") is { Length: > 0 } fixref ? fixref : Attr(ruleEl.Element(ns + "fix"), "id"),
            LegacyIds = legacy,
            Ccis = ccis,
            ReferenceIdentifier = ruleEl.Elements(ns + "reference").Elements(Dc + "identifier").Select(Text).FirstOrDefault(s => s.Length > 0)?.Trim() ?? "",
        };
    }

    static readonly Regex Xccdf12Id = new(
        @"^xccdf_[^_\s]+_(?:benchmark|group|rule|profile|value|tailoring|testresult)_(?<id>.+)$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Strips the XCCDF 1.2 prefix: xccdf_mil.disa.stig_rule_SV-1r2_rule → SV-1r2_rule; other ids come back trimmed.</summary>
    public static string NormalizeId(string? id)
    {
        id = (id ?? "").Trim();
        var m = Xccdf12Id.Match(id);
        return m.Success ? m.Groups["id"].Value : id;
    }

    static string Attr(XElement? e, string name) => e?.Attribute(name)?.Value ?? "";

    static string Text(XElement? e) => e?.Value ?? "";

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>The last segment of a path or zip entry name, whichever separator it uses.</summary>
    internal static string FileNameOf(string name)
    {
        var i = name.LastIndexOfAny(['/', '\\']);
        return i >= 0 ? name[(i + 1)..] : name;
    }

    enum Kind { Xml, Zip, Pdf }

    static Kind Sniff(Stream s)
    {
        var start = s.Position;
        Span<byte> head = stackalloc byte[4];
        var n = 0;
        while (n < head.Length)
        {
            var r = s.Read(head[n..]);
            if (r == 0) break;
            n += r;
        }
        s.Position = start;
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] is 3 or 5 or 7 && head[3] is 4 or 6 or 8) return Kind.Zip;
        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') return Kind.Pdf;
        return Kind.Xml;
    }

    static MemoryStream Buffer(Stream s, string name, long max)
    {
        var ms = new MemoryStream();
        var buf = new byte[81920];
        int n;
        while ((n = s.Read(buf, 0, buf.Length)) > 0)
        {
            if (ms.Length + n > max) throw new InputException(name, $"is over {max:N0} bytes; refused");
            ms.Write(buf, 0, n);
        }
        ms.Position = 0;
        return ms;
    }
}

/// <summary>Thrown by <see cref="LimitedReadStream"/>; callers turn it into an <see cref="InputException"/>.</summary>
internal sealed class LimitExceededException(long limit) : IOException($"more than {limit:N0} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>A read-only view of a stream that throws once more than a set number of bytes has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > limit) throw new LimitExceededException(limit);
        return n;
    }
}
