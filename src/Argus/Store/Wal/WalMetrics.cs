using Argus.Telemetry;

namespace Argus.Store.Wal;

/// <summary>The WAL's self-metrics: Prometheus's prometheus_tsdb_wal_* and checkpoint names with the argus_ prefix.</summary>
internal sealed class WalMetrics
{
    // fsync of a segment takes ~100µs on NVMe and up to seconds on a busy network disk.
    private static readonly double[] s_fsyncBuckets = [.0001, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    public WalMetrics(MetricsRegistry registry)
    {
        FsyncDuration = registry.Histogram("argus_tsdb_wal_fsync_duration_seconds", "Duration of write log fsync.", s_fsyncBuckets);
        SegmentCurrent = registry.Gauge("argus_tsdb_wal_segment_current", "Write log segment index that TSDB is currently writing to.");
        StorageSize = registry.Gauge("argus_tsdb_wal_storage_size_bytes", "Size of the write log directory.");
        Corruptions = registry.Counter("argus_tsdb_wal_corruptions_total", "Total number of write log corruptions found and repaired.");
        Truncations = registry.Counter("argus_tsdb_wal_truncations_total", "Total number of write log truncations attempted.");
        TruncationsFailed = registry.Counter("argus_tsdb_wal_truncations_failed_total", "Total number of write log truncations that failed.");
        WritesFailed = registry.Counter("argus_tsdb_wal_writes_failed_total", "Total number of write log writes that failed.");
        CheckpointCreations = registry.Counter("argus_tsdb_checkpoint_creations_total", "Total number of checkpoint creations attempted.");
        CheckpointCreationsFailed = registry.Counter("argus_tsdb_checkpoint_creations_failed_total", "Total number of checkpoint creations that failed.");
        CheckpointDeletions = registry.Counter("argus_tsdb_checkpoint_deletions_total", "Total number of checkpoint deletions attempted.");
    }

    public Histogram FsyncDuration { get; }
    public Gauge SegmentCurrent { get; }
    public Gauge StorageSize { get; }
    public Counter Corruptions { get; }
    public Counter Truncations { get; }
    public Counter TruncationsFailed { get; }
    public Counter WritesFailed { get; }
    public Counter CheckpointCreations { get; }
    public Counter CheckpointCreationsFailed { get; }
    public Counter CheckpointDeletions { get; }
}
