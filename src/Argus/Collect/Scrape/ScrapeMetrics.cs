using Argus.Telemetry;

namespace Argus.Collect.Scrape;

/// <summary>Scrape self-metrics, with Prometheus's names (prometheus_target_*) under Argus's prefix.</summary>
public sealed class ScrapeMetrics(MetricsRegistry r)
{
    public Histogram ScrapeDuration { get; } = r.Histogram("argus_target_scrape_duration_seconds", "Duration of scrapes, all targets.");
    public Counter ScrapeFailures { get; } = r.Counter("argus_target_scrapes_failed_total", "Scrapes that failed (target down, bad body, limit exceeded).");
    public Counter ExceededSampleLimit { get; } = r.Counter("argus_target_scrapes_exceeded_sample_limit_total", "Scrapes that hit the sample limit and were rejected.");
    public Counter OutOfOrderSamples { get; } = r.Counter("argus_target_scrapes_sample_out_of_order_total", "Samples rejected as out of order.");
    public Counter DuplicateSamples { get; } = r.Counter("argus_target_scrapes_sample_duplicate_timestamp_total", "Samples rejected for a duplicate timestamp with a different value.");
    public Counter OutOfBoundsSamples { get; } = r.Counter("argus_target_scrapes_sample_out_of_bounds_total", "Samples rejected as older than the head allows.");
}
