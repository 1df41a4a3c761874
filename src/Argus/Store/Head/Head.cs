using System.Diagnostics;
using Argus.Model;
using Argus.Store.HeadChunks;
using Argus.Store.Index;
using Argus.Store.Wal;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Store.Head;

/// <summary>
/// The in-memory part of the store holding the newest samples (by default the last two hours) as compressed chunks per series,
/// with an inverted index over their labels. Memory layout and concurrency: docs/format/head.md.
/// <para>Thread-safety: any number of appenders and queriers may run concurrently. A commit's samples become visible to a
/// querier's Select all together or not at all: commits publish under a shared isolation lock, Select snapshots its series
/// under the exclusive one (a few tens of nanoseconds per series), so it never sees half a batch.</para>
/// </summary>
public sealed partial class Head : IAppendable, IQueryable, IDisposable
{
    private readonly HeadOptions _options;
    private readonly ILogger _logger;
    private readonly WriteAheadLog? _wal;
    private readonly HeadChunkFiles? _chunkFiles;
    private readonly StripeSeries _series;
    private readonly MemPostings _postings = new();
    private readonly ReaderWriterLockSlim _isolation = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _poolLock = new();
    private readonly Lock _createLock = new();
    private readonly Stack<PendingSample[]> _bufferPool = new();
    private readonly HeadMetrics _metrics;
    private long _lastRef;
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private long _minValidTime = long.MinValue;
    private long _seriesCount;
    private long _chunkCount;
    private long _lastLimitLogTicks = long.MinValue;
    private volatile bool _ready;

    /// <summary>
    /// Creates an empty head. With a <paramref name="wal"/>, every commit is logged to it before it becomes visible and
    /// <see cref="ReplayWal"/> restores its contents; the head does not own the WAL (the caller disposes it after the head).
    /// With <paramref name="chunkFiles"/> (which needs the WAL) every completed chunk is also written there, and replay loads
    /// them first so that it re-appends only the WAL samples after them; the caller disposes them after the head too.
    /// </summary>
    public Head(HeadOptions options, WriteAheadLog? wal, MetricsRegistry metrics, ILogger logger, HeadChunkFiles? chunkFiles = null)
    {
        options.Validate();
        if (chunkFiles is not null && wal is null) throw new ArgumentException("head chunk files need a WAL: they hold no series labels", nameof(chunkFiles));
        _options = options;
        _wal = wal;
        _chunkFiles = chunkFiles;
        _logger = logger;
        _series = new StripeSeries(options.StripeSize);
        _metrics = new HeadMetrics(metrics, () => MinTime == long.MaxValue ? 0 : MinTime, () => MaxTime == long.MinValue ? 0 : MaxTime, options.MaxSeries);
    }

    internal HeadOptions Options => _options;
    internal WriteAheadLog? Wal => _wal;
    internal StripeSeries Series => _series;
    internal MemPostings Postings => _postings;
    internal ReaderWriterLockSlim Isolation => _isolation;
    internal HeadMetrics Metrics => _metrics;

    /// <summary>True after <see cref="ReplayWal"/>: the head holds everything that was committed before a restart.</summary>
    public bool Ready => _ready;

    public long MinTime => Interlocked.Read(ref _minTime);
    public long MaxTime => Interlocked.Read(ref _maxTime);

    /// <summary>Samples older than this were truncated away and are rejected as too old.</summary>
    public long MinValidTime => Interlocked.Read(ref _minValidTime);

    public long SeriesCount => Interlocked.Read(ref _seriesCount);

    /// <summary>
    /// The oldest timestamp an appender accepts: the truncation bound, and no more than half a chunk range behind the newest
    /// sample (Prometheus's appendableMinValidTime), which bounds how far the head window can stretch.
    /// </summary>
    internal long MinValidAppendTime
    {
        get
        {
            long bound = MinValidTime;
            long max = MaxTime;
            if (max != long.MinValue) bound = Math.Max(bound, max - _options.ChunkRangeMs / 2);
            return bound;
        }
    }

    public IAppender Appender() => new HeadAppender(this, seriesLimit: true);

    /// <summary>
    /// An appender that may create series beyond --storage.tsdb.max-series: for rule output (recording rules, ALERTS and
    /// ALERTS_FOR_STATE), whose cardinality follows the data already admitted, so Argus's own alerts keep their state while
    /// the head is full of a scrape's series.
    /// </summary>
    public IAppender UnlimitedAppender() => new HeadAppender(this, seriesLimit: false);

    public IQuerier Querier(long mint, long maxt) => new HeadQuerier(this, mint, maxt);

    /// <summary>Whether the series still lives in the head (the WAL checkpoint keeps only those).</summary>
    public bool IsActive(SeriesRef r) => _series.GetByRef(r.Value) is not null;

    /// <summary>
    /// Drops chunks that end before <paramref name="mint"/>, removes series left without chunks (and without pending appends),
    /// and raises the bound below which appends are rejected as too old. Runs concurrently with appends and queries.
    /// </summary>
    public void Truncate(long mint)
    {
        long start = Stopwatch.GetTimestamp();
        _metrics.Truncations.Inc();
        RaiseTo(ref _minValidTime, mint);
        var removed = new List<MemSeries>();
        var doomed = new List<MemSeries>();
        long newMin = long.MaxValue;
        long chunksRemoved = 0;
        for (int i = 0; i < _series.StripeCount; i++)
        {
            var stripe = _series.At(i);
            lock (stripe.Lock)
            {
                var byRef = stripe.ByRef;
                for (int slot = 0; slot < byRef.Capacity; slot++)
                {
                    if (byRef.SlotAt(slot) is not { } s) continue;
                    chunksRemoved += s.TruncateBefore(mint);
                    if (s.ChunkCount == 0 && s.Pending == 0)
                    {
                        s.Deleted = true;
                        doomed.Add(s);
                        removed.Add(s);
                    }
                    else if (s.ChunkCount > 0)
                    {
                        newMin = Math.Min(newMin, s.MinTime);
                    }
                }
                foreach (var s in doomed) byRef.Remove(s);
                doomed.Clear();
            }
        }
        var deleted = new List<(ulong, int[])>(removed.Count);
        foreach (var s in removed)
        {
            // Null when GC took the series before GetOrCreate indexed it: it never will be now.
            if (_series.RemoveByHash(s) is { } pairs) deleted.Add((s.Ref, pairs));
        }
        _postings.Delete(deleted);
        Interlocked.Exchange(ref _minTime, newMin);
        if (newMin == long.MaxValue && removed.Count > 0 && Interlocked.Read(ref _seriesCount) == removed.Count)
        {
            Interlocked.Exchange(ref _maxTime, long.MinValue);
        }
        Interlocked.Add(ref _seriesCount, -removed.Count);
        Interlocked.Add(ref _chunkCount, -chunksRemoved);
        _metrics.Series.Add(-removed.Count);
        _metrics.SeriesRemoved.Add(removed.Count);
        _metrics.Chunks.Add(-chunksRemoved);
        _metrics.ChunksRemoved.Add(chunksRemoved);
        var elapsed = Stopwatch.GetElapsedTime(start);
        _metrics.GcDuration.Observe(elapsed.TotalSeconds);
        _chunkFiles?.Truncate(mint);
        Log.Truncated(_logger, mint, removed.Count, chunksRemoved, elapsed.TotalMilliseconds);
    }

    /// <summary>Series and chunk counts, time range and the index's top-N cardinality lists.</summary>
    public HeadStats Stats(int topN)
    {
        var index = _postings.Stats(topN);
        return new HeadStats(SeriesCount, index.LabelPairCount, Interlocked.Read(ref _chunkCount), MinTime, MaxTime,
            index.SeriesCountByMetricName, index.LabelValueCountByLabelName, index.MemoryInBytesByLabelName, index.SeriesCountByLabelValuePair);
    }

    /// <summary>
    /// The label set of a series that is still indexed (the caller holds its ref stripe's lock and found it in the ref map,
    /// or holds a pending sample of it), rebuilt from the index.
    /// </summary>
    internal Labels LabelsOf(MemSeries s) => _postings.LabelsOf(s.Pairs, s.Hash);

    /// <summary>The series with these labels, created (and indexed) if new. The labels must not be empty.</summary>
    internal MemSeries GetOrCreate(Labels labels) => GetOrCreate(labels, 0, limited: false)!;

    /// <summary>
    /// As <see cref="GetOrCreate(Labels)"/> for an appender: null when the series is new and the head already holds
    /// <see cref="HeadOptions.MaxSeries"/> series. Concurrent creators may overshoot the limit by at most their number.
    /// </summary>
    internal MemSeries? GetOrCreateLimited(Labels labels) => GetOrCreate(labels, 0, _options.MaxSeries > 0);

    /// <summary>As above; a non-zero <paramref name="wantRef"/> (WAL replay) gives a new series that ref instead of the next one.</summary>
    /// <remarks>
    /// A new series enters the ref map first, then (under its hash stripe's lock) the hash map and the index together. So
    /// once another appender can find it by labels, queries can find it too: a batch that writes to it is never half visible.
    /// A series that head GC removed in between (it had no samples yet) is abandoned and creation starts over.
    /// </remarks>
    internal MemSeries GetOrCreate(Labels labels, ulong wantRef) => GetOrCreate(labels, wantRef, limited: false)!;

    private MemSeries? GetOrCreate(Labels labels, ulong wantRef, bool limited)
    {
        if (labels.Count == 0) ThrowEmptyLabels();
        var hs = _series.ForHash(labels.Hash);
        while (true)
        {
            lock (hs.Lock)
            {
                var existing = hs.ByHash.FindByLabels(labels, _postings);
                if (existing is not null) return existing;
            }
            MemSeries s;
            MemSeries? winner;
            ulong r;
            StripeSeries.Stripe rs;
            // Creation is serialised so that refs enter the postings lists in increasing order: an out-of-order ref would
            // make every list it joins copy itself (snapshots are immutable), and with many appenders creating series at
            // once (a million-series first scrape) those copies of the longest lists (__name__, job, all) dominated.
            // Postings.Add takes one global lock anyway, so this costs no parallelism. No stripe lock is held while
            // waiting for it, and stripe locks are taken one at a time inside it, so it cannot deadlock.
            if (limited && Interlocked.Read(ref _seriesCount) >= _options.MaxSeries)
            {
                SeriesLimitReached(labels);
                return null;
            }
            lock (_createLock)
            {
                r = wantRef != 0 ? wantRef : (ulong)Interlocked.Increment(ref _lastRef);
                if (wantRef != 0) RaiseTo(ref _lastRef, (long)wantRef);
                s = new MemSeries(r, labels.Hash);
                rs = _series.ForRef(r);
                lock (rs.Lock) rs.ByRef.Add(s);
                lock (hs.Lock)
                {
                    winner = hs.ByHash.FindByLabels(labels, _postings);
                    if (winner is null && !s.Deleted)
                    {
                        // The ids are written before the ref enters any postings list, so a querier that finds it finds them.
                        s.Pairs = new int[labels.Count];
                        _postings.Add(r, labels, s.Pairs);
                        hs.ByHash.Add(s);
                    }
                }
            }
            if (winner is null && s.Deleted) continue; // GC took it before it was findable: nothing else refers to it
            if (winner is not null)
            {
                // Lost a race with another appender creating the same labels: withdraw ours (nobody has seen its ref).
                lock (rs.Lock) rs.ByRef.Remove(s);
                return winner;
            }
            Interlocked.Increment(ref _seriesCount);
            _metrics.Series.Add(1);
            _metrics.SeriesCreated.Inc();
            return s;
        }
    }

    /// <summary>Logs a refused series at most once a minute: a cardinality bomb refuses millions per scrape.</summary>
    private void SeriesLimitReached(Labels labels)
    {
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastLimitLogTicks);
        if (last != long.MinValue && now - last < 60_000) return;
        if (Interlocked.CompareExchange(ref _lastLimitLogTicks, now, last) != last) return;
        Log.SeriesLimit(_logger, _options.MaxSeries, labels.ToString());
    }

    /// <summary>Hands a chunk an append just completed to the head chunk files (a queue append; written off this thread).</summary>
    internal void ChunkCompleted(ulong seriesRef, in HeadChunk chunk) => _chunkFiles?.Enqueue(seriesRef, chunk.MinT, chunk.MaxT, chunk.Data, chunk.Offset, chunk.Length);

    internal void ChunksCreated(long n)
    {
        Interlocked.Add(ref _chunkCount, n);
        _metrics.Chunks.Add(n);
        _metrics.ChunksCreated.Add(n);
    }

    /// <summary>Widens the head's time range to include [mint, maxt] of a commit.</summary>
    internal void ObserveTimes(long mint, long maxt)
    {
        LowerTo(ref _minTime, mint);
        RaiseTo(ref _maxTime, maxt);
    }

    internal PendingSample[] RentBuffer()
    {
        lock (_poolLock)
        {
            if (_bufferPool.TryPop(out var b)) return b;
        }
        return new PendingSample[256];
    }

    internal void ReturnBuffer(PendingSample[] buffer, int used)
    {
        Array.Clear(buffer, 0, used); // drop series references so removed series can be collected
        lock (_poolLock)
        {
            // Bounded: one buffer per concurrently committing appender is enough; more would only pin memory.
            if (_bufferPool.Count < 64) _bufferPool.Push(buffer);
        }
    }

    private static void RaiseTo(ref long location, long value)
    {
        long seen = Interlocked.Read(ref location);
        while (value > seen)
        {
            long prev = Interlocked.CompareExchange(ref location, value, seen);
            if (prev == seen) return;
            seen = prev;
        }
    }

    private static void LowerTo(ref long location, long value)
    {
        long seen = Interlocked.Read(ref location);
        while (value < seen)
        {
            long prev = Interlocked.CompareExchange(ref location, value, seen);
            if (prev == seen) return;
            seen = prev;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowEmptyLabels() => throw new ArgumentException("cannot append a sample with an empty label set", "labels");

    public void Dispose() => _isolation.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Head holds --storage.tsdb.max-series={Limit} series: new series are not created and their samples are dropped (e.g. {Series}); raise the limit or lower the cardinality (logged at most once a minute, counted in argus_tsdb_head_samples_rejected_total, reason series_limit)")]
        public static partial void SeriesLimit(ILogger logger, long limit, string series);

        [LoggerMessage(Level = LogLevel.Information, Message = "Head GC completed: truncated before {Mint}, removed {Series} series and {Chunks} chunks in {Duration} ms")]
        public static partial void Truncated(ILogger logger, long mint, int series, long chunks, double duration);

        [LoggerMessage(Level = LogLevel.Information, Message = "WAL replay completed: {Records} series records, {Samples} samples ({Unknown} of unknown series skipped), {Series} series in the head, in {Duration} ms")]
        public static partial void Replayed(ILogger logger, long records, long samples, long unknown, long series, double duration);

        [LoggerMessage(Level = LogLevel.Information, Message = "Head chunk files replayed: {Chunks} chunks attached to their series ({Ignored} of series the WAL no longer knows ignored), {Covered} WAL samples they hold skipped; loading took {Duration} ms")]
        public static partial void ChunksReplayed(ILogger logger, long chunks, long ignored, long covered, double duration);
    }
}
