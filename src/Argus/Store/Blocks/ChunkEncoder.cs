using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Buffers one chunk's samples while a block is written and, when the chunk is cut, encodes it as XOR and, if every value
/// is a short decimal, as a decimal chunk, keeping the smaller (XOR on a tie, since Prometheus and the head read it).
/// Not thread-safe: one per block writer.
/// </summary>
internal sealed class ChunkEncoder(bool xorOnly)
{
    private readonly long[] _t = new long[XorChunk.TargetSamples];
    private readonly double[] _v = new double[XorChunk.TargetSamples];
    private readonly DecimalChunkEncoder _decimal = new();
    private int _count;

    public int Count => _count;

    /// <summary>Buffers a sample; the caller cuts the chunk before <see cref="XorChunk.TargetSamples"/> are buffered.</summary>
    public void Add(long t, double v)
    {
        _t[_count] = t;
        _v[_count] = v;
        _count++;
    }

    /// <summary>Encodes the buffered samples (at least one) into a new array and starts an empty chunk.</summary>
    public (ChunkEncoding Encoding, byte[] Bytes, long MinT, long MaxT) Cut()
    {
        var xor = new XorChunk(256);
        for (int i = 0; i < _count; i++) xor.Append(_t[i], _v[i]);
        var result = (ChunkEncoding.Xor, xor.ToArray(), _t[0], _t[_count - 1]);
        if (!xorOnly && _decimal.TryEncode(_t.AsSpan(0, _count), _v.AsSpan(0, _count), xor.Size, out var encoded))
        {
            result = (ChunkEncoding.Decimal, encoded.ToArray(), _t[0], _t[_count - 1]);
        }
        _count = 0;
        return result;
    }
}
