using Argus.Model;

namespace Argus.Telemetry;

/// <summary>
/// Argus's own metrics. Components register their metrics at construction; the registry is an <see cref="ICollector"/>
/// that /metrics serves and the self-scrape appends. Registering the same name twice returns the first instance when the
/// kind matches, so components created again on reload keep their counters.
/// <para>Metrics Prometheus also has are exposed twice: as <c>argus_…</c> and under Prometheus's own name
/// (<c>argus_tsdb_head_series</c> is also <c>prometheus_tsdb_head_series</c>), because the rule files and dashboards users
/// already run (kube-prometheus's prometheus.rules.yaml, the Prometheus overview dashboard) query the Prometheus names.</para>
/// </summary>
public sealed class MetricsRegistry : ICollector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly List<ICollector> _collectors = [];

    public T Register<T>(T metric) where T : Metric
    {
        lock (_lock)
        {
            if (_metrics.TryGetValue(metric.Name, out var existing))
            {
                return existing as T ?? throw new InvalidOperationException($"BUG: metric {metric.Name} registered twice with different kinds");
            }
            _metrics.Add(metric.Name, metric);
            return metric;
        }
    }

    public Counter Counter(string name, string help) => Register(new Counter(name, help));
    public Gauge Gauge(string name, string help, Func<double>? read = null) => Register(new Gauge(name, help, read));
    public Histogram Histogram(string name, string help, double[]? buckets = null) => Register(new Histogram(name, help, buckets));
    public CounterVec CounterVec(string name, string help, params string[] labelNames) => Register(new CounterVec(name, help, labelNames));
    public HistogramVec HistogramVec(string name, string help, double[]? buckets, params string[] labelNames) => Register(new HistogramVec(name, help, buckets, labelNames));

    /// <summary>Adds a collector whose families are served alongside the registered metrics (e.g. per-target gauges).</summary>
    public void AddCollector(ICollector collector)
    {
        lock (_lock) _collectors.Add(collector);
    }

    // Subsystems whose Prometheus metrics Argus reproduces with the same meaning.
    private static readonly string[] s_prometheusSubsystems =
        ["tsdb_", "target_", "config_", "sd_", "http_", "rule_", "notifications_", "remote_storage_", "engine_", "build_info"];

    /// <summary>Prometheus's name for an Argus metric that has a Prometheus twin, else null.</summary>
    internal static string? PrometheusName(string name)
    {
        if (!name.StartsWith("argus_", StringComparison.Ordinal)) return null;
        string rest = name["argus_".Length..];
        foreach (var sub in s_prometheusSubsystems)
        {
            if (rest.StartsWith(sub, StringComparison.Ordinal)) return "prometheus_" + rest;
        }
        return null;
    }

    private static MetricFamily Renamed(string alias, Metric m, List<MetricPoint> points)
    {
        var renamed = new List<MetricPoint>(points.Count);
        foreach (var p in points)
        {
            string series = p.Labels.MetricNameValue;
            string newName = alias + series[m.Name.Length..]; // keeps _bucket/_sum/_count suffixes
            renamed.Add(p with { Labels = p.Labels.ToBuilder().Set(Labels.MetricName, newName).Build() });
        }
        return new MetricFamily(alias, m.Type, m.Help, renamed);
    }

    public void Collect(List<MetricFamily> into)
    {
        Metric[] metrics;
        ICollector[] collectors;
        lock (_lock)
        {
            metrics = [.. _metrics.Values];
            collectors = [.. _collectors];
        }
        foreach (var m in metrics.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var points = new List<MetricPoint>();
            m.Collect(points);
            into.Add(new MetricFamily(m.Name, m.Type, m.Help, points));
            if (PrometheusName(m.Name) is { } alias) into.Add(Renamed(alias, m, points));
        }
        foreach (var c in collectors) c.Collect(into);
    }
}
