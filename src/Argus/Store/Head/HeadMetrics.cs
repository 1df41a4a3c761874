using Argus.Telemetry;

namespace Argus.Store.Head;

/// <summary>
/// The head's self-metrics: Prometheus's tsdb/head.go names with <c>argus_</c> instead of <c>prometheus_</c>, so dashboards
/// and alerts port by a prefix swap. <c>argus_tsdb_head_samples_rejected_total{reason}</c> is Argus's own: one family with
/// every rejection reason (Prometheus spreads them over several counters and counts duplicates only in the scrape layer).
/// </summary>
internal sealed class HeadMetrics
{
    public readonly Gauge Series;
    public readonly Counter SeriesCreated;
    public readonly Counter SeriesRemoved;
    public readonly Gauge Chunks;
    public readonly Counter ChunksCreated;
    public readonly Counter ChunksRemoved;
    public readonly Counter SamplesAppended;
    public readonly Counter OutOfOrder;
    public readonly Counter OutOfBound;
    public readonly Counter RejectedOutOfOrder;
    public readonly Counter RejectedDuplicate;
    public readonly Counter RejectedTooOld;
    public readonly Counter RejectedSeriesLimit;
    public readonly Gauge ActiveAppenders;
    public readonly Counter Truncations;
    public readonly Histogram GcDuration;
    public readonly Gauge ReplayDuration;
    public readonly Gauge ReplayChunksDuration;
    public readonly Gauge ReplayWalDuration;

    public HeadMetrics(MetricsRegistry r, Func<double> minTime, Func<double> maxTime, long maxSeries)
    {
        Series = r.Gauge("argus_tsdb_head_series", "Total number of series in the head block.");
        SeriesCreated = r.Counter("argus_tsdb_head_series_created_total", "Total number of series created in the head.");
        SeriesRemoved = r.Counter("argus_tsdb_head_series_removed_total", "Total number of series removed in the head.");
        Chunks = r.Gauge("argus_tsdb_head_chunks", "Total number of chunks in the head block.");
        ChunksCreated = r.Counter("argus_tsdb_head_chunks_created_total", "Total number of chunks created in the head.");
        ChunksRemoved = r.Counter("argus_tsdb_head_chunks_removed_total", "Total number of chunks removed in the head.");
        SamplesAppended = r.CounterVec("argus_tsdb_head_samples_appended_total", "Total number of appended samples.", "type").WithLabels("float");
        OutOfOrder = r.CounterVec("argus_tsdb_out_of_order_samples_total", "Total number of out of order samples ingestion failed attempts.", "type").WithLabels("float");
        OutOfBound = r.CounterVec("argus_tsdb_out_of_bound_samples_total", "Total number of out of bound samples ingestion failed attempts.", "type").WithLabels("float");
        var rejected = r.CounterVec("argus_tsdb_head_samples_rejected_total", "Samples rejected by the head, by reason.", "reason");
        RejectedOutOfOrder = rejected.WithLabels("out_of_order");
        RejectedDuplicate = rejected.WithLabels("duplicate");
        RejectedTooOld = rejected.WithLabels("too_old");
        RejectedSeriesLimit = rejected.WithLabels("series_limit");
        // The limit itself, so an alert can compare argus_tsdb_head_series with it (0: no limit).
        r.Gauge("argus_tsdb_head_max_series", "Limit of series in the head (--storage.tsdb.max-series); 0 means no limit.", () => maxSeries);
        ActiveAppenders = r.Gauge("argus_tsdb_head_active_appenders", "Number of currently active appender transactions.");
        Truncations = r.Counter("argus_tsdb_head_truncations_total", "Total number of head truncations attempted.");
        GcDuration = r.Histogram("argus_tsdb_head_gc_duration_seconds", "Runtime of garbage collection in the head block.");
        ReplayDuration = r.Gauge("argus_tsdb_data_replay_duration_seconds", "Time taken to replay the data on disk.");
        // The split of the above (Prometheus only logs it): loading the head chunk files, then the WAL.
        ReplayChunksDuration = r.Gauge("argus_tsdb_data_replay_head_chunks_duration_seconds", "Time taken to load the head chunk files at start-up.");
        ReplayWalDuration = r.Gauge("argus_tsdb_data_replay_wal_duration_seconds", "Time taken to replay the WAL at start-up, after the head chunk files.");
        r.Gauge("argus_tsdb_head_min_time", "Minimum time bound of the head block.", minTime);
        r.Gauge("argus_tsdb_head_max_time", "Maximum timestamp of the head block.", maxTime);
    }

    public void CountRejected(AppendOutcome outcome)
    {
        switch (outcome)
        {
            case AppendOutcome.OutOfOrder:
                OutOfOrder.Inc();
                RejectedOutOfOrder.Inc();
                break;
            case AppendOutcome.Duplicate:
                RejectedDuplicate.Inc();
                break;
            case AppendOutcome.TooOld:
                OutOfBound.Inc();
                RejectedTooOld.Inc();
                break;
            case AppendOutcome.SeriesLimit:
                RejectedSeriesLimit.Inc();
                break;
        }
    }
}
