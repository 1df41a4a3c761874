using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Argus.Model;
using Argus.Store.Wal;

namespace Argus.Store.Head;

/// <summary>
/// One batch of appends to the head. Append validates each sample against the series' committed state (out of order,
/// duplicate, too old) and queues it; Commit logs the batch to the WAL, then publishes it under the isolation lock.
/// As in Prometheus, a sample that became invalid between Append and Commit (another appender wrote the same series) is dropped
/// at Commit and counted, but not reported to the caller. Zero allocations per sample: the queue is a pooled array.
/// <para>Per sample, Append takes the series' stripe lock once (lookup, check, reservation) and Commit once more (publish);
/// with a WAL, Append also writes the sample's WAL entry, so the WAL write at Commit reads no series unless the batch holds
/// series that were never logged.</para>
/// </summary>
internal sealed partial class HeadAppender : IAppender
{
    private readonly Head _head;
    private readonly bool _seriesLimit;
    private readonly bool _logging;
    // Samples older than this are too old. Fixed when the appender is created, as Prometheus's headAppender.minValidTime:
    // reading the head's bounds per sample cost two interlocked reads a sample, and a batch publishes nothing before Commit.
    private readonly long _minValidTime;
    private PendingSample[] _pending;
    // With a WAL: _walSamples[i] is _pending[i] as the WAL logs it (ref, t, v). Rented from the shared pool on first use.
    private RefSample[] _walSamples = [];
    private int _count;
    // Pending samples whose series had no WAL series record when they were appended; 0 lets LogToWal skip the series scan.
    private int _unlogged;
    private ulong _prefetched;   // the ref of the last Prefetch call, whose series the next call prefetches
    private bool _done;

    public HeadAppender(Head head, bool seriesLimit)
    {
        _head = head;
        _seriesLimit = seriesLimit;
        _logging = head.Wal is not null;
        _minValidTime = head.MinValidAppendTime;
        _pending = head.RentBuffer();
        head.Metrics.ActiveAppenders.Add(1);
    }

    public AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v)
    {
        if (_done) ThrowDone();
        if (t < _minValidTime)
        {
            _head.Metrics.CountRejected(AppendOutcome.TooOld);
            return AppendOutcome.TooOld;
        }
        MemSeries? s = null;
        AppendOutcome outcome = AppendOutcome.Ok;
        if (!series.IsNone)
        {
            // Fast path: the caller's cached ref; lookup, check and reservation under one stripe lock.
            var stripe = _head.Series.ForRef(series.Value);
            lock (stripe.Lock)
            {
                if ((s = stripe.ByRef.GetByRef(series.Value)) is not null) outcome = Reserve(s, t, v);
            }
        }
        while (s is null)
        {
            if (labels is null) return AppendOutcome.UnknownSeries;
            var created = _seriesLimit ? _head.GetOrCreateLimited(labels) : _head.GetOrCreate(labels);
            if (created is null)
            {
                _head.Metrics.CountRejected(AppendOutcome.SeriesLimit);
                return AppendOutcome.SeriesLimit;
            }
            var stripe = _head.Series.ForRef(created.Ref);
            lock (stripe.Lock)
            {
                if (created.Deleted) continue; // lost a race with head GC: look the labels up again
                s = created;
                outcome = Reserve(s, t, v);
            }
        }
        series = new SeriesRef(s.Ref);
        if (outcome != AppendOutcome.Ok)
        {
            _head.Metrics.CountRejected(outcome);
            return outcome;
        }
        if (_count == _pending.Length) Grow();
        ref var p = ref _pending[_count];
        p.Series = s;
        p.T = t;
        p.V = v;
        if (_logging)
        {
            if (_walSamples.Length <= _count) RentWalSamples();
            _walSamples[_count] = new RefSample(series, t, v);
            if (!s.Logged) _unlogged++;
        }
        _count++;
        return AppendOutcome.Ok;
    }

    /// <summary>
    /// Pipelined prefetch (<see cref="IAppender.Prefetch"/>): this call asks the CPU for the home slot of
    /// <paramref name="series"/>, and for the series whose slot the previous call asked for (by now in cache), so that both
    /// misses of a lookup by ref are in flight while the caller parses the lines before them. Hints only: no lock is taken,
    /// and a slot holding another series (collision, concurrent resize) only wastes the prefetch.
    /// </summary>
    public unsafe void Prefetch(SeriesRef series)
    {
        if (!Sse.IsSupported) return;
        var stripes = _head.Series;
        ulong previous = _prefetched;
        _prefetched = series.Value;
        if (previous != 0)
        {
            ref MemSeries? slot = ref stripes.ForRef(previous).ByRef.HomeSlotHint(previous);
            if (!Unsafe.IsNullRef(ref slot) && slot is { } s)
            {
                // The object's first two cache lines: the ref, the last sample and the open chunk (Appendable, Append).
                PrefetchSeries(s);
            }
        }
        if (series.Value != 0)
        {
            ref MemSeries? slot = ref stripes.ForRef(series.Value).ByRef.HomeSlotHint(series.Value);
            if (!Unsafe.IsNullRef(ref slot)) Sse.Prefetch0(Unsafe.AsPointer(ref slot));
        }
    }

    /// <summary>Asks for the series' first two cache lines: its ref, last sample and open chunk (Appendable, Append).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchSeries(MemSeries s)
    {
        // The object's address, read from the reference; if the GC moves it meanwhile, only the hint is wasted.
        byte* p = *(byte**)Unsafe.AsPointer(ref s);
        Sse.Prefetch0(p);
        Sse.Prefetch0(p + 64);
    }

    // Under the series' stripe lock.
    private static AppendOutcome Reserve(MemSeries s, long t, double v)
    {
        var outcome = s.Appendable(t, v);
        if (outcome == AppendOutcome.Ok) s.Pending++;
        return outcome;
    }

    public void Commit()
    {
        if (_done) ThrowDone();
        try
        {
            LogToWal();
        }
        catch
        {
            Rollback();
            throw;
        }
        Publish();
        Finish();
    }

    private void Publish()
    {
        if (_count == 0) return;
        var head = _head;
        var options = head.Options;
        var stripes = head.Series;
        long appended = 0, chunksCreated = 0, mint = long.MaxValue, maxt = long.MinValue;
        head.Isolation.EnterReadLock();
        try
        {
            bool prefetch = Sse.IsSupported;
            for (int i = 0; i < _count; i++)
            {
                // Fast path: the series four samples on is fetched while this one is appended (a commit of a large
                // scrape no longer finds its first series in cache).
                if (prefetch && i + 4 < _count) PrefetchSeries(_pending[i + 4].Series);
                ref var p = ref _pending[i];
                var s = p.Series;
                AppendOutcome outcome;
                bool created;
                var stripe = stripes.ForRef(s.Ref);
                lock (stripe.Lock)
                {
                    outcome = s.Append(p.T, p.V, options, out created, out var completed);
                    s.Pending--;
                    if (completed.Data is not null) head.ChunkCompleted(s.Ref, completed);   // under the lock: per series in cut order
                }
                if (created) chunksCreated++;
                if (outcome == AppendOutcome.Ok)
                {
                    appended++;
                    if (p.T < mint) mint = p.T;
                    if (p.T > maxt) maxt = p.T;
                }
                else
                {
                    head.Metrics.CountRejected(outcome);
                }
            }
            if (appended > 0) head.ObserveTimes(mint, maxt);
        }
        finally
        {
            head.Isolation.ExitReadLock();
        }
        if (chunksCreated > 0) head.ChunksCreated(chunksCreated);
        head.Metrics.SamplesAppended.Add(appended);
    }

    public void Rollback()
    {
        if (_done) return;
        for (int i = 0; i < _count; i++)
        {
            var s = _pending[i].Series;
            var stripe = _head.Series.ForRef(s.Ref);
            lock (stripe.Lock) s.Pending--;
        }
        Finish();
    }

    private void Finish()
    {
        _done = true;
        _head.ReturnBuffer(_pending, _count);
        _pending = [];
        if (_walSamples.Length > 0)
        {
            ArrayPool<RefSample>.Shared.Return(_walSamples);   // plain values, nothing to clear
            _walSamples = [];
        }
        _count = 0;
        _unlogged = 0;
        _head.Metrics.ActiveAppenders.Add(-1);
    }

    private void Grow()
    {
        var bigger = new PendingSample[_pending.Length * 2];
        _pending.AsSpan(0, _count).CopyTo(bigger);
        _head.ReturnBuffer(_pending, _count);
        _pending = bigger;
    }

    /// <summary>A WAL entry array at least as long as the pending queue, keeping the entries written so far.</summary>
    private void RentWalSamples()
    {
        var bigger = ArrayPool<RefSample>.Shared.Rent(_pending.Length);
        if (_walSamples.Length > 0)
        {
            _walSamples.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<RefSample>.Shared.Return(_walSamples);
        }
        _walSamples = bigger;
    }

    [DoesNotReturn]
    private static void ThrowDone() => throw new InvalidOperationException("appender already committed or rolled back");
}
