using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Argus.Store.Wal;

/// <summary>
/// Writes records into the segments of one directory in Prometheus's page framing (docs/format/wal.md). Records are staged
/// with <see cref="Append"/> and reach the OS in one write(2) per <see cref="Flush"/>, so a Log call costs one system call.
/// Segment files are written with positional writes at an offset this class tracks, so a failed write is retried in
/// place by the next one. Not thread-safe: <see cref="WriteAheadLog"/> serializes calls.
/// </summary>
internal sealed class WalPageWriter : IDisposable
{
    private readonly string _dir;
    private readonly int _pagesPerSegment;
    private readonly Action<TimeSpan>? _onFsync;
    private SafeFileHandle _file;
    private long _offset;          // bytes of the current segment already handed to the OS
    private byte[] _staged;        // bytes to be written at _offset
    private int _stagedLength;

    public WalPageWriter(string dir, int segment, long segmentSizeBytes, Action<TimeSpan>? onFsync)
    {
        _dir = dir;
        _pagesPerSegment = (int)(segmentSizeBytes / WalPage.Size);
        _onFsync = onFsync;
        _staged = ArrayPool<byte>.Shared.Rent(2 * WalPage.Size);
        Segment = segment;
        _file = Create(segment);
    }

    public int Segment { get; private set; }

    /// <summary>Bytes written to segment files by this writer, padding included.</summary>
    public long TotalWritten { get; private set; }

    /// <summary>The largest record a fresh segment can hold.</summary>
    public int MaxRecordBytes => (int)Math.Min(int.MaxValue / 2, (long)_pagesPerSegment * WalPage.MaxFragment);

    private long Position => _offset + _stagedLength;

    /// <summary>Stages one record, cutting to a new segment first if it does not fit in the current one.</summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        if (record.Length > RoomInSegment())
        {
            Cut();
            if (record.Length > RoomInSegment())
            {
                throw new ArgumentException($"BUG: record of {record.Length} bytes exceeds the {MaxRecordBytes}-byte capacity of a segment");
            }
        }
        // A record this size adds at most one header per page it touches, plus the padding of its last page.
        EnsureStaging(record.Length + ((record.Length / WalPage.MaxFragment) + 2) * WalPage.HeaderSize + WalPage.Size);
        bool first = true;
        do
        {
            int inPage = (int)(Position % WalPage.Size);
            int room = WalPage.Size - inPage - WalPage.HeaderSize;
            int n = Math.Min(record.Length, room);
            ReadOnlySpan<byte> part = record[..n];
            byte type = (first, n == record.Length) switch
            {
                (true, true) => WalPage.Full,
                (true, false) => WalPage.First,
                (false, true) => WalPage.Last,
                (false, false) => WalPage.Middle,
            };
            Span<byte> dst = _staged.AsSpan(_stagedLength, WalPage.HeaderSize + n);
            dst[0] = type;
            BinaryPrimitives.WriteUInt16BigEndian(dst[1..], (ushort)n);
            BinaryPrimitives.WriteUInt32BigEndian(dst[3..], Crc32C.Compute(part));
            part.CopyTo(dst[WalPage.HeaderSize..]);
            _stagedLength += WalPage.HeaderSize + n;
            // A page with no room for another header is done: zero its tail (Prometheus's flushPage(clear=true)).
            int left = WalPage.Size - (int)(Position % WalPage.Size);
            if (left < WalPage.HeaderSize && left != WalPage.Size) PadPage();
            record = record[n..];
            first = false;
        }
        while (!record.IsEmpty);
    }

    /// <summary>Hands the staged bytes to the OS (one write(2)); they survive a process kill, not a power loss.</summary>
    public void Flush()
    {
        if (_stagedLength == 0) return;
        int n = _stagedLength;
        _stagedLength = 0;   // on failure the bytes are dropped and the next write overwrites the same offset
        RandomAccess.Write(_file, _staged.AsSpan(0, n), _offset);
        _offset += n;
        TotalWritten += n;
    }

    /// <summary>Pads the current page, flushes, fsyncs and closes the segment, then starts the next one.</summary>
    public void Cut()
    {
        FinishSegment();
        _file.Dispose();
        Segment++;
        _offset = 0;
        _file = Create(Segment);
    }

    /// <summary>Flushes and fsyncs the current segment.</summary>
    public void Sync()
    {
        Flush();
        Fsync();
    }

    /// <summary>Pads, flushes, fsyncs and closes the current segment. The writer is unusable afterwards.</summary>
    public void Close()
    {
        if (_file.IsClosed) return;
        try
        {
            FinishSegment();
        }
        finally
        {
            _file.Dispose();
        }
    }

    private void FinishSegment()
    {
        // Only a page that holds data is padded: a padded empty page would wrongly mark a segment as done.
        if (Position % WalPage.Size != 0)
        {
            EnsureStaging(WalPage.Size);
            PadPage();
        }
        Flush();
        Fsync();
    }

    private void PadPage()
    {
        int left = WalPage.Size - (int)(Position % WalPage.Size);
        _staged.AsSpan(_stagedLength, left).Clear();
        _stagedLength += left;
    }

    private long RoomInSegment()
    {
        long inPage = Position % WalPage.Size;
        long donePages = Position / WalPage.Size;
        return WalPage.Size - inPage - WalPage.HeaderSize + ((long)WalPage.MaxFragment * (_pagesPerSegment - donePages - 1));
    }

    private void Fsync()
    {
        long start = Stopwatch.GetTimestamp();
        RandomAccess.FlushToDisk(_file);
        _onFsync?.Invoke(Stopwatch.GetElapsedTime(start));
    }

    private void EnsureStaging(int more)
    {
        if (_stagedLength + more <= _staged.Length) return;
        byte[] bigger = ArrayPool<byte>.Shared.Rent(_stagedLength + more);
        _staged.AsSpan(0, _stagedLength).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_staged);
        _staged = bigger;
    }

    private SafeFileHandle Create(int segment) =>
        File.OpenHandle(WalSegments.Path(_dir, segment), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

    public void Dispose()
    {
        Close();
        if (_staged.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_staged);
            _staged = [];
        }
    }
}
