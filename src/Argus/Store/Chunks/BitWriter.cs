namespace Argus.Store.Chunks;

/// <summary>
/// An append-only big-endian bit stream over a growable byte array, the "bstream" of the Gorilla encoding.
/// Not thread-safe: the chunk's owner serialises writes (the head holds the series lock).
/// </summary>
internal struct BitWriter
{
    private byte[] _buf;
    private int _len;        // bytes in use, the last possibly partial
    private int _freeBits;   // unused low bits in _buf[_len - 1]; 0 when the last byte is full

    public BitWriter(int initialCapacity)
    {
        _buf = new byte[Math.Max(initialCapacity, 2)];
        _len = 0;
        _freeBits = 0;
    }

    internal BitWriter(byte[] buf, int len, int freeBits)
    {
        _buf = buf;
        _len = len;
        _freeBits = freeBits;
    }

    public readonly int Length => _len;
    public readonly int FreeBits => _freeBits;
    public readonly byte[] Buffer => _buf;
    public readonly ReadOnlySpan<byte> Bytes => _buf.AsSpan(0, _len);

    public void WriteByteAligned(byte b)
    {
        EnsureCapacity(1);
        _buf[_len++] = b;
        _freeBits = 0;
    }

    /// <summary>Overwrites a byte at an absolute position (used for the chunk header).</summary>
    public readonly void SetByte(int index, byte b) => _buf[index] = b;

    public void WriteBit(bool bit)
    {
        if (_freeBits == 0)
        {
            EnsureCapacity(1);
            _buf[_len++] = 0;
            _freeBits = 8;
        }
        _freeBits--;
        if (bit)
        {
            _buf[_len - 1] |= (byte)(1 << _freeBits);
        }
    }

    /// <summary>Writes the low <paramref name="nbits"/> bits of <paramref name="u"/>, most significant first.</summary>
    public void WriteBits(ulong u, int nbits)
    {
        if (nbits == 0) return;
        EnsureCapacity(9);
        u <<= 64 - nbits;
        // Fill the partial last byte first.
        if (_freeBits > 0)
        {
            int take = Math.Min(_freeBits, nbits);
            byte top = (byte)(u >> (64 - take));
            _freeBits -= take;
            _buf[_len - 1] |= (byte)(top << _freeBits);
            u <<= take;
            nbits -= take;
        }
        // Fast path: whole bytes.
        while (nbits >= 8)
        {
            _buf[_len++] = (byte)(u >> 56);
            u <<= 8;
            nbits -= 8;
        }
        if (nbits > 0)
        {
            _buf[_len++] = (byte)(u >> 56);
            _freeBits = 8 - nbits;
        }
    }

    private void EnsureCapacity(int extra)
    {
        if (_len + extra <= _buf.Length) return;
        // Grow by half: chunks are small and numerous, so doubling would waste a quarter of head memory on average.
        int size = Math.Max(_len + extra, _buf.Length + (_buf.Length >> 1) + 8);
        Array.Resize(ref _buf, size);
    }

    /// <summary>Shrinks the backing array to exactly the used bytes, once a chunk is complete.</summary>
    public void Trim()
    {
        if (_buf.Length != _len) Array.Resize(ref _buf, _len);
    }
}
