using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Argus.Store.Chunks;

namespace Argus.Store.Blocks;

/// <summary>
/// Reads chunks from a block's segment files through read-only memory maps (as Prometheus does), so any number of queriers
/// share them without locking and a chunk costs a copy, not a system call. The maps are made at block load and unmapped on
/// Dispose, which <see cref="Block"/> defers until the last querier is released. Reads both segment versions: 1 (XOR chunks
/// without an encoding byte, written by older Argus) and 2 (an encoding byte before every chunk).
/// </summary>
internal sealed unsafe class ChunkSegmentReader : IDisposable
{
    private readonly Segment[] _segments; // index 0 is segment 1
    private readonly string _dir;
    private volatile bool _disposed;

    private sealed class Segment(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* start, long length)
    {
        public readonly MemoryMappedFile File = file;
        public readonly MemoryMappedViewAccessor View = view;
        public readonly byte* Start = start;
        public readonly long Length = length;
        public readonly bool EncodingBytes = length > 4 && start[4] >= 2; // format version 2 and later
    }

    public ChunkSegmentReader(string chunksDir)
    {
        _dir = chunksDir;
        var files = Directory.Exists(chunksDir) ? Directory.GetFiles(chunksDir) : [];
        Array.Sort(files, StringComparer.Ordinal);
        _segments = new Segment[files.Length];
        try
        {
            for (int i = 0; i < files.Length; i++)
            {
                string expected = Path.Combine(chunksDir, ChunkSegmentWriter.SegmentName(i + 1));
                if (files[i] != expected) throw new InvalidDataException($"{chunksDir}: unexpected file {Path.GetFileName(files[i])}, want segment {ChunkSegmentWriter.SegmentName(i + 1)}");
                _segments[i] = Map(files[i]);
                SizeBytes += _segments[i].Length;
                if (_segments[i].Length < ChunkSegmentWriter.HeaderSize
                    || BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_segments[i].Start, 4)) != ChunkSegmentWriter.Magic)
                {
                    throw new InvalidDataException($"{files[i]}: bad chunk segment header (want magic 0x{ChunkSegmentWriter.Magic:X8})");
                }
                byte version = _segments[i].Start[4];
                if (version is 0 or > ChunkSegmentWriter.FormatVersion)
                {
                    throw new InvalidDataException($"{files[i]}: chunk segment format version {version}; this Argus reads versions 1 to {ChunkSegmentWriter.FormatVersion}");
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

    /// <summary>
    /// Reads the chunk's encoded bytes (count header first, encoding byte left out) into <paramref name="buffer"/> (grown when
    /// too small) from offset 0 and returns their length and encoding.
    /// </summary>
    public (ChunkEncoding Encoding, int Length) Read(in ChunkMeta chunk, ref byte[] buffer)
    {
        if ((uint)(chunk.Segment - 1) >= (uint)_segments.Length)
        {
            throw new InvalidDataException($"{_dir}: chunk refers to segment {chunk.Segment}, block has {_segments.Length}");
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        var segment = _segments[chunk.Segment - 1];
        if (chunk.Offset < 0 || chunk.Length < 0 || chunk.Offset + chunk.Length > segment.Length)
        {
            throw new InvalidDataException($"{_dir}/{ChunkSegmentWriter.SegmentName(chunk.Segment)}: chunk of {chunk.Length} bytes at offset {chunk.Offset}: only {Math.Max(0, segment.Length - chunk.Offset)} bytes in file");
        }
        var bytes = new ReadOnlySpan<byte>(segment.Start + chunk.Offset, chunk.Length);
        var encoding = ChunkEncoding.Xor;
        if (segment.EncodingBytes)
        {
            if (bytes.IsEmpty) throw new InvalidDataException($"{_dir}/{ChunkSegmentWriter.SegmentName(chunk.Segment)}: empty chunk at offset {chunk.Offset}: no encoding byte");
            encoding = (ChunkEncoding)bytes[0];
            bytes = bytes[1..];
        }
        if (buffer.Length < bytes.Length) buffer = new byte[Math.Max(bytes.Length, buffer.Length * 2)];
        bytes.CopyTo(buffer);
        return (encoding, bytes.Length);
    }

    private static Segment Map(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        long length = RandomAccess.GetLength(handle);
        if (length == 0) throw new InvalidDataException($"{path}: empty chunk segment (want a {ChunkSegmentWriter.HeaderSize}-byte header)");
        var file = MemoryMappedFile.CreateFromFile(handle, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true); // the map outlives the descriptor
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            return new Segment(file, view, start + view.PointerOffset, length);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var s in _segments)
        {
            if (s is null) continue;
            s.View.SafeMemoryMappedViewHandle.ReleasePointer();
            s.View.Dispose();
            s.File.Dispose();
        }
    }
}
