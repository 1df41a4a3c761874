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

    // Replay-only: the series of each ref logged in the WAL, at index ref − Base (aliases included), so a worker finds a
    // sample's series with one load from an array it walks almost in order (a samples record lists a scrape's series in ref
    // order) instead of a stripe, its lock and a probe through the ref table, each a likely cache miss. Written only by the
    // reading thread, and each entry before any sample of its ref is handed to a worker (the hand-off queue orders the two).
    // A worker that sees an older, shorter array (or a ref outside it) takes the stripe path.
    private ReplayRefTable? _replayByRef;

    // Replay-only: the chunks loaded from the head chunk files, sorted by series ref (per ref in time order), each taken
    // (Buffer set to null) by the first series record of its ref. Read and written by the reading thread only.
    private ulong[]? _diskRefs;
    private HeadChunks.DiskChunk[]? _diskChunks;
    private long _diskAttached;
    private long _diskMint = long.MaxValue;
    private long _diskMaxt = long.MinValue;

    /// <summary>
    /// An immutable pairing of base ref and arrays, so a worker never reads a new base with an old array. Covered[i] is the
    /// maxt of the last chunk loaded from disk for ref Base + i (long.MinValue: none): the WAL samples up to it are skipped.
    /// </summary>
    private sealed class ReplayRefTable(ulong baseRef, MemSeries?[] items, long[] covered)
    {
        public readonly ulong Base = baseRef;
        public readonly MemSeries?[] Items = items;
        public readonly long[] Covered = covered;
    }

    /// <summary>Re-creates a series from a WAL series record, keeping its original ref so later sample records find it.</summary>
    internal void ReplaySeries(ulong seriesRef, Labels labels)
    {
        var s = GetOrCreate(labels, seriesRef);
        RaiseTo(ref _lastRef, (long)seriesRef); // also for an alias, so no new series reuses its ref
        s.Logged = true;
        long covered = long.MinValue;
        if (s.Ref != seriesRef)
        {
            _replayAliases ??= new();
            _replayAliases[seriesRef] = s;
        }
        else if (_diskRefs is not null)
        {
            covered = AttachLoadedChunks(seriesRef, s);
        }
        RememberForReplay(seriesRef, s, covered);
    }

    /// <summary>
    /// Gives a series its chunks from the head chunk files, at its first series record (no sample of its ref was handed to a
    /// worker yet, so nothing else touches it). Returns the last attached chunk's maxt, or long.MinValue.
    /// </summary>
    private long AttachLoadedChunks(ulong seriesRef, MemSeries s)
    {
        var refs = _diskRefs!;
        var chunks = _diskChunks!;
        int i = LowerBound(refs, seriesRef);
        int end = i;
        while (end < refs.Length && refs[end] == seriesRef) end++;
        if (end == i) return long.MinValue;
        s.ReserveClosed(end - i + 1);   // the loaded chunks and the next one cut, in one allocation
        long covered = long.MinValue;
        long attached = 0;
        for (; i < end; i++)
        {
            ref var c = ref chunks[i];
            if (c.Buffer is null) continue;   // taken by an earlier record of this ref
            if (s.AddLoadedChunk(c.Buffer, c.Offset, c.Length, c.MinT, c.MaxT))
            {
                attached++;
                covered = c.MaxT;
                if (c.MinT < _diskMint) _diskMint = c.MinT;
                if (c.MaxT > _diskMaxt) _diskMaxt = c.MaxT;
            }
            c = default;
        }
        _diskAttached += attached;
        return covered;
    }

    private static int LowerBound(ulong[] sorted, ulong key)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Loads the head chunk files and indexes their chunks by series ref for <see cref="ReplaySeries"/>. Chunks of a ref
    /// keep their file order, which is their time order.
    /// </summary>
    private void LoadChunkFiles()
    {
        var chunks = _chunkFiles!.Load();
        var refs = new ulong[chunks.Length];
        for (int i = 0; i < chunks.Length; i++) refs[i] = chunks[i].SeriesRef;
        Array.Sort(refs, chunks);
        // The sort is not stable: restore time order within each ref's run (2-3 chunks for a 2 h head).
        for (int start = 0; start < refs.Length;)
        {
            int end = start + 1;
            while (end < refs.Length && refs[end] == refs[start]) end++;
            if (end - start > 1) chunks.AsSpan(start, end - start).Sort(static (a, b) => a.MinT.CompareTo(b.MinT));
            start = end;
        }
        _diskRefs = refs;
        _diskChunks = chunks;
    }

    /// <summary>
    /// Whether a WAL sample of <paramref name="seriesRef"/> at <paramref name="t"/> is already in a chunk loaded from disk
    /// (then replay drops it before handing it to a worker). A cheap test on the reading thread; refs it cannot answer for
    /// return false and are rejected by the series' own order check instead (its last sample time is the chunk's maxt).
    /// </summary>
    internal bool ReplayCovered(ulong seriesRef, long t)
    {
        var table = _replayByRef;
        if (table is null) return false;
        ulong i = seriesRef - table.Base;
        return i < (ulong)table.Covered.Length && t <= table.Covered[i];
    }

    private void RememberForReplay(ulong seriesRef, MemSeries s, long covered)
    {
        var table = _replayByRef;
        ulong lo = table is null ? seriesRef : Math.Min(table.Base, seriesRef);
        ulong need = (table is null ? seriesRef : Math.Max(table.Base + (ulong)table.Items.Length - 1, seriesRef)) - lo + 1;
        if (table is null || lo < table.Base || need > (ulong)table.Items.Length)
        {
            // Dense for the refs a WAL holds: they were handed out consecutively, minus the series head GC dropped; a
            // checkpoint lists them in any order, so the table may grow downwards too. Bounded, so refs scattered by heavy
            // churn cannot make it much larger than the number of series replayed; refs outside take the stripe path.
            ulong bound = Math.Max(1UL << 20, 4UL * (ulong)Interlocked.Read(ref _seriesCount));
            if (need > bound) return;
            ulong size = Math.Min(bound, Math.Max(need, table is null ? 1024UL : (ulong)table.Items.Length * 2));
            // Growing downwards leaves spare room below as well, so refs arriving in falling order do not copy every time.
            ulong below = size - need;
            ulong newBase = table is not null && lo < table.Base ? (lo >= below ? lo - below : 0) : lo;
            var items = new MemSeries?[size];
            var coveredUntil = new long[size];
            coveredUntil.AsSpan().Fill(long.MinValue);
            if (table is not null)
            {
                table.Items.CopyTo(items, (int)(table.Base - newBase));
                table.Covered.CopyTo(coveredUntil, (int)(table.Base - newBase));
            }
            table = new ReplayRefTable(newBase, items, coveredUntil);
            Volatile.Write(ref _replayByRef, table);
        }
        table.Items[seriesRef - table.Base] = s;
        table.Covered[seriesRef - table.Base] = covered;
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
        var dense = _replayByRef;
        HeadChunk completed;
        if (s is not null && s.Ref == r)
        {
            lock (c.LastStripe!.Lock)
            {
                outcome = s.Append(t, v, _options, out created, out completed);
                if (completed.Data is not null) ChunkCompleted(s.Ref, completed);
            }
        }
        else if (dense is not null && r - dense.Base < (ulong)dense.Items.Length && (s = dense.Items[r - dense.Base]) is not null)
        {
            // Fast path: no stripe lock. Until replay ends, a series is written only by the worker of its shard (aliases
            // shard by the surviving series), nothing reads chunks (the head is not ready), and the workers' completion
            // publishes what they wrote. The reading thread only creates series and sets Logged.
            outcome = s.Append(t, v, _options, out created, out completed);
            if (completed.Data is not null) ChunkCompleted(s.Ref, completed);
            c.Last = null;
        }
        else
        {
            // Fast path: lookup and append under one acquisition of the ref's stripe lock.
            var stripe = _series.ForRef(r);
            lock (stripe.Lock)
            {
                if ((s = stripe.ByRef.GetByRef(r)) is not null)
                {
                    outcome = s.Append(t, v, _options, out created, out completed);
                    if (completed.Data is not null) ChunkCompleted(s.Ref, completed);
                }
                else
                {
                    (outcome, created) = (AppendOutcome.Ok, false);
                }
            }
            if (s is null)
            {
                if (_replayAliases is null || !_replayAliases.TryGetValue(r, out s))
                {
                    c.Unknown++;
                    return;
                }
                stripe = _series.ForRef(s.Ref);
                lock (stripe.Lock)
                {
                    outcome = s.Append(t, v, _options, out created, out completed);
                    if (completed.Data is not null) ChunkCompleted(s.Ref, completed);
                }
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
        TimeSpan chunksElapsed = TimeSpan.Zero;
        if (_chunkFiles is not null)
        {
            LoadChunkFiles();
            chunksElapsed = Stopwatch.GetElapsedTime(start);
            _metrics.ReplayChunksDuration.Set(chunksElapsed.TotalSeconds);
        }
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
            if (_diskAttached > 0)
            {
                ObserveTimes(_diskMint, _diskMaxt);
                Interlocked.Add(ref _chunkCount, _diskAttached);
                _metrics.Chunks.Add(_diskAttached);
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            _metrics.ReplayDuration.Set(elapsed.TotalSeconds);
            _metrics.ReplayWalDuration.Set((elapsed - chunksElapsed).TotalSeconds);
            if (_diskChunks is not null)
            {
                long ignored = 0;
                foreach (ref readonly var c in _diskChunks.AsSpan()) if (c.Buffer is not null) ignored++;
                Log.ChunksReplayed(_logger, _diskAttached, ignored, handler.Covered, chunksElapsed.TotalMilliseconds);
            }
            Log.Replayed(_logger, handler.Series, handler.Samples, handler.Unknown, SeriesCount, elapsed.TotalMilliseconds);
        }
        _replayAliases = null;
        _replayByRef = null;
        _diskRefs = null;
        _diskChunks = null;
        _ready = true;
    }
}
