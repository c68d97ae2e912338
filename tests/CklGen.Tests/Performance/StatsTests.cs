using CklGen.Benchmarks.Harness;

namespace CklGen.Tests.Performance;

/// <summary>The benchmark harness's median and percentile (no timing here: tests never assert on time).</summary>
public sealed class StatsTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_sample_whatever_the_order()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3, 4, 2]));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_samples()
    {
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void P95_is_the_nearest_rank()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(95, Stats.Percentile(hundred, 95));
        Assert.Equal(50, Stats.Percentile(hundred, 50));
        Assert.Equal(100, Stats.Percentile(hundred, 100));
    }

    [Fact]
    public void P95_of_fewer_than_twenty_samples_is_the_largest()
    {
        Assert.Equal(9, Stats.Percentile([1, 9, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2], 95));
        Assert.Equal(7, Stats.Percentile([7], 95));
    }

    [Fact]
    public void The_samples_are_left_as_they_were()
    {
        double[] samples = [3, 1, 2];
        Stats.Median(samples);
        Stats.Percentile(samples, 95);
        Assert.Equal([3, 1, 2], samples);
    }

    [Fact]
    public void No_samples_or_a_percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Stats.Median([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stats.Percentile([1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stats.Percentile([1], 101));
    }
}
