using System.Diagnostics;
using Argus.Store.Blocks;
using Argus.Store.Compaction;
using Argus.Store.Head;
using Argus.Store.HeadChunks;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Store;

/// <summary>
/// The local store as the rest of Argus sees it, Prometheus's tsdb.DB: the head (recent samples, WAL-backed) plus the
/// persisted blocks. Appends go to the head; queriers merge the blocks and the head, deduplicating overlaps. The background
/// loop (<see cref="RunAsync"/>) persists the head's oldest 2h once it spans 1.5 ranges, truncates the head and checkpoints
/// the WAL, compacts blocks and applies retention. Thread-safe: appends, queries and maintenance run concurrently.
/// </summary>
public sealed partial class Db : IAppendable, IQueryable, IAsyncDisposable
{
    private readonly DbOptions _options;
    private readonly ILogger _logger;
    private readonly BlockSet _blocks;
    private readonly WriteAheadLog? _wal;
    private readonly HeadChunkFiles? _chunkFiles;
    private readonly Head.Head _head;
    private readonly long[] _ranges;
    private readonly Lock _maintenance = new();
    // Open queriers per block generation (bumped when the head's data moves to a new block); guarded by _readers' monitor.
    private readonly Dictionary<long, int> _readers = [];
    private long _generation;
    private int _disposed;

    /// <summary>How long head truncation waits for queriers older than the newest block before going ahead (with a warning).</summary>
    internal TimeSpan PendingReadersTimeout { get; init; } = TimeSpan.FromMinutes(1);

    private Db(DbOptions options, ILogger logger, BlockSet blocks, WriteAheadLog? wal, HeadChunkFiles? chunkFiles, Head.Head head)
    {
        _options = options;
        _logger = logger;
        _blocks = blocks;
        _wal = wal;
        _chunkFiles = chunkFiles;
        _head = head;
        _ranges = CompactionRanges.ForRetention(options.RetentionTime, options.HeadChunkRangeMs);
    }

    /// <summary>
    /// Opens (creating) the store: loads the blocks (skipping corrupt ones, removing leftovers of crashed writes), opens and
    /// replays the WAL into the head, and drops replayed data that a block already holds. Returns when <see cref="Ready"/>.
    /// </summary>
    public static Db Open(DbOptions options, MetricsRegistry metrics, ILoggerFactory loggers)
    {
        long start = Stopwatch.GetTimestamp();
        var logger = loggers.CreateLogger<Db>();
        Directory.CreateDirectory(options.Path);
        var blocks = BlockSet.Open(options.Path, loggers.CreateLogger<BlockSet>(), metrics);
        WriteAheadLog? wal = null;
        HeadChunkFiles? chunkFiles = null;
        Head.Head? head = null;
        try
        {
            if (options.WalEnabled)
            {
                wal = WriteAheadLog.Open(Path.Combine(options.Path, "wal"), options.Wal, loggers.CreateLogger<WriteAheadLog>(), metrics);
                // Completed head chunks, so a restart re-appends only the WAL samples after them (docs/format/head-chunks.md).
                chunkFiles = HeadChunkFiles.Open(Path.Combine(options.Path, "chunks_head"), loggers.CreateLogger<HeadChunkFiles>(), metrics);
            }
            head = new Head.Head(new HeadOptions { ChunkRangeMs = options.HeadChunkRangeMs, MaxSeries = options.MaxSeries }, wal, metrics,
                loggers.CreateLogger<Head.Head>(), chunkFiles);
            head.ReplayWal();
            // A crash between writing a block and truncating the head replays samples the block already holds.
            var loaded = blocks.Blocks;
            if (loaded.Count > 0)
            {
                long persisted = loaded.Max(b => b.MaxTime);
                if (head.MinTime < persisted) head.Truncate(persisted);
            }
            metrics.Gauge("argus_tsdb_retention_limit_bytes", "Max number of bytes to be retained in the tsdb blocks, configured 0 means disabled",
                () => options.RetentionSizeBytes);
            metrics.Gauge("argus_tsdb_retention_limit_seconds", "How long to retain samples in storage.",
                () => Math.Max(0, options.RetentionTime.TotalSeconds));
            var db = new Db(options, logger, blocks, wal, chunkFiles, head);
            Log.Opened(logger, options.Path, blocks.Blocks.Count, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return db;
        }
        catch
        {
            head?.Dispose();
            chunkFiles?.Dispose();
            wal?.Dispose();
            blocks.Dispose();
            throw;
        }
    }

    /// <summary>True once the WAL was replayed (always, after <see cref="Open"/> returned).</summary>
    public bool Ready => _head.Ready;

    /// <summary>The head, for components that need its statistics or bounds.</summary>
    public Head.Head Head => _head;

    /// <summary>The loaded blocks, oldest first (a snapshot).</summary>
    public IReadOnlyList<Block> Blocks => _blocks.Blocks;

    public IAppender Appender() => _head.Appender();

    /// <summary>Appends exempt from --storage.tsdb.max-series (rule output; see <see cref="Head.Head.UnlimitedAppender"/>).</summary>
    public IAppendable RuleOutput => _ruleOutput ??= new UnlimitedAppendable(_head);

    private UnlimitedAppendable? _ruleOutput;

    private sealed class UnlimitedAppendable(Head.Head head) : IAppendable
    {
        public IAppender Appender() => head.UnlimitedAppender();
    }

    /// <summary>A querier over [mint, maxt] (inclusive) merging the overlapping blocks (oldest first) and the head.</summary>
    public IQuerier Querier(long mint, long maxt)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        long generation;
        lock (_readers)
        {
            // Registered before the block list is read: a truncation that starts later waits for this querier.
            generation = _generation;
            _readers[generation] = _readers.GetValueOrDefault(generation) + 1;
        }
        try
        {
            var queriers = _blocks.Queriers(mint, maxt);
            queriers.Add(_head.Querier(mint, maxt));
            IQuerier inner = queriers.Count == 1 ? queriers[0] : new MergeQuerier(queriers, mint, maxt);
            return new DbQuerier(inner, this, generation);
        }
        catch
        {
            ReaderClosed(generation);
            throw;
        }
    }

    internal void ReaderClosed(long generation)
    {
        lock (_readers)
        {
            if (--_readers[generation] == 0) _readers.Remove(generation);
            Monitor.PulseAll(_readers);
        }
    }

    /// <summary>
    /// Starts a new generation and waits until no querier of an older one is open: those may hold a block list without the
    /// block just written, so truncating the head under them would hide the data from them.
    /// </summary>
    private void WaitForOlderReaders()
    {
        lock (_readers)
        {
            long current = ++_generation;
            long start = Stopwatch.GetTimestamp(); // a real wait, not logic time: the TimeProvider does not apply
            while (_readers.Keys.Any(g => g < current))
            {
                var left = PendingReadersTimeout - Stopwatch.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    Log.PendingReaders(_logger, _readers.Where(kv => kv.Key < current).Sum(kv => kv.Value));
                    return;
                }
                Monitor.Wait(_readers, left);
            }
        }
    }

    public HeadStats Stats(int topN) => _head.Stats(topN);

    /// <summary>Picks up blocks written into the directory by others (backfill), as Prometheus's reload does.</summary>
    public void ReloadBlocks() => _blocks.Reload();

    /// <summary>
    /// The background loop: <see cref="Maintain"/> now and then every <see cref="DbOptions.MaintenanceInterval"/>. Returns at
    /// once: the first pass runs on the thread pool, so a long compaction at start-up (backfilled blocks, hours of head to
    /// persist after downtime) does not hold up the caller's start-up (scraping, rules) for its length.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await Task.Yield();
        using var ticker = new PeriodicTimer(_options.MaintenanceInterval, _options.Time);
        do
        {
            try
            {
                Maintain(_options.Time.GetUtcNow().ToUnixTimeMilliseconds());
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or WalCorruptionException)
            {
                Log.MaintenanceFailed(_logger, e.Message); // retried at the next tick
            }
        }
        while (await ticker.WaitForNextTickAsync(stop));
    }

    /// <summary>
    /// One maintenance pass: persist the head's oldest ranges while it spans more than 1.5 chunk ranges (each followed by
    /// head truncation and a WAL checkpoint), then compact until nothing is planned, then apply retention.
    /// </summary>
    public void Maintain(long nowMs)
    {
        lock (_maintenance)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            long range = _options.HeadChunkRangeMs;
            while (_head.MinTime != long.MaxValue && _head.MaxTime - _head.MinTime > range / 2 * 3)
            {
                long mint = FloorTo(_head.MinTime, range), maxt = mint + range;
                using (var q = _head.Querier(mint, maxt - 1))
                {
                    _blocks.Write(q, mint, maxt, nowMs);
                }
                WaitForOlderReaders();
                _head.Truncate(maxt);
                TruncateWal(maxt);
            }
            while (_blocks.CompactOnce(_ranges, nowMs)) { }
            long retentionMs = _options.RetentionTime > TimeSpan.Zero ? (long)_options.RetentionTime.TotalMilliseconds : 0;
            // As in Prometheus, the size limit counts the WAL and the head chunk files too.
            _blocks.ApplyRetention(retentionMs, _options.RetentionSizeBytes, (_wal?.SizeBytes ?? 0) + (_chunkFiles?.SizeBytes ?? 0));
        }
    }

    /// <summary>
    /// Checkpoints the lower two thirds of the WAL segments, as Prometheus's truncateWAL does: those hold mostly samples now
    /// in blocks, while the newest third is likely still needed whole.
    /// </summary>
    private void TruncateWal(long mint)
    {
        if (_wal is null) return;
        var segments = WalSegments.List(_wal.Directory);
        _wal.NextSegment(); // so that low-volume stores do not keep a half-empty segment forever
        if (segments.Count == 0) return;
        int first = segments[0], last = segments[^1] - 1; // never the segment that was being written
        if (last < first) return;
        last = first + (last - first) * 2 / 3;
        if (last <= first) return;
        _wal.Checkpoint(last, _head.IsActive, mint);
    }

    private static long FloorTo(long t, long step) => t >= 0 ? t / step * step : (t - step + 1) / step * step;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return ValueTask.CompletedTask;
        lock (_maintenance)
        {
            _head.Dispose();
            _chunkFiles?.Dispose();   // writes the queued chunks first
            _wal?.Dispose();
            _blocks.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Opened storage {Path} with {Blocks} blocks in {Duration} ms")]
        public static partial void Opened(ILogger logger, string path, int blocks, double duration);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Truncating the head although {Count} queriers opened before the newest block are still open; they may miss its data")]
        public static partial void PendingReaders(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Error, Message = "Storage maintenance failed, retrying at the next tick: {Reason}")]
        public static partial void MaintenanceFailed(ILogger logger, string reason);
    }
}
