using Argus.Store.Blocks;
using Argus.Store.Compaction;

namespace Argus.Tests.Store.Compaction;

public sealed class CompactionPlannerTests
{
    private const long H = 3600_000;
    private static readonly long[] s_ranges = CompactionRanges.Exponential(2 * H, 4, 3); // 2h 6h 18h 54h

    private static BlockMeta Meta(string id, long minH, long maxH, int level = 1) =>
        new(id, minH * H, maxH * H, new BlockStats(1, 1, 1), new BlockCompactionMeta(level, [id]));

    [Fact]
    public void ForRetention_CapsAtTenPercentOfRetention()
    {
        Assert.Equal([2 * H, 6 * H, 18 * H], CompactionRanges.ForRetention(TimeSpan.FromDays(15))); // 36h cap
        Assert.Equal(31 * 24 * H, CompactionRanges.MaxBlockMs);
        Assert.All(CompactionRanges.ForRetention(TimeSpan.Zero), r => Assert.True(r <= 31 * 24 * H));
        Assert.Equal([2 * H], CompactionRanges.ForRetention(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Plan_ThreeFull2hBlocksPlusNewest_CompactsTheFirstThree()
    {
        var plan = CompactionPlanner.Plan([Meta("a", 0, 2), Meta("b", 2, 4), Meta("c", 4, 6), Meta("d", 6, 8)], s_ranges);
        Assert.Equal(["a", "b", "c"], plan.Select(m => m.Ulid));
    }

    [Fact]
    public void Plan_NewestBlockIsNeverCompacted()
    {
        Assert.Empty(CompactionPlanner.Plan([Meta("a", 0, 2), Meta("b", 2, 4), Meta("c", 4, 6)], s_ranges));
    }

    [Fact]
    public void Plan_IncompleteRangeBeforeNewestBlock_IsCompacted()
    {
        // [0,2) and [2,4) can never be joined by a [4,6) block, since a newer block [8,10) already exists after a gap.
        var plan = CompactionPlanner.Plan([Meta("a", 0, 2), Meta("b", 2, 4), Meta("x", 6, 8), Meta("y", 8, 10)], s_ranges);
        Assert.Equal(["a", "b"], plan.Select(m => m.Ulid));
    }

    [Fact]
    public void Plan_OverlappingBlocks_ComeFirst()
    {
        var plan = CompactionPlanner.Plan([Meta("a", 0, 2), Meta("b", 2, 4), Meta("c", 3, 5), Meta("d", 10, 12)], s_ranges);
        Assert.Equal(["b", "c"], plan.Select(m => m.Ulid));
    }

    [Fact]
    public void Plan_SixHourBlocks_CompactInto18h()
    {
        var plan = CompactionPlanner.Plan([Meta("a", 0, 6, 2), Meta("b", 6, 12, 2), Meta("c", 12, 18, 2), Meta("d", 18, 20)], s_ranges);
        Assert.Equal(["a", "b", "c"], plan.Select(m => m.Ulid));
    }

    [Fact]
    public void Retention_ByTime_DropsBlocksEndingBeforeNewestMinusRetention()
    {
        var blocks = new[] { Meta("a", 0, 2), Meta("b", 2, 4), Meta("c", 4, 6), Meta("d", 6, 8) };
        Assert.Equal(["a", "b"], Retention.BeyondTime(blocks, 3 * H).Select(m => m.Ulid));
        Assert.Empty(Retention.BeyondTime(blocks, 6 * H));
    }

    [Fact]
    public void Retention_BySize_DropsOldestUntilItFits()
    {
        var blocks = new[] { Meta("a", 0, 2), Meta("b", 2, 4), Meta("c", 4, 6) };
        Assert.Equal(["a", "b"], Retention.BeyondSize(blocks, m => m, _ => 100, limitBytes: 250, otherBytes: 100).Select(m => m.Ulid));
        Assert.Empty(Retention.BeyondSize(blocks, m => m, _ => 100, limitBytes: 300, otherBytes: 0));
        Assert.Empty(Retention.BeyondSize(blocks, m => m, _ => 100, limitBytes: 0, otherBytes: 1000)); // 0 = off
    }
}
