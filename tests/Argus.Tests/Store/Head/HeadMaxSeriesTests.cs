using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Store.Head;

/// <summary>--storage.tsdb.max-series: the head refuses new series past the limit, keeps the existing ones, counts it, and replays all.</summary>
public sealed class HeadMaxSeriesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-head-max-series-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Labels Series(int i) => Labels.FromStrings("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static double Counter(MetricsRegistry metrics, string name, string reason)
    {
        var families = new List<MetricFamily>();
        metrics.Collect(families);
        var family = families.Single(f => f.Name == name);
        return family.Points.Single(p => p.Labels.Get("reason") == reason).Value;
    }

    [Fact]
    public void NewSeriesPastTheLimit_AreRefused_ExistingSeriesKeepIngesting_AndTheRefusalIsCounted()
    {
        var metrics = new MetricsRegistry();
        using var head = new Argus.Store.Head.Head(new HeadOptions { StripeSize = 16, MaxSeries = 3 }, null, metrics, NullLogger.Instance);
        var refs = new SeriesRef[5];
        var app = head.Appender();
        var outcomes = Enumerable.Range(0, 5).Select(i => app.Append(ref refs[i], Series(i), 1000, i)).ToList();
        app.Commit();
        Assert.Equal([AppendOutcome.Ok, AppendOutcome.Ok, AppendOutcome.Ok, AppendOutcome.SeriesLimit, AppendOutcome.SeriesLimit], outcomes);
        Assert.True(refs[3].IsNone && refs[4].IsNone);
        Assert.Equal(3, head.SeriesCount);

        app = head.Appender();
        Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[0], null, 2000, 1));          // by cached ref
        Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[1], Series(1), 2000, 1));     // by labels of an existing series
        Assert.Equal(AppendOutcome.SeriesLimit, app.Append(ref refs[4], Series(4), 2000, 1));
        app.Commit();
        Assert.Equal(3, head.SeriesCount);
        Assert.Equal(3, Counter(metrics, "argus_tsdb_head_samples_rejected_total", "series_limit"));
        var families = new List<MetricFamily>();
        metrics.Collect(families);
        Assert.Equal(3, families.Single(f => f.Name == "argus_tsdb_head_max_series").Points.Single().Value);

        // Head GC frees room: a series without chunks in range goes, and a new one may take its place.
        head.Truncate(5000);
        Assert.Equal(0, head.SeriesCount);
        app = head.Appender();
        Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[4], Series(4), 6000, 1));
        app.Commit();
    }

    [Fact]
    public void RuleOutputAppender_CreatesSeriesPastTheLimit_WhileScrapeAppendsStayRefused()
    {
        var metrics = new MetricsRegistry();
        using var head = new Argus.Store.Head.Head(new HeadOptions { StripeSize = 16, MaxSeries = 2 }, null, metrics, NullLogger.Instance);
        var refs = new SeriesRef[4];
        var app = head.Appender();
        Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[0], Series(0), 1000, 0));
        Assert.Equal(AppendOutcome.Ok, app.Append(ref refs[1], Series(1), 1000, 1));
        Assert.Equal(AppendOutcome.SeriesLimit, app.Append(ref refs[2], Series(2), 1000, 2));
        app.Commit();

        var alerts = Labels.FromStrings("__name__", "ALERTS", "alertname", "ArgusSeriesLimitReached", "alertstate", "firing");
        var rules = head.UnlimitedAppender();
        Assert.Equal(AppendOutcome.Ok, rules.Append(ref refs[3], alerts, 1000, 1));
        rules.Commit();
        Assert.Equal(3, head.SeriesCount);
        Assert.Equal(1, Counter(metrics, "argus_tsdb_head_samples_rejected_total", "series_limit"));   // only the scrape's

        app = head.Appender();   // the head is still over its limit for everyone else
        Assert.Equal(AppendOutcome.SeriesLimit, app.Append(ref refs[2], Series(2), 2000, 2));
        app.Commit();
    }

    [Fact]
    public void WalReplay_IsExempt_FromALoweredLimit()
    {
        var metrics = new MetricsRegistry();
        using (var wal = WriteAheadLog.Open(_dir, new WalOptions { SegmentSizeBytes = 1 << 20 }, NullLogger.Instance, metrics))
        using (var head = new Argus.Store.Head.Head(new HeadOptions { StripeSize = 16 }, wal, metrics, NullLogger.Instance))
        {
            head.ReplayWal();
            var app = head.Appender();
            for (int i = 0; i < 10; i++)
            {
                var r = SeriesRef.None;
                Assert.Equal(AppendOutcome.Ok, app.Append(ref r, Series(i), 1000, i));
            }
            app.Commit();
        }
        metrics = new MetricsRegistry();
        using (var wal = WriteAheadLog.Open(_dir, new WalOptions { SegmentSizeBytes = 1 << 20 }, NullLogger.Instance, metrics))
        using (var head = new Argus.Store.Head.Head(new HeadOptions { StripeSize = 16, MaxSeries = 2 }, wal, metrics, NullLogger.Instance))
        {
            head.ReplayWal();
            Assert.Equal(10, head.SeriesCount);
            var app = head.Appender();
            var r = SeriesRef.None;
            Assert.Equal(AppendOutcome.Ok, app.Append(ref r, Series(7), 2000, 1));
            r = SeriesRef.None;
            Assert.Equal(AppendOutcome.SeriesLimit, app.Append(ref r, Series(99), 2000, 1));
            app.Commit();
        }
    }

    [Fact]
    public void NegativeLimit_IsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Argus.Store.Head.Head(new HeadOptions { MaxSeries = -1 }, null, new MetricsRegistry(), NullLogger.Instance));
        Assert.Contains("max series", e.Message, StringComparison.Ordinal);
    }
}
