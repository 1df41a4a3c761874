using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;
using X86Sse42 = System.Runtime.Intrinsics.X86.Sse42;

namespace Argus.Store.Wal;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum Prometheus's WAL puts in every record fragment header
/// (Go's <c>crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))</c>). System.IO.Hashing.Crc32 is the IEEE polynomial and
/// cannot be used. Uses the SSE4.2 / ARMv8 CRC instructions when present, a slicing-by-8 table otherwise. Thread-safe.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;

    // 8 tables of 256 entries: table k advances a byte that is k positions from the end of an 8-byte word.
    private static readonly uint[] s_table = BuildTable();

    /// <summary>The checksum of <paramref name="data"/> with the standard initial value and final inversion.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(~0u, data);

    /// <summary>
    /// Continues a checksum: <c>Compute(a ++ b) == Append(Compute(a), b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~Update(~crc, data);

    internal static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~UpdateSoftware(~0u, data);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (X86Sse42.X64.IsSupported) return UpdateX64(crc, data);
        if (ArmCrc32.Arm64.IsSupported) return UpdateArm64(crc, data);
        return UpdateSoftware(crc, data);
    }

    private static uint UpdateX64(uint crc, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        ulong c = crc;
        // Fast path: 8 bytes per instruction; the tail goes byte by byte.
        for (; i + 8 <= n; i += 8)
        {
            c = X86Sse42.X64.Crc32(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        }
        uint c32 = (uint)c;
        for (; i < n; i++)
        {
            c32 = X86Sse42.Crc32(c32, Unsafe.Add(ref p, i));
        }
        return c32;
    }

    private static uint UpdateArm64(uint crc, ReadOnlySpan<byte> data)
    {
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        for (; i + 8 <= n; i += 8)
        {
            crc = ArmCrc32.Arm64.ComputeCrc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)));
        }
        for (; i < n; i++)
        {
            crc = ArmCrc32.ComputeCrc32C(crc, Unsafe.Add(ref p, i));
        }
        return crc;
    }

    private static uint UpdateSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = s_table;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) ^ crc;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            crc = t[(7 * 256) + (lo & 0xff)] ^ t[(6 * 256) + ((lo >> 8) & 0xff)] ^
                  t[(5 * 256) + ((lo >> 16) & 0xff)] ^ t[(4 * 256) + (lo >> 24)] ^
                  t[(3 * 256) + (hi & 0xff)] ^ t[(2 * 256) + ((hi >> 8) & 0xff)] ^
                  t[256 + ((hi >> 16) & 0xff)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++)
        {
            crc = t[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            uint c = b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[b] = c;
        }
        for (int k = 1; k < 8; k++)
        {
            for (int b = 0; b < 256; b++)
            {
                uint prev = t[((k - 1) * 256) + b];
                t[(k * 256) + b] = (prev >> 8) ^ t[prev & 0xff];
            }
        }
        return t;
    }
}
