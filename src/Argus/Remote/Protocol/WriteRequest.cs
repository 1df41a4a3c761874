namespace Argus.Remote.Protocol;

/// <summary>prometheus.WriteRequest (remote write 1.0): timeseries (1) and metadata (3); field 2 is reserved.</summary>
public sealed record WriteRequest(IReadOnlyList<TimeSeries> Timeseries, IReadOnlyList<MetricMetadata> Metadata);
