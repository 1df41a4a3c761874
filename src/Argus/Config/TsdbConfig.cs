namespace Argus.Config;

/// <summary><c>storage.tsdb</c>: out-of-order window and (Prometheus 3.x) retention that overrides the flags.</summary>
public sealed record TsdbConfig
{
    public TimeSpan OutOfOrderTimeWindow { get; init; }
    public RetentionConfig? Retention { get; init; }
}
