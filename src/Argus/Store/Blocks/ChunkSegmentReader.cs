using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Argus.Store.Blocks;

/// <summary>
/// Reads chunks from a block's segment files with positional reads (pread), so any number of queriers share the open
/// handles without locking. Handles are opened at block load and closed on Dispose.
/// </summary>
internal sealed class ChunkSegmentReader : IDisposable
{
    private readonly SafeFileHandle[] _segments; // index 0 is segment 1
    private readonly string _dir;

    public ChunkSegmentReader(string chunksDir)
    {
        _dir = chunksDir;
        var files = Directory.Exists(chunksDir) ? Directory.GetFiles(chunksDir) : [];
        Array.Sort(files, StringComparer.Ordinal);
        _segments = new SafeFileHandle[files.Length];
        try
        {
            Span<byte> header = stackalloc byte[ChunkSegmentWriter.HeaderSize];
            for (int i = 0; i < files.Length; i++)
            {
                string expected = Path.Combine(chunksDir, ChunkSegmentWriter.SegmentName(i + 1));
                if (files[i] != expected) throw new InvalidDataException($"{chunksDir}: unexpected file {Path.GetFileName(files[i])}, want segment {ChunkSegmentWriter.SegmentName(i + 1)}");
                _segments[i] = File.OpenHandle(files[i], FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
                SizeBytes += RandomAccess.GetLength(_segments[i]);
                if (RandomAccess.Read(_segments[i], header, 0) != header.Length || BinaryPrimitives.ReadUInt32BigEndian(header) != ChunkSegmentWriter.Magic)
                {
                    throw new InvalidDataException($"{files[i]}: bad chunk segment header (want magic 0x{ChunkSegmentWriter.Magic:X8})");
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public long SizeBytes { get; }

    /// <summary>Reads the chunk into <paramref name="buffer"/> (grown when too small) from offset 0.</summary>
    public void Read(in ChunkMeta chunk, ref byte[] buffer)
    {
        if ((uint)(chunk.Segment - 1) >= (uint)_segments.Length)
        {
            throw new InvalidDataException($"{_dir}: chunk refers to segment {chunk.Segment}, block has {_segments.Length}");
        }
        if (buffer.Length < chunk.Length) buffer = new byte[Math.Max(chunk.Length, buffer.Length * 2)];
        int n = RandomAccess.Read(_segments[chunk.Segment - 1], buffer.AsSpan(0, chunk.Length), chunk.Offset);
        if (n != chunk.Length)
        {
            throw new InvalidDataException($"{_dir}/{ChunkSegmentWriter.SegmentName(chunk.Segment)}: chunk of {chunk.Length} bytes at offset {chunk.Offset}: only {n} bytes in file");
        }
    }

    public void Dispose()
    {
        foreach (var h in _segments) h?.Dispose();
    }
}
