using System.Buffers.Binary;
using Argus.Store.Wal;

namespace Argus.Store.HeadChunks;

/// <summary>
/// The byte layout of head chunk files (docs/format/head-chunks.md), Prometheus's chunks_head layout: an 8-byte file header
/// (magic 0x0130BC91, version 1, 3 bytes of padding), then records of series ref, mint, maxt (8 bytes each, big-endian), an
/// encoding byte, the data length as a uvarint, the data, and a CRC-32C of everything before it in the record.
/// </summary>
internal static class HeadChunkFormat
{
    public const uint Magic = 0x0130BC91;
    public const byte Version = 1;
    public const int FileHeaderBytes = 8;

    /// <summary>Prometheus's chunkenc.EncXOR; the only encoding the head cuts. Others (histograms) are skipped on load.</summary>
    public const byte EncodingXor = 1;

    // ref 8 + mint 8 + maxt 8 + encoding 1, then a uvarint of at most 5 bytes (a chunk is far below 4 GiB), then CRC 4.
    private const int FixedBytes = 25;
    public const int MaxOverheadBytes = FixedBytes + 5 + 4;

    public static void WriteFileHeader(Span<byte> dst)
    {
        BinaryPrimitives.WriteUInt32BigEndian(dst, Magic);
        dst[4] = Version;
        dst[5] = dst[6] = dst[7] = 0;
    }

    /// <summary>Null when <paramref name="header"/> is a valid file header, else why not.</summary>
    public static string? CheckFileHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < FileHeaderBytes) return $"file of {header.Length} bytes is shorter than its {FileHeaderBytes}-byte header";
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != Magic) return $"bad magic 0x{magic:X8} (want 0x{Magic:X8})";
        if (header[4] != Version) return $"unsupported version {header[4]}";
        return null;
    }

    /// <summary>Encodes one record into <paramref name="dst"/> (at least <see cref="MaxOverheadBytes"/> + data long); returns its length.</summary>
    public static int WriteRecord(Span<byte> dst, ulong seriesRef, long mint, long maxt, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dst, seriesRef);
        BinaryPrimitives.WriteInt64BigEndian(dst[8..], mint);
        BinaryPrimitives.WriteInt64BigEndian(dst[16..], maxt);
        dst[24] = EncodingXor;
        int n = FixedBytes;
        uint len = (uint)data.Length;
        while (len >= 0x80)
        {
            dst[n++] = (byte)(len | 0x80);
            len >>= 7;
        }
        dst[n++] = (byte)len;
        data.CopyTo(dst[n..]);
        n += data.Length;
        BinaryPrimitives.WriteUInt32BigEndian(dst[n..], Crc32C.Compute(dst[..n]));
        return n + 4;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="src"/>: its length, or 0 with <paramref name="error"/> set when the
    /// bytes end inside it or it is corrupt (length out of range, checksum mismatch). <paramref name="data"/> is a slice of src.
    /// </summary>
    public static int ReadRecord(ReadOnlySpan<byte> src, out ulong seriesRef, out long mint, out long maxt, out byte encoding,
        out ReadOnlySpan<byte> data, out string? error)
    {
        seriesRef = 0;
        mint = maxt = 0;
        encoding = 0;
        data = default;
        if (src.Length < FixedBytes + 1 + 4)
        {
            error = $"{src.Length} bytes left, shorter than a record";
            return 0;
        }
        seriesRef = BinaryPrimitives.ReadUInt64BigEndian(src);
        mint = BinaryPrimitives.ReadInt64BigEndian(src[8..]);
        maxt = BinaryPrimitives.ReadInt64BigEndian(src[16..]);
        encoding = src[24];
        ulong len = 0;
        int n = FixedBytes;
        for (int shift = 0; ; shift += 7)
        {
            if (n >= src.Length || shift > 28)
            {
                error = "bad data length";
                return 0;
            }
            byte b = src[n++];
            len |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) break;
        }
        if (len < 2 || len > (ulong)(src.Length - n - 4))
        {
            error = len < 2 ? $"data length {len} is shorter than a chunk header" : $"data length {len} runs past the end of the file";
            return 0;
        }
        data = src.Slice(n, (int)len);
        n += (int)len;
        uint want = BinaryPrimitives.ReadUInt32BigEndian(src[n..]);
        uint got = Crc32C.Compute(src[..n]);
        if (want != got)
        {
            error = $"checksum mismatch (stored 0x{want:X8}, computed 0x{got:X8})";
            return 0;
        }
        if (maxt < mint)
        {
            error = $"maxt {maxt} before mint {mint}";
            return 0;
        }
        error = null;
        return n + 4;
    }
}
