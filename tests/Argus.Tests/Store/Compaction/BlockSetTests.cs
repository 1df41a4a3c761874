using Argus.Model;
using Argus.Store.Blocks;
using Argus.Store.Compaction;
using Argus.Telemetry;
using Argus.Tests.Store.Blocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store.Compaction;

public sealed class BlockSetTests : IDisposable
{
    private const long H2 = 2 * 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-blockset-").FullName;
    private readonly MetricsRegistry _metrics = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private BlockSet Open() => BlockSet.Open(_dir, NullLogger.Instance, _metrics);

    private static Dictionary<Labels, Sample[]> Data(long start, long end, int seed = 1) => StoreRead.Generate(20, start, end, 30_000, seed);

    private static void WriteRanges(BlockSet set, Dictionary<Labels, Sample[]> data, int blocks)
    {
        using var source = new MemoryQuerier(data, long.MinValue, long.MaxValue);
        for (int i = 0; i < blocks; i++) Assert.NotNull(set.Write(source, i * H2, (i + 1) * H2, nowMs: 1000 + i));
    }

    private double Metric(string name)
    {
        var families = new List<MetricFamily>();
        _metrics.Collect(families);
        return families.Single(f => f.Name == name).Points[0].Value;
    }

    [Fact]
    public void CompactOnce_ThreeBlocks_ResultEqualsInputs()
    {
        var data = Data(0, 4 * H2);
        using var set = Open();
        WriteRanges(set, data, 4);
        List<(Labels, long, double)> before;
        using (var q = new MergeQuerier(set.Queriers(0, 4 * H2), 0, 4 * H2)) before = StoreRead.Flat(q);

        Assert.True(set.CompactOnce(CompactionRanges.ForRetention(TimeSpan.FromDays(15)), nowMs: 5000));
        Assert.False(set.CompactOnce(CompactionRanges.ForRetention(TimeSpan.FromDays(15)), nowMs: 5001));

        Assert.Equal(2, set.Blocks.Count);
        var compacted = set.Blocks[0];
        Assert.Equal((0L, 3 * H2), (compacted.MinTime, compacted.MaxTime));
        Assert.Equal(2, compacted.Meta.Compaction.Level);
        Assert.Equal(3, compacted.Meta.Compaction.Sources.Count);
        Assert.Equal(2, Directory.GetDirectories(_dir).Length); // sources deleted
        using (var q = new MergeQuerier(set.Queriers(0, 4 * H2), 0, 4 * H2)) Assert.Equal(before, StoreRead.Flat(q));
        Assert.Equal(1, Metric("prometheus_tsdb_compactions_total"));
        Assert.Equal(2, Metric("prometheus_tsdb_blocks_loaded"));
        Assert.Equal(set.SizeBytes, Metric("prometheus_tsdb_storage_blocks_bytes"));
    }

    [Fact]
    public void CompactOnce_OverlappingBlocks_MergesAndDedups()
    {
        var older = Data(0, H2, seed: 1);
        var backfilled = older.ToDictionary(kv => kv.Key, kv => kv.Value.Select(s => new Sample(s.T, s.V + 1000)).ToArray()); // same timestamps, other values
        using var set = Open();
        using (var a = new MemoryQuerier(older, long.MinValue, long.MaxValue)) set.Write(a, 0, H2, 1);
        using (var b = new MemoryQuerier(backfilled, long.MinValue, long.MaxValue)) set.Write(b, 0, H2, 2);
        List<(Labels Labels, long T, double V)> before;
        using (var q = new MergeQuerier(set.Queriers(0, H2), 0, H2)) before = StoreRead.Flat(q);
        using (var oracle = new MemoryQuerier(older, 0, H2)) Assert.Equal(StoreRead.Flat(oracle), before); // deduplicated, older block wins

        Assert.True(set.CompactOnce(CompactionRanges.ForRetention(TimeSpan.FromDays(15)), 3));
        Assert.Single(set.Blocks);
        using var after = set.Blocks[0].Querier(0, H2);
        Assert.Equal(before, StoreRead.Flat(after));
    }

    [Fact]
    public void Queries_WhileCompacting_StayReadable()
    {
        using var set = Open();
        WriteRanges(set, Data(0, 4 * H2), 4);
        using var q = new MergeQuerier(set.Queriers(0, 4 * H2), 0, 4 * H2);
        var want = StoreRead.Flat(q);
        Assert.True(set.CompactOnce(CompactionRanges.ForRetention(TimeSpan.FromDays(15)), 5000));
        // The querier opened before compaction still reads the (now deleted) source blocks.
        Assert.Equal(want, StoreRead.Flat(q));
    }

    [Fact]
    public void Open_LeftoverTmpDirFromCrashedCompaction_IsDeletedAndStoreReadable()
    {
        var data = Data(0, 2 * H2);
        using (var set = Open()) WriteRanges(set, data, 2);
        // A compaction that crashed mid-write: a tmp dir with a partial block (meta.json is written last, so absent).
        string tmp = Path.Combine(_dir, Ulid.New(9).ToString() + BlockWriter.TmpForCreationSuffix);
        Directory.CreateDirectory(Path.Combine(tmp, "chunks"));
        File.WriteAllBytes(Path.Combine(tmp, "chunks", "000001"), [1, 2, 3]);
        // And a block directory that is not complete (no meta.json).
        string partial = Path.Combine(_dir, Ulid.New(10).ToString());
        Directory.CreateDirectory(partial);

        using var reopened = Open();
        Assert.False(Directory.Exists(tmp));
        Assert.Equal(2, reopened.Blocks.Count);
        Assert.Equal(1, Metric("prometheus_tsdb_reloads_failures_total"));
        using var q = new MergeQuerier(reopened.Queriers(0, 2 * H2), 0, 2 * H2);
        using var oracle = new MemoryQuerier(data, 0, 2 * H2 - 1);
        Assert.Equal(StoreRead.Flat(oracle), StoreRead.Flat(q));
    }

    [Fact]
    public void Open_CompactedBlockAndItsParents_DeletesParents()
    {
        // Crash after the compacted block was renamed into place but before its inputs were deleted.
        var data = Data(0, 3 * H2);
        using (var set = Open()) WriteRanges(set, data, 3);
        var parents = Directory.GetDirectories(_dir).Select(Block.Open).ToList();
        var meta = Compactor.Compact(_dir, parents, 99)!;
        foreach (var p in parents) p.Dispose();

        using var reopened = Open();
        Assert.Equal([meta.Ulid], reopened.Blocks.Select(b => b.Meta.Ulid));
        Assert.Single(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void ApplyRetention_ByTime_DeletesOldBlocks()
    {
        using var set = Open();
        WriteRanges(set, Data(0, 4 * H2), 4);
        Assert.Equal(2, set.ApplyRetention(retentionMs: H2, sizeLimitBytes: 0, otherBytes: 0));
        Assert.Equal([2 * H2, 3 * H2], set.Blocks.Select(b => b.MinTime));
        Assert.Equal(2, Directory.GetDirectories(_dir).Length);
        Assert.Equal(1, Metric("prometheus_tsdb_time_retentions_total"));
    }

    [Fact]
    public void ApplyRetention_BySize_DeletesOldestUntilItFits()
    {
        using var set = Open();
        WriteRanges(set, Data(0, 4 * H2), 4);
        long each = set.Blocks.Max(b => b.SizeBytes);
        Assert.Equal(3, set.ApplyRetention(0, sizeLimitBytes: each + 10, otherBytes: 5));
        Assert.Equal([3 * H2], set.Blocks.Select(b => b.MinTime));
        Assert.Equal(1, Metric("prometheus_tsdb_size_retentions_total"));
    }

    [Fact]
    public void Reload_PicksUpBlocksWrittenByOthers()
    {
        using var set = Open();
        using (var source = new MemoryQuerier(Data(0, H2), long.MinValue, long.MaxValue))
        {
            BlockWriter.Write(_dir, source, 0, H2, null, 1);
        }
        string staging = Path.Combine(_dir, "import.tmp-x"); // a backfill still running in another process
        Directory.CreateDirectory(staging);
        Assert.Empty(set.Blocks);
        set.Reload();
        Assert.Single(set.Blocks);
        Assert.True(Directory.Exists(staging));
    }
}
