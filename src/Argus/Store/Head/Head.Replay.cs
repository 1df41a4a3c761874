using System.Diagnostics;
using Argus.Model;
using Argus.Store.Wal;
using Microsoft.Extensions.Logging;

namespace Argus.Store.Head;

public sealed partial class Head
{
    // Refs of series records whose labels were already known under another ref (a series re-created after GC and logged
    // again before a checkpoint dropped the old record): their samples go to the surviving series. Replay-only state.
    private System.Collections.Concurrent.ConcurrentDictionary<ulong, MemSeries>? _replayAliases;

    /// <summary>Re-creates a series from a WAL series record, keeping its original ref so later sample records find it.</summary>
    internal void ReplaySeries(ulong seriesRef, Labels labels)
    {
        var s = GetOrCreate(labels, seriesRef);
        RaiseTo(ref _lastRef, (long)seriesRef); // also for an alias, so no new series reuses its ref
        s.Logged = true;
        if (s.Ref != seriesRef)
        {
            _replayAliases ??= new();
            _replayAliases[seriesRef] = s;
        }
    }

    /// <summary>
    /// Appends one WAL sample directly (no batch, no WAL, no isolation: replay runs before the head serves anyone). Samples of
    /// unknown series or below the truncation bound are skipped, as Prometheus does. Safe to call concurrently with separate
    /// cursors for disjoint sets of series; finish each batch with <see cref="FinishReplay"/>.
    /// </summary>
    internal void ReplaySample(ref ReplayCursor c, ulong r, long t, double v)
    {
        if (t < c.MinValid) return;
        AppendOutcome outcome;
        bool created;
        var s = c.Last;
        if (s is not null && s.Ref == r)
        {
            lock (c.LastStripe!.Lock) outcome = s.Append(t, v, _options, out created);
        }
        else
        {
            // Fast path: lookup and append under one acquisition of the ref's stripe lock.
            var stripe = _series.ForRef(r);
            lock (stripe.Lock)
            {
                if ((s = stripe.ByRef.GetByRef(r)) is not null) outcome = s.Append(t, v, _options, out created);
                else (outcome, created) = (AppendOutcome.Ok, false);
            }
            if (s is null)
            {
                if (_replayAliases is null || !_replayAliases.TryGetValue(r, out s))
                {
                    c.Unknown++;
                    return;
                }
                stripe = _series.ForRef(s.Ref);
                lock (stripe.Lock) outcome = s.Append(t, v, _options, out created);
            }
            c.Last = s;
            c.LastStripe = stripe;
        }
        if (created) c.Chunks++;
        if (outcome == AppendOutcome.Ok)
        {
            c.Appended++;
            if (t < c.Mint) c.Mint = t;
            if (t > c.Maxt) c.Maxt = t;
        }
    }

    internal ReplayCursor StartReplay() => new() { MinValid = MinValidTime, Mint = long.MaxValue, Maxt = long.MinValue };

    internal void FinishReplay(ref ReplayCursor c)
    {
        if (c.Appended > 0) ObserveTimes(c.Mint, c.Maxt);
        if (c.Chunks > 0) ChunksCreated(c.Chunks);
        c = StartReplay() with { Unknown = c.Unknown };
    }

    /// <summary>Per-worker replay state: the last series looked up (consecutive samples often share it) and batch totals.</summary>
    internal struct ReplayCursor
    {
        public MemSeries? Last;
        public StripeSeries.Stripe? LastStripe;
        public long MinValid;
        public long Unknown;
        public long Chunks;
        public long Appended;
        public long Mint;
        public long Maxt;
    }

    /// <summary>The ref replay shards a sample by: the surviving series' ref for an alias, so one series stays in one shard.</summary>
    internal ulong ReplayShardKey(ulong seriesRef) =>
        _replayAliases is not null && _replayAliases.TryGetValue(seriesRef, out var s) ? s.Ref : seriesRef;

    /// <summary>
    /// Replays the WAL given at construction (a no-op without one) and marks the head ready. Call once, before appending.
    /// Throws <see cref="WalCorruptionException"/> when a checkpoint is corrupt.
    /// </summary>
    public void ReplayWal()
    {
        if (_wal is null)
        {
            _ready = true;
            return;
        }
        long start = Stopwatch.GetTimestamp();
        // One shard per spare core: the reading thread decodes while the workers append.
        int shards = Environment.ProcessorCount > 1 ? Math.Min(Environment.ProcessorCount, 8) : 1;
        _postings.BeginBulkLoad();
        using (var handler = new HeadReplayHandler(this, shards))
        {
            try
            {
                _wal.Replay(handler);
                handler.Complete();
            }
            finally
            {
                _postings.EndBulkLoad();
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            _metrics.ReplayDuration.Set(elapsed.TotalSeconds);
            Log.Replayed(_logger, handler.Series, handler.Samples, handler.Unknown, SeriesCount, elapsed.TotalMilliseconds);
        }
        _replayAliases = null;
        _ready = true;
    }
}
