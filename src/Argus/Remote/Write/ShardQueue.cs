using System.Diagnostics;
using System.Threading.Channels;
using Argus.Remote.Protocol;

namespace Argus.Remote.Write;

/// <summary>
/// The queue of one shard, batched as Prometheus's storage/remote queue is: samples are appended to a partial batch of
/// max_samples_per_send entries under a lock; a full batch is handed to the sending loop through a bounded channel of
/// capacity / max_samples_per_send batches (at least one). So the sender is woken once per batch, not once per sample,
/// and an append is an uncontended lock plus a struct copy. When the channel is full the full partial batch stays where it
/// is and appends fail until the sender takes a batch (<see cref="WaitToAppendAsync"/>): back-pressure. After
/// batch_send_deadline without a full batch the sender takes the partial one (<see cref="TryTake"/> with partial: true),
/// which is only handed out when no full batch is waiting, so samples leave in the order they were appended.
/// Batch arrays are reused: the sender gives each back with <see cref="Return"/>.
/// One writer (the queue manager's append loop) and one reader (the shard's send loop).
/// </summary>
internal sealed class ShardQueue
{
    private readonly Lock _lock = new();
    private readonly Channel<(SeriesSample[] Batch, int Count)> _full;
    private readonly Stack<SeriesSample[]> _free = new();
    private readonly int _batchSize;
    private SeriesSample[] _partial;
    private int _partialCount;
    private bool _completed;

    public ShardQueue(int batchSize, int capacity)
    {
        _batchSize = Math.Max(1, batchSize);
        // As Prometheus's newQueue: capacity / batch size full batches, always at least one.
        int batches = Math.Max(1, capacity / _batchSize);
        _full = Channel.CreateBounded<(SeriesSample[], int)>(new BoundedChannelOptions(batches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _partial = new SeriesSample[_batchSize];
    }

    public int BatchSize => _batchSize;

    /// <summary>Appends a sample; false when the queue is full (wait with <see cref="WaitToAppendAsync"/>) or completed.</summary>
    public bool TryAppend(in SeriesSample sample)
    {
        lock (_lock)
        {
            if (_completed) return false;
            if (_partialCount == _batchSize && !TryHandOff()) return false;
            _partial[_partialCount++] = sample;
            if (_partialCount == _batchSize) TryHandOff();   // if the channel is full, the next append retries
            return true;
        }
    }

    /// <summary>Waits until a full batch can be handed on; false once the queue is completed.</summary>
    public ValueTask<bool> WaitToAppendAsync(CancellationToken ct) => _full.Writer.WaitToWriteAsync(ct);

    /// <summary>Waits until a full batch is ready; false once the queue is completed and no full batch is left.</summary>
    public ValueTask<bool> WaitForBatchAsync(CancellationToken ct) => _full.Reader.WaitToReadAsync(ct);

    /// <summary>
    /// Takes the oldest full batch, or, if <paramref name="partial"/> and none is waiting, the partial one (if not empty).
    /// The sender owns the array until it calls <see cref="Return"/>.
    /// </summary>
    public bool TryTake(bool partial, out SeriesSample[] batch, out int count)
    {
        lock (_lock)
        {
            if (_full.Reader.TryRead(out var full))
            {
                (batch, count) = full;
                return true;
            }
            if (partial && _partialCount > 0)
            {
                (batch, count) = (_partial, _partialCount);
                _partial = Rent();
                _partialCount = 0;
                return true;
            }
            (batch, count) = (null!, 0);
            return false;
        }
    }

    /// <summary>Gives a sent batch back for reuse; its entries are cleared so label sets of dropped series can go.</summary>
    public void Return(SeriesSample[] batch, int count)
    {
        Array.Clear(batch, 0, count);
        // Bounded without a check: at most one array per channel slot, the partial one and the one being sent exist.
        lock (_lock) _free.Push(batch);
    }

    /// <summary>No more appends: the sender takes what is left (full batches first, then the partial one) and ends.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            _full.Writer.TryComplete();
        }
    }

    private bool TryHandOff()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        if (!_full.Writer.TryWrite((_partial, _partialCount))) return false;
        _partial = Rent();
        _partialCount = 0;
        return true;
    }

    private SeriesSample[] Rent() => _free.Count > 0 ? _free.Pop() : new SeriesSample[_batchSize];
}
