using Argus.Model;
using Argus.Store.Chunks;

namespace Argus.Store.Head;

/// <summary>
/// One series in the head: its label pair ids, completed chunks and the open chunk. Kept small (no lock, no dictionaries, no
/// label strings, no per-sample state beyond the last sample): all mutable fields are guarded by the lock of the series' stripe
/// (<see cref="StripeSeries"/>).
/// <para>Completed chunks are <c>_closed[0.._closedCount)</c>: a new one is written past the count (into a doubled copy
/// when full), and truncation builds a new array, so entries below a count once read never change and a reader that took
/// (array, count) under the stripe lock needs no lock afterwards. The open chunk is read through a <see cref="ChunkSnapshot"/>
/// taken under the same lock.</para>
/// </summary>
internal sealed class MemSeries(ulong seriesRef, ulong hash)
{
    public readonly ulong Ref = seriesRef;

    /// <summary>The label set's <see cref="Labels.Hash"/>: the hash-map key, and the hash of label sets rebuilt from the index.</summary>
    public readonly ulong Hash = hash;

    /// <summary>
    /// The ids of the series' label pairs in the head index (<see cref="Index.MemPostings"/>), in label order; the index turns
    /// them back into <see cref="Labels"/>. Set once, under the hash stripe's lock, when the series is indexed; null before.
    /// </summary>
    public int[] Pairs = null!;

    private HeadChunk[] _closed = [];
    private int _closedCount;
    private XorChunk? _open;
    private long _openEnd;              // the open chunk must be cut before a sample at or after this time (range boundary)
    private long _lastT = long.MinValue;
    private ulong _lastVBits;
    private bool _lastVFromDisk;        // _lastVBits not read yet from the last closed chunk, which was loaded from a head chunk file

    /// <summary>Samples accepted by appenders but not yet committed or rolled back; the series is not garbage-collected meanwhile.</summary>
    public int Pending;

    /// <summary>True once a WAL record of this series was written, so later batches need not log it again.</summary>
    public volatile bool Logged;

    /// <summary>Set when head GC removed the series; an appender that still holds it must look the labels up again.</summary>
    public volatile bool Deleted;

    public long LastT => _lastT;
    public bool HasSamples => _lastT != long.MinValue;
    public int ChunkCount => _closedCount + (_open is null ? 0 : 1);

    public long MinTime => _closedCount > 0 ? _closed[0].MinT : _open is not null ? _open.MinTime : long.MaxValue;

    /// <summary>Whether a sample could be appended now: the reason it could not, or Ok / Repeat.</summary>
    public AppendOutcome Appendable(long t, double v)
    {
        if (_lastT == long.MinValue || t > _lastT) return AppendOutcome.Ok;
        if (t < _lastT) return AppendOutcome.OutOfOrder;
        if (_lastVFromDisk) ResolveLastValue();
        return BitConverter.DoubleToUInt64Bits(v) == _lastVBits ? AppendOutcome.Repeat : AppendOutcome.Duplicate;
    }

    /// <summary>
    /// Adds a completed chunk loaded from a head chunk file at replay, before any WAL sample of the series: it becomes the
    /// newest closed chunk and its maxt the last sample time. False (and nothing added) when it overlaps what the series
    /// holds. The last value is decoded only if a duplicate check needs it (most series get a newer WAL sample first).
    /// </summary>
    public bool AddLoadedChunk(byte[] buffer, int offset, int length, long mint, long maxt)
    {
        if (_open is not null || (_lastT != long.MinValue && mint <= _lastT)) return false;
        AddClosed(new HeadChunk(buffer, offset, length, mint, maxt));
        _lastT = maxt;
        _lastVFromDisk = true;
        return true;
    }

    private void ResolveLastValue()
    {
        var last = _closed[_closedCount - 1];
        var it = new XorIterator(last.Snapshot);
        ulong bits = 0;
        while (it.Next()) bits = BitConverter.DoubleToUInt64Bits(it.V);
        _lastVBits = bits;
        _lastVFromDisk = false;
    }

    /// <summary>
    /// Appends a sample that must pass <see cref="Appendable"/> (re-checked here; a failing sample is not stored).
    /// Returns the outcome and whether a new chunk was started.
    /// </summary>
    public AppendOutcome Append(long t, double v, HeadOptions options, out bool chunkCreated) =>
        Append(t, v, options, out chunkCreated, out _);

    /// <summary>
    /// As above; <paramref name="closed"/> is the chunk this append completed (cut), if it did (else its Data is null): the
    /// caller hands it to the head chunk files.
    /// </summary>
    public AppendOutcome Append(long t, double v, HeadOptions options, out bool chunkCreated, out HeadChunk closed)
    {
        chunkCreated = false;
        closed = default;
        var outcome = Appendable(t, v);
        if (outcome != AppendOutcome.Ok) return outcome;
        if (_open is null || _open.Count >= options.SamplesPerChunk || t >= _openEnd)
        {
            closed = CutChunk(t, options);
            chunkCreated = true;
        }
        _open!.Append(t, v);
        _lastT = t;
        _lastVBits = BitConverter.DoubleToUInt64Bits(v);
        _lastVFromDisk = false;
        return AppendOutcome.Ok;
    }

    private HeadChunk CutChunk(long t, HeadOptions options)
    {
        HeadChunk cut = default;
        if (_open is not null)
        {
            _open.Trim();
            var full = _open.Snapshot();
            cut = new HeadChunk(full.Data, _open.MinTime, _open.MaxTime);
            AddClosed(cut);
        }
        _open = new XorChunk(options.ChunkInitialBytes);
        // Chunks end at multiples of the block range, as Prometheus's chunk ranges do, so blocks never split a chunk.
        long range = options.ChunkRangeMs;
        _openEnd = (t >= 0 ? t / range : ((t + 1) / range) - 1) * range + range;
        return cut;
    }

    /// <summary>Makes room for <paramref name="count"/> closed chunks (replay knows how many it loads).</summary>
    public void ReserveClosed(int count)
    {
        if (_closed.Length >= count) return;
        var next = new HeadChunk[count];
        _closed.AsSpan(0, _closedCount).CopyTo(next);
        _closed = next;
    }

    private void AddClosed(HeadChunk chunk)
    {
        if (_closedCount == _closed.Length)
        {
            // Exact up to 8 entries (a 2-3 h window holds 4-8 chunks, and a copy per 120 samples is cheap), doubling beyond,
            // so cuts stay amortized O(1) when truncation lags behind.
            var next = new HeadChunk[_closedCount < 8 ? _closedCount + 1 : _closedCount * 2];
            _closed.AsSpan(0, _closedCount).CopyTo(next);
            _closed = next;
        }
        _closed[_closedCount++] = chunk;
    }

    /// <summary>
    /// Drops chunks that end before <paramref name="mint"/>. Returns the number removed. The series keeps its last sample time,
    /// so later samples are still checked for order.
    /// </summary>
    public int TruncateBefore(long mint)
    {
        int drop = 0;
        while (drop < _closedCount && _closed[drop].MaxT < mint) drop++;
        if (drop == _closedCount && _lastVFromDisk && drop > 0) ResolveLastValue();   // the chunk holding the last value goes
        int removed = drop;
        if (drop > 0)
        {
            // A new array: readers may still hold the old one with its entries intact.
            _closed = _closed.AsSpan(drop, _closedCount - drop).ToArray();
            _closedCount -= drop;
        }
        if (_closedCount == 0 && _open is not null && _open.MaxTime < mint)
        {
            _open = null;
            removed++;
        }
        return removed;
    }

    /// <summary>The chunks overlapping [mint, maxt], as immutable snapshots. Call under the stripe lock.</summary>
    public SeriesSnapshot Snapshot(long mint, long maxt)
    {
        var closed = _closed;
        int from = 0;
        while (from < _closedCount && closed[from].MaxT < mint) from++;
        int to = _closedCount;
        while (to > from && closed[to - 1].MinT > maxt) to--;
        ChunkSnapshot open = default;
        if (_open is not null && _open.Count > 0 && _open.MaxTime >= mint && _open.MinTime <= maxt) open = _open.Snapshot();
        return new SeriesSnapshot(closed, from, to, open);
    }
}
