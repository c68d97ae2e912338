namespace CklGen.Benchmarks.Harness;

/// <summary>Order statistics of a set of samples (milliseconds or bytes).</summary>
public static class Stats
{
    /// <summary>The middle sample; the mean of the two middle ones when the count is even.</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        var s = Sorted(samples);
        var mid = s.Length / 2;
        return s.Length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
    /// With fewer than 20 samples p95 is the maximum.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (p is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile lies in (0, 100]");
        var s = Sorted(samples);
        var rank = (int)Math.Ceiling(p / 100 * s.Length);
        return s[Math.Clamp(rank, 1, s.Length) - 1];
    }

    static double[] Sorted(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var s = samples.ToArray();
        Array.Sort(s);
        return s;
    }
}
