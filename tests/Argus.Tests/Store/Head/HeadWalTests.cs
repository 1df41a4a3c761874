using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store.Head;

public sealed class HeadWalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "argus-head-wal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private (Argus.Store.Head.Head Head, WriteAheadLog Wal) Open(HeadOptions? options = null)
    {
        var metrics = new MetricsRegistry();
        var wal = WriteAheadLog.Open(_dir, new WalOptions { SegmentSizeBytes = 1 << 20 }, NullLogger.Instance, metrics);
        var head = new Argus.Store.Head.Head(options ?? new HeadOptions { StripeSize = 16 }, wal, metrics, NullLogger.Instance);
        head.ReplayWal();
        Assert.True(head.Ready);
        return (head, wal);
    }

    private static Labels SeriesLabels(int i) =>
        Labels.FromStrings("__name__", i % 3 == 0 ? "up" : "node_cpu_seconds_total", "instance", $"host-{i % 17}:9100", "series", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    [Trait("Category", "Integration")]
    public void ReplayWal_AfterRestart_RestoresSamplesAndRefs()
    {
        var refs = new Dictionary<int, SeriesRef>();
        List<(Labels, List<Sample>)> before;
        var (head, wal) = Open();
        using (wal)
        using (head)
        {
            for (int scrape = 0; scrape < 300; scrape++)
            {
                var app = head.Appender();
                for (int i = 0; i < 200; i++)
                {
                    if (i >= 150 && scrape < 100) continue; // some series appear later
                    var r = refs.GetValueOrDefault(i);
                    double v = scrape % 50 == 49 && i % 7 == 0 ? StaleNaN.Value : scrape * 0.5 + i;
                    app.Append(ref r, SeriesLabels(i), 1_000_000 + scrape * 15_000L, v);
                    refs[i] = r;
                }
                if (scrape == 10)
                {
                    var r = SeriesRef.None;
                    app.Append(ref r, Labels.FromStrings("__name__", "rolled_back"), 1_000_000, 1);
                    app.Rollback();
                    continue;
                }
                app.Commit();
            }
            before = TestHead.Read(head, long.MinValue, long.MaxValue, new Matcher(MatcherType.Regexp, "__name__", ".+"));
            Assert.Equal(200, before.Count);
        }

        (head, wal) = Open();
        using (wal)
        using (head)
        {
            var after = TestHead.Read(head, long.MinValue, long.MaxValue, new Matcher(MatcherType.Regexp, "__name__", ".+"));
            Assert.Equal(before.Count, after.Count);
            for (int i = 0; i < before.Count; i++)
            {
                Assert.Equal(before[i].Item1, after[i].Item1);
                Assert.Equal(before[i].Item2.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))), after[i].Item2.Select(s => (s.T, BitConverter.DoubleToUInt64Bits(s.V))));
            }
            foreach (var (i, r) in refs)
            {
                Assert.True(head.IsActive(r), $"series {i} lost its ref {r}");
                // The cached ref still addresses the same series after the restart.
                var app = head.Appender();
                var cached = r;
                Assert.Equal(AppendOutcome.Ok, app.Append(ref cached, SeriesLabels(i), 10_000_000, 1));
                app.Commit();
                Assert.Equal(r, cached);
            }
            var fresh = head.Appender();
            var nr = SeriesRef.None;
            fresh.Append(ref nr, Labels.FromStrings("__name__", "brand_new"), 10_000_000, 1);
            fresh.Commit();
            Assert.True(nr.Value > refs.Values.Max(r => r.Value));
            Assert.Equal(1_000_000, head.MinTime);
        }
    }

    [Fact]
    public void Commit_WhenWalWriteFails_RollsBackAndThrows()
    {
        var (head, wal) = Open();
        using (head)
        {
            var app = head.Appender();
            var r = SeriesRef.None;
            app.Append(ref r, Labels.FromStrings("__name__", "x"), 1000, 1);
            wal.Dispose();
            Assert.ThrowsAny<Exception>(app.Commit);
            Assert.Empty(TestHead.Read(head, 0, 2000, Matcher.Equal("__name__", "x")));
            Assert.Equal(0, head.Stats(1).ChunkCount);
        }
    }

    [Fact]
    public void Commit_AfterFailedCommit_LogsSeriesRecordAgain()
    {
        var (head, wal) = Open();
        var labels = Labels.FromStrings("__name__", "x");
        using (head)
        {
            var app = head.Appender();
            var r = SeriesRef.None;
            app.Append(ref r, labels, 1000, 1);
            app.Rollback(); // the series exists in the head but was never logged
            app = head.Appender();
            app.Append(ref r, labels, 2000, 2);
            app.Commit();
        }
        wal.Dispose();
        (head, wal) = Open();
        using (wal)
        using (head)
        {
            Assert.Equal([new Sample(2000, 2)], TestHead.Read(head, 0, 5000, Matcher.Equal("__name__", "x"))[0].Item2);
        }
    }

    /// <summary>
    /// Batches commit in any order, so the WAL holds series records out of ref order (batch A's refs logged after batch B's).
    /// Replay must still index every series, with sorted postings, without copying lists per out-of-order ref.
    /// </summary>
    [Fact]
    public void ReplayWal_SeriesLoggedOutOfRefOrder_IndexesAllInOrder()
    {
        var (head, wal) = Open();
        using (wal)
        using (head)
        {
            var first = head.Appender();
            var second = head.Appender();
            for (int i = 0; i < 100; i++)
            {
                var r1 = SeriesRef.None;
                first.Append(ref r1, SeriesLabels(i), 1_000_000, i);
                var r2 = SeriesRef.None;
                second.Append(ref r2, SeriesLabels(1000 + i), 1_000_000, i);
            }
            second.Commit(); // its refs are interleaved with first's but it is logged first
            first.Commit();
        }
        var (again, wal2) = Open();
        using (wal2)
        using (again)
        {
            Assert.Equal(200, again.SeriesCount);
            Assert.Equal(0, again.Postings.OutOfOrderAdds);
            var up = TestHead.Read(again, 0, 2_000_000, Matcher.Equal("__name__", "up"));
            Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(1000, 100)).Count(i => i % 3 == 0), up.Count);
            var all = TestHead.Read(again, 0, 2_000_000, new Matcher(MatcherType.Regexp, "__name__", ".+"));
            Assert.Equal(200, all.Count);
        }
    }
}
