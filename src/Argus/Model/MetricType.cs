namespace Argus.Model;

/// <summary>The metric types of the Prometheus text format and OpenMetrics.</summary>
public enum MetricType
{
    Unknown,
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    StateSet,
}
