using System.Runtime.CompilerServices;

namespace Argus.Store.Blocks;

/// <summary>Go-compatible varints (LEB128; signed values zig-zag encoded), the integer encoding of the block index.</summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static void WriteUvarint(List<byte> dst, ulong x)
    {
        while (x >= 0x80)
        {
            dst.Add((byte)(x | 0x80));
            x >>= 7;
        }
        dst.Add((byte)x);
    }

    public static void WriteVarint(List<byte> dst, long x) => WriteUvarint(dst, (ulong)((x << 1) ^ (x >> 63)));

    public static int PutUvarint(Span<byte> dst, ulong x)
    {
        int i = 0;
        while (x >= 0x80)
        {
            dst[i++] = (byte)(x | 0x80);
            x >>= 7;
        }
        dst[i++] = (byte)x;
        return i;
    }

    public static int UvarintSize(ulong x)
    {
        int n = 1;
        while (x >= 0x80) { x >>= 7; n++; }
        return n;
    }

    /// <summary>Reads an unsigned varint at pos and advances it; throws <see cref="InvalidDataException"/> on truncation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadUvarint(ReadOnlySpan<byte> src, ref int pos)
    {
        // Fast path: one-byte values (symbol refs, small deltas) dominate the index.
        if ((uint)pos < (uint)src.Length && src[pos] < 0x80) return src[pos++];
        return ReadUvarintSlow(src, ref pos);
    }

    private static ulong ReadUvarintSlow(ReadOnlySpan<byte> src, ref int pos)
    {
        ulong x = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (pos >= src.Length) ThrowTruncated(pos);
            byte b = src[pos++];
            x |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return x;
        }
        throw new InvalidDataException($"varint longer than 10 bytes at offset {pos}");
    }

    public static long ReadVarint(ReadOnlySpan<byte> src, ref int pos)
    {
        ulong u = ReadUvarint(src, ref pos);
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    private static void ThrowTruncated(int pos) => throw new InvalidDataException($"varint truncated at offset {pos}");
}
