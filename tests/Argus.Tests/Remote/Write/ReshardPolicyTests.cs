using Argus.Remote.Write;

namespace Argus.Tests.Remote.Write;

public sealed class ReshardPolicyTests
{
    [Theory]
    // in/10s, sent/10s, send seconds, pending, healthy, current → desired
    [InlineData(10_000, 10_000, 50.0, 0, true, 1, 5)]      // 5 ms per sample × 1000/s = 5 shards
    [InlineData(10_000, 10_000, 10.0, 0, true, 1, 1)]      // one shard keeps up
    [InlineData(10_000, 10_000, 11.0, 0, true, 1, 1)]      // 1.1 is within 30% of 1: no flapping
    [InlineData(10_000, 10_000, 50.0, 0, false, 2, 2)]     // endpoint failing: keep the current count
    [InlineData(10_000, 0, 0.0, 0, true, 3, 3)]            // nothing sent: no estimate
    [InlineData(1_000_000, 1_000_000, 10_000.0, 0, true, 1, 50)]   // clamped to max_shards
    [InlineData(10_000, 10_000, 10.0, 200_000, true, 1, 11)]       // backlog: 1 ms × (1000 + 0.05 × 200000)
    public void Update_FirstPeriod_DesiredShards(long samplesIn, long sent, double seconds, long pending, bool healthy, int current, int expected)
    {
        var policy = new ReshardPolicy();
        Assert.Equal(expected, policy.Update(samplesIn, sent, seconds, pending, healthy, current, min: 1, max: 50));
    }

    [Fact]
    public void Update_RateDrops_SmoothedOverPeriods()
    {
        var policy = new ReshardPolicy();
        Assert.Equal(10, policy.Update(20_000, 20_000, 100, 0, true, 1, 1, 50));
        // Input falls to a tenth: the EWMA (weight 0.2) lowers the estimate gradually instead of at once.
        int next = policy.Update(2_000, 2_000, 10, 0, true, 10, 1, 50);
        Assert.InRange(next, 2, 10);
    }
}
