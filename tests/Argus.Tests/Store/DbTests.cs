using System.Text;
using Argus.Model;
using Argus.Store;
using Argus.Collect.Backfill;
using Argus.Telemetry;
using Argus.Tests.Store.Blocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store;

[Trait("Category", "Integration")]
public sealed class DbTests : IDisposable
{
    private const long H = 3600_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-db-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Db Open(TimeSpan? retention = null) => Db.Open(
        new DbOptions { Path = _dir, RetentionTime = retention ?? TimeSpan.FromDays(15) }, new MetricsRegistry(), NullLoggerFactory.Instance);

    private static readonly Labels[] s_series =
    [
        Labels.FromStrings("__name__", "up", "job", "a"),
        Labels.FromStrings("__name__", "up", "job", "b"),
        Labels.FromStrings("__name__", "rate", "job", "a"),
    ];

    /// <summary>Appends one sample per series every 30 s over [from, to) in scrape-sized commits; returns what was appended.</summary>
    private static List<(Labels, long, double)> Append(Db db, long from, long to)
    {
        var appended = new List<(Labels, long, double)>();
        var refs = new SeriesRef[s_series.Length];
        for (long t = from; t < to; t += 30_000)
        {
            var app = db.Appender();
            for (int i = 0; i < s_series.Length; i++)
            {
                double v = t / 1000.0 + i;
                Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[i], s_series[i], t, v));
                appended.Add((s_series[i], t, v));
            }
            app.Commit();
        }
        return appended.OrderBy(x => x.Item1, Comparer<Labels>.Create(Labels.Compare)).ThenBy(x => x.Item2).ToList();
    }

    [Fact]
    public async Task Maintain_HeadBeyondOneAndAHalfRanges_PersistsBlockAndQueriesAcrossBoth()
    {
        await using var db = Open();
        var appended = Append(db, 0, 4 * H); // head spans 4h > 3h
        db.Maintain(nowMs: 1);
        Assert.Equal([(0L, 2 * H)], db.Blocks.Select(b => (b.MinTime, b.MaxTime)));
        Assert.True(db.Head.MinTime >= 2 * H);
        using var q = db.Querier(0, 4 * H);
        Assert.Equal(appended, StoreRead.Flat(q));
    }

    [Fact]
    public async Task Open_AfterRestart_ServesBlocksAndReplayedWal()
    {
        List<(Labels, long, double)> appended;
        await using (var db = Open())
        {
            appended = Append(db, 0, 4 * H);
            db.Maintain(1);
            appended.AddRange(Append(db, 4 * H, 4 * H + 10 * 60_000));
            appended = appended.OrderBy(x => x.Item1, Comparer<Labels>.Create(Labels.Compare)).ThenBy(x => x.Item2).ToList();
        }
        await using var reopened = Open();
        Assert.True(reopened.Ready);
        Assert.Single(reopened.Blocks);
        using var q = reopened.Querier(0, 5 * H);
        Assert.Equal(appended, StoreRead.Flat(q));
    }

    [Fact]
    public async Task Querier_BackfilledBlockOverlappingHead_DedupsAndCompactsLater()
    {
        await using var db = Open();
        var appended = Append(db, 0, H);
        // Backfill the same series at the same timestamps with other values, plus one sample the head lacks.
        var text = new StringBuilder();
        text.Append("up{job=\"a\"} 999 0\n");          // duplicate timestamp: the block (older in query order) wins
        text.Append("up{job=\"a\"} 7 0.015\n");        // 15 ms: only in the block
        text.Append("# EOF\n");
        new OpenMetricsImporter().Import(Encoding.UTF8.GetBytes(text.ToString()), _dir, 1);
        db.ReloadBlocks();
        Assert.Single(db.Blocks);
        using var q = db.Querier(0, H);
        var got = StoreRead.Flat(q, Matcher.Equal("job", "a"), Matcher.Equal("__name__", "up"));
        var want = appended.Where(x => x.Item1.Equals(s_series[0])).ToList();
        want[0] = (s_series[0], 0, 999);
        want.Insert(1, (s_series[0], 15, 7));
        Assert.Equal(want, got);
    }

    [Fact]
    public async Task Maintain_RetentionTime_DeletesOldBlocks()
    {
        await using var db = Open(retention: TimeSpan.FromHours(2));
        Append(db, 0, 10 * H);
        db.Maintain(1);
        // Blocks [0,2h) … [6h,8h) were cut; with 2h retention only blocks ending within 2h of the newest survive.
        Assert.All(db.Blocks, b => Assert.True(db.Blocks.Max(x => x.MaxTime) - b.MaxTime <= 2 * H));
        Assert.True(db.Blocks.Count >= 1);
        using var q = db.Querier(0, H);
        Assert.Empty(StoreRead.Flat(q));
    }

    [Fact]
    public async Task Queries_DuringAppendsAndMaintenance_SeeEveryPersistedSample()
    {
        await using var db = Open();
        Append(db, 0, 3 * H);
        using var stop = new CancellationTokenSource();
        long appendedUpTo = 3 * H;
        var appender = Task.Run(() =>
        {
            // Keep appending newer data while maintenance moves the head's oldest range into blocks.
            for (long t = 3 * H; t < 6 * H && !stop.IsCancellationRequested; t += 10 * 60_000)
            {
                Append(db, t, t + 10 * 60_000);
                Volatile.Write(ref appendedUpTo, t + 10 * 60_000);
            }
        });
        var reader = Task.Run(() =>
        {
            int queries = 0;
            while (!appender.IsCompleted || queries < 5)
            {
                // [0, 2h) is appended before the test starts, so every query must see all of it, wherever it lives.
                using var q = db.Querier(0, 2 * H - 1);
                Assert.Equal(3 * (int)(2 * H / 30_000), StoreRead.Flat(q).Count);
                queries++;
            }
            return queries;
        });
        while (!appender.IsCompleted) db.Maintain(1);
        await appender;
        db.Maintain(1);
        Assert.True(await reader > 0);
        Assert.NotEmpty(db.Blocks);
        using var all = db.Querier(0, 6 * H);
        Assert.Equal(3 * (int)(Volatile.Read(ref appendedUpTo) / 30_000), StoreRead.Flat(all).Count);
    }

    [Fact]
    public async Task Maintain_QuerierOpenedBeforeBlockCut_StillSeesTruncatedData()
    {
        await using var db = Open();
        var appended = Append(db, 0, 4 * H);
        var early = db.Querier(0, 4 * H); // its block list is empty: all data is in the head
        var maintain = Task.Run(() => db.Maintain(1));
        // Truncation waits for the early querier, which still reads everything from the head.
        Assert.False(maintain.Wait(300));
        Assert.Equal(appended, StoreRead.Flat(early));
        early.Dispose();
        await maintain;
        Assert.Single(db.Blocks);
        using var q = db.Querier(0, 4 * H);
        Assert.Equal(appended, StoreRead.Flat(q));
    }

    [Fact]
    public async Task Maintain_ManyWalSegments_CheckpointsAndRestartStillServesEverything()
    {
        var options = new DbOptions { Path = _dir, Wal = new Argus.Store.Wal.WalOptions { SegmentSizeBytes = 32 * 1024 } };
        var series = Enumerable.Range(0, 40).Select(i => Labels.FromStrings("__name__", "m", "i", i.ToString("D2"))).ToArray();
        long walBefore, walAfter;
        await using (var db = Db.Open(options, new MetricsRegistry(), NullLoggerFactory.Instance))
        {
            var refs = new SeriesRef[series.Length];
            for (long t = 0; t < 8 * H; t += 30_000)
            {
                var app = db.Appender();
                for (int i = 0; i < series.Length; i++) app.Append(ref refs[i], series[i], t, t * 0.001 + i);
                app.Commit();
            }
            walBefore = Directory.GetFiles(Path.Combine(_dir, "wal")).Length;
            db.Maintain(1);
            walAfter = Directory.GetFiles(Path.Combine(_dir, "wal")).Length;
        }
        Assert.True(walAfter < walBefore, $"WAL segments {walBefore} → {walAfter}: checkpoint should delete old ones");
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(_dir, "wal"), "checkpoint.*"));
        await using var reopened = Db.Open(options, new MetricsRegistry(), NullLoggerFactory.Instance);
        using var q = reopened.Querier(0, 8 * H);
        var got = StoreRead.Flat(q);
        Assert.Equal(series.Length * (int)(8 * H / 30_000), got.Count);
        Assert.All(got, x => Assert.Equal(x.T * 0.001 + int.Parse(x.Labels.Get("i")), x.V));
    }

    [Fact]
    public async Task RunAsync_Cancelled_Stops()
    {
        await using var db = Open();
        using var cts = new CancellationTokenSource();
        var run = db.RunAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
