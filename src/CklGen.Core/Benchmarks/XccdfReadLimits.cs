namespace CklGen.Benchmarks;

/// <summary>Ceilings that keep a hostile benchmark or zip from exhausting memory. The defaults are far above any DISA file.</summary>
public sealed record XccdfReadLimits
{
    public static readonly XccdfReadLimits Default = new();

    /// <summary>Largest XCCDF document, on disk or decompressed (DISA's largest are about 10 MB).</summary>
    public long MaxXmlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest zip entry read (an XCCDF or a nested zip), decompressed.</summary>
    public long MaxEntryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most bytes decompressed from one zip and the zips inside it, all together.</summary>
    public long MaxTotalBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Largest file, and largest non-seekable stream (a pipe, a device) buffered into memory before reading.</summary>
    public long MaxStreamBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Highest decompressed/compressed ratio accepted once an entry is past <see cref="RatioFloorBytes"/> (XCCDF text deflates about 8:1).</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries smaller than this are not held to <see cref="MaxCompressionRatio"/>.</summary>
    public long RatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>Levels of zips: 1 = the zip itself, 2 = a zip inside it, ...</summary>
    public int MaxZipDepth { get; init; } = 3;

    /// <summary>Deepest element nesting accepted (DISA benchmarks nest about 6 deep). Deep nesting makes
    /// XDocument loading quadratic, so it is refused before the document is built.</summary>
    public int MaxElementDepth { get; init; } = 64;

    /// <summary>Most entries in one zip.</summary>
    public int MaxEntries { get; init; } = 20_000;
}
