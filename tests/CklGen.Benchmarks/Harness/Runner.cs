using System.Diagnostics;

namespace CklGen.Benchmarks.Harness;

/// <summary>One thing to time: what one iteration does, how often to run it, and the goal it is held to.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    /// <summary>The goal as a limit on the p95 of one iteration, in milliseconds.</summary>
    public required double GoalMs { get; init; }
    public required Action Body { get; init; }
    public int Iterations { get; init; } = 20;
    public int QuickIterations { get; init; } = 5;
    /// <summary>Warm-up runs at least this many iterations and for at least WarmupMs, so tiered JIT has settled.</summary>
    public int Warmup { get; init; } = 3;
    public double WarmupMs { get; init; } = 2000;
    /// <summary>False when the work happens in another process, where this thread's counter sees none of it.</summary>
    public bool CountAllocations { get; init; } = true;
    /// <summary>Extra words for the table, given the median in ms (e.g. a per-item figure).</summary>
    public Func<double, string>? Note { get; init; }
}

public sealed record Measurement(Scenario Scenario, int Iterations, double MedianMs, double P95Ms, double MinMs, double MaxMs, double? AllocatedBytes)
{
    /// <summary>Met when 95% of the iterations were within the goal.</summary>
    public bool Met => P95Ms <= Scenario.GoalMs;
    public string Note => Scenario.Note?.Invoke(MedianMs) ?? "";
}

/// <summary>
/// Warm-up (a count and a minimum time: with tiered JIT and dynamic PGO, code reaches its final form only after
/// a few seconds of calls, longer on a busy machine), then N timed iterations on this thread. Time is Stopwatch wall time per iteration; allocations
/// are GC.GetAllocatedBytesForCurrentThread before and after each iteration (median reported).
/// </summary>
public static class Runner
{
    public static Measurement Run(Scenario s, bool quick)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < s.Warmup || warm.Elapsed.TotalMilliseconds < (quick ? s.WarmupMs / 4 : s.WarmupMs); i++) s.Body();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var n = Math.Max(1, quick ? s.QuickIterations : s.Iterations);
        var times = new double[n];
        var allocs = new double[n];
        var sw = new Stopwatch();
        for (var i = 0; i < n; i++)
        {
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            s.Body();
            sw.Stop();
            allocs[i] = GC.GetAllocatedBytesForCurrentThread() - a0;
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        return new Measurement(s, n, Stats.Median(times), Stats.Percentile(times, 95), times.Min(), times.Max(),
            s.CountAllocations ? Stats.Median(allocs) : null);
    }
}
