using System.Buffers;
using System.Globalization;
using Argus.Store.Blocks;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Store.HeadChunks;

/// <summary>
/// The head chunk files (<c>chunks_head/</c>), Prometheus's ChunkDiskMapper: every completed head chunk is queued by the
/// head when it is cut and written, off the commit path, by one writer thread into numbered files of at most
/// <see cref="MaxFileBytes"/> (format: docs/format/head-chunks.md). At start-up the head loads them before the WAL and skips
/// WAL samples they already hold, so a restart decodes most samples but never re-encodes them.
/// <para>Safety: a chunk is cut from samples that were committed, i.e. written to the WAL before they entered the head, so
/// the files never hold anything the WAL lacks and losing them loses nothing. One FIFO queue and one writer keep the files a
/// prefix of the cut order: per series, the chunks on disk are a gap-free run of its oldest ones (no file is written after a
/// write failed, and a corrupt record drops everything after it), which is what makes skipping WAL samples safe.</para>
/// <para>Thread-safety: <see cref="Enqueue"/>, <see cref="Truncate"/> and <see cref="Flush"/> are thread-safe;
/// <see cref="Load"/> runs once, before the first <see cref="Enqueue"/>.</para>
/// </summary>
public sealed partial class HeadChunkFiles : IDisposable
{
    /// <summary>Prometheus's MaxHeadChunkFileSize: few files for a 2 h head of a million series, cheap to delete whole.</summary>
    public const long DefaultMaxFileBytes = 128L << 20;

    // The writer's buffer: big enough that a batch of cuts (a scrape of many series crossing 120 samples together) costs few
    // write(2)s, small enough not to matter next to the head.
    private const int WriteBufferBytes = 1 << 20;

    private readonly string _dir;
    private readonly ILogger _logger;
    private readonly HeadChunkMetrics _metrics;
    private readonly object _queueLock = new();   // a monitor: guards the queue, _enqueued, _written, _stopping
    private List<DiskChunk> _queue = [];
    private List<DiskChunk> _draining = [];
    private long _enqueued;
    private long _written;
    private bool _stopping;
    private Thread? _writer;
    private bool _loaded;

    // Written only by the writer thread (and Load before it starts); the per-file table is shared with Truncate.
    private readonly Lock _filesLock = new();
    private readonly SortedDictionary<int, FileEntry> _files = [];
    private FileStream? _current;
    private int _currentIndex = -1;
    private long _currentBytes;
    private int _nextIndex = 1;
    private volatile bool _failed;
    private byte[] _record = new byte[4096];

    private sealed class FileEntry(long bytes, long maxT)
    {
        public long Bytes = bytes;
        public long MaxT = maxT;   // the newest maxt of a chunk in the file: once the head truncates past it, the file goes
    }

    private HeadChunkFiles(string dir, long maxFileBytes, ILogger logger, MetricsRegistry metrics)
    {
        _dir = dir;
        MaxFileBytes = maxFileBytes;
        _logger = logger;
        _metrics = new HeadChunkMetrics(metrics, () => SizeBytes, () => FileCount);
    }

    /// <summary>Opens (creating) the directory. Nothing is read or written until <see cref="Load"/>.</summary>
    public static HeadChunkFiles Open(string dir, ILogger logger, MetricsRegistry metrics, long maxFileBytes = DefaultMaxFileBytes)
    {
        if (maxFileBytes < HeadChunkFormat.FileHeaderBytes + HeadChunkFormat.MaxOverheadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFileBytes), maxFileBytes, "head chunk files must hold at least one record");
        }
        Directory.CreateDirectory(dir);
        return new HeadChunkFiles(dir, maxFileBytes, logger, metrics);
    }

    public string Dir => _dir;

    public long MaxFileBytes { get; }

    /// <summary>Bytes of all head chunk files (written ones; queued chunks not yet).</summary>
    public long SizeBytes
    {
        get
        {
            lock (_filesLock)
            {
                long n = 0;
                foreach (var f in _files.Values) n += f.Bytes;
                return n;
            }
        }
    }

    public int FileCount
    {
        get { lock (_filesLock) return _files.Count; }
    }

    /// <summary>
    /// Queues a completed chunk for writing. Cheap (a list append under a lock): called by the head as it cuts a chunk,
    /// possibly under a series lock. <paramref name="data"/> must not change afterwards. Dropped after a write failure.
    /// </summary>
    internal void Enqueue(ulong seriesRef, long mint, long maxt, byte[] data) => Enqueue(seriesRef, mint, maxt, data, 0, data.Length);

    /// <summary>As above, for the chunk at data[offset..offset+length).</summary>
    internal void Enqueue(ulong seriesRef, long mint, long maxt, byte[] data, int offset, int length)
    {
        if (!_loaded) throw new InvalidOperationException($"BUG: head chunk written to {_dir} before the files were loaded");
        if (_failed) return;
        lock (_queueLock)
        {
            if (_stopping) return;
            _queue.Add(new DiskChunk(seriesRef, mint, maxt, data, offset, length));
            if (_enqueued++ == _written) Monitor.PulseAll(_queueLock);   // the writer sleeps only when it has caught up (Flush may wait too)
        }
    }

    /// <summary>Waits until every chunk queued before the call was written (and handed to the OS) or dropped by a failure.</summary>
    public void Flush()
    {
        lock (_queueLock)
        {
            long target = _enqueued;
            while (_written < target && _writer is not null && !_failed) Monitor.Wait(_queueLock);
        }
    }

    /// <summary>
    /// Deletes the files all of whose chunks end before <paramref name="mint"/> (the head just truncated them away), except the
    /// one being written. Called by head truncation.
    /// </summary>
    public void Truncate(long mint)
    {
        var doomed = new List<int>();
        lock (_filesLock)
        {
            foreach (var (index, f) in _files)
            {
                if (index != _currentIndex && f.MaxT < mint) doomed.Add(index);
            }
            foreach (int index in doomed) _files.Remove(index);
        }
        foreach (int index in doomed)
        {
            try
            {
                File.Delete(PathOf(index));
            }
            catch (IOException e)
            {
                Log.DeleteFailed(_logger, PathOf(index), e.Message);
            }
        }
        if (doomed.Count > 0) Log.Truncated(_logger, doomed.Count, mint);
    }

    private void StartWriter()
    {
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "head chunk writer" };
        _writer.Start();
    }

    private void WriteLoop()
    {
        while (true)
        {
            List<DiskChunk> batch;
            lock (_queueLock)
            {
                while (_queue.Count == 0 && !_stopping) Monitor.Wait(_queueLock);
                if (_queue.Count == 0) return;   // stopping, and everything is written
                (batch, _queue, _draining) = (_queue, _draining, _queue);
                _metrics.QueueLength.Set(batch.Count);
            }
            int n = batch.Count;
            if (!_failed)
            {
                try
                {
                    foreach (var c in batch) Write(c);
                    _current?.Flush();   // to the OS: a process kill now loses nothing written so far
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Fail(e);
                }
            }
            batch.Clear();
            lock (_queueLock)
            {
                _written += n;
                _metrics.QueueLength.Set(_queue.Count);
                Monitor.PulseAll(_queueLock);
            }
        }
    }

    private void Write(in DiskChunk c)
    {
        int need = c.Length + HeadChunkFormat.MaxOverheadBytes;
        if (need > _record.Length) _record = new byte[Math.Max(need, _record.Length * 2)];
        int len = HeadChunkFormat.WriteRecord(_record, c.SeriesRef, c.MinT, c.MaxT, c.Bytes);
        if (_current is null || (_currentBytes + len > MaxFileBytes && _currentBytes > HeadChunkFormat.FileHeaderBytes)) Cut();
        _current!.Write(_record, 0, len);
        _currentBytes += len;
        lock (_filesLock)
        {
            var f = _files[_currentIndex];
            f.Bytes = _currentBytes;
            if (c.MaxT > f.MaxT) f.MaxT = c.MaxT;
        }
        _metrics.Written.Inc();
    }

    /// <summary>Closes the current file (fsynced) and starts the next one.</summary>
    private void Cut()
    {
        CloseCurrent();
        int index = _nextIndex++;
        string path = PathOf(index);
        var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, WriteBufferBytes);
        Span<byte> header = stackalloc byte[HeadChunkFormat.FileHeaderBytes];
        HeadChunkFormat.WriteFileHeader(header);
        fs.Write(header);
        _current = fs;
        _currentIndex = index;
        _currentBytes = header.Length;
        lock (_filesLock) _files[index] = new FileEntry(_currentBytes, long.MinValue);
        FileSync.Directory(_dir);
    }

    private void CloseCurrent()
    {
        if (_current is null) return;
        _current.Flush(flushToDisk: true);
        _current.Dispose();
        _current = null;
        lock (_filesLock) _currentIndex = -1;
    }

    /// <summary>
    /// After a failed write no more chunks are written in this process: a later file would leave a gap in a series' run of
    /// chunks on disk. The partial record, if any, is a torn tail the next start-up truncates.
    /// </summary>
    private void Fail(Exception e)
    {
        _failed = true;
        _metrics.WriteFailures.Inc();
        Log.WriteFailed(_logger, _currentIndex < 0 ? _dir : PathOf(_currentIndex), e.Message);
        try
        {
            _current?.Dispose();
        }
        catch (Exception again) when (again is IOException or UnauthorizedAccessException)
        {
            // the buffered bytes are lost with it; the file ends in a torn record at worst
        }
        _current = null;
        lock (_filesLock) _currentIndex = -1;
    }

    internal string PathOf(int index) => Path.Combine(_dir, index.ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>Writes what is queued, fsyncs and closes the current file.</summary>
    public void Dispose()
    {
        lock (_queueLock)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_queueLock);
        }
        _writer?.Join();
        if (!_failed)
        {
            try
            {
                CloseCurrent();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Writing head chunk file {File} failed, completed chunks are kept in memory only until the next restart (which replays them from the WAL): {Reason}")]
        public static partial void WriteFailed(ILogger logger, string file, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting head chunk file {File} failed: {Reason}")]
        public static partial void DeleteFailed(ILogger logger, string file, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Files} head chunk files whose chunks all end before {Mint}")]
        public static partial void Truncated(ILogger logger, int files, long mint);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Head chunk file {File} is torn or corrupt at offset {Offset} ({Reason}): truncated there and {LaterFiles} later files deleted; the WAL still holds their samples")]
        public static partial void Repaired(ILogger logger, string file, long offset, string reason, int laterFiles);

        [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Chunks} head chunks from {Files} files in {Directory} ({Bytes} bytes) in {Duration} ms")]
        public static partial void Loaded(ILogger logger, long chunks, int files, string directory, long bytes, double duration);
    }
}
