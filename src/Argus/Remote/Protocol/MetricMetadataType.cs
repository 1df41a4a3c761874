namespace Argus.Remote.Protocol;

/// <summary>prometheus.MetricMetadata.MetricType, numbered as in prompb/types.proto.</summary>
public enum MetricMetadataType
{
    Unknown = 0,
    Counter = 1,
    Gauge = 2,
    Histogram = 3,
    GaugeHistogram = 4,
    Summary = 5,
    Info = 6,
    StateSet = 7,
}
