using System.Buffers.Binary;
using System.Numerics;

namespace Argus.Store.Chunks;

/// <summary>
/// A chunk of float samples in Prometheus's XOR encoding (Gorilla: delta-of-delta timestamps, XOR'ed values), byte-compatible
/// with Prometheus's chunkenc XOR chunk. Layout (docs/format/chunks.md): a 2-byte big-endian sample count, then the first
/// timestamp as a signed varint and first value as 64 raw bits, the second timestamp's delta as an unsigned varint and its
/// value XOR-encoded, then per sample a delta-of-delta in one of five bit-width buckets and an XOR-encoded value.
/// <para>Concurrency: one writer (holding the series lock) appends; readers must take a snapshot with
/// <see cref="Snapshot"/> under the same lock and iterate that, since the writer may reallocate the buffer.</para>
/// </summary>
public sealed class XorChunk
{
    /// <summary>The head cuts a new chunk after this many samples, as Prometheus does: ~1 KB chunks at typical compression.</summary>
    public const int TargetSamples = 120;

    private BitWriter _bw;
    private ushort _count;
    private long _t;
    private long _tDelta;
    private ulong _vBits;
    private byte _leading = 0xff;
    private byte _trailing;
    private long _minT;

    public XorChunk(int initialCapacity = 32)
    {
        _bw = new BitWriter(initialCapacity);
        _bw.WriteByteAligned(0);
        _bw.WriteByteAligned(0);
    }

    public int Count => _count;
    public long MinTime => _minT;
    public long MaxTime => _t;
    public double LastValue => BitConverter.UInt64BitsToDouble(_vBits);

    /// <summary>Encoded size in bytes, header included.</summary>
    public int Size => _bw.Length;

    /// <summary>The encoded bytes (header included). Valid until the next append.</summary>
    public ReadOnlySpan<byte> Bytes => _bw.Bytes;

    /// <summary>Appends a sample. The caller guarantees t is greater than the previous timestamp and Count &lt; 65535.</summary>
    public void Append(long t, double v)
    {
        ulong vBits = BitConverter.DoubleToUInt64Bits(v);
        switch (_count)
        {
            case 0:
                WriteVarint(t);
                _bw.WriteBits(vBits, 64);
                _minT = t;
                break;
            case 1:
                _tDelta = t - _t;
                WriteUvarint((ulong)_tDelta);
                WriteValue(vBits);
                break;
            default:
                long tDelta = t - _t;
                long dod = tDelta - _tDelta;
                if (dod == 0)
                {
                    _bw.WriteBit(false);
                }
                else if (BitRange(dod, 14))
                {
                    _bw.WriteBits(0b10, 2);
                    _bw.WriteBits((ulong)dod, 14);
                }
                else if (BitRange(dod, 17))
                {
                    _bw.WriteBits(0b110, 3);
                    _bw.WriteBits((ulong)dod, 17);
                }
                else if (BitRange(dod, 20))
                {
                    _bw.WriteBits(0b1110, 4);
                    _bw.WriteBits((ulong)dod, 20);
                }
                else
                {
                    _bw.WriteBits(0b1111, 4);
                    _bw.WriteBits((ulong)dod, 64);
                }
                _tDelta = tDelta;
                WriteValue(vBits);
                break;
        }
        _t = t;
        _vBits = vBits;
        _count++;
        _bw.SetByte(0, (byte)(_count >> 8));
        _bw.SetByte(1, (byte)_count);
    }

    /// <summary>Releases spare capacity once the chunk is complete; appending afterwards still works.</summary>
    public void Trim() => _bw.Trim();

    /// <summary>An immutable view of the samples written so far, safe to iterate while the writer continues.</summary>
    public ChunkSnapshot Snapshot() => new(_bw.Buffer, _bw.Length, _count);

    /// <summary>Copies the encoded bytes (header included) into a new array, e.g. for writing a block.</summary>
    public byte[] ToArray() => _bw.Bytes.ToArray();

    // -((1<<(n-1))-1) <= x <= 1<<(n-1), exactly Prometheus's bitRange so that encodings are byte-identical.
    private static bool BitRange(long x, int nbits) => -((1L << (nbits - 1)) - 1) <= x && x <= 1L << (nbits - 1);

    private void WriteValue(ulong vBits)
    {
        ulong delta = vBits ^ _vBits;
        if (delta == 0)
        {
            _bw.WriteBit(false);
            return;
        }
        _bw.WriteBit(true);
        int leading = BitOperations.LeadingZeroCount(delta);
        int trailing = BitOperations.TrailingZeroCount(delta);
        if (leading >= 32) leading = 31; // the leading count is stored in 5 bits
        if (_leading != 0xff && leading >= _leading && trailing >= _trailing)
        {
            // Fast path: the meaningful bits fit in the previous window.
            _bw.WriteBit(false);
            _bw.WriteBits(delta >> _trailing, 64 - _leading - _trailing);
            return;
        }
        _leading = (byte)leading;
        _trailing = (byte)trailing;
        _bw.WriteBit(true);
        _bw.WriteBits((ulong)leading, 5);
        int sigbits = 64 - leading - trailing;
        _bw.WriteBits((ulong)sigbits, 6); // 64 wraps to 0; the reader maps it back
        _bw.WriteBits(delta >> trailing, sigbits);
    }

    private void WriteVarint(long x) => WriteUvarint((ulong)((x << 1) ^ (x >> 63)));

    private void WriteUvarint(ulong x)
    {
        while (x >= 0x80)
        {
            _bw.WriteBits((x & 0x7f) | 0x80, 8);
            x >>= 7;
        }
        _bw.WriteBits(x, 8);
    }

    /// <summary>Reads the sample count from an encoded chunk's header.</summary>
    public static int CountOf(ReadOnlySpan<byte> encoded) => BinaryPrimitives.ReadUInt16BigEndian(encoded);
}
