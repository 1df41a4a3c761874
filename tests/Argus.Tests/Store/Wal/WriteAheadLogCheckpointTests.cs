using Argus.Model;
using Argus.Store.Wal;
using Argus.Telemetry;

namespace Argus.Tests.Store.Wal;

public sealed class WriteAheadLogCheckpointTests : IDisposable
{
    private readonly WalTestDirectory _dir = new();
    private readonly MetricsRegistry _metrics = new();

    public void Dispose() => _dir.Dispose();

    private WriteAheadLog Open() => WriteAheadLog.Open(_dir.Path, new WalOptions(), new CapturingLogger(), _metrics);

    private static RefSeries Series(int r) => new(new SeriesRef((ulong)r), Labels.FromStrings("__name__", "m", "id", r.ToString()));

    private static RefSample[] Samples(long t, params int[] refs) => [.. refs.Select(r => new RefSample(new SeriesRef((ulong)r), t, t + (r / 10.0)))];

    private string[] Entries() => [.. Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order()!];

    /// <summary>Series 1-4 with samples at t=10, 20 (segment 0), 30 (segment 1), 40 (segment 2, current).</summary>
    private WriteAheadLog WriteThreeSegments()
    {
        var wal = Open();
        wal.Log([Series(1), Series(2), Series(3)], Samples(10, 1, 2, 3));
        wal.Log([], Samples(20, 1, 2, 3));
        wal.NextSegment();
        wal.Log([Series(4)], Samples(30, 1, 2, 3, 4));
        wal.NextSegment();
        wal.Log([], Samples(40, 1, 2, 3, 4));
        return wal;
    }

    [Fact]
    public void Checkpoint_KeepsSelectedSeriesAndRecentSamples_DeletesCoveredSegments()
    {
        using (var wal = WriteThreeSegments())
        {
            wal.Checkpoint(1, r => r.Value != 2, mint: 20);   // series 2 is gone from the head; samples before 20 are in a block
            Assert.Equal(["00000002", "checkpoint.00000001"], Entries());
            Assert.Equal(wal.SizeBytes, Directory.EnumerateFiles(_dir.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
        }
        var replayed = new RecordingReplayHandler();
        using (var wal = Open()) wal.Replay(replayed);
        Assert.Equal([Series(1), Series(3), Series(4)], replayed.Series);
        Assert.Equal([.. Samples(20, 1, 3), .. Samples(30, 1, 3, 4), .. Samples(40, 1, 2, 3, 4)], replayed.Samples);
    }

    [Fact]
    public void Checkpoint_Twice_FoldsThePreviousCheckpointAndDeletesIt()
    {
        using (var wal = WriteThreeSegments())
        {
            wal.Checkpoint(0, _ => true, mint: 0);
            Assert.Equal(["00000001", "00000002", "checkpoint.00000000"], Entries());
            wal.NextSegment();
            wal.Checkpoint(2, r => r.Value != 1, mint: 30);
            Assert.Equal(["00000003", "checkpoint.00000002"], Entries());
        }
        var replayed = new RecordingReplayHandler();
        using (var wal = Open()) wal.Replay(replayed);
        Assert.Equal([Series(2), Series(3), Series(4)], replayed.Series);
        Assert.Equal([.. Samples(30, 2, 3, 4), .. Samples(40, 2, 3, 4)], replayed.Samples);
        Assert.Equal(2, Value("argus_tsdb_checkpoint_creations_total"));
        Assert.Equal(1, Value("argus_tsdb_checkpoint_deletions_total"));
        Assert.Equal(2, Value("argus_tsdb_wal_truncations_total"));
    }

    [Fact]
    public void Checkpoint_OfTheSegmentBeingWritten_Throws()
    {
        using var wal = WriteThreeSegments();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => wal.Checkpoint(2, _ => true, 0));
        Assert.Contains("NextSegment", e.Message);
    }

    [Fact]
    public void Checkpoint_AlreadyCovered_IsANoOp()
    {
        using var wal = WriteThreeSegments();
        wal.Checkpoint(1, _ => true, 0);
        wal.Checkpoint(0, _ => false, 0);
        Assert.Equal(["00000002", "checkpoint.00000001"], Entries());
    }

    [Fact]
    public void Open_LeftoverTmpCheckpointAndCoveredSegments_AreDeleted()
    {
        using (var wal = WriteThreeSegments()) wal.Checkpoint(1, _ => true, 0);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "checkpoint.00000002.tmp"));
        File.WriteAllBytes(Path.Combine(_dir.Path, "00000001"), []);   // a segment whose deletion was interrupted
        using (var wal = Open()) Assert.Equal(3, wal.CurrentSegment);
        Assert.Equal(["00000002", "00000003", "checkpoint.00000001"], Entries());
    }

    [Fact]
    public void Replay_CorruptCheckpoint_ThrowsNamingIt()
    {
        using (var writer = WriteThreeSegments()) writer.Checkpoint(1, _ => true, 0);
        string segment = Path.Combine(_dir.Path, "checkpoint.00000001", "00000000");
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(segment, bytes);
        using var wal = Open();
        var e = Assert.Throws<WalCorruptionException>(() => wal.Replay(new RecordingReplayHandler()));
        Assert.Contains("checkpoint.00000001", e.Message);
        Assert.Equal(0, e.Offset);
    }

    private double Value(string name)
    {
        var families = new List<MetricFamily>();
        _metrics.Collect(families);
        return families.Single(f => f.Name == name).Points.Single().Value;
    }
}
