using System.Text;
using Argus.Collect.Discovery;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Model;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Scrape;

public sealed class ScrapePoolTests
{
    private sealed class BodySource(string body) : IScrapeSource
    {
        public Task<ScrapeBody> FetchAsync(CancellationToken ct) => Task.FromResult(new ScrapeBody(Encoding.UTF8.GetBytes(body), null));
        public void Dispose() { }
    }

    private static TargetGroup Group(params string[] addresses) =>
        new("static/0", [.. addresses.Select(a => Labels.FromStrings("__address__", a))], Labels.Empty);

    [Fact]
    public async Task TargetsThatGoAwayGetStaleMarkersAndTheOthersKeepTheirLoop()
    {
        var config = new ScrapeConfig { JobName = "j", ScrapeInterval = TimeSpan.FromMilliseconds(100), ScrapeTimeout = TimeSpan.FromMilliseconds(100) };
        var store = new RecordingAppendable();
        await using var pool = new ScrapePool(config, [], store, TimeProvider.System, NullLoggerFactory.Instance,
            new ScrapeMetrics(new MetricsRegistry()), 1, client: null, sourceFactory: t => new BodySource($"m{{from=\"{t.Labels.Get("__address__")}\"}} 1\n"));

        await pool.SyncAsync("static/0", [Group("a:1", "b:1")]);
        var before = pool.ActiveTargets.ToDictionary(t => t.Labels.Get("__address__"));
        Assert.Equal(2, before.Count);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(HasSample(store, "a:1") && HasSample(store, "b:1")) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(HasSample(store, "b:1"), "b:1 was never scraped");

        await pool.SyncAsync("static/0", [Group("a:1")]);
        var after = pool.ActiveTargets;
        Assert.Same(before["a:1"], Assert.Single(after)); // the surviving target kept its loop and state

        lock (store)
        {
            var bSeries = store.All.Where(s => s.Labels.Get("instance") == "b:1").ToList();
            Assert.Contains(bSeries, s => s.Labels.MetricNameValue == "m" && StaleNaN.IsStale(s.V));
            Assert.Contains(bSeries, s => s.Labels.MetricNameValue == "up" && StaleNaN.IsStale(s.V));
        }
        Assert.Equal("j", after[0].Labels.Get("job"));
    }

    [Fact]
    public async Task RelabellingDropsTargetsIntoTheDroppedList()
    {
        var config = new ScrapeConfig
        {
            JobName = "j",
            ScrapeInterval = TimeSpan.FromMinutes(1),
            ScrapeTimeout = TimeSpan.FromSeconds(10),
            RelabelConfigs = [new RelabelConfig { SourceLabels = ["__address__"], Regex = new RelabelRegex("b:.*"), Action = RelabelAction.Drop }],
        };
        await using var pool = new ScrapePool(config, [], new RecordingAppendable(), TimeProvider.System, NullLoggerFactory.Instance,
            new ScrapeMetrics(new MetricsRegistry()), 1, client: null, sourceFactory: _ => new BodySource(""));
        await pool.SyncAsync("static/0", [Group("a:1", "b:1")]);
        Assert.Equal("a:1", Assert.Single(pool.ActiveTargets).Labels.Get("__address__"));
        Assert.Equal("b:1", Assert.Single(pool.DroppedTargets).Get("__address__"));
    }

    private static bool HasSample(RecordingAppendable store, string instance)
    {
        lock (store) return store.All.Any(s => s.Labels.Get("instance") == instance && s.Labels.MetricNameValue == "m");
    }
}
