using System.Text.RegularExpressions;
using Argus.Model;
using Argus.Store;
using Argus.Store.Chunks;
using Argus.Store.Head;
using Argus.Store.HeadChunks;
using Argus.Store.Wal;
using Argus.Telemetry;
using Argus.Tests.Store.Head;
using Argus.Tests.Store.Wal;
using HeadT = Argus.Store.Head.Head;

namespace Argus.Tests.Store.HeadChunks;

/// <summary>A head with a WAL and head chunk files: restarts load the chunks, skip the WAL samples they hold, and lose nothing.</summary>
public sealed partial class HeadChunkReplayTests : IDisposable
{
    private const int Series = 30;
    private readonly WalTestDirectory _dir = new();
    private string WalDir => Path.Combine(_dir.Path, "wal");
    private string ChunksDir => Path.Combine(_dir.Path, "chunks_head");

    public void Dispose() => _dir.Dispose();

    private sealed class Opened(HeadT head, WriteAheadLog wal, HeadChunkFiles? files, CapturingLogger logger, MetricsRegistry metrics) : IDisposable
    {
        public HeadT Head => head;
        public HeadChunkFiles? Files => files;
        public CapturingLogger Logger => logger;
        public MetricsRegistry Metrics => metrics;

        /// <summary>The "Head chunk files replayed" figures: chunks attached, ignored, WAL samples skipped.</summary>
        public (long Attached, long Ignored, long Covered) Replayed()
        {
            string line = logger.Entries.Select(e => e.Message).Single(m => m.StartsWith("Head chunk files replayed", StringComparison.Ordinal));
            var m = ReplayedLine().Match(line);
            Assert.True(m.Success, line);
            return (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value));
        }

        public void Dispose()
        {
            head.Dispose();
            files?.Dispose();
            wal.Dispose();
        }
    }

    [GeneratedRegex(@"(\d+) chunks attached to their series \((\d+) of series .* ignored\), (\d+) WAL samples")]
    private static partial Regex ReplayedLine();

    private Opened Open(bool withChunkFiles = true, int samplesPerChunk = 20)
    {
        var metrics = new MetricsRegistry();
        var logger = new CapturingLogger();
        var wal = WriteAheadLog.Open(WalDir, new WalOptions { SegmentSizeBytes = 256 * 1024 }, logger, metrics);
        var files = withChunkFiles ? HeadChunkFiles.Open(ChunksDir, logger, metrics, maxFileBytes: 2 * 1024) : null;
        var head = new HeadT(new HeadOptions { StripeSize = 16, SamplesPerChunk = samplesPerChunk }, wal, metrics, logger, files);
        head.ReplayWal();
        return new Opened(head, wal, files, logger, metrics);
    }

    private static Labels SeriesLabels(int i) => Labels.FromStrings("__name__", "test_metric", "series", "s" + i);

    /// <summary>Appends <paramref name="scrapes"/> scrapes of every series from <paramref name="first"/>, 15 s apart; value = t/1000 + series.</summary>
    private static void Scrape(HeadT head, int first, int scrapes)
    {
        var refs = new SeriesRef[Series];
        for (int k = first; k < first + scrapes; k++)
        {
            var app = head.Appender();
            for (int i = 0; i < Series; i++)
            {
                long t = k * 15_000L;
                Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[i], SeriesLabels(i), t, t / 1000.0 + i));
            }
            app.Commit();
        }
    }

    private static List<(Labels, List<Sample>)> ReadAll(HeadT head) =>
        TestHead.Read(head, long.MinValue, long.MaxValue, Matcher.Equal("__name__", "test_metric"));

    private static void AssertComplete(HeadT head, int scrapes)
    {
        var all = ReadAll(head);
        Assert.Equal(Series, all.Count);
        foreach (var (labels, samples) in all)
        {
            int i = int.Parse(labels.Get("series")![1..]);
            Assert.Equal(Enumerable.Range(0, scrapes).Select(k => (k * 15_000L, k * 15.0 + i)), samples.Select(s => (s.T, s.V)));
        }
    }

    [Fact]
    public void Restart_LoadsCompletedChunksAndSkipsTheWalSamplesTheyHold()
    {
        using (var o = Open())
        {
            Scrape(o.Head, 0, 105);   // 5 completed chunks of 20 per series, 5 samples in the open chunk
            o.Files!.Flush();
            Assert.Equal(5 * Series, TestHead.Value(o.Metrics, "argus_tsdb_head_chunks_written_total"));
        }
        using (var o = Open())
        {
            var (attached, ignored, covered) = o.Replayed();
            Assert.Equal(5 * Series, attached);
            Assert.Equal(0, ignored);
            Assert.Equal(100 * Series, covered);
            AssertComplete(o.Head, 105);
            Assert.Equal(0, o.Head.MinTime);
            Assert.Equal(104 * 15_000L, o.Head.MaxTime);
            Assert.Equal(6 * Series, o.Head.Stats(1).ChunkCount);
            Scrape(o.Head, 105, 30);   // appends continue after the loaded chunks
            AssertComplete(o.Head, 135);
        }
        using (var o = Open())
        {
            AssertComplete(o.Head, 135);
        }
    }

    [Fact]
    public void Restart_ChunkFilesDeleted_ReplaysEverythingFromTheWal()
    {
        using (var o = Open()) Scrape(o.Head, 0, 105);
        Directory.Delete(ChunksDir, recursive: true);
        using (var o = Open())
        {
            Assert.Equal((0, 0, 0), o.Replayed());
            AssertComplete(o.Head, 105);
        }
        // Replay wrote the chunks it cut: the next restart loads them.
        using (var o = Open())
        {
            Assert.Equal(5 * Series, o.Replayed().Attached);
            AssertComplete(o.Head, 105);
        }
    }

    [Fact]
    public void Restart_OldDataDirWithoutChunkFiles_IsConvertedByTheFirstStart()
    {
        using (var o = Open(withChunkFiles: false)) Scrape(o.Head, 0, 105);
        Assert.False(Directory.Exists(ChunksDir));
        using (var o = Open()) AssertComplete(o.Head, 105);
        using (var o = Open())
        {
            Assert.Equal(5 * Series, o.Replayed().Attached);
            AssertComplete(o.Head, 105);
        }
    }

    [Fact]
    public void Restart_CorruptChunkFiles_LoseNothing()
    {
        using (var o = Open()) Scrape(o.Head, 0, 105);
        var indexes = HeadChunkFiles.ListFiles(ChunksDir);
        Assert.True(indexes.Count > 1, "expected several 2 KiB files");
        // Flip bytes in the middle of the first file, and tear the last one.
        string first = Path.Combine(ChunksDir, indexes[0].ToString("D6"));
        byte[] bytes = File.ReadAllBytes(first);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 8; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(first, bytes);
        using (var o = Open())
        {
            AssertComplete(o.Head, 105);
            Assert.Equal(1, TestHead.Value(o.Metrics, "argus_tsdb_mmap_chunk_corruptions_total"));
            Assert.Contains(o.Logger.Warnings, w => w.Contains(first, StringComparison.Ordinal));
        }
        using (var o = Open()) AssertComplete(o.Head, 105);
    }

    [Fact]
    public void Restart_ChunkOfASeriesTheWalDoesNotKnow_IsIgnored()
    {
        using (var o = Open()) Scrape(o.Head, 0, 45);
        using (var files = HeadChunkFiles.Open(ChunksDir, new CapturingLogger(), new MetricsRegistry()))
        {
            files.Load();
            var c = new XorChunk();
            c.Append(0, 42);
            c.Append(15_000, 43);
            files.Enqueue(987_654, 0, 15_000, c.ToArray());
        }
        using (var o = Open())
        {
            var (attached, ignored, _) = o.Replayed();
            Assert.Equal(2 * Series, attached);
            Assert.Equal(1, ignored);
            AssertComplete(o.Head, 45);
            Assert.False(o.Head.IsActive(new SeriesRef(987_654)));
        }
    }

    [Fact]
    public void Restart_LastSampleOfEachSeries_StillGuardsOrderAndDuplicates()
    {
        using (var o = Open()) Scrape(o.Head, 0, 41);   // 2 completed chunks, 1 sample in the open one
        using var r = Open();
        Assert.Equal(2 * Series, r.Replayed().Attached);
        var app = r.Head.Appender();
        var none = SeriesRef.None;
        long last = 40 * 15_000L;
        Assert.Equal(AppendOutcome.OutOfOrder, app.Append(ref none, SeriesLabels(3), last - 15_000, 0));
        Assert.Equal(AppendOutcome.Duplicate, app.Append(ref none, SeriesLabels(3), last, 1));
        Assert.Equal(AppendOutcome.Repeat, app.Append(ref none, SeriesLabels(3), last, last / 1000.0 + 3));
        Assert.Equal(AppendOutcome.Ok, app.Append(ref none, SeriesLabels(3), last + 15_000, 1));
        app.Rollback();
    }

    [Fact]
    public void Truncate_DeletesChunkFilesTheHeadNoLongerNeeds_AndARestartStillMatches()
    {
        using (var o = Open())
        {
            Scrape(o.Head, 0, 205);   // 10 completed chunks per series over many 2 KiB files
            o.Files!.Flush();
            int before = o.Files.FileCount;
            long mint = 100 * 15_000L;
            o.Head.Truncate(mint);
            Assert.True(o.Files.FileCount < before, $"{o.Files.FileCount} files left of {before}");
            Assert.Equal(o.Files.FileCount, TestHead.Value(o.Metrics, "argus_tsdb_head_chunks_files"));
        }
        using (var o = Open())
        {
            // The WAL still holds the truncated samples (no checkpoint here), the chunk files only the newer chunks: every
            // sample from mint on is there exactly once.
            var all = ReadAll(o.Head);
            Assert.Equal(Series, all.Count);
            foreach (var (labels, samples) in all)
            {
                int i = int.Parse(labels.Get("series")![1..]);
                var fromMint = samples.Where(s => s.T >= 100 * 15_000L).Select(s => (s.T, s.V));
                Assert.Equal(Enumerable.Range(100, 105).Select(k => (k * 15_000L, k * 15.0 + i)), fromMint);
                Assert.Equal(samples.Select(s => s.T).Distinct().Count(), samples.Count);
                Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.T < p.Second.T));
            }
        }
    }
}
