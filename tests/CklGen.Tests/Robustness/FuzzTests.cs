using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using CklGen.Benchmarks;
using CklGen.Checklists;
using CklGen.Evaluation;
using CklGen.Facts;
using CklGen.Tests.Support;
using Xunit.Abstractions;

namespace CklGen.Tests.Robustness;

/// <summary>
/// Seeded mutations of real inputs (shared checklists and benchmarks, a DISA-style zip, the example
/// snapshots, a CLIXML export, the policy and answer templates), each fed to the reader it belongs to.
/// Every case must load or fail with a <see cref="CklGenException"/> naming the file, and allocate no
/// more than <see cref="Budget"/>. A failure prints the seed and case; replay one with
/// CKLGEN_FUZZ_SEED=S CKLGEN_FUZZ_CASE=N dotnet test tests/CklGen.Tests --filter FullyQualifiedName~FuzzTests.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20261202;
    public const int Cases = 5000;

    /// <summary>The stated memory budget of one case: bytes allocated while reading, 32 MB plus 100 times the input.</summary>
    public static long Budget(long inputBytes) => 32L * 1024 * 1024 + 100 * inputBytes;

    enum Reader { Xccdf, Zip, Checklist, Validate, Facts, CliXml, Policy, Answers }

    sealed record Seed(string Name, string FileName, byte[] Bytes, Reader Reader);

    static readonly Lazy<IReadOnlyList<Seed>> Seeds = new(LoadSeeds);

    static IReadOnlyList<Seed> LoadSeeds()
    {
        var seeds = new List<Seed>();
        foreach (var f in Directory.EnumerateFiles(TestPaths.SharedChecklists, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(TestPaths.SharedChecklists, f);
            seeds.Add(new Seed("checklists/" + rel, Path.GetFileName(f), File.ReadAllBytes(f), Reader.Checklist));
        }
        // validate reads checklists its own way (every unrecognised status reported): a few of them through it too.
        foreach (var s in seeds.Where(s => s.Reader == Reader.Checklist).Where((_, i) => i % 6 == 0).ToList())
            seeds.Add(s with { Name = s.Name + " (validate)", Reader = Reader.Validate });
        string[] benchmarks =
        [
            "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml",
            "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml",
            "U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml",
            "U_Exchange_2010_Client_Access_V1R9_Manual-xccdf.xml",
        ];
        foreach (var b in benchmarks) seeds.Add(new Seed("benchmarks/" + b, b, File.ReadAllBytes(TestPaths.Benchmark(b)), Reader.Xccdf));
        seeds.Add(new Seed("DISA-style zip", "U_MS_Exchange_2019_V1R1_STIG.zip", DisaZip(), Reader.Zip));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts")).Order(StringComparer.Ordinal))
            seeds.Add(new Seed("facts/" + Path.GetFileName(f), Path.GetFileName(f), File.ReadAllBytes(f), Reader.Facts));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.TestsDir, "Facts", "Fixtures"), "*.xml").Order(StringComparer.Ordinal))
            seeds.Add(new Seed("clixml/" + Path.GetFileName(f), Path.GetFileName(f), File.ReadAllBytes(f), Reader.CliXml));
        seeds.Add(new Seed("clixml/Get-SendConnector.xml (with Ref)", "Get-SendConnector.xml", Encoding.UTF8.GetBytes(CliXmlWithRefs), Reader.CliXml));
        seeds.Add(new Seed("templates/site-policy.json", "site-policy.json", File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "templates", "site-policy.json")), Reader.Policy));
        seeds.Add(new Seed("templates/answers.json", "answers.json", File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "templates", "answers.json")), Reader.Answers));
        return seeds;
    }

    /// <summary>A zip laid out as DISA ships them: the benchmark in a subfolder beside a PDF, and a nested zip holding another.</summary>
    static byte[] DisaZip()
    {
        var inner = new MemoryStream();
        using (var z = new ZipArchive(inner, ZipArchiveMode.Create, leaveOpen: true))
            Add(z, "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml", File.ReadAllBytes(TestPaths.Benchmark("U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml")));
        var outer = new MemoryStream();
        using (var z = new ZipArchive(outer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(z, "U_MS_Exchange_2019_V1R1_Manual_STIG/U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml",
                File.ReadAllBytes(TestPaths.Benchmark("U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml")));
            Add(z, "U_MS_Exchange_2019_V1R1_Manual_STIG/U_MS_Exchange_2019_V1R1_Overview.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%fake overview\n"));
            Add(z, "U_MS_Exchange_2016_Edge_V2R6_STIG.zip", inner.ToArray());
        }
        return outer.ToArray();
    }

    static void Add(ZipArchive z, string name, byte[] data)
    {
        using var s = z.CreateEntry(name).Open();
        s.Write(data);
    }

    const string CliXmlWithRefs = """
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0"><T>Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T><T>Deserialized.System.Object</T></TN>
            <ToString>Outbound</ToString>
            <Props>
              <S N="Name">Outbound</S>
              <B N="Enabled">true</B>
              <I32 N="Port">25</I32>
              <Obj N="AddressSpaces" RefId="1"><TN RefId="1"><T>System.Collections.ArrayList</T><T>System.Object</T></TN><LST><S>SMTP:*;1</S><S>SMTP:contoso.com;2</S></LST></Obj>
              <Obj N="SourceTransportServers" RefId="2"><TNRef RefId="1" /><LST><S>EXMBX01</S></LST></Obj>
              <Obj N="SmartHosts" RefId="3"><TNRef RefId="1" /><LST /></Obj>
              <S N="MaxMessageSize">35 MB (36,700,160 bytes)</S>
              <DT N="WhenChanged">2026-10-01T12:00:00+00:00</DT>
              <TS N="ConnectionInactivityTimeOut">PT10M</TS>
            </Props>
          </Obj>
          <Obj RefId="4">
            <TNRef RefId="0" />
            <ToString>Internet</ToString>
            <Props>
              <S N="Name">Internet</S>
              <B N="Enabled">false</B>
              <I32 N="Port">587</I32>
              <Ref N="AddressSpaces" RefId="1" />
              <Ref N="SourceTransportServers" RefId="2" />
              <Nil N="SmartHosts" />
              <S N="MaxMessageSize">Unlimited</S>
            </Props>
          </Obj>
        </Objs>
        """;

    // ---- the run

    [Fact]
    public void Every_mutated_input_loads_or_fails_clearly_within_budget()
    {
        var seed = Environment.GetEnvironmentVariable("CKLGEN_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s) : DefaultSeed;
        var only = Environment.GetEnvironmentVariable("CKLGEN_FUZZ_CASE") is { Length: > 0 } c ? int.Parse(c) : (int?)null;
        var seeds = Seeds.Value;
        Assert.True(seeds.Count > 60, $"only {seeds.Count} seed files found under {TestPaths.Shared}");
        var dir = TestPaths.NewTempDir();
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        var slowest = new List<(double Ms, string Case)>();
        try
        {
            for (var i = only ?? 0; i < (only + 1 ?? Cases); i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (input, mutation, result) = RunCase(seed, i, seeds, dir);
                slowest.Add((clock.Elapsed.TotalMilliseconds, $"case {i} [{input.Name}; {mutation}] {result.Kind}"));
                if (slowest.Count > 10) slowest.Remove(slowest.MinBy(x => x.Ms));
                outcomes[result.Kind] = outcomes.GetValueOrDefault(result.Kind) + 1;
                if (result.Failure is { } f)
                {
                    failures.Add($"case {i} [{input.Name}; {mutation}]: {f}\n    replay: CKLGEN_FUZZ_SEED={seed} CKLGEN_FUZZ_CASE={i} dotnet test tests/CklGen.Tests --filter FullyQualifiedName~FuzzTests");
                    if (failures.Count >= 20) break;
                }
            }
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        // Reported, not asserted (tests never assert on time): where the time of the run goes.
        foreach (var (ms, what) in slowest.OrderByDescending(x => x.Ms)) output.WriteLine($"{ms,8:N0} ms  {what}");
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(failures.Count == 0, $"{failures.Count} fuzz case(s) failed (first {Math.Min(20, failures.Count)}):\n" + string.Join("\n", failures));
        if (only is null) Assert.Equal(Cases, outcomes.Values.Sum());
    }

    sealed record Outcome(string Kind, string? Failure);

    static (Seed, string, Outcome) RunCase(int seed, int i, IReadOnlyList<Seed> seeds, string dir)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + i)); // not HashCode: it differs per process
        var input = seeds[i % seeds.Count];
        var (bytes, mutation) = Mutator.Mutate(input.Bytes, rng, input.Reader is Reader.Zip);
        var caseDir = Path.Combine(dir, i.ToString());
        Directory.CreateDirectory(caseDir);
        var path = Path.Combine(caseDir, input.FileName);
        File.WriteAllBytes(path, bytes);
        var named = input.Reader == Reader.CliXml ? caseDir : path;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Outcome outcome;
        try
        {
            Read(input.Reader, path, caseDir);
            outcome = new Outcome("loaded", null);
        }
        catch (CklGenException e)
        {
            outcome = e.Message.Contains(input.Reader == Reader.CliXml ? Path.GetFileName(caseDir) : input.FileName, StringComparison.Ordinal)
                ? new Outcome("refused", null)
                : new Outcome("unnamed", $"the error does not name {Path.GetFileName(named)}: {e.Message}");
        }
        catch (Exception e)
        {
            outcome = new Outcome("crashed", $"unhandled {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (outcome.Failure is null && allocated > Budget(bytes.Length))
            outcome = new Outcome("over budget", $"allocated {allocated:N0} bytes reading {bytes.Length:N0}, over the budget of {Budget(bytes.Length):N0}");
        try { Directory.Delete(caseDir, true); } catch (IOException) { }
        return (input, mutation, outcome);
    }

    static void Read(Reader reader, string path, string dir)
    {
        switch (reader)
        {
            case Reader.Xccdf: XccdfReader.Read(path); break;
            case Reader.Zip: XccdfReader.ReadAll(path); break;
            case Reader.Checklist: ChecklistFile.Read(path); break;
            case Reader.Validate: ChecklistValidator.Validate(path, null); break;
            case Reader.Facts: FactsReader.Read(path); break;
            case Reader.CliXml: FactsReader.Read(dir); break;
            case Reader.Policy: SitePolicy.Load(path); break;
            case Reader.Answers: AnswerFile.Load(path); break;
        }
    }

    [Fact]
    public void Cases_are_deterministic_for_a_seed()
    {
        var seeds = Seeds.Value;
        for (var i = 0; i < 50; i++)
        {
            var a = Mutator.Mutate(seeds[i % seeds.Count].Bytes, new Random(i), false);
            var b = Mutator.Mutate(seeds[i % seeds.Count].Bytes, new Random(i), false);
            Assert.Equal(a.Description, b.Description);
            Assert.Equal(a.Bytes, b.Bytes);
        }
    }

    [Fact]
    public void Every_reader_has_seeds()
    {
        var readers = Seeds.Value.Select(s => s.Reader).ToHashSet();
        Assert.Equal(Enum.GetValues<Reader>().ToHashSet(), readers);
    }
}

/// <summary>The mutations: byte flips, truncation, line deletion and duplication, tag swaps, JSON type
/// changes, huge strings, invalid UTF-8, BOM and encoding changes, hostile XML and JSON constructs, and
/// for zips changes to the entries inside.</summary>
static class Mutator
{
    static readonly string[] Names =
    [
        "flip", "truncate", "delete-lines", "duplicate-lines", "swap-tags", "change-json-type", "huge-string",
        "invalid-utf8", "bom", "hostile", "combined",
    ];

    public static (byte[] Bytes, string Description) Mutate(byte[] input, Random r, bool zip)
    {
        if (zip && r.Next(3) > 0) return MutateZip(input, r);
        var kind = Names[r.Next(Names.Length)];
        if (kind == "combined")
        {
            var b = input;
            var parts = new List<string>();
            for (var n = r.Next(2, 4); n > 0; n--)
            {
                var k = Names[r.Next(Names.Length - 1)];
                b = Apply(k, b, r, out var d);
                parts.Add(d);
            }
            return (b, string.Join(" + ", parts));
        }
        return (Apply(kind, input, r, out var desc), desc);
    }

    static byte[] Apply(string kind, byte[] b, Random r, out string desc)
    {
        switch (kind)
        {
            case "flip":
            {
                var copy = (byte[])b.Clone();
                var n = r.Next(1, 9);
                for (var i = 0; i < n && copy.Length > 0; i++) copy[r.Next(copy.Length)] ^= (byte)r.Next(1, 256);
                desc = $"flip {n} bytes";
                return copy;
            }
            case "truncate":
            {
                var at = b.Length == 0 ? 0 : r.Next(b.Length);
                desc = $"truncate at {at}";
                return b[..at];
            }
            case "delete-lines":
            {
                var (lines, enc) = Lines(b);
                var n = r.Next(1, 4);
                for (var i = 0; i < n && lines.Count > 1; i++) lines.RemoveAt(r.Next(lines.Count));
                desc = $"delete {n} lines";
                return Join(lines, enc);
            }
            case "duplicate-lines":
            {
                var (lines, enc) = Lines(b);
                var at = r.Next(lines.Count);
                var times = r.Next(4) == 0 ? r.Next(100, 2000) : r.Next(1, 4);
                lines.InsertRange(at, Enumerable.Repeat(lines[at], times));
                desc = $"duplicate line {at} x{times}";
                return Join(lines, enc);
            }
            case "swap-tags":
            {
                var (text, enc) = Text(b);
                var names = Regex.Matches(text, text.TrimStart('\uFEFF', ' ', '\r', '\n').StartsWith('<') ? @"<([A-Za-z_][\w.:-]*)" : "\"([A-Za-z_][\\w]*)\"\\s*:")
                    .Select(m => m.Groups[1].Value).Distinct().ToList();
                if (names.Count < 2) { desc = "swap-tags (none)"; return b; }
                var x = names[r.Next(names.Count)];
                var y = names[r.Next(names.Count)];
                desc = $"swap {x} and {y}";
                var swapped = Regex.Replace(text, $@"(?<=[<""/]){Regex.Escape(x)}(?=[\s>/""])|(?<=[<""/]){Regex.Escape(y)}(?=[\s>/""])",
                    m => m.Value == x ? y : x);
                return enc.GetPreamble().Concat(enc.GetBytes(swapped)).ToArray();
            }
            case "change-json-type":
            {
                var (text, enc) = Text(b);
                string[] values =
                [
                    "null", "0", "-1", "1e400", "-1e308", "99999999999999999999999999", "true", "[]", "{}", "[[[[[]]]]]", "\"\"",
                    "\"\\/Date(1700000000000)\\/\"", "\"2026-01-01T00:00:00Z\"", "{\"value\":[],\"Count\":7}", "\"\\u0000\"", "\"\\ud800\"", "NaN", "1.5",
                ];
                var matches = Regex.Matches(text, @"(?<=:\s*)(""(?:[^""\\]|\\.)*""|-?\d[\d.eE+-]*|true|false|null|\[|\{)");
                if (matches.Count == 0)
                {
                    // XML: replace an element's text instead.
                    var texts = Regex.Matches(text, @"(?<=>)[^<]{1,200}(?=</)");
                    if (texts.Count == 0) { desc = "change-type (none)"; return b; }
                    var t = texts[r.Next(texts.Count)];
                    string[] xml = ["", "&#0;", "&#xD800;", "]]>", "&undefined;", "<", "-1", "99999999999999999999", "not_a_valid_status", new string('x', 100_000)];
                    var v = xml[r.Next(xml.Length)];
                    desc = $"replace text at {t.Index} with {(v.Length > 20 ? "long text" : v)}";
                    return enc.GetPreamble().Concat(enc.GetBytes(text[..t.Index] + v + text[(t.Index + t.Length)..])).ToArray();
                }
                var m = matches[r.Next(matches.Count)];
                var end = m.Value is "[" or "{" ? m.Index + 1 : m.Index + m.Length; // a container keeps its body: the value is inserted before it
                var value = values[r.Next(values.Length)];
                desc = $"JSON value at {m.Index} becomes {value}";
                var replaced = m.Value is "[" or "{" ? text[..m.Index] + value + "," + text[m.Index..] : text[..m.Index] + value + text[end..];
                return enc.GetPreamble().Concat(enc.GetBytes(replaced)).ToArray();
            }
            case "huge-string":
            {
                var (text, enc) = Text(b);
                var size = r.Next(256 * 1024, 2 * 1024 * 1024);
                var quotes = Regex.Matches(text, "[\">]");
                var at = quotes.Count == 0 ? r.Next(text.Length + 1) : quotes[r.Next(quotes.Count)].Index + 1;
                desc = $"insert {size:N0} characters at {at}";
                return enc.GetPreamble().Concat(enc.GetBytes(text[..at] + new string((char)('a' + r.Next(26)), size) + text[at..])).ToArray();
            }
            case "invalid-utf8":
            {
                byte[][] bad = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82]];
                var seq = bad[r.Next(bad.Length)];
                var at = r.Next(b.Length + 1);
                desc = $"invalid UTF-8 {Convert.ToHexString(seq)} at {at}";
                return b[..at].Concat(seq).Concat(b[at..]).ToArray();
            }
            case "bom":
            {
                var (text, _) = Text(b);
                var choice = r.Next(7);
                desc = choice switch
                {
                    0 => "no BOM, UTF-8", 1 => "UTF-8 BOM", 2 => "UTF-16 LE with BOM", 3 => "UTF-16 BE with BOM",
                    4 => "UTF-16 LE without BOM", 5 => "UTF-16 LE BOM on UTF-8 bytes", _ => "UTF-32 LE with BOM",
                };
                return choice switch
                {
                    0 => Encoding.UTF8.GetBytes(text),
                    1 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
                    2 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
                    3 => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
                    4 => Encoding.Unicode.GetBytes(text),
                    5 => [0xFF, 0xFE, .. Encoding.UTF8.GetBytes(text)],
                    _ => [0xFF, 0xFE, 0, 0, .. Encoding.UTF32.GetBytes(text)],
                };
            }
            default: // hostile
            {
                var (text, enc) = Text(b);
                var xml = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('<');
                string[] choices = xml
                    ? [
                        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
                        "<!DOCTYPE r SYSTEM \"file:///etc/passwd\">",
                        "&b;", "&#x0;", "<?xml version=\"1.0\"?>",
                        string.Concat(Enumerable.Repeat("<d>", 20_000)) + string.Concat(Enumerable.Repeat("</d>", 20_000)),
                        "<![CDATA[" + new string('c', 10_000), "<x xmlns:p=\"urn:p\" p:a=\"1\" p:a=\"2\"/>", "\u0001",
                    ]
                    : [
                        new string('[', 100_000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)), "\"\\/Date(253402300800000)\\/\"",
                        "/* 2026-01-01T00:00:00Z */", "\"dup\": 1, \"dup\": 2,", "\u0000", "\"\\uDFFF\"", "1e99999",
                    ];
                var ins = choices[r.Next(choices.Length)];
                var tags = Regex.Matches(text, xml ? "(?<=>)" : "[,{\\[]");
                var at = tags.Count == 0 ? r.Next(text.Length + 1) : tags[r.Next(Math.Min(tags.Count, r.Next(2) == 0 ? 3 : tags.Count))].Index + (xml ? 0 : 1);
                desc = $"insert {(ins.Length > 40 ? ins[..40] + "…" : ins)} at {at}";
                return enc.GetPreamble().Concat(enc.GetBytes(text[..at] + ins + text[at..])).ToArray();
            }
        }
    }

    /// <summary>Changes inside a zip: an entry's content mutated, a hostile name, a bomb, deep nesting, many small nested zips.</summary>
    static (byte[], string) MutateZip(byte[] zip, Random r)
    {
        var entries = new List<(string Name, byte[] Data)>();
        using (var a = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            foreach (var e in a.Entries)
            {
                using var s = e.Open();
                var ms = new MemoryStream();
                s.CopyTo(ms);
                entries.Add((e.FullName, ms.ToArray()));
            }
        string desc;
        switch (r.Next(6))
        {
            case 0:
            case 1:
            {
                var i = r.Next(entries.Count);
                var (bytes, d) = Mutate(entries[i].Data, r, entries[i].Name.EndsWith(".zip"));
                entries[i] = (entries[i].Name, bytes);
                desc = $"entry {entries[i].Name}: {d}";
                break;
            }
            case 2:
            {
                string[] names = ["../evil-xccdf.xml", "/abs-xccdf.xml", "C:/win-xccdf.xml", "a/../../up-xccdf.xml", "nul\0-xccdf.xml", "", "a\\..\\..\\b-xccdf.xml"];
                var n = names[r.Next(names.Length)];
                entries.Add((n, entries[0].Data));
                desc = $"entry named {n.Replace("\0", "\\0")}";
                break;
            }
            case 3:
            {
                entries.Add(("bomb-xccdf.xml", new byte[r.Next(2, 20) * 1024 * 1024]));
                desc = "zeros entry (bomb)";
                break;
            }
            case 4:
            {
                var nested = Zip([("deep-xccdf.xml", entries[0].Data)]);
                var depth = r.Next(2, 6);
                for (var d = 0; d < depth; d++) nested = Zip([($"level{d}.zip", nested)]);
                entries.Add(("nested.zip", nested));
                desc = $"nested {depth + 1} deep";
                break;
            }
            default:
            {
                var small = Zip([("filler.bin", new byte[r.Next(64, 512) * 1024])]);
                var n = r.Next(20, 200);
                for (var i = 0; i < n; i++) entries.Add(($"many/{i}.zip", small));
                desc = $"{n} small nested zips";
                break;
            }
        }
        return (Zip(entries), desc);
    }

    static byte[] Zip(IEnumerable<(string Name, byte[] Data)> entries)
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
            {
                using var s = z.CreateEntry(name.Length == 0 ? "x" : name, CompressionLevel.Fastest).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }

    /// <summary>The bytes as text in their own encoding (UTF-16 by BOM, else UTF-8, invalid bytes as U+FFFD).</summary>
    static (string, Encoding) Text(byte[] b)
    {
        if (b is [0xFF, 0xFE, ..]) return (Encoding.Unicode.GetString(b, 2, b.Length - 2), new UnicodeEncoding(false, true));
        if (b is [0xFE, 0xFF, ..]) return (Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2), new UnicodeEncoding(true, true));
        if (b is [0xEF, 0xBB, 0xBF, ..]) return (Encoding.UTF8.GetString(b, 3, b.Length - 3), new UTF8Encoding(true));
        return (Encoding.UTF8.GetString(b), new UTF8Encoding(false));
    }

    static (List<string>, Encoding) Lines(byte[] b)
    {
        var (t, e) = Text(b);
        return (t.Split('\n').ToList(), e);
    }

    static byte[] Join(List<string> lines, Encoding e) => e.GetPreamble().Concat(e.GetBytes(string.Join('\n', lines))).ToArray();
}
