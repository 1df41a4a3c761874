namespace Argus.Store.Head;

/// <summary>Tuning of the in-memory head. Defaults follow Prometheus.</summary>
public sealed class HeadOptions
{
    /// <summary>The block range: chunks never cross a multiple of it, so a head window converts into blocks cleanly.</summary>
    public long ChunkRangeMs { get; init; } = 2 * 3600_000;

    /// <summary>A chunk is cut after this many samples (Prometheus's 120: ~1 KB at typical compression, cheap to decode).</summary>
    public int SamplesPerChunk { get; init; } = 120;

    /// <summary>
    /// Stripes of the series maps, each with its own lock; a power of two. 4096 keeps contention negligible at thousands of
    /// concurrent appenders for ~400 KB of fixed overhead (Prometheus uses 16384).
    /// </summary>
    public int StripeSize { get; init; } = 4096;

    /// <summary>Initial buffer of a new open chunk in bytes: most chunks end near 150 bytes, so 64 needs two growths.</summary>
    public int ChunkInitialBytes { get; init; } = 64;

    /// <summary>
    /// --storage.tsdb.max-series: appends that would create a series beyond this many are rejected with
    /// <see cref="AppendOutcome.SeriesLimit"/>, so a cardinality explosion cannot exhaust memory. 0 (the default) is no limit.
    /// WAL replay is exempt: what was committed before a restart comes back even if the limit was lowered.
    /// </summary>
    public long MaxSeries { get; init; }

    internal void Validate()
    {
        if (MaxSeries < 0) throw new ArgumentOutOfRangeException(nameof(MaxSeries), MaxSeries, "max series must be 0 (no limit) or positive");
        if (ChunkRangeMs <= 0) throw new ArgumentOutOfRangeException(nameof(ChunkRangeMs), ChunkRangeMs, "head chunk range must be positive");
        if (SamplesPerChunk is < 2 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(SamplesPerChunk), SamplesPerChunk, "samples per chunk must be in [2, 65535]");
        if (StripeSize <= 0 || (StripeSize & (StripeSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(StripeSize), StripeSize, "stripe size must be a power of two");
    }
}
