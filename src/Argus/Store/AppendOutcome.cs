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
}
