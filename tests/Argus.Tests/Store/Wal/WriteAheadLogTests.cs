using Argus.Model;
using Argus.Store.Wal;
using Argus.Telemetry;

namespace Argus.Tests.Store.Wal;

public sealed class WriteAheadLogTests : IDisposable
{
    private const int Page = 32 * 1024;
    private readonly WalTestDirectory _dir = new();
    private readonly CapturingLogger _logger = new();
    private readonly MetricsRegistry _metrics = new();

    public void Dispose() => _dir.Dispose();

    private WriteAheadLog Open(long segmentSize = 128L << 20) =>
        WriteAheadLog.Open(_dir.Path, new WalOptions { SegmentSizeBytes = segmentSize }, _logger, _metrics);

    private static RefSeries[] SeriesBatch(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => new RefSeries(new SeriesRef((ulong)i), Labels.FromStrings("__name__", "m", "i", i.ToString("D4"))))];

    // Batch k: one sample per series 1..n at timestamp k with value k.
    private static RefSample[] SampleBatch(int k, int n) =>
        [.. Enumerable.Range(1, n).Select(i => new RefSample(new SeriesRef((ulong)i), k, k))];

    private RecordingReplayHandler Replay(long segmentSize = 128L << 20)
    {
        var handler = new RecordingReplayHandler();
        using var wal = Open(segmentSize);
        wal.Replay(handler);
        return handler;
    }

    private double Metric(string name)
    {
        var families = new List<MetricFamily>();
        _metrics.Collect(families);
        return families.Single(f => f.Name == name).Points.Single().Value;
    }

    [Fact]
    public void Log_ThenReplayAfterReopen_ReturnsSeriesAndSamplesInOrder()
    {
        using (var wal = Open())
        {
            wal.Log(SeriesBatch(1, 3), SampleBatch(1, 3));
            wal.Log([], SampleBatch(2, 3));
            wal.Log(SeriesBatch(4, 1), []);
        }
        var replayed = Replay();
        Assert.Equal([.. SeriesBatch(1, 3), .. SeriesBatch(4, 1)], replayed.Series);
        Assert.Equal([.. SampleBatch(1, 3), .. SampleBatch(2, 3)], replayed.Samples);
    }

    [Fact]
    public void Open_EachTime_StartsANewSegmentAfterTheLast()
    {
        using (var wal = Open()) Assert.Equal(0, wal.CurrentSegment);
        using (var wal = Open())
        {
            Assert.Equal(1, wal.CurrentSegment);
            wal.Log([], SampleBatch(1, 1));
        }
        using (var wal = Open()) Assert.Equal(2, wal.CurrentSegment);
        Assert.Single(Replay().Samples);
    }

    [Fact]
    public void Log_RecordLargerThanAPage_IsSplitIntoFragmentsAndReplays()
    {
        var samples = SampleBatch(7, 20_000);   // ~200 KB: first, middle and last fragments over 7 pages
        using (var wal = Open()) wal.Log(SeriesBatch(1, 2000), samples);
        var replayed = Replay();
        Assert.Equal(2000, replayed.Series.Count);
        Assert.Equal(samples, replayed.Samples);
        Assert.Equal([20_000], replayed.SampleBatchSizes);   // one record: the batch stays atomic
    }

    [Theory]
    [InlineData(32 * 1024)]      // one page per read: every fragment boundary meets a read boundary
    [InlineData(3 * 32 * 1024)]  // reads of 3 pages (the pool hands out 128 KiB)
    public void Replay_ReadsSmallerThanTheSegment_ReassembleAcrossReads(int readBufferBytes)
    {
        var batches = Enumerable.Range(1, 30).Select(k => SampleBatch(k, k * 300)).ToArray();   // 3 KB … 90 KB records
        using (var wal = Open()) foreach (var b in batches) wal.Log([], b);
        var replayed = new RecordingReplayHandler();
        using (var wal = WriteAheadLog.Open(_dir.Path, new WalOptions { ReadBufferBytes = readBufferBytes }, _logger, _metrics)) wal.Replay(replayed);
        Assert.Equal(batches.SelectMany(b => b), replayed.Samples);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Log_SegmentFull_CutsToNextSegmentAndReplaysAll()
    {
        const long segmentSize = 2 * Page;
        using (var wal = Open(segmentSize))
        {
            for (int k = 1; k <= 200; k++) wal.Log([], SampleBatch(k, 100));   // ~1 KB each: ~3 segments' worth
            Assert.True(wal.CurrentSegment >= 2, $"expected cuts, still on segment {wal.CurrentSegment}");
            Assert.Equal(wal.CurrentSegment, Metric("argus_tsdb_wal_segment_current"));
        }
        foreach (string f in Directory.GetFiles(_dir.Path))
        {
            long length = new FileInfo(f).Length;
            Assert.True(length <= segmentSize && length % Page == 0, $"{f}: {length} bytes");
        }
        var replayed = Replay(segmentSize);
        Assert.Equal(200 * 100, replayed.Samples.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(k => (long)k), replayed.Samples.Select(s => s.T).Distinct());
    }

    [Fact]
    public void Log_BatchLargerThanASegment_IsSplitIntoRecordsThatFit()
    {
        const long segmentSize = 2 * Page;
        var samples = SampleBatch(3, 10_000);   // ~100 KB, more than a 64 KiB segment holds
        using (var wal = Open(segmentSize)) wal.Log([], samples);
        var replayed = Replay(segmentSize);
        Assert.Equal(samples, replayed.Samples);
        Assert.True(replayed.SampleBatchSizes.Count > 1);
    }

    [Fact]
    public void Log_SeriesLargerThanASegment_AreSplitIntoRecordsThatFit()
    {
        const long segmentSize = 2 * Page;
        RefSeries[] series = [.. Enumerable.Range(1, 3000).Select(i =>
            new RefSeries(new SeriesRef((ulong)i), Labels.FromStrings("__name__", "a_rather_long_metric_name_total", "i", i.ToString("D6"))))];
        using (var wal = Open(segmentSize)) wal.Log(series, SampleBatch(1, 3000));
        var replayed = Replay(segmentSize);
        Assert.Equal(series, replayed.Series);
        Assert.Equal(SampleBatch(1, 3000), replayed.Samples);
    }

    [Fact]
    public void NextSegment_PadsAndClosesCurrent_ReturnsNewIndex()
    {
        using (var wal = Open())
        {
            wal.Log([], SampleBatch(1, 5));
            Assert.Equal(1, wal.NextSegment());
            Assert.Equal(1, wal.CurrentSegment);
            Assert.Equal(Page, new FileInfo(_dir.Segment(0)).Length);
            Assert.Equal(0, new FileInfo(_dir.Segment(1)).Length);
            wal.Log([], SampleBatch(2, 5));
            Assert.Equal(wal.SizeBytes, Directory.GetFiles(_dir.Path).Sum(f => new FileInfo(f).Length));
        }
        Assert.Equal(10, Replay().Samples.Count);
    }

    [Fact]
    public void Log_ConcurrentWriters_EveryBatchReplaysWhole()
    {
        using (var wal = Open(4 * Page))
        {
            Parallel.For(1, 401, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => wal.Log(SeriesBatch(k * 10, 1), SampleBatch(k, 50)));
        }
        var replayed = Replay(4 * Page);
        Assert.Equal(400, replayed.Series.Count);
        Assert.Equal(400, replayed.SampleBatchSizes.Count);
        // Each record holds one batch: 50 consecutive samples of the same timestamp.
        for (int i = 0; i < replayed.Samples.Count; i += 50)
        {
            Assert.All(replayed.Samples.GetRange(i, 50), s => Assert.Equal(replayed.Samples[i].T, s.T));
        }
        Assert.Equal(400, replayed.Samples.Select(s => s.T).Distinct().Count());
    }

    [Fact]
    public void Log_SteadyState_AllocatesNothing()
    {
        using var wal = Open();
        var samples = SampleBatch(1, 1000);
        for (int i = 0; i < 20; i++) wal.Log([], samples);   // warm up: JIT, pool buckets, staging buffer
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) wal.Log([], samples);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Open_SegmentsWithAGap_RefusesWithBothNames()
    {
        using (var wal = Open()) wal.Log([], SampleBatch(1, 1));
        File.WriteAllBytes(_dir.Segment(5), []);
        var e = Assert.Throws<IOException>(() => Open());
        Assert.Contains("00000000 is followed by 00000005", e.Message);
    }

    [Fact]
    public void Metrics_StorageSizeTracksDirectory_FsyncIsObserved()
    {
        using (var wal = Open())
        {
            wal.Log(SeriesBatch(1, 10), SampleBatch(1, 10));
            wal.Sync();
            Assert.Equal(wal.SizeBytes, Metric("argus_tsdb_wal_storage_size_bytes"));
            Assert.Equal(new FileInfo(_dir.Segment(0)).Length, wal.SizeBytes);
        }
        var families = new List<MetricFamily>();
        _metrics.Collect(families);
        var count = families.Single(f => f.Name == "argus_tsdb_wal_fsync_duration_seconds").Points
            .Single(p => p.Labels.MetricNameValue == "argus_tsdb_wal_fsync_duration_seconds_count");
        Assert.True(count.Value >= 2);   // Sync and close
    }
}
