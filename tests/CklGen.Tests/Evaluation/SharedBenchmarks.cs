using System.Collections.Concurrent;
using CklGen.Benchmarks;
using CklGen.Tests.Support;

namespace CklGen.Tests.Evaluation;

/// <summary>The real DISA benchmarks in ../shared, each parsed once per test run.</summary>
static class SharedBenchmarks
{
    static readonly ConcurrentDictionary<string, Benchmark> Cache = new();

    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(TestPaths.SharedBenchmarks, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static Benchmark Get(string fileName) => Cache.GetOrAdd(fileName, f => XccdfReader.Read(TestPaths.Benchmark(f)));

    public static BenchmarkRule Rule(string fileName, string vulnId) =>
        Get(fileName).Rules.Single(r => r.VulnId == vulnId);
}
