using System.Diagnostics;
using Argus.Store.Compaction;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Store.Blocks;

/// <summary>
/// The persisted blocks of one storage directory: loads them at open (skipping corrupt or partial ones with an error,
/// deleting leftover <c>*.tmp-*</c> directories and blocks already merged into a loaded block), adds newly written blocks,
/// compacts and applies retention. Thread-safe: the block list is an immutable array swapped under a lock, and queriers
/// are created under the same lock, so a block removed by compaction or retention stays readable for queriers already
/// open (see <see cref="Block"/>) while new queriers see the new list.
/// </summary>
public sealed partial class BlockSet : IDisposable
{
    private readonly string _dir;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Lock _writeLock = new(); // one compaction / retention / write at a time
    private Block[] _blocks = [];

    private readonly Counter _compactions;
    private readonly Counter _compactionsFailed;
    private readonly Counter _compactionsTriggered;
    private readonly Histogram _compactionDuration;
    private readonly Counter _timeRetentions;
    private readonly Counter _sizeRetentions;
    private readonly Counter _reloads;
    private readonly Counter _reloadFailures;

    private BlockSet(string dir, ILogger logger, MetricsRegistry metrics)
    {
        _dir = dir;
        _logger = logger;
        _compactions = metrics.Counter("argus_tsdb_compactions_total", "Total number of compactions that were executed for the partition.");
        _compactionsFailed = metrics.Counter("argus_tsdb_compactions_failed_total", "Total number of compactions that failed for the partition.");
        _compactionsTriggered = metrics.Counter("argus_tsdb_compactions_triggered_total", "Total number of triggered compactions for the partition.");
        _compactionDuration = metrics.Histogram("argus_tsdb_compaction_duration_seconds", "Duration of compaction runs",
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]);
        _timeRetentions = metrics.Counter("argus_tsdb_time_retentions_total", "The number of times that blocks were deleted because the maximum time limit was exceeded.");
        _sizeRetentions = metrics.Counter("argus_tsdb_size_retentions_total", "The number of times that blocks were deleted because the maximum number of bytes was exceeded.");
        _reloads = metrics.Counter("argus_tsdb_reloads_total", "Number of times the database reloaded block data from disk.");
        _reloadFailures = metrics.Counter("argus_tsdb_reloads_failures_total", "Number of times the database failed to reloadBlocks block data from disk.");
        metrics.Gauge("argus_tsdb_blocks_loaded", "Number of currently loaded data blocks", () => Volatile.Read(ref _blocks).Length);
        metrics.Gauge("argus_tsdb_storage_blocks_bytes", "The number of bytes that are currently used for local storage by all blocks.", () => SizeBytes);
        metrics.Gauge("argus_tsdb_lowest_timestamp_seconds", "Lowest timestamp value stored in the database.",
            () => Volatile.Read(ref _blocks) is { Length: > 0 } b ? b[0].MinTime / 1000.0 : double.NaN);
    }

    /// <summary>Opens (creating) the directory and loads its blocks. Never throws for a bad block: it is logged and skipped.</summary>
    public static BlockSet Open(string dir, ILogger logger, MetricsRegistry metrics)
    {
        Directory.CreateDirectory(dir);
        var set = new BlockSet(dir, logger, metrics);
        set.Reload(deleteTemporary: true);
        return set;
    }

    /// <summary>The loaded blocks, sorted by MinTime. The array is a snapshot and must not be modified.</summary>
    public IReadOnlyList<Block> Blocks => Volatile.Read(ref _blocks);

    public long SizeBytes
    {
        get
        {
            long sum = 0;
            foreach (var b in Volatile.Read(ref _blocks)) sum += b.SizeBytes;
            return sum;
        }
    }

    /// <summary>Queriers for the blocks overlapping [mint, maxt] (inclusive), oldest first. The caller disposes them.</summary>
    public List<IQuerier> Queriers(long mint, long maxt)
    {
        var result = new List<IQuerier>();
        lock (_lock)
        {
            foreach (var b in _blocks)
            {
                if (b.MinTime <= maxt && mint < b.MaxTime) result.Add(b.Querier(mint, maxt));
            }
        }
        return result;
    }

    /// <summary>
    /// Scans the directory: loads block directories not loaded yet (e.g. written by backfill), skips corrupt ones, and deletes
    /// blocks that a loaded block lists as its parents (a compaction finished but crashed before deleting its inputs).
    /// Leftover temporary directories are deleted only at open: later, one may belong to a backfill still running.
    /// </summary>
    public void Reload() => Reload(deleteTemporary: false);

    private void Reload(bool deleteTemporary)
    {
        lock (_writeLock)
        {
            _reloads.Inc();
            var known = Volatile.Read(ref _blocks).ToDictionary(b => b.Meta.Ulid, StringComparer.Ordinal);
            var loaded = new List<Block>();
            foreach (string sub in Directory.GetDirectories(_dir))
            {
                string name = Path.GetFileName(sub);
                if (name.Contains(".tmp-", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    if (deleteTemporary)
                    {
                        Log.DeletingTemporary(_logger, sub);
                        TryDeleteDir(sub);
                    }
                    continue;
                }
                if (!Ulid.TryParse(name, out _)) continue; // chunks_head, wal and other non-block directories
                if (known.Remove(name, out var existing))
                {
                    loaded.Add(existing);
                    continue;
                }
                try
                {
                    loaded.Add(Block.Open(sub));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    _reloadFailures.Inc();
                    Log.SkippingBlock(_logger, sub, e.Message);
                }
            }
            // Blocks gone from disk behind our back are dropped from the list.
            foreach (var gone in known.Values) gone.Dispose();

            var parents = loaded.SelectMany(b => b.Meta.Compaction.Parents ?? []).ToHashSet(StringComparer.Ordinal);
            var obsolete = loaded.Where(b => parents.Contains(b.Meta.Ulid)).ToList();
            foreach (var b in obsolete)
            {
                loaded.Remove(b);
                Log.DeletingCompacted(_logger, b.Meta.Ulid);
                b.Dispose();
                TryDeleteDir(b.Dir);
            }
            Publish(loaded);
        }
    }

    /// <summary>
    /// Writes [mint, maxt) of the source as a new level-1 block and makes it visible. Returns it, or null when empty. A failed
    /// write (disk full) is counted in compactions_failed_total, as Prometheus counts a failed head compaction, logged, and
    /// rethrown; no partial block is left behind and the caller keeps the data (the head) to retry.
    /// </summary>
    public Block? Write(IQuerier source, long mint, long maxt, long nowMs, Model.Matcher[]? select = null)
    {
        lock (_writeLock)
        {
            var sw = Stopwatch.StartNew();
            BlockMeta? meta;
            try
            {
                meta = BlockWriter.Write(_dir, source, mint, maxt, null, nowMs, select);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _compactionsFailed.Inc();
                Log.WriteFailed(_logger, mint, maxt, e.Message);
                throw;
            }
            if (meta is null) return null;
            var block = Block.Open(Path.Combine(_dir, meta.Ulid));
            Publish([.. Volatile.Read(ref _blocks), block]);
            Log.WroteBlock(_logger, meta.Ulid, mint, maxt, meta.Stats.NumSeries, meta.Stats.NumSamples, sw.Elapsed.TotalMilliseconds);
            return block;
        }
    }

    /// <summary>
    /// Runs one planned compaction if there is one; returns true when it compacted (the caller loops until false).
    /// A failure is logged and counted; the inputs remain untouched and the partial output is removed.
    /// </summary>
    public bool CompactOnce(long[] ranges, long nowMs)
    {
        lock (_writeLock)
        {
            var current = Volatile.Read(ref _blocks);
            var plan = CompactionPlanner.Plan(current.Select(b => b.Meta), ranges);
            if (plan.Count == 0) return false;
            _compactionsTriggered.Inc();
            var ids = plan.Select(m => m.Ulid).ToHashSet(StringComparer.Ordinal);
            var sources = current.Where(b => ids.Contains(b.Meta.Ulid)).OrderBy(b => b.MinTime).ToList();
            var sw = Stopwatch.StartNew();
            BlockMeta? meta;
            try
            {
                meta = Compactor.Compact(_dir, sources, nowMs);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                _compactionsFailed.Inc();
                Log.CompactionFailed(_logger, string.Join(",", ids), e.Message);
                return false;
            }
            _compactions.Inc();
            _compactionDuration.Observe(sw.Elapsed.TotalSeconds);
            var next = current.Where(b => !ids.Contains(b.Meta.Ulid)).ToList();
            if (meta is not null) next.Add(Block.Open(Path.Combine(_dir, meta.Ulid)));
            Publish(next);
            Delete(sources);
            Log.Compacted(_logger, sources.Count, meta?.Ulid ?? "(empty)", sources.Min(b => b.MinTime), sources.Max(b => b.MaxTime), sw.Elapsed.TotalMilliseconds);
            return true;
        }
    }

    /// <summary>
    /// Deletes blocks beyond the time retention, then, when <paramref name="sizeLimitBytes"/> &gt; 0, the oldest blocks until
    /// blocks plus <paramref name="otherBytes"/> (WAL, head chunks) fit. Returns the number of blocks deleted.
    /// </summary>
    public int ApplyRetention(long retentionMs, long sizeLimitBytes, long otherBytes)
    {
        lock (_writeLock)
        {
            var current = Volatile.Read(ref _blocks);
            var byTime = Retention.BeyondTime(current.Select(b => b.Meta).ToList(), retentionMs).Select(m => m.Ulid).ToHashSet(StringComparer.Ordinal);
            var remaining = current.Where(b => !byTime.Contains(b.Meta.Ulid)).ToList();
            var bySize = Retention.BeyondSize(remaining, b => b.Meta, b => b.SizeBytes, sizeLimitBytes, otherBytes);
            if (byTime.Count == 0 && bySize.Count == 0) return 0;
            if (byTime.Count > 0) _timeRetentions.Inc();
            if (bySize.Count > 0) _sizeRetentions.Inc();
            var doomed = current.Where(b => byTime.Contains(b.Meta.Ulid)).Concat(bySize).ToList();
            Publish(remaining.Except(bySize).ToList());
            foreach (var b in doomed) Log.RetentionDeleted(_logger, b.Meta.Ulid, b.MinTime, b.MaxTime, byTime.Contains(b.Meta.Ulid) ? "time" : "size");
            Delete(doomed);
            return doomed.Count;
        }
    }

    private void Publish(List<Block> blocks)
    {
        blocks.Sort((a, b) => a.MinTime != b.MinTime ? a.MinTime.CompareTo(b.MinTime) : string.CompareOrdinal(a.Meta.Ulid, b.Meta.Ulid));
        lock (_lock) Volatile.Write(ref _blocks, [.. blocks]);
    }

    private void Delete(IEnumerable<Block> blocks)
    {
        foreach (var b in blocks)
        {
            lock (_lock) b.Dispose(); // under _lock: no querier can be starting on it
            // Rename first so a crash mid-delete leaves a tmp dir (cleaned at open), never a half-deleted block.
            string doomed = b.Dir + ".tmp-for-deletion";
            try
            {
                Directory.Move(b.Dir, doomed);
            }
            catch (IOException e)
            {
                Log.DeleteFailed(_logger, b.Dir, e.Message);
                continue;
            }
            TryDeleteDir(doomed);
        }
    }

    private void TryDeleteDir(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.DeleteFailed(_logger, dir, e.Message);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var b in _blocks) b.Dispose();
            _blocks = [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Skipping block {Dir}: {Reason}")]
        public static partial void SkippingBlock(ILogger logger, string dir, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Deleting leftover temporary directory {Dir}")]
        public static partial void DeletingTemporary(ILogger logger, string dir);

        [LoggerMessage(Level = LogLevel.Information, Message = "Deleting block {Ulid}: already compacted into a loaded block")]
        public static partial void DeletingCompacted(ILogger logger, string ulid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Wrote block {Ulid} [{Mint}, {Maxt}): {Series} series, {Samples} samples in {Duration} ms")]
        public static partial void WroteBlock(ILogger logger, string ulid, long mint, long maxt, long series, long samples, double duration);

        [LoggerMessage(Level = LogLevel.Information, Message = "Compacted {Count} blocks into {Ulid} [{Mint}, {Maxt}) in {Duration} ms")]
        public static partial void Compacted(ILogger logger, int count, string ulid, long mint, long maxt, double duration);

        [LoggerMessage(Level = LogLevel.Error, Message = "Writing block [{Mint}, {Maxt}) failed, the data stays in the head: {Reason}")]
        public static partial void WriteFailed(ILogger logger, long mint, long maxt, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Compaction of blocks {Ulids} failed: {Reason}")]
        public static partial void CompactionFailed(ILogger logger, string ulids, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Deleting block {Ulid} [{Mint}, {Maxt}) beyond {Kind} retention")]
        public static partial void RetentionDeleted(ILogger logger, string ulid, long mint, long maxt, string kind);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot delete {Dir}: {Reason}; will retry at the next open")]
        public static partial void DeleteFailed(ILogger logger, string dir, string reason);
    }
}
