using Argus.Model;
using Argus.Store.Wal;
using Argus.Telemetry;

namespace Argus.Tests.Store.Wal;

public sealed class WriteAheadLogRepairTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Batch k: samples for series 1..n at timestamp k with value k.
    private static RefSample[] SampleBatch(int k, int n) =>
        [.. Enumerable.Range(1, n).Select(i => new RefSample(new SeriesRef((ulong)i), k, k))];

    private static WriteAheadLog Open(string dir, CapturingLogger logger, MetricsRegistry metrics, long segmentSize = 128L << 20) =>
        WriteAheadLog.Open(dir, new WalOptions { SegmentSizeBytes = segmentSize }, logger, metrics);

    /// <summary>Writes batches 1..5 (the last one 20 samples) to segment 0; returns the file and the last record's bounds.</summary>
    private (byte[] Segment, long LastStart, long LastEnd) WriteFiveBatches()
    {
        using (var wal = Open(_dir.Path, new CapturingLogger(), new MetricsRegistry()))
        {
            wal.Log([new RefSeries(new SeriesRef(1), Labels.FromStrings("__name__", "up"))], SampleBatch(1, 20));
            for (int k = 2; k <= 5; k++) wal.Log([], SampleBatch(k, 20));
        }
        long start = 0, end = 0;
        var buffer = new byte[1 << 20];
        using (var reader = new WalSegmentReader(_dir.Path, 0, buffer))
        {
            while (reader.Next(out _)) (start, end) = (reader.RecordOffset, reader.GoodEnd);
            Assert.Null(reader.Error);
        }
        return (File.ReadAllBytes(_dir.Segment(0)), start, end);
    }

    /// <summary>Opens a copy of <paramref name="segment"/> as the only segment, replays it and returns the batches found.</summary>
    private static (long[] Batches, CapturingLogger Logger, MetricsRegistry Metrics) ReopenCopy(byte[] segment)
    {
        using var dir = new WalTestDirectory();
        File.WriteAllBytes(dir.Segment(0), segment);
        var logger = new CapturingLogger();
        var metrics = new MetricsRegistry();
        var handler = new RecordingReplayHandler();
        using (var wal = Open(dir.Path, logger, metrics))
        {
            wal.Replay(handler);
            wal.Log([], SampleBatch(99, 1));   // the repaired WAL takes writes again
        }
        var again = new RecordingReplayHandler();
        using (var wal = Open(dir.Path, new CapturingLogger(), new MetricsRegistry())) wal.Replay(again);
        Assert.Equal([.. handler.Samples, .. SampleBatch(99, 1)], again.Samples);

        foreach (var group in handler.Samples.GroupBy(s => s.T))
        {
            Assert.Equal(20, group.Count());                                  // never half a batch
            Assert.All(group, s => Assert.Equal((double)group.Key, s.V));
        }
        return ([.. handler.Samples.Select(s => s.T).Distinct()], logger, metrics);
    }

    private static double Counter(MetricsRegistry metrics, string name)
    {
        var families = new List<MetricFamily>();
        metrics.Collect(families);
        return families.Single(f => f.Name == name).Points.Single().Value;
    }

    [Fact]
    public void Open_TornAtEveryByteOfTheLastRecord_TruncatesToTheRecordBefore()
    {
        var (segment, lastStart, lastEnd) = WriteFiveBatches();
        for (long cut = lastStart; cut < lastEnd; cut++)
        {
            var (batches, logger, metrics) = ReopenCopy(segment[..(int)cut]);
            if (cut == lastStart)
            {
                Assert.Empty(logger.Warnings);   // a clean record boundary is not damage
            }
            else
            {
                Assert.Contains(logger.Warnings, w => w.Contains($"at offset {lastStart}") && w.Contains("00000000"));
                Assert.Equal(1, Counter(metrics, "argus_tsdb_wal_corruptions_total"));
            }
            Assert.Equal([1L, 2, 3, 4], batches);
        }
    }

    [Fact]
    public void Open_TornInsideTheFinalPadding_KeepsEveryRecord()
    {
        var (segment, _, lastEnd) = WriteFiveBatches();
        foreach (long cut in new[] { lastEnd, lastEnd + 1, lastEnd + 100, segment.Length - 1, segment.Length })
        {
            var (batches, _, _) = ReopenCopy(segment[..(int)cut]);
            Assert.Equal([1L, 2, 3, 4, 5], batches);
        }
    }

    [Fact]
    public void Open_FlippedByteAnywhereInTheLastRecord_DropsOnlyThatRecord()
    {
        var (segment, lastStart, lastEnd) = WriteFiveBatches();
        for (long at = lastStart; at < lastEnd; at++)
        {
            byte[] copy = [.. segment];
            copy[at] ^= 0xFF;
            var (batches, logger, _) = ReopenCopy(copy);
            Assert.Equal([1L, 2, 3, 4], batches);
            Assert.Single(logger.Warnings);
        }
    }

    [Fact]
    public void Open_NonZeroByteInPadding_IsRepaired()
    {
        var (segment, _, lastEnd) = WriteFiveBatches();
        byte[] copy = [.. segment];
        copy[lastEnd + 10] = 0x42;
        var (batches, logger, _) = ReopenCopy(copy);
        Assert.Equal([1L, 2, 3, 4, 5], batches);
        Assert.Contains(logger.Warnings, w => w.Contains("non-zero byte in padded page"));
    }

    [Fact]
    public void Replay_CorruptRecordInAnOlderSegment_TruncatesThereAndDropsLaterSegments()
    {
        const long segmentSize = 2 * 32 * 1024;
        using (var wal = Open(_dir.Path, new CapturingLogger(), new MetricsRegistry(), segmentSize))
        {
            for (int k = 1; k <= 10; k++)
            {
                wal.Log([], SampleBatch(k, 20));
                if (k % 3 == 0) wal.NextSegment();   // batches 1-3 in 0, 4-6 in 1, 7-9 in 2, 10 in 3
            }
        }
        // Flip a byte inside the second record (batch 5) of segment 1.
        long secondRecord;
        using (var reader = new WalSegmentReader(_dir.Path, 1, new byte[1 << 20]))
        {
            Assert.True(reader.Next(out _));
            Assert.True(reader.Next(out _));
            secondRecord = reader.RecordOffset;
        }
        byte[] bytes = File.ReadAllBytes(_dir.Segment(1));
        bytes[secondRecord + 20] ^= 0x01;
        File.WriteAllBytes(_dir.Segment(1), bytes);

        var logger = new CapturingLogger();
        var metrics = new MetricsRegistry();
        var handler = new RecordingReplayHandler();
        using (var wal = Open(_dir.Path, logger, metrics, segmentSize))
        {
            wal.Replay(handler);
            Assert.Equal(2, wal.CurrentSegment);
            wal.Log([], SampleBatch(11, 20));
        }
        Assert.Equal([1L, 2, 3, 4], handler.Samples.Select(s => s.T).Distinct());
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("00000001", warning);
        Assert.Contains($"offset {secondRecord}", warning);
        Assert.Contains("2 later segments are lost", warning);
        Assert.Equal(1, Counter(metrics, "argus_tsdb_wal_corruptions_total"));

        var again = new RecordingReplayHandler();
        using (var wal = Open(_dir.Path, new CapturingLogger(), new MetricsRegistry(), segmentSize)) wal.Replay(again);
        Assert.Equal([1L, 2, 3, 4, 11], again.Samples.Select(s => s.T).Distinct());
    }

    [Fact]
    public void Replay_AfterLog_Throws()
    {
        using var wal = Open(_dir.Path, new CapturingLogger(), new MetricsRegistry());
        wal.Log([], SampleBatch(1, 1));
        Assert.Throws<InvalidOperationException>(() => wal.Replay(new RecordingReplayHandler()));
    }
}
