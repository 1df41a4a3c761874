using System.Buffers.Binary;

namespace Argus.Store.Chunks;

/// <summary>Reads a big-endian bit stream written by <see cref="BitWriter"/>, buffering 64 bits at a time.</summary>
internal struct BitReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;       // next byte to load into _buffer
    private ulong _buffer;  // valid bits are the top _valid bits
    private int _valid;

    public BitReader(byte[] data, int start, int end)
    {
        _data = data;
        _pos = start;
        _end = end;
        _buffer = 0;
        _valid = 0;
    }

    public readonly int BytePosition => _pos - _valid / 8;

    public bool TryReadBit(out bool bit)
    {
        if (_valid == 0 && !Refill())
        {
            bit = false;
            return false;
        }
        bit = (_buffer & 0x8000_0000_0000_0000UL) != 0;
        _buffer <<= 1;
        _valid--;
        return true;
    }

    public bool TryReadBits(int nbits, out ulong value)
    {
        value = 0;
        if (nbits == 0) return true;
        if (_valid >= nbits)
        {
            value = _buffer >> (64 - nbits);
            _buffer = nbits == 64 ? 0 : _buffer << nbits;
            _valid -= nbits;
            return true;
        }
        // Take what is buffered, refill, take the rest.
        int have = _valid;
        ulong hi = have == 0 ? 0 : _buffer >> (64 - have);
        _valid = 0;
        _buffer = 0;
        if (!Refill()) return false;
        int need = nbits - have;
        if (_valid < need) return false;
        ulong lo = _buffer >> (64 - need);
        _buffer = need == 64 ? 0 : _buffer << need;
        _valid -= need;
        value = have == 0 ? lo : (hi << need) | lo;
        return true;
    }

    public bool TryReadByte(out byte b)
    {
        bool ok = TryReadBits(8, out ulong v);
        b = (byte)v;
        return ok;
    }

    private bool Refill()
    {
        int avail = _end - _pos;
        if (avail <= 0) return false;
        if (avail >= 8 && _valid == 0)
        {
            // Fast path: a whole word.
            _buffer = BinaryPrimitives.ReadUInt64BigEndian(_data.AsSpan(_pos, 8));
            _pos += 8;
            _valid = 64;
            return true;
        }
        while (_valid <= 56 && _pos < _end)
        {
            _buffer |= (ulong)_data[_pos++] << (56 - _valid);
            _valid += 8;
        }
        return true;
    }
}
