using Argus.Model;
using Argus.Store.Wal;
using Argus.Telemetry;
using CsCheck;

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

    // One operation of a generated history: cut to a new segment, or log samples (with series records for refs not yet logged).
    private static readonly Gen<(bool Cut, (int Ref, long T)[] Samples)> s_op = Gen.Frequency(
        (1, Gen.Const((true, Array.Empty<(int, long)>()))),
        (4, Gen.Select(Gen.Int[1, 12], Gen.Long[0, 100]).Array[1, 8].Select(a => (false, a))));

    [Fact]
    public void Checkpoint_AnyHistory_ReplaysAsTheFilteredPrefixThenTheRest()
    {
        Gen.Select(s_op.Array[1, 25], Gen.Bool.Array[13], Gen.Long[0, 100], Gen.Int[0, 1000]).Sample((ops, keepRef, mint, pick) =>
        {
            using var dir = new WalTestDirectory();
            var logged = new List<(int Segment, RefSeries[] Series, RefSample[] Samples)>();
            var known = new HashSet<int>();
            int through;
            using (var wal = WriteAheadLog.Open(dir.Path, new WalOptions(), new CapturingLogger(), new MetricsRegistry()))
            {
                foreach (var (cut, samples) in ops)
                {
                    if (cut)
                    {
                        wal.NextSegment();
                        continue;
                    }
                    RefSeries[] series = [.. samples.Select(x => x.Ref).Distinct().Where(known.Add).Select(Series)];
                    RefSample[] refSamples = [.. samples.Select(x => new RefSample(new SeriesRef((ulong)x.Ref), x.T, x.T * 2.0))];
                    wal.Log(series, refSamples);
                    logged.Add((wal.CurrentSegment, series, refSamples));
                }
                wal.NextSegment();
                through = pick % wal.CurrentSegment;
                wal.Checkpoint(through, r => keepRef[r.Value], mint);
                Assert.DoesNotContain(WalSegments.Name(through), Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName));
            }
            var replayed = new RecordingReplayHandler();
            using (var wal = WriteAheadLog.Open(dir.Path, new WalOptions(), new CapturingLogger(), new MetricsRegistry())) wal.Replay(replayed);

            var before = logged.Where(l => l.Segment <= through).ToList();
            var after = logged.Where(l => l.Segment > through).ToList();
            RefSeries[] expectedSeries = [.. before.SelectMany(l => l.Series).Where(s => keepRef[s.Ref.Value]), .. after.SelectMany(l => l.Series)];
            RefSample[] expectedSamples =
                [.. before.SelectMany(l => l.Samples).Where(s => keepRef[s.Ref.Value] && s.T >= mint), .. after.SelectMany(l => l.Samples)];
            Assert.Equal(expectedSeries, replayed.Series);
            Assert.Equal(expectedSamples, replayed.Samples);
        }, iter: 150);
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
