using Argus.Store.Chunks;

namespace Argus.Store.Head;

/// <summary>
/// Iterates a series snapshot's samples within [mint, maxt], chunk by chunk, without allocating per sample (one
/// <see cref="XorIterator"/> is reused across chunks and, through <see cref="HeadSeries.Iterator"/>, across series).
/// </summary>
internal sealed class HeadSampleIterator : ISampleIterator
{
    private readonly XorIterator _chunk = new();
    private SeriesSnapshot _snap;
    private long _mint;
    private long _maxt;
    private int _next;          // index of the next closed chunk to open; To means the open chunk is next
    private bool _inChunk;
    private bool _done;
    private bool _positioned;

    public long T => _chunk.T;
    public double V => _chunk.V;

    internal void Reset(SeriesSnapshot snap, long mint, long maxt)
    {
        _snap = snap;
        _mint = mint;
        _maxt = maxt;
        _next = snap.From;
        _inChunk = false;
        _done = false;
        _positioned = false;
    }

    public bool Next()
    {
        while (!_done)
        {
            if (_inChunk && _chunk.Next())
            {
                long t = _chunk.T;
                if (t > _maxt) break;
                if (t < _mint) continue;
                _positioned = true;
                return true;
            }
            if (_inChunk && _chunk.Error is { } error)
            {
                throw new InvalidOperationException("BUG: head chunk failed to decode: " + error);
            }
            if (!OpenNextChunk(long.MinValue)) break;
        }
        _done = true;
        return false;
    }

    public bool Seek(long t)
    {
        if (_done) return false;
        if (_positioned && _chunk.T >= t) return true;
        if (t < _mint) t = _mint;
        // Fast path: skip whole closed chunks that end before t without decoding them.
        bool currentEndsBefore = _inChunk && _next <= _snap.To && _snap.Closed[_next - 1].MaxT < t;
        if ((!_inChunk || currentEndsBefore) && !OpenNextChunk(t))
        {
            _done = true;
            return false;
        }
        while (Next())
        {
            if (_chunk.T >= t) return true;
        }
        return false;
    }

    /// <summary>Positions the decoder on the next chunk whose samples may reach <paramref name="atLeast"/>; false when none is left.</summary>
    private bool OpenNextChunk(long atLeast)
    {
        while (_next < _snap.To)
        {
            var c = _snap.Closed[_next++];
            if (c.MinT > _maxt) return false;
            if (c.MaxT < atLeast) continue;
            _chunk.Reset(c.Snapshot);
            _inChunk = true;
            return true;
        }
        if (_next == _snap.To && _snap.Open.Count > 0)
        {
            _next++;
            _chunk.Reset(_snap.Open);
            _inChunk = true;
            return true;
        }
        _inChunk = false;
        return false;
    }
}
