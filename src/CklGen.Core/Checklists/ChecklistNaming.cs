using System.Text;
using CklGen.Benchmarks;

namespace CklGen.Checklists;

/// <summary>
/// Checklist file names that tell host, benchmark and release apart:
/// EXMBX01_MS_Exchange_2016_Mailbox_Server_STIG_V2R6.ckl. Every part is reduced to letters, digits,
/// '-', '_' and '.', so a host name or benchmark id cannot add folders or characters Windows forbids.
/// </summary>
public static class ChecklistNaming
{
    /// <summary>Longest name returned, extension included (Windows allows 255 per path segment).</summary>
    public const int MaxLength = 200;
    const int MaxHostLength = 64;

    static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <param name="extension">"ckl", ".cklb" and the like.</param>
    public static string FileName(string host, Benchmark benchmark, string extension)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return FileName(host, [benchmark], extension);
    }

    /// <summary>One name for a checklist holding several benchmarks: HOST_Bench1_V2R6_Bench2_V1R1.ckl.</summary>
    public static string FileName(string host, IReadOnlyList<Benchmark> benchmarks, string extension)
    {
        var ext = Sanitize((extension ?? "").TrimStart('.'));
        if (ext.Length == 0) throw new ArgumentException("an extension is needed, e.g. \"ckl\"", nameof(extension));
        ext = "." + ext;
        var name = BaseName(host, benchmarks);
        var room = MaxLength - ext.Length;
        if (name.Length > room) name = name[..room].TrimEnd('_', '.', '-');
        return name + ext;
    }

    /// <summary>The file name without extension; also the CKLB checklist title.</summary>
    public static string BaseName(string host, IReadOnlyList<Benchmark> benchmarks)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        if (benchmarks.Count == 0) throw new ArgumentException("at least one benchmark is needed", nameof(benchmarks));
        var h = Sanitize(host ?? "");
        if (h.Length == 0) h = "UNKNOWN-HOST";
        // A long host name must not push the benchmark and release out of the name.
        if (h.Length > MaxHostLength) h = h[..MaxHostLength].TrimEnd('_', '.', '-');
        var parts = new List<string> { h };
        foreach (var b in benchmarks)
        {
            var id = Sanitize(b.Id);
            parts.Add(id.Length == 0 ? "STIG" : id);
            parts.Add(Sanitize(b.VersionLabel));
        }
        var name = string.Join("_", parts.Where(p => p.Length > 0));
        if (WindowsReservedNames.Contains(name.Split('.')[0])) name = "_" + name;
        return name;
    }

    /// <summary>Keeps letters, digits, '-', '_' and '.'; turns runs of anything else into one '_'; trims dots and '_' from the ends.</summary>
    public static string Sanitize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormC))
        {
            var ok = char.IsLetterOrDigit(c) && !char.IsSurrogate(c) || c is '-' or '_' or '.';
            if (ok) sb.Append(c);
            else if (sb.Length == 0 || sb[^1] != '_') sb.Append('_');
        }
        var result = sb.ToString().Trim('_', '.', ' ');
        while (result.Contains("__", StringComparison.Ordinal)) result = result.Replace("__", "_", StringComparison.Ordinal);
        return result;
    }
}
