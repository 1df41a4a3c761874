using System.Buffers.Binary;

namespace Argus.Store.Blocks;

/// <summary>A growable byte buffer with varint writers: the index is assembled in memory, then written in one go.</summary>
internal sealed class IndexBuffer
{
    private byte[] _buf;

    public IndexBuffer(int capacity = 1 << 16) => _buf = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buf.AsSpan(0, Length);

    private Span<byte> Grow(int n)
    {
        if (Length + n > _buf.Length)
        {
            long next = Math.Max((long)_buf.Length * 2, (long)Length + n);
            if (next > Array.MaxLength) throw new InvalidOperationException($"block index would exceed {Array.MaxLength} bytes; write smaller blocks");
            Array.Resize(ref _buf, (int)next);
        }
        return _buf.AsSpan(Length, n);
    }

    public void PutUvarint(ulong x)
    {
        var span = Grow(Varint.MaxLength);
        Length += Varint.PutUvarint(span, x);
    }

    public void PutVarint(long x) => PutUvarint((ulong)((x << 1) ^ (x >> 63)));

    public void PutBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        Length += bytes.Length;
    }

    public void PutUInt64BigEndian(ulong x)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Grow(8), x);
        Length += 8;
    }

    public void PutUInt32BigEndian(uint x)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), x);
        Length += 4;
    }

    public void PutByte(byte b)
    {
        Grow(1)[0] = b;
        Length++;
    }
}
