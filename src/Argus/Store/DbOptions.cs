using Argus.Store.Wal;

namespace Argus.Store;

/// <summary>Settings of the local store, mirroring Prometheus's --storage.tsdb.* flags. Defaults are Prometheus's.</summary>
public sealed class DbOptions
{
    /// <summary>--storage.tsdb.path: blocks live in ULID-named subdirectories, the WAL in wal/.</summary>
    public required string Path { get; init; }

    /// <summary>--storage.tsdb.retention.time (15d). Zero or negative disables time retention.</summary>
    public TimeSpan RetentionTime { get; init; } = TimeSpan.FromDays(15);

    /// <summary>--storage.tsdb.retention.size in bytes; 0 disables size retention.</summary>
    public long RetentionSizeBytes { get; init; }

    /// <summary>The head's chunk range and the size of blocks cut from it (2h).</summary>
    public long HeadChunkRangeMs { get; init; } = 2 * 3600_000;

    /// <summary>--storage.tsdb.max-series: the most series the head creates (0, the default: no limit). See <see cref="Head.HeadOptions.MaxSeries"/>.</summary>
    public long MaxSeries { get; init; }

    /// <summary>How often the background loop looks for head data to persist, compactions and retention (1 minute, as Prometheus).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>False runs without a WAL (nothing survives a restart but blocks), like Prometheus agent-less tests.</summary>
    public bool WalEnabled { get; init; } = true;

    public WalOptions Wal { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
