using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Argus.Store.Wal;

/// <summary>
/// Reads the records of one segment file in order, checking every fragment's header, page placement and CRC-32C.
/// Reads are large and sequential into a caller-owned buffer; a record that fits one fragment is returned as a slice of
/// that buffer, a fragmented one is reassembled into a buffer the reader owns. Either way the span is valid until the
/// next call to <see cref="Next"/>. While one buffer is parsed the next one is read on the thread pool, so disk reads overlap
/// checksumming, decoding and the replay handler. Stops at the first bad byte with <see cref="Error"/> set and
/// <see cref="GoodEnd"/> at the end of the last complete record: the offset a repair truncates to.
/// </summary>
internal sealed class WalSegmentReader : IDisposable
{
    private readonly string _dir;
    private readonly SafeFileHandle _file;
    private readonly byte[] _spareOwned;  // rented here; _buffer and _spare swap between it and the caller's buffer
    private byte[] _buffer;
    private byte[] _spare;
    private Task<int>? _prefetch;  // reading the chunk after _buffer into _spare
    private byte[] _assembly = new byte[WalPage.Size];
    private long _bufferStart;   // file offset of _buffer[0]
    private int _bufferLength;
    private int _pos;            // next unread byte in _buffer
    private bool _eof;
    private int _skip;           // bytes of the first read before the start offset (reads stay page-aligned)

    /// <param name="buffer">Read buffer, a multiple of the page size so that no fragment straddles two reads.</param>
    /// <param name="startOffset">Where the first record to return starts: 0, or a <see cref="GoodEnd"/> of an earlier reader
    /// of the same file (how a WAL tailer resumes a growing segment without re-reading it).</param>
    public WalSegmentReader(string dir, int segment, byte[] buffer, long startOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        _dir = dir;
        Segment = segment;
        _buffer = buffer;
        _spare = _spareOwned = ArrayPool<byte>.Shared.Rent(buffer.Length);
        _file = File.OpenHandle(WalSegments.Path(dir, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            FileOptions.SequentialScan);
        Length = RandomAccess.GetLength(_file);
        _bufferStart = startOffset - (startOffset % WalPage.Size);
        _skip = (int)(startOffset - _bufferStart);
        GoodEnd = startOffset;
    }

    public int Segment { get; }
    public string Path => WalSegments.Path(_dir, Segment);
    public long Length { get; }

    /// <summary>File offset of the first fragment header of the record last returned.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>File offset just past the last complete record (including page padding read after it).</summary>
    public long GoodEnd { get; private set; }

    /// <summary>Whether the record last returned was written compressed (snappy or zstd, by Prometheus).</summary>
    public bool Compressed { get; private set; }

    /// <summary>Set when <see cref="Next"/> returned false because of bad or missing bytes rather than a clean end.</summary>
    public WalCorruptionException? Error { get; private set; }

    public bool Next(out ReadOnlySpan<byte> record)
    {
        record = default;
        if (Error is not null) return false;
        int fragments = 0, assembled = 0;
        long recordStart = -1;
        Compressed = false;
        while (true)
        {
            if (_pos == _bufferLength && !Fill())
            {
                if (fragments > 0) return Fail(recordStart, "last record is torn: the segment ends inside it");
                return false;
            }
            long offset = _bufferStart + _pos;
            int inPage = (int)(offset % WalPage.Size);
            int available = _bufferLength - _pos;
            byte header = _buffer[_pos];
            int type = header & WalPage.TypeMask;

            if (type == WalPage.PageTerm)
            {
                // The rest of the page is zero padding; check it up to the page boundary as Prometheus's reader does.
                int rest = WalPage.Size - inPage;
                if (available < rest) return Fail(offset, $"padding ends {available} bytes into a page remainder of {rest}: segment ends early");
                if (_buffer.AsSpan(_pos, rest).ContainsAnyExcept((byte)0)) return Fail(offset, "unexpected non-zero byte in padded page");
                _pos += rest;
                if (fragments == 0) GoodEnd = _bufferStart + _pos;
                continue;
            }
            if (type > WalPage.Last) return Fail(offset, $"invalid fragment type {type}");
            if (inPage > WalPage.Size - WalPage.HeaderSize) return Fail(offset, "fragment header crosses a page boundary");
            if (available < WalPage.HeaderSize) return Fail(offset, "segment ends inside a fragment header");
            int length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_pos + 1));
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_pos + 3));
            if (inPage + WalPage.HeaderSize + length > WalPage.Size) return Fail(offset, $"fragment of {length} bytes crosses a page boundary");
            if (available < WalPage.HeaderSize + length) return Fail(offset, $"segment ends inside a fragment of {length} bytes");
            ReadOnlySpan<byte> payload = _buffer.AsSpan(_pos + WalPage.HeaderSize, length);
            uint actual = Crc32C.Compute(payload);
            if (actual != crc) return Fail(offset, $"unexpected checksum {actual:x8}, expected {crc:x8}");
            bool starts = type is WalPage.Full or WalPage.First;
            if (starts != (fragments == 0)) return Fail(offset, $"unexpected fragment type {type} after {fragments} fragments of a record");
            if ((header & (WalPage.SnappyFlag | WalPage.ZstdFlag)) != 0) Compressed = true;
            _pos += WalPage.HeaderSize + length;

            if (type == WalPage.Full)
            {
                RecordOffset = offset;
                GoodEnd = _bufferStart + _pos;
                record = payload;   // Fast path: no copy for records within one page.
                return true;
            }
            if (fragments++ == 0) recordStart = offset;
            if (_assembly.Length < assembled + length) Array.Resize(ref _assembly, Math.Max(_assembly.Length * 2, assembled + length));
            payload.CopyTo(_assembly.AsSpan(assembled));
            assembled += length;
            if (type == WalPage.Last)
            {
                RecordOffset = recordStart;
                GoodEnd = _bufferStart + _pos;
                record = _assembly.AsSpan(0, assembled);
                return true;
            }
        }
    }

    /// <summary>Turns a record that failed to decode into a corruption at that record.</summary>
    public WalCorruptionException CorruptRecord(string reason) => new(_dir, Segment, RecordOffset, reason);

    private bool Fail(long offset, string reason)
    {
        Error = new WalCorruptionException(_dir, Segment, offset, reason);
        return false;
    }

    private bool Fill()
    {
        if (_eof) return false;
        long start = _bufferStart + _bufferLength;
        int length;
        if (_prefetch is not null)
        {
            length = _prefetch.GetAwaiter().GetResult();
            _prefetch = null;
            (_buffer, _spare) = (_spare, _buffer);
        }
        else
        {
            length = ReadFully(_file, _buffer, start);
        }
        _bufferStart = start;
        _bufferLength = length;
        _pos = Math.Min(_skip, length);
        _skip = 0;
        if (length < _buffer.Length)
        {
            _eof = true;   // ReadFully stops short only at the end of the file
        }
        else
        {
            var (file, spare, next) = (_file, _spare, start + length);
            _prefetch = Task.Run(() => ReadFully(file, spare, next));
        }
        return length > _pos;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; fewer bytes only at the end of the file.</summary>
    private static int ReadFully(SafeFileHandle file, byte[] buffer, long offset)
    {
        int length = 0;
        while (length < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer.AsSpan(length), offset + length);
            if (n == 0) break;
            length += n;
        }
        return length;
    }

    public void Dispose()
    {
        if (_file.IsClosed) return;
        try
        {
            // The pooled buffer goes back only once no read can still write into it.
            _prefetch?.Wait();
        }
        catch (AggregateException)
        {
            // A failed read-ahead of data nobody asked for is not an error.
        }
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_spareOwned);
    }
}
