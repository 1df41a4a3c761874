using Argus.Model;

namespace Argus.Remote.Protocol;

/// <summary>prometheus.Exemplar: labels (1, may be empty), value (2), timestamp in ms (3).</summary>
public sealed record Exemplar(Labels Labels, double Value, long TimestampMs);
