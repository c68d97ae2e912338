using System.Text;
using CklGen.Facts;
using CklGen.Tests.Support;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace CklGen.Tests.Robustness;

/// <summary>
/// A facts snapshot costs a small multiple of its size in memory (issue 10). Bounds are in bytes, never time.
/// tests/CklGen.Benchmarks/make-big-facts.py writes the same kind of file at any size for the CLI measurement.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class FactsMemoryTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = TestPaths.NewTempDir();

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static string Example => Path.Combine(TestPaths.RepoRoot, "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json");

    /// <summary>The example snapshot with Get-ReceiveConnector grown to distinct numbered connectors until the file is about <paramref name="bytes"/>.</summary>
    internal static string WriteBigSnapshot(string path, long bytes)
    {
        var doc = JObject.Parse(File.ReadAllText(Example));
        var commands = (JObject)doc["commands"]!;
        var connectors = (JArray)commands["Get-ReceiveConnector"]!;
        commands.Remove("Get-ReceiveConnector");
        var errors = doc["errors"];
        doc.Remove("errors");
        doc.Remove("commands");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        var head = doc.ToString();
        w.Write(head[..head.LastIndexOf('}')].TrimEnd());
        w.Write(",\n  \"commands\": {\n");
        foreach (var p in commands.Properties()) w.Write($"    {p.ToString()},\n");
        w.Write("    \"Get-ReceiveConnector\": [\n");
        long written = 0;
        for (var i = 0; written < bytes; i++)
        {
            var o = (JObject)connectors[i % connectors.Count].DeepClone();
            o["Name"] = $"{o["Name"]} {i}";
            o["Identity"] = $"EXMBX01\\{o["Name"]}";
            o["RemoteIPRanges"] = new JArray(new JToken[] { $"10.{(i >> 8) & 255}.{i & 255}.0-10.{(i >> 8) & 255}.{i & 255}.255" }.Concat(o["RemoteIPRanges"] as JArray ?? []));
            var item = (i == 0 ? "" : ",\n") + o.ToString();
            w.Write(item);
            written += Encoding.UTF8.GetByteCount(item);
        }
        w.Write($"\n    ]\n  }},\n  \"errors\": {errors?.ToString() ?? "{}"}\n}}\n");
        return path;
    }

    [Fact]
    public void A_20_MB_snapshot_is_read_in_a_small_multiple_of_its_size()
    {
        var file = WriteBigSnapshot(Path.Combine(_dir, "big.json"), 20L * 1024 * 1024);
        var size = new FileInfo(file).Length;
        FactsReader.Read(Example); // JIT and static tables outside the measurement

        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = FactsReader.Read(file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        var connectors = snapshot.Commands["Get-ReceiveConnector"].Objects;
        output.WriteLine($"{size:N0} bytes, {connectors.Count:N0} connectors: {allocated:N0} allocated ({(double)allocated / size:F1}x), {retained:N0} kept ({(double)retained / size:F1}x)");

        Assert.True(connectors.Count > 10_000);
        Assert.EndsWith($" {connectors.Count - 1}", (string?)connectors[^1].Get("Name"));
        Assert.True(retained < 4 * size, $"the snapshot keeps {retained:N0} bytes for a {size:N0}-byte file ({(double)retained / size:F1}x)");
        Assert.True(allocated < 8 * size, $"reading allocates {allocated:N0} bytes for a {size:N0}-byte file ({(double)allocated / size:F1}x)");
        GC.KeepAlive(snapshot);
    }
}

/// <summary>Tests that measure the process's memory run alone: other tests' allocations would count as theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
