namespace Argus.Model;

/// <summary>
/// A snapshot of one metric family produced by a built-in collector (host metrics, cluster state, self-metrics).
/// <see cref="Name"/> is the family name; each point's labels carry the full series name in <c>__name__</c>
/// (e.g. <c>x_bucket</c>, <c>x_sum</c> for histograms) plus its other labels.
/// </summary>
public sealed record MetricFamily(string Name, MetricType Type, string Help, IReadOnlyList<MetricPoint> Points);

/// <summary>One series of a family at collection time. Timestamp is null for "now".</summary>
public readonly record struct MetricPoint(Labels Labels, double Value, long? TimestampMs = null);
