namespace Argus.Store;

/// <summary>Result of appending one sample. Rejections are counted by reason, as Prometheus counts them.</summary>
public enum AppendOutcome : byte
{
    Ok,
    /// <summary>Older than the series' newest sample.</summary>
    OutOfOrder,
    /// <summary>Same timestamp as the newest sample but a different value.</summary>
    Duplicate,
    /// <summary>Older than the head's lower bound (already compacted away).</summary>
    TooOld,
    /// <summary>An identical repeat of the newest sample: accepted silently, stored once.</summary>
    Repeat,
    /// <summary>Labels were not given and the ref is not (or no longer) a series of this store: retry with the labels.</summary>
    UnknownSeries,
    /// <summary>
    /// The labels name a new series but the head already holds --storage.tsdb.max-series series: the sample is dropped and
    /// the series not created (existing series keep ingesting). Counted in argus_tsdb_head_samples_rejected_total{reason="series_limit"}.
    /// </summary>
    SeriesLimit,
}
