namespace Argus.Remote.Protocol;

/// <summary>prometheus.MetricMetadata: type (1), metric_family_name (2), help (4), unit (5).</summary>
public sealed record MetricMetadata(MetricMetadataType Type, string MetricFamilyName, string Help, string Unit);
