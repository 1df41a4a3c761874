using System.Runtime.CompilerServices;
using Argus.Model;

namespace Argus.Store.Chunks;

/// <summary>
/// Decodes an XOR chunk sample by sample without allocating. Reset it onto another chunk to reuse it.
/// A decoding failure (truncated or corrupt data) ends the iteration and sets <see cref="Error"/>.
/// </summary>
public sealed class XorIterator : ISampleIterator
{
    private BitReader _br;
    private int _count;
    private int _read;
    private long _t;
    private long _tDelta;
    private ulong _vBits;
    private byte _leading;
    private byte _trailing;

    public XorIterator() { }

    public XorIterator(ChunkSnapshot chunk) => Reset(chunk);

    public long T => _t;
    public double V => BitConverter.UInt64BitsToDouble(_vBits);

    /// <summary>Non-null when the chunk's bytes ended early or held an impossible encoding.</summary>
    public string? Error { get; private set; }

    public void Reset(ChunkSnapshot chunk)
    {
        _br = new BitReader(chunk.Data, chunk.Offset + 2, chunk.Offset + chunk.Length);
        _count = chunk.Count;
        _read = 0;
        _t = long.MinValue;
        _tDelta = 0;
        _vBits = 0;
        _leading = 0;
        _trailing = 0;
        Error = null;
    }

    public bool Seek(long t)
    {
        if (_read > 0 && _t >= t) return true;
        while (Next())
        {
            if (_t >= t) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (Error is not null || _read >= _count) return false;
        if (_read == 0)
        {
            if (!ReadVarint(out long t) || !_br.TryReadBits(64, out ulong v)) return Fail("first sample");
            _t = t;
            _vBits = v;
            _read++;
            return true;
        }
        if (_read == 1)
        {
            if (!ReadUvarint(out ulong td)) return Fail("second timestamp");
            _tDelta = (long)td;
            _t += _tDelta;
            _read++;
            return ReadValue() || Fail("second value");
        }

        // Count the '1' bits of the delta-of-delta prefix (at most 4).
        int prefix = 0;
        for (; prefix < 4; prefix++)
        {
            if (!_br.TryReadBit(out bool bit)) return Fail("timestamp prefix");
            if (!bit) break;
        }
        long dod = 0;
        if (prefix > 0)
        {
            int sz = prefix switch { 1 => 14, 2 => 17, 3 => 20, _ => 64 };
            if (!_br.TryReadBits(sz, out ulong bits)) return Fail("timestamp");
            if (sz != 64 && bits > 1UL << (sz - 1))
            {
                bits -= 1UL << sz; // sign-extend, mirroring the writer's BitRange
            }
            dod = (long)bits;
        }
        _tDelta += dod;
        _t += _tDelta;
        _read++;
        return ReadValue() || Fail("value");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadValue()
    {
        if (!_br.TryReadBit(out bool changed)) return false;
        if (!changed) return true;
        if (!_br.TryReadBit(out bool newWindow)) return false;
        if (newWindow)
        {
            if (!_br.TryReadBits(5, out ulong leading) || !_br.TryReadBits(6, out ulong sig)) return false;
            int sigbits = sig == 0 ? 64 : (int)sig;
            _leading = (byte)leading;
            _trailing = (byte)(64 - (int)leading - sigbits);
            if (_leading + sigbits > 64) return false;
        }
        int mbits = 64 - _leading - _trailing;
        if (!_br.TryReadBits(mbits, out ulong bits)) return false;
        _vBits ^= bits << _trailing;
        return true;
    }

    private bool ReadVarint(out long x)
    {
        bool ok = ReadUvarint(out ulong u);
        x = (long)(u >> 1) ^ -(long)(u & 1);
        return ok;
    }

    private bool ReadUvarint(out ulong x)
    {
        x = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (!_br.TryReadByte(out byte b)) return false;
            x |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return true;
        }
        return false;
    }

    private bool Fail(string what)
    {
        Error = $"cannot decode sample {_read + 1} of {_count}: {what}: unexpected end of data or invalid encoding";
        _read = _count;
        return false;
    }
}
