using Argus.Model;

namespace Argus.Telemetry;

/// <summary>
/// Argus's own metrics. Components register their metrics at construction; the registry is an <see cref="ICollector"/>
/// that /metrics serves and the self-scrape appends. Registering the same name twice returns the first instance when the
/// kind matches, so components created again on reload keep their counters.
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

    /// <summary>Adds a collector whose families are served alongside the registered metrics (e.g. per-target gauges).</summary>
    public void AddCollector(ICollector collector)
    {
        lock (_lock) _collectors.Add(collector);
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
        }
        foreach (var c in collectors) c.Collect(into);
    }
}
