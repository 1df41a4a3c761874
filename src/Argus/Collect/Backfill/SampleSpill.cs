using System.Buffers.Binary;

namespace Argus.Collect.Backfill;

/// <summary>
/// The imported samples on disk instead of in memory: 16-byte records (timestamp ms, value bits; little-endian) appended in
/// file order to one temporary file in the import's staging directory, read back run by run (<see cref="SampleRun"/>) with
/// positional reads while blocks are written. Not thread-safe: one parser appends, then one block writer reads.
/// </summary>
internal sealed class SampleSpill : IDisposable
{
    public const int RecordBytes = 16;

    private readonly FileStream _file;
    private readonly string _path;
    private bool _flushed;

    public SampleSpill(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 20);
    }

    /// <summary>Records written so far; the next <see cref="Append"/> gets this index.</summary>
    public long Count { get; private set; }

    public void Append(long t, double v)
    {
        if (_flushed) throw new InvalidOperationException($"BUG: {_path}: append after the spill was read");
        Span<byte> record = stackalloc byte[RecordBytes];
        BinaryPrimitives.WriteInt64LittleEndian(record, t);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], BitConverter.DoubleToInt64Bits(v));
        _file.Write(record);
        Count++;
    }

    /// <summary>Reads records [first, first + count) into the buffer (at least count × 16 bytes).</summary>
    public void Read(long first, int count, Span<byte> buffer)
    {
        if (!_flushed)
        {
            _file.Flush();
            _flushed = true;
        }
        int bytes = count * RecordBytes;
        int read = RandomAccess.Read(_file.SafeFileHandle, buffer[..bytes], first * RecordBytes);
        if (read != bytes)
        {
            throw new IOException($"{_path}: {count} samples at record {first}: read {read} of {bytes} bytes (the file was changed during the import)");
        }
    }

    public void Dispose() => _file.Dispose();
}
