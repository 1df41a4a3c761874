using System.Runtime.CompilerServices;
using Argus.Model;
using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Iterates a block series' samples within [mint, maxt], reading one chunk at a time into a reused buffer: no allocation
/// per sample, one copy per chunk. Each chunk is decoded by the iterator of its encoding (XOR or decimal), chosen once per
/// chunk, so the per-sample cost is one predictable branch. A corrupt chunk throws <see cref="InvalidDataException"/> naming it.
/// </summary>
internal sealed class BlockSeriesIterator : ISampleIterator
{
    private readonly XorIterator _xor = new();
    private readonly DecimalIterator _decimal = new();
    private byte[] _buffer = new byte[1024];
    private ChunkMeta[] _chunks = [];
    private ChunkSegmentReader? _reader;
    private long _mint;
    private long _maxt;
    private string _dir = "";
    private Labels? _labels;
    private int _chunk;       // index of the chunk being decoded; -1 before the first
    private bool _isDecimal;  // which iterator decodes it
    private bool _valid;
    private bool _done;

    public void Reset(ChunkMeta[] chunks, ChunkSegmentReader reader, long mint, long maxt, string dir, Labels labels)
    {
        _chunks = chunks;
        _reader = reader;
        _mint = mint;
        _maxt = maxt;
        _dir = dir;
        _labels = labels;
        _chunk = -1;
        _valid = false;
        _done = false;
    }

    public long T => _isDecimal ? _decimal.T : _xor.T;
    public double V => _isDecimal ? _decimal.V : _xor.V;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (_done) return false;
        while (true)
        {
            if (_chunk >= 0 && (_isDecimal ? _decimal.Next() : _xor.Next()))
            {
                long t = T;
                if (t < _mint) continue;
                if (t > _maxt) return Finish();
                _valid = true;
                return true;
            }
            if (_chunk >= 0 && (_isDecimal ? _decimal.Error : _xor.Error) is { } error) ThrowCorrupt(error);
            if (!LoadChunk(_chunk + 1)) return Finish();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Seek(long t)
    {
        if (_done) return false;
        if (_valid && T >= t) return true;
        if (t < _mint) t = _mint;
        // Skip whole chunks that end before t.
        int next = _chunk + 1;
        if (_chunk < 0 || _chunks[_chunk].MaxT < t)
        {
            while (next < _chunks.Length && _chunks[next].MaxT < t) next++;
            if (next >= _chunks.Length) return Finish();
            LoadChunk(next);
        }
        while (Next())
        {
            if (T >= t) return true;
        }
        return false;
    }

    private bool LoadChunk(int i)
    {
        if (i >= _chunks.Length) return false;
        _chunk = i;
        _valid = false;
        var (encoding, len) = _reader!.Read(_chunks[i], ref _buffer);
        if (len < 2) ThrowCorrupt($"{encoding} chunk of {len} bytes is shorter than its 2-byte header");
        switch (encoding)
        {
            case ChunkEncoding.Xor:
                _isDecimal = false;
                _xor.Reset(new ChunkSnapshot(_buffer, len, XorChunk.CountOf(_buffer)));
                break;
            case ChunkEncoding.Decimal:
                _isDecimal = true;
                _decimal.Reset(_buffer, len);
                break;
            default:
                ThrowCorrupt($"unknown chunk encoding {(byte)encoding}");
                break;
        }
        return true;
    }

    private bool Finish()
    {
        _done = true;
        _valid = false;
        return false;
    }

    private void ThrowCorrupt(string why)
    {
        var c = _chunks[_chunk];
        throw new InvalidDataException($"{_dir}: chunk {_chunk + 1} of series {_labels} (segment {c.Segment}, offset {c.Offset}, {c.Length} bytes): {why}");
    }
}
