using System.Buffers.Binary;
using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Writes chunks, each behind its encoding byte, back to back into numbered segment files chunks/000001, 000002… (format
/// version 2; version 1, which older Argus wrote, had XOR chunks without the byte; layout in docs/format/block.md).
/// A segment is cut before a series whose chunks would not fit, so all chunks of a series share one segment and the index
/// can store them as one offset plus lengths. Not thread-safe; one writer per block.
/// </summary>
internal sealed class ChunkSegmentWriter : IDisposable
{
    public const uint Magic = 0x85BD40DD;
    public const int HeaderSize = 8;

    /// <summary>Version 1: XOR chunks only, no encoding byte. Version 2: an encoding byte before every chunk.</summary>
    public const byte FormatVersion = 2;

    /// <summary>Prometheus's segment size: large enough for few files, small enough to stay below 32-bit offsets.</summary>
    public const long DefaultSegmentBytes = 512L << 20;

    private readonly string _dir;
    private readonly long _segmentBytes;
    private FileStream? _file;
    private int _segment;
    private long _offset;

    public ChunkSegmentWriter(string chunksDir, long segmentBytes = DefaultSegmentBytes)
    {
        _dir = chunksDir;
        _segmentBytes = segmentBytes;
        Directory.CreateDirectory(chunksDir);
    }

    public long TotalBytes { get; private set; }

    /// <summary>Makes sure the next <paramref name="bytes"/> bytes go into one segment, cutting a new one if needed.</summary>
    public void Reserve(long bytes)
    {
        if (_file is null || (_offset + bytes > _segmentBytes && _offset > HeaderSize)) Cut();
    }

    /// <summary>
    /// Appends one encoded chunk behind its encoding byte and returns where it went; the chunk occupies
    /// <paramref name="chunk"/>.Length + 1 bytes, the length the index records.
    /// </summary>
    public (int Segment, long Offset) Write(ChunkEncoding encoding, ReadOnlySpan<byte> chunk)
    {
        if (_file is null) Cut();
        long at = _offset;
        _file!.WriteByte((byte)encoding);
        _file.Write(chunk);
        _offset += chunk.Length + 1;
        TotalBytes += chunk.Length + 1;
        return (_segment, at);
    }

    private void Cut()
    {
        FinishSegment();
        _segment++;
        _file = new FileStream(Path.Combine(_dir, SegmentName(_segment)), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(header, Magic);
        header[4] = FormatVersion; // 3 bytes padding follow
        _file.Write(header);
        _offset = HeaderSize;
        TotalBytes += HeaderSize;
    }

    private void FinishSegment()
    {
        if (_file is null) return;
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
    }

    /// <summary>Flushes and fsyncs the last segment.</summary>
    public void Finish() => FinishSegment();

    public static string SegmentName(int segment) => segment.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _file?.Dispose();
}
