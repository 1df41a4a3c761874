using System.Text;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Model;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Scrape;

public sealed class ScrapeLoopTests
{
    private sealed class FixedSource : IScrapeSource
    {
        public string Body { get; set; } = "";
        public string ContentType { get; set; } = "text/plain; version=0.0.4";
        public Task<ScrapeBody> FetchAsync(CancellationToken ct) => Task.FromResult(new ScrapeBody(Encoding.UTF8.GetBytes(Body), ContentType));
        public void Dispose() { }
    }

    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static (ScrapeLoop Loop, FixedSource Source, RecordingAppendable Store, Target Target) NewLoop(ScrapeLoopOptions? options = null)
    {
        var target = new Target("job1", Labels.FromStrings("__address__", "h:9100", "instance", "h:9100", "job", "job1"), Labels.Empty,
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), new Uri("http://h:9100/metrics"));
        var source = new FixedSource();
        var store = new RecordingAppendable();
        var loop = new ScrapeLoop(target, source, store, options ?? new ScrapeLoopOptions(), TimeProvider.System, NullLogger.Instance,
            new ScrapeMetrics(new MetricsRegistry()), 0);
        return (loop, source, store, target);
    }

    [Fact]
    public async Task AppendsSamplesWithTargetLabelsAndReportSeries()
    {
        var (loop, source, store, target) = NewLoop();
        source.Body = "# TYPE a counter\na_total{x=\"1\"} 5\nb 2.5\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);

        Assert.Equal(5, store.Last("{__name__=\"a_total\", instance=\"h:9100\", job=\"job1\", x=\"1\"}"));
        Assert.Equal(2.5, store.Last("{__name__=\"b\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(1, store.Last("{__name__=\"up\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(2, store.Last("{__name__=\"scrape_samples_scraped\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(2, store.Last("{__name__=\"scrape_series_added\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.All(store.All, s => Assert.Equal(s_t0.ToUnixTimeMilliseconds(), s.T));
        Assert.Equal(TargetHealth.Up, target.LastReport.Health);

        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        Assert.Equal(0, store.Last("{__name__=\"scrape_series_added\", instance=\"h:9100\", job=\"job1\"}"));
    }

    [Fact]
    public async Task VanishedSeriesGetStaleMarkers()
    {
        var (loop, source, store, _) = NewLoop();
        source.Body = "a 1\nb 2\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        source.Body = "a 1\n";
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);

        var b = store.All.Where(s => s.Labels.MetricNameValue == "b").ToList();
        Assert.Equal(2, b.Count);
        Assert.True(StaleNaN.IsStale(b[1].V));
        Assert.Equal(s_t0.AddSeconds(15).ToUnixTimeMilliseconds(), b[1].T);
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "a" && StaleNaN.IsStale(s.V));

        // Not marked stale twice.
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(30), CancellationToken.None);
        Assert.Equal(2, store.All.Count(s => s.Labels.MetricNameValue == "b"));
    }

    [Fact]
    public async Task MalformedBodyStoresNothingAndMarksUpZeroWithLine()
    {
        var (loop, source, store, target) = NewLoop();
        source.Body = "a 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        source.Body = "a 2\nc 3\nbroken{ 4\n";
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);

        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "c");
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "a" && s.V == 2);
        Assert.True(StaleNaN.IsStale(store.All.Last(s => s.Labels.MetricNameValue == "a").V));
        Assert.Equal(0, store.Last("{__name__=\"up\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(TargetHealth.Down, target.LastReport.Health);
        Assert.Contains("3", target.LastReport.LastError); // the line number of the bad line
    }

    [Fact]
    public async Task ClashingLabelsBecomeExportedUnlessHonored()
    {
        var (loop, source, store, _) = NewLoop();
        source.Body = "a{job=\"inner\"} 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.Equal(1, store.Last("{__name__=\"a\", exported_job=\"inner\", instance=\"h:9100\", job=\"job1\"}"));

        var (loop2, source2, store2, _) = NewLoop(new ScrapeLoopOptions { HonorLabels = true });
        source2.Body = "a{job=\"inner\"} 1\n";
        await loop2.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.Equal(1, store2.Last("{__name__=\"a\", instance=\"h:9100\", job=\"inner\"}"));
    }

    [Fact]
    public async Task SampleLimitFailsTheWholeScrape()
    {
        var (loop, source, store, target) = NewLoop(new ScrapeLoopOptions { SampleLimit = 2 });
        source.Body = "a 1\nb 1\nc 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue is "a" or "b" or "c");
        Assert.Contains("sample limit", target.LastReport.LastError);
    }

    [Fact]
    public async Task MetricRelabelDropsSeriesAndHonorTimestampsFalseIgnoresExposedTime()
    {
        var drop = new RelabelConfig { SourceLabels = ["__name__"], Regex = new RelabelRegex("b"), Action = RelabelAction.Drop };
        var (loop, source, store, _) = NewLoop(new ScrapeLoopOptions { MetricRelabelConfigs = [drop], HonorTimestamps = false });
        source.Body = "a 1 1000\nb 2\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "b");
        Assert.Equal(s_t0.ToUnixTimeMilliseconds(), store.All.Single(s => s.Labels.MetricNameValue == "a").T);
        Assert.Equal(1, store.Last("{__name__=\"scrape_samples_post_metric_relabeling\", instance=\"h:9100\", job=\"job1\"}"));
    }

    [Fact]
    public async Task CachedSeriesForgottenByTheStoreAreLabelledAgainFromTheirText()
    {
        var (loop, source, store, _) = NewLoop(new ScrapeLoopOptions
        {
            MetricRelabelConfigs = [new RelabelConfig { TargetLabel = "env", Replacement = "prod" }],
        });
        source.Body = "a{x=\"1\"} 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        var labels = store.All.First(s => s.Labels.MetricNameValue == "a").Labels;
        Assert.Equal("prod", labels.Get("env"));

        store.Forget(labels);
        source.Body = "a{x=\"1\"} 2\n";
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        var second = store.All.Last(s => s.Labels.MetricNameValue == "a");
        Assert.Equal(labels, second.Labels); // same final labels, relabelling applied again
        Assert.Equal(2, second.V);
        Assert.Equal(1, store.Last("{__name__=\"scrape_series_added\", instance=\"h:9100\", job=\"job1\"}"));
    }

    [Fact]
    public async Task SeriesGoneForTenScrapes_AreEvicted_AndStoredAgainByRefWhenTheyReturn()
    {
        var (loop, source, store, _) = NewLoop();
        source.Body = "a 1\nb 1\nc 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.Equal(3, loop.CachedSeries);
        source.Body = "a 2\n";
        for (int i = 1; i <= 20; i++) await loop.ScrapeOnceAsync(s_t0.AddSeconds(15 * i), CancellationToken.None);
        Assert.Equal(1, loop.CachedSeries);   // b and c were not exposed for more than ten scrapes

        int before = store.All.Count();
        source.Body = "c 3\na 3\n";   // c comes back, in another order
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15 * 21), CancellationToken.None);
        Assert.Equal(3, store.Last("{__name__=\"c\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(3, store.Last("{__name__=\"a\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(1, store.Last("{__name__=\"scrape_series_added\", instance=\"h:9100\", job=\"job1\"}"));
        Assert.Equal(2, loop.CachedSeries);
        Assert.Equal(2 + ScrapeLoop.ReportNames.Length, store.All.Count() - before);   // no stale marker for b: long gone
    }

    [Fact]
    public async Task TheBodyIsReleased_AfterEveryScrape_GoodOrBad()
    {
        var source = new ReleaseCountingSource();
        var target = new Target("job1", Labels.FromStrings("__address__", "h:9100", "instance", "h:9100", "job", "job1"), Labels.Empty,
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), new Uri("http://h:9100/metrics"));
        var loop = new ScrapeLoop(target, source, new RecordingAppendable(), new ScrapeLoopOptions(), TimeProvider.System,
            NullLogger.Instance, new ScrapeMetrics(new MetricsRegistry()), 0);
        source.Body = "a 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        source.Body = "a{ 1\n";   // malformed
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        Assert.Equal(TargetHealth.Down, target.LastReport.Health);
        Assert.Equal(2, source.Released);
    }

    private sealed class ReleaseCountingSource : IScrapeSource
    {
        public string Body = "";
        public int Released;
        public Task<ScrapeBody> FetchAsync(CancellationToken ct) => Task.FromResult(new ScrapeBody(Encoding.UTF8.GetBytes(Body), "text/plain; version=0.0.4"));
        public void ReleaseBody() => Released++;
        public void Dispose() { }
    }

    [Fact]
    public async Task SeriesTheStoreRefusesKeepNoLabelsAndAreLabelledAgainWhenAccepted()
    {
        var (loop, source, store, _) = NewLoop(new ScrapeLoopOptions
        {
            MetricRelabelConfigs = [new RelabelConfig { TargetLabel = "env", Replacement = "prod" }],
        });
        store.RefuseNew = l => l.MetricNameValue == "bomb";
        source.Body = "a 1\nbomb{id=\"1\"} 1\nbomb{id=\"2\"} 1\n";
        await loop.ScrapeOnceAsync(s_t0, CancellationToken.None);
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "bomb");

        await loop.ScrapeOnceAsync(s_t0.AddSeconds(15), CancellationToken.None);
        Assert.DoesNotContain(store.All, s => s.Labels.MetricNameValue == "bomb");

        store.RefuseNew = null;   // room again (head GC): the refused series are stored with their full labels
        await loop.ScrapeOnceAsync(s_t0.AddSeconds(30), CancellationToken.None);
        var bombs = store.All.Where(s => s.Labels.MetricNameValue == "bomb").Select(s => s.Labels.ToString()).Order().ToList();
        Assert.Equal(
        [
            "{__name__=\"bomb\", env=\"prod\", id=\"1\", instance=\"h:9100\", job=\"job1\"}",
            "{__name__=\"bomb\", env=\"prod\", id=\"2\", instance=\"h:9100\", job=\"job1\"}",
        ], bombs);
        Assert.Equal(2, store.Last("{__name__=\"scrape_series_added\", instance=\"h:9100\", job=\"job1\"}"));
    }

    [Fact]
    public void TargetPhaseIsStableAndWithinInterval()
    {
        var (_, _, _, target) = NewLoop();
        var interval = TimeSpan.FromSeconds(15);
        var d1 = target.DelayUntilPhase(s_t0, interval, 42);
        var d2 = target.DelayUntilPhase(s_t0 + d1, interval, 42);
        Assert.InRange(d1, TimeSpan.Zero, interval);
        Assert.Equal(TimeSpan.Zero, d2);
        Assert.Equal(target.Offset(interval, 42), target.Offset(interval, 42));
    }
}
