using Argus.Model;

namespace Argus.Collect.Exposition;

/// <summary>An OpenMetrics exemplar attached to a sample; parsed and validated but not stored by Argus.</summary>
public sealed record ParsedExemplar(Labels Labels, double Value, long? TimestampMs);
