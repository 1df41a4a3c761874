using System.Diagnostics.CodeAnalysis;
using Argus.Model;

namespace Argus.Store.Head;

/// <summary>
/// One batch of appends to the head. Append validates each sample against the series' committed state (out of order,
/// duplicate, too old) and queues it; Commit logs the batch to the WAL, then publishes it under the isolation lock.
/// As in Prometheus, a sample that became invalid between Append and Commit (another appender wrote the same series) is dropped
/// at Commit and counted, but not reported to the caller. Zero allocations per sample: the queue is a pooled array.
/// </summary>
internal sealed partial class HeadAppender : IAppender
{
    private readonly Head _head;
    private PendingSample[] _pending;
    private int _count;
    private readonly bool _seriesLimit;
    private bool _done;

    public HeadAppender(Head head, bool seriesLimit)
    {
        _head = head;
        _seriesLimit = seriesLimit;
        _pending = head.RentBuffer();
        head.Metrics.ActiveAppenders.Add(1);
    }

    public AppendOutcome Append(ref SeriesRef series, Labels? labels, long t, double v)
    {
        if (_done) ThrowDone();
        if (t < _head.MinValidAppendTime)
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
        ref var p = ref _pending[_count++];
        p.Series = s;
        p.T = t;
        p.V = v;
        return AppendOutcome.Ok;
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
        long appended = 0, chunksCreated = 0, mint = long.MaxValue, maxt = long.MinValue;
        head.Isolation.EnterReadLock();
        try
        {
            for (int i = 0; i < _count; i++)
            {
                ref var p = ref _pending[i];
                var s = p.Series;
                AppendOutcome outcome;
                bool created;
                var stripe = head.Series.ForRef(s.Ref);
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
        _count = 0;
        _head.Metrics.ActiveAppenders.Add(-1);
    }

    private void Grow()
    {
        var bigger = new PendingSample[_pending.Length * 2];
        _pending.AsSpan(0, _count).CopyTo(bigger);
        _head.ReturnBuffer(_pending, _count);
        _pending = bigger;
    }

    [DoesNotReturn]
    private static void ThrowDone() => throw new InvalidOperationException("appender already committed or rolled back");
}
