using Argus.Model;
using Argus.Telemetry;

namespace Argus.Tests.Telemetry;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void CollectsCountersGaugesHistogramsAndVectors()
    {
        var r = new MetricsRegistry();
        r.Counter("argus_x_total", "x").Add(2.5);
        r.Gauge("argus_g", "g", () => 7);
        var h = r.Histogram("argus_h_seconds", "h", [0.1, 1]);
        h.Observe(0.05);
        h.Observe(0.5);
        h.Observe(5);
        r.CounterVec("argus_r_total", "r", "reason").WithLabels("out_of_order").Inc();

        var fams = new List<MetricFamily>();
        r.Collect(fams);
        var byName = fams.ToDictionary(f => f.Name);
        Assert.Equal(2.5, byName["argus_x_total"].Points.Single().Value);
        Assert.Equal(7, byName["argus_g"].Points.Single().Value);
        var buckets = byName["argus_h_seconds"].Points.Where(p => p.Labels.MetricNameValue == "argus_h_seconds_bucket")
            .ToDictionary(p => p.Labels.Get("le"), p => p.Value);
        Assert.Equal(1, buckets["0.1"]);
        Assert.Equal(2, buckets["1"]);
        Assert.Equal(3, buckets["+Inf"]);
        Assert.Equal("out_of_order", byName["argus_r_total"].Points.Single().Labels.Get("reason"));
    }

    [Fact]
    public void RegisteringTwiceReturnsTheSameInstance()
    {
        var r = new MetricsRegistry();
        var a = r.Counter("argus_a_total", "a");
        Assert.Same(a, r.Counter("argus_a_total", "a"));
        Assert.Throws<InvalidOperationException>(() => r.Gauge("argus_a_total", "a"));
    }

    [Fact]
    public void CounterRejectsNegativeIncrements() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Counter("c", "c").Add(-1));
}

public sealed class PrometheusAliasTests
{
    [Fact]
    public void SubsystemsPrometheusHasAreAlsoExposedUnderPrometheusNames()
    {
        var r = new MetricsRegistry();
        r.Gauge("argus_tsdb_head_series", "s").Set(3);
        r.Histogram("argus_tsdb_wal_fsync_duration_seconds", "f", [1]).Observe(0.5);
        r.Gauge("argus_own_thing", "x").Set(1);
        var fams = new List<MetricFamily>();
        r.Collect(fams);
        var names = fams.Select(f => f.Name).ToHashSet();
        Assert.Contains("prometheus_tsdb_head_series", names);
        Assert.DoesNotContain("prometheus_own_thing", names);
        var fsync = fams.Single(f => f.Name == "prometheus_tsdb_wal_fsync_duration_seconds");
        Assert.Contains(fsync.Points, p => p.Labels.MetricNameValue == "prometheus_tsdb_wal_fsync_duration_seconds_bucket");
        Assert.Equal(3, fams.Single(f => f.Name == "prometheus_tsdb_head_series").Points.Single().Value);
    }
}
