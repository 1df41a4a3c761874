namespace Argus.Store.Wal;

/// <summary>
/// The page framing of Prometheus's wlog (docs/format/wal.md): segments are written in 32 KiB pages; a record is split into
/// fragments that never cross a page, each behind a 7-byte header: type, payload length (uint16 BE), CRC-32C (uint32 BE).
/// </summary>
internal static class WalPage
{
    public const int Size = 32 * 1024;
    public const int HeaderSize = 7;

    /// <summary>Largest fragment payload: a whole page minus one header.</summary>
    public const int MaxFragment = Size - HeaderSize;

    // Fragment types in the low 3 bits of the header's first byte; bit 3 flags snappy, bit 4 zstd compression.
    public const byte PageTerm = 0;
    public const byte Full = 1;
    public const byte First = 2;
    public const byte Middle = 3;
    public const byte Last = 4;
    public const byte TypeMask = 0b111;
    public const byte SnappyFlag = 1 << 3;
    public const byte ZstdFlag = 1 << 4;
}
