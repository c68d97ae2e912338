using System.Runtime;
using System.Runtime.InteropServices;

namespace CklGen.Benchmarks.Harness;

/// <summary>What the numbers were measured on.</summary>
public static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("CPU", CpuModel() is { } m ? $"{m}, {Environment.ProcessorCount} logical cores" : $"{Environment.ProcessorCount} logical cores"),
        ("Memory", $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB available to .NET"),
        ("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})"),
        (".NET", $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Configuration()} build"),
    ];

    /// <summary>1, 5 and 15 minute load averages (Linux), to judge how busy the machine was; null elsewhere.</summary>
    public static string? LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return null;
        var parts = File.ReadAllText(loadavg).Split(' ');
        return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : null;
    }

    static string Configuration() =>
#if DEBUG
        "Debug (numbers not representative: run with -c Release)";
#else
        "Release";
#endif

    static string? CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return null;
        return File.ReadLines(cpuinfo)
            .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':') + 1)..].Trim())
            .FirstOrDefault();
    }
}
