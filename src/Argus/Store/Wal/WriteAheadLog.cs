using System.Buffers;
using System.Diagnostics;
using Argus.Telemetry;
using Microsoft.Extensions.Logging;

namespace Argus.Store.Wal;

/// <summary>
/// The head's write-ahead log, in Prometheus's on-disk format (docs/format/wal.md): numbered segment files of 32 KiB pages
/// holding length- and CRC-32C-framed records, and checkpoint directories that let old segments go once their data is
/// in a block. <see cref="Log"/> is thread-safe and returns once the bytes were handed to the OS (they survive a process
/// kill; fsync happens when a segment is cut or closed and in <see cref="Sync"/>). Opening repairs a torn or corrupt tail
/// by truncating it at the last good record. Every Open starts a fresh segment, so a repaired segment is never appended to.
/// </summary>
public sealed partial class WriteAheadLog : IDisposable
{
    private readonly string _dir;
    private readonly WalOptions _options;
    private readonly ILogger _logger;
    private readonly WalMetrics _metrics;
    private readonly int _maxRecordBytes;
    private readonly Lock _lock = new();            // guards _writer, _logged, _sizeBytes
    private readonly Lock _checkpointLock = new();  // one checkpoint at a time
    private WalPageWriter _writer;
    private bool _logged;
    private long _sizeBytes;
    private bool _disposed;

    private WriteAheadLog(string dir, WalOptions options, ILogger logger, WalMetrics metrics, int firstSegment)
    {
        _dir = dir;
        _options = options;
        _logger = logger;
        _metrics = metrics;
        _writer = NewWriter(firstSegment);
        _maxRecordBytes = _writer.MaxRecordBytes;
        _sizeBytes = WalSegments.SizeOf(dir);
        _metrics.SegmentCurrent.Set(firstSegment);
        _metrics.StorageSize.Set(_sizeBytes);
    }

    public string Directory => _dir;

    /// <summary>
    /// Opens (creating) the WAL in <paramref name="dir"/>. Repairs the newest segment if its tail is torn or corrupt
    /// (truncating at the last good record, with a warning naming segment and offset) and starts a new segment after it.
    /// </summary>
    public static WriteAheadLog Open(string dir, WalOptions options, ILogger logger, MetricsRegistry metrics)
    {
        options.Validate();
        long start = Stopwatch.GetTimestamp();
        System.IO.Directory.CreateDirectory(dir);
        var walMetrics = new WalMetrics(metrics);

        // Leftovers of a checkpoint interrupted by a crash, and segments a finished checkpoint already holds.
        foreach (string tmp in System.IO.Directory.EnumerateDirectories(dir, WalSegments.CheckpointPrefix + "*" + WalSegments.TmpSuffix))
        {
            System.IO.Directory.Delete(tmp, recursive: true);
        }
        var checkpoints = WalSegments.ListCheckpoints(dir);
        int checkpointed = checkpoints.Count > 0 ? checkpoints[^1].Index : -1;
        foreach (int s in WalSegments.List(dir))
        {
            if (s <= checkpointed) File.Delete(WalSegments.Path(dir, s));
        }

        var segments = WalSegments.List(dir);
        // A process kill can tear only the newest segment holding data; older ones were fsynced and closed on cut.
        for (int i = segments.Count - 1; i >= 0; i--)
        {
            if (new FileInfo(WalSegments.Path(dir, segments[i])).Length == 0) continue;
            RepairTail(dir, segments[i], options, logger, walMetrics);
            break;
        }
        int next = Math.Max(segments.Count > 0 ? segments[^1] + 1 : 0, checkpointed + 1);
        var wal = new WriteAheadLog(dir, options, logger, walMetrics, next);
        Messages.Opened(logger, dir, segments.Count, checkpointed, next, Stopwatch.GetElapsedTime(start));
        return wal;
    }

    /// <summary>Index of the segment <see cref="Log"/> writes to.</summary>
    public int CurrentSegment
    {
        get { lock (_lock) return _writer.Segment; }
    }

    /// <summary>Bytes of all segments and checkpoints.</summary>
    public long SizeBytes
    {
        get { lock (_lock) return _sizeBytes; }
    }

    /// <summary>
    /// Appends one commit: a series record (if any), then a samples record (if any), in one write(2). Thread-safe. A batch
    /// larger than a segment's capacity (~10M samples at 128 MiB) is split over several records, and only each record is
    /// atomic on replay. Throws <see cref="IOException"/> when the write fails; the commit must then be rolled back.
    /// </summary>
    public void Log(ReadOnlySpan<RefSeries> series, ReadOnlySpan<RefSample> samples)
    {
        if (series.IsEmpty && samples.IsEmpty) return;
        int maxRecord = _maxRecordBytes;

        // Encode outside the lock so that concurrent committers only serialize on framing and the write itself.
        int seriesBytes = 0;
        if (!series.IsEmpty)
        {
            seriesBytes = 1;
            foreach (ref readonly RefSeries s in series) seriesBytes += WalRecordEncoder.SeriesEntrySize(s);
        }
        int samplesPerRecord = WalRecordEncoder.SamplesThatFit(maxRecord);
        int sampleRecords = (samples.Length + samplesPerRecord - 1) / samplesPerRecord;
        int capacity = seriesBytes + series.Length + WalRecordEncoder.MaxSamplesSize(samples.Length) + (sampleRecords * 17);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(capacity);
        List<int>? ends = null;   // record boundaries when the batch needs more than one record of a kind (rare)
        try
        {
            int length = 0, seriesEnd = 0;
            if (!series.IsEmpty)
            {
                if (seriesBytes <= maxRecord)
                {
                    length = WalRecordEncoder.EncodeSeries(series, buffer);
                }
                else
                {
                    ends = [];
                    length = EncodeSeriesSplit(series, buffer, maxRecord, ends);
                }
                seriesEnd = length;
            }
            if (!samples.IsEmpty)
            {
                if (sampleRecords > 1) ends ??= seriesEnd > 0 ? [seriesEnd] : [];
                for (int i = 0; i < samples.Length; i += samplesPerRecord)
                {
                    var chunk = samples.Slice(i, Math.Min(samplesPerRecord, samples.Length - i));
                    length += WalRecordEncoder.EncodeSamples(chunk, buffer.AsSpan(length));
                    ends?.Add(length);
                }
            }

            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                long before = _writer.TotalWritten;
                int segmentBefore = _writer.Segment;
                try
                {
                    if (ends is null)
                    {
                        if (seriesEnd > 0) _writer.Append(buffer.AsSpan(0, seriesEnd));
                        if (length > seriesEnd) _writer.Append(buffer.AsSpan(seriesEnd, length - seriesEnd));
                    }
                    else
                    {
                        int from = 0;
                        foreach (int end in ends)
                        {
                            _writer.Append(buffer.AsSpan(from, end - from));
                            from = end;
                        }
                    }
                    _writer.Flush();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _metrics.WritesFailed.Inc();
                    throw;
                }
                finally
                {
                    _logged = true;
                    _sizeBytes += _writer.TotalWritten - before;
                    _metrics.StorageSize.Set(_sizeBytes);
                    if (_writer.Segment != segmentBefore) _metrics.SegmentCurrent.Set(_writer.Segment);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int EncodeSeriesSplit(ReadOnlySpan<RefSeries> series, byte[] buffer, int maxRecord, List<int> ends)
    {
        int length = 0, start = 0, size = 1;
        for (int i = 0; i < series.Length; i++)
        {
            int entry = WalRecordEncoder.SeriesEntrySize(series[i]);
            if (1 + entry > maxRecord)
            {
                throw new ArgumentException($"series {series[i].Labels} needs {entry} bytes, more than a WAL record can hold ({maxRecord})");
            }
            if (size + entry > maxRecord)
            {
                length += WalRecordEncoder.EncodeSeries(series[start..i], buffer.AsSpan(length));
                ends.Add(length);
                start = i;
                size = 1;
            }
            size += entry;
        }
        length += WalRecordEncoder.EncodeSeries(series[start..], buffer.AsSpan(length));
        ends.Add(length);
        return length;
    }

    /// <summary>Closes (fsyncs) the current segment and starts the next one; returns the new segment's index.</summary>
    public int NextSegment()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long before = _writer.TotalWritten;
            try
            {
                _writer.Cut();
            }
            finally
            {
                _sizeBytes += _writer.TotalWritten - before;
                _metrics.StorageSize.Set(_sizeBytes);
                _metrics.SegmentCurrent.Set(_writer.Segment);
            }
            return _writer.Segment;
        }
    }

    /// <summary>Fsyncs the current segment: everything logged so far survives a power loss.</summary>
    public void Sync()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.Sync();
        }
    }

    /// <summary>Pads, fsyncs and closes the current segment.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
        }
    }

    private WalPageWriter NewWriter(int segment) =>
        new(_dir, segment, _options.SegmentSizeBytes, d => _metrics.FsyncDuration.Observe(d.TotalSeconds));

    /// <summary>Scans a segment's framing and checksums and truncates it after its last good record if needed.</summary>
    private static void RepairTail(string dir, int segment, WalOptions options, ILogger logger, WalMetrics metrics)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(options.ReadBufferBytes);
        try
        {
            long goodEnd, length;
            WalCorruptionException? error;
            using (var reader = new WalSegmentReader(dir, segment, buffer))
            {
                while (reader.Next(out _)) { }
                (goodEnd, length, error) = (reader.GoodEnd, reader.Length, reader.Error);
            }
            if (error is null) return;
            Messages.TailRepaired(logger, WalSegments.Path(dir, segment), goodEnd, length - goodEnd, error.Reason);
            metrics.Corruptions.Inc();
            Truncate(dir, segment, goodEnd);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Truncate(string dir, int segment, long length)
    {
        using var file = File.OpenHandle(WalSegments.Path(dir, segment), FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.SetLength(file, length);
        RandomAccess.FlushToDisk(file);
    }
}
