using Argus.Model;
using Argus.Query.Engine;
using Argus.Store;
using Argus.Store.Head;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Query.Engine;

/// <summary>The engine over the real head (chunked samples, its iterators' Seek), not only the test storage.</summary>
public sealed class EngineHeadTests
{
    private static Head NewHead(int series, int samples, long intervalMs)
    {
        var head = new Head(new HeadOptions { SamplesPerChunk = 120 }, null, new MetricsRegistry(), NullLogger.Instance);
        var app = head.Appender();
        for (int s = 0; s < series; s++)
        {
            var labels = Labels.FromStrings(Labels.MetricName, "http_requests_total", "instance", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var sref = default(SeriesRef);
            for (int i = 0; i < samples; i++) app.Append(ref sref, labels, i * intervalMs, (s + 1) * i);
        }
        app.Commit();
        return head;
    }

    [Fact]
    public void RateAndSumOverHeadChunks()
    {
        // 300 samples per series cross chunk boundaries (120 per chunk); a counter rising (s+1) per 15 s has rate (s+1)/15.
        var head = NewHead(3, 300, 15_000);
        var engine = new Argus.Query.Engine.Engine(new EngineOptions());
        var r = engine.Instant(head, "sum(rate(http_requests_total[5m]))", 299 * 15_000);
        var v = Assert.Single(((VectorValue)r.Value).Samples);
        Assert.Equal((1 + 2 + 3) / 15.0, v.F, 9);

        var range = (MatrixValue)engine.Range(head, "rate(http_requests_total{instance=\"1\"}[1m])", 60_000, 4_000_000, 60_000).Value;
        var series = Assert.Single(range.Series);
        Assert.Equal(Labels.FromStrings("instance", "1"), series.Metric);
        Assert.All(series.Points, p => Assert.Equal(2 / 15.0, p.F, 9));
        Assert.Equal(4_000_000 / 60_000, series.Points.Length);
    }

    [Fact]
    public void InstantSelectorSeesNewestSampleOfHead()
    {
        var head = NewHead(2, 50, 10_000);
        var engine = new Argus.Query.Engine.Engine(new EngineOptions());
        var r = (VectorValue)engine.Instant(head, "http_requests_total", 495_000).Value;
        Assert.Equal(2, r.Samples.Count);
        Assert.Contains(r.Samples, s => s.Metric.Get("instance") == "1" && s.F == 2 * 49);
    }
}
