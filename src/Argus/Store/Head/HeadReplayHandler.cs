using System.Collections.Concurrent;
using Argus.Store.Wal;

namespace Argus.Store.Head;

/// <summary>
/// Feeds WAL records into the head. Series records are applied at once on the reading thread; samples are sharded by series
/// ref over worker threads (as Prometheus's loadWAL does), so decoding and appending overlap and several series are appended
/// in parallel. Each series belongs to one shard, which keeps its samples in log order. Shard buffers are reused.
/// </summary>
internal sealed class HeadReplayHandler : IWalReplayHandler, IDisposable
{
    // 4096 samples per hand-off: large enough that queue operations are noise, small enough that workers start early.
    private const int BufferSamples = 4096;

    private readonly Head _head;
    private readonly int _shards;
    private readonly BlockingCollection<(RefSample[] Buffer, int Count)>[] _queues;
    private readonly ConcurrentBag<RefSample[]> _free = [];
    private readonly RefSample[][] _current;
    private readonly int[] _fill;
    private readonly Task[] _workers;
    private readonly long[] _unknown;
    private Head.ReplayCursor _inline;
    private Exception? _failure;

    public long Series { get; private set; }
    public long Samples { get; private set; }

    /// <summary>Samples dropped because a chunk loaded from a head chunk file already holds them.</summary>
    public long Covered { get; private set; }

    public HeadReplayHandler(Head head, int shards)
    {
        _head = head;
        _shards = Math.Max(1, shards);
        _inline = head.StartReplay();
        _queues = new BlockingCollection<(RefSample[], int)>[_shards];
        _current = new RefSample[_shards][];
        _fill = new int[_shards];
        _unknown = new long[_shards];
        _workers = new Task[_shards > 1 ? _shards : 0];
        for (int i = 0; i < _workers.Length; i++)
        {
            int shard = i;
            _queues[i] = new BlockingCollection<(RefSample[], int)>(boundedCapacity: 16);
            _current[i] = new RefSample[BufferSamples];
            _workers[i] = Task.Factory.StartNew(() => Work(shard), TaskCreationOptions.LongRunning);
        }
    }

    public long Unknown
    {
        get
        {
            long n = _inline.Unknown;
            foreach (long u in _unknown) n += u;
            return n;
        }
    }

    public void OnSeries(ReadOnlySpan<RefSeries> batch)
    {
        foreach (ref readonly var s in batch) _head.ReplaySeries(s.Ref.Value, s.Labels);
        Series += batch.Length;
    }

    public void OnSamples(ReadOnlySpan<RefSample> batch)
    {
        Samples += batch.Length;
        if (_workers.Length == 0)
        {
            foreach (ref readonly var s in batch)
            {
                if (_head.ReplayCovered(s.Ref.Value, s.T)) Covered++;
                else _head.ReplaySample(ref _inline, s.Ref.Value, s.T, s.V);
            }
            _head.FinishReplay(ref _inline);
            return;
        }
        foreach (ref readonly var s in batch)
        {
            // Fast path: a sample a chunk loaded from disk already holds goes no further (most of them, after a clean stop).
            if (_head.ReplayCovered(s.Ref.Value, s.T))
            {
                Covered++;
                continue;
            }
            int shard = (int)(_head.ReplayShardKey(s.Ref.Value) % (ulong)_shards);
            var buffer = _current[shard];
            buffer[_fill[shard]++] = s;
            if (_fill[shard] == BufferSamples) Flush(shard);
        }
    }

    private void Flush(int shard)
    {
        if (_fill[shard] == 0) return;
        _queues[shard].Add((_current[shard], _fill[shard]));
        _current[shard] = _free.TryTake(out var b) ? b : new RefSample[BufferSamples];
        _fill[shard] = 0;
    }

    private void Work(int shard)
    {
        var cursor = _head.StartReplay();
        foreach (var (buffer, count) in _queues[shard].GetConsumingEnumerable())
        {
            // After a failure keep draining, so the reading thread never blocks on a full queue; Complete reports it.
            if (_failure is null)
            {
                try
                {
                    for (int i = 0; i < count; i++)
                    {
                        ref readonly var s = ref buffer[i];
                        _head.ReplaySample(ref cursor, s.Ref.Value, s.T, s.V);
                    }
                    _head.FinishReplay(ref cursor);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
            }
            _free.Add(buffer);
        }
        _unknown[shard] = cursor.Unknown;
    }

    /// <summary>Hands the partial buffers over and waits for the workers; rethrows the first failure of a worker.</summary>
    public void Complete()
    {
        for (int i = 0; i < _workers.Length; i++)
        {
            Flush(i);
            _queues[i].CompleteAdding();
        }
        Task.WaitAll(_workers);
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
    }

    public void Dispose()
    {
        foreach (var q in _queues)
        {
            if (q is null) continue;
            if (!q.IsAddingCompleted) q.CompleteAdding();
        }
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // Already reported by Complete, or replay is failing for another reason that is being thrown.
        }
        foreach (var q in _queues) q?.Dispose();
    }
}
