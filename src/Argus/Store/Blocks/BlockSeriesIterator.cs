using System.Runtime.CompilerServices;
using Argus.Model;
using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Iterates a block series' samples within [mint, maxt], reading one chunk at a time into a reused buffer: no allocation
/// per sample, one positional read per chunk. A corrupt chunk throws <see cref="InvalidDataException"/> naming it.
/// </summary>
internal sealed class BlockSeriesIterator : ISampleIterator
{
    private readonly XorIterator _xor = new();
    private byte[] _buffer = new byte[1024];
    private ChunkMeta[] _chunks = [];
    private ChunkSegmentReader? _reader;
    private long _mint;
    private long _maxt;
    private string _dir = "";
    private Labels? _labels;
    private int _chunk;       // index of the chunk _xor is positioned in; -1 before the first
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

    public long T => _xor.T;
    public double V => _xor.V;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (_done) return false;
        while (true)
        {
            if (_chunk >= 0 && _xor.Next())
            {
                long t = _xor.T;
                if (t < _mint) continue;
                if (t > _maxt) return Finish();
                _valid = true;
                return true;
            }
            if (_chunk >= 0 && _xor.Error is { } error) ThrowCorrupt(error);
            if (!LoadChunk(_chunk + 1)) return Finish();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Seek(long t)
    {
        if (_done) return false;
        if (_valid && _xor.T >= t) return true;
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
            if (_xor.T >= t) return true;
        }
        return false;
    }

    private bool LoadChunk(int i)
    {
        if (i >= _chunks.Length) return false;
        _reader!.Read(_chunks[i], ref _buffer);
        int len = _chunks[i].Length;
        if (len < 2) ThrowCorrupt($"chunk of {len} bytes");
        _xor.Reset(new ChunkSnapshot(_buffer, len, XorChunk.CountOf(_buffer)));
        _chunk = i;
        _valid = false;
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
