using System.Buffers;
using Argus.Store.Wal;
using Microsoft.Extensions.Logging;

namespace Argus.Remote.Write;

/// <summary>
/// Tails Argus's WAL for one queue, as Prometheus's wlog.Watcher does: reads the newest checkpoint's series, then every
/// segment after it in order, then polls the live segment every <see cref="ReadPeriod"/>, resuming at the end of the last
/// complete record (a record the writer is still writing is simply read on the next poll). Series records fill the queue's
/// ref → labels cache; samples newer than the start time go to the queue, whose back-pressure pauses reading. A new
/// checkpoint garbage-collects the cache (series not in it and not seen since are forgotten). If the head checkpointed
/// segments the watcher had not read yet (a receiver outage longer than the WAL keeps data), their samples are lost and
/// the watcher logs how many segments it skipped.
/// </summary>
public sealed partial class WalWatcher
{
    // 8 WAL pages: large sequential reads, and a multiple of the page size as the segment reader requires.
    private const int ReadBufferBytes = 8 * 32 * 1024;

    private readonly string _dir;
    private readonly QueueManager _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _startMs;
    private readonly WalRecordDecoder _decoder = new();
    private RefSample[] _samples = new RefSample[1024];
    private int _checkpoint = -1;

    /// <param name="startMs">Samples at or before this time (ms) are not sent: what was in the WAL before the queue started.</param>
    public WalWatcher(string walDirectory, QueueManager queue, long startMs, TimeProvider time, ILogger logger)
    {
        _dir = walDirectory;
        _queue = queue;
        _startMs = startMs;
        _time = time;
        _logger = logger;
    }

    /// <summary>How often the live segment is polled for new records; Prometheus's watcher polls every 10 ms.</summary>
    public TimeSpan ReadPeriod { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Segment and offset of the next record to read (for tests and logs).</summary>
    public (int Segment, long Offset) Position { get; private set; } = (-1, 0);

    /// <summary>
    /// How often the directory is listed (new segments, new checkpoints) while the live segment keeps growing. It is also
    /// listed whenever a read found nothing new, so a cut to the next segment is seen on the next poll; this bound is for
    /// checkpoints (and their garbage collection of the series cache) while samples flow without a pause.
    /// </summary>
    public TimeSpan ListPeriod { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stop)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            int segment = -1;
            long offset = 0;
            List<int> segments = [];
            bool relist = true;
            long listedAt = 0;
            while (!stop.IsCancellationRequested)
            {
                // Fast path: the live segment grew since the last poll, read on without listing the directory (three
                // system calls and a list of names per poll otherwise).
                if (relist || _time.GetElapsedTime(listedAt) >= ListPeriod)
                {
                    if (!Directory.Exists(_dir))
                    {
                        await Task.Delay(ReadPeriod, _time, stop);
                        continue;
                    }
                    ReadNewCheckpoint(buffer, ref segment, ref offset);
                    try
                    {
                        segments = WalSegments.List(_dir);
                    }
                    catch (IOException)
                    {
                        // A checkpoint is deleting old segments right now; look again on the next tick.
                        await Task.Delay(ReadPeriod, _time, stop);
                        continue;
                    }
                    listedAt = _time.GetTimestamp();
                    relist = false;
                    if (segments.Count == 0)
                    {
                        relist = true;
                        await Task.Delay(ReadPeriod, _time, stop);
                        continue;
                    }
                    if (segment < 0) segment = segments[0];
                    if (segment < segments[0])
                    {
                        Log.SegmentsSkipped(_logger, _queue.Metrics.RemoteName, segment, segments[0]);
                        (segment, offset) = (segments[0], 0);
                    }
                }
                if (segment > segments[^1])
                {
                    relist = true;
                    await Task.Delay(ReadPeriod, _time, stop);
                    continue;
                }
                // Decided before reading: if a later segment already exists, this one is complete once read to its end.
                bool complete = segments[^1] > segment;
                Position = (segment, offset);
                var (end, error) = await ReadSegmentAsync(segment, offset, buffer, stop);
                bool progressed = end != offset;
                offset = end;
                Position = (segment, offset);
                if (stop.IsCancellationRequested) return;
                if (complete)
                {
                    if (error is not null) Log.SegmentCorrupt(_logger, _queue.Metrics.RemoteName, error.Message);
                    (segment, offset) = (segment + 1, 0);
                    Position = (segment, offset);
                    continue;
                }
                // Nothing new: the writer may have cut to a new segment (or the file went away); list before the next read.
                if (!progressed || error is not null) relist = true;
                await Task.Delay(ReadPeriod, _time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the newest checkpoint's series once it appears and forgets series older than it.</summary>
    private void ReadNewCheckpoint(byte[] buffer, ref int segment, ref long offset)
    {
        var checkpoints = WalSegments.ListCheckpoints(_dir);
        if (checkpoints.Count == 0 || checkpoints[^1].Index <= _checkpoint) return;
        var (index, path) = checkpoints[^1];
        try
        {
            foreach (int s in WalSegments.List(path))
            {
                using var reader = new WalSegmentReader(path, s, buffer);
                while (reader.Next(out ReadOnlySpan<byte> record))
                {
                    if (WalRecordDecoder.TypeOf(record) == WalRecordType.Series) _queue.StoreSeries(_decoder.DecodeSeries(record), index);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Deleted by a newer checkpoint while being read: the next look reads that one.
            return;
        }
        _queue.SeriesReset(index);
        _checkpoint = index;
        if (segment <= index)
        {
            if (segment >= 0) Log.SegmentsSkipped(_logger, _queue.Metrics.RemoteName, segment, index + 1);
            (segment, offset) = (index + 1, 0);
        }
    }

    /// <summary>Reads records from <paramref name="offset"/> to the current end; returns where to resume and why it stopped early.</summary>
    private async Task<(long End, WalCorruptionException? Error)> ReadSegmentAsync(int segment, long offset, byte[] buffer, CancellationToken stop)
    {
        WalSegmentReader reader;
        try
        {
            reader = new WalSegmentReader(_dir, segment, buffer, offset);
        }
        catch (FileNotFoundException)
        {
            return (offset, null);   // checkpointed away under us; the next round jumps past it
        }
        using (reader)
        {
            while (true)
            {
                int n = ReadRecord(reader, segment, out bool more);
                if (!more) return (reader.GoodEnd, reader.Error);
                if (n > 0 && !await _queue.AppendAsync(_samples, n, stop)) return (offset, null);
                offset = reader.GoodEnd;
            }
        }
    }

    /// <summary>Handles one record: series are cached, samples newer than the start are copied out. Returns the sample count.</summary>
    private int ReadRecord(WalSegmentReader reader, int segment, out bool more)
    {
        more = reader.Next(out ReadOnlySpan<byte> record);
        if (!more || reader.Compressed) return 0;
        try
        {
            switch (WalRecordDecoder.TypeOf(record))
            {
                case WalRecordType.Series:
                    _queue.StoreSeries(_decoder.DecodeSeries(record), segment);
                    return 0;
                case WalRecordType.Samples:
                    var samples = _decoder.DecodeSamples(record);
                    if (_samples.Length < samples.Length) _samples = new RefSample[samples.Length];
                    int n = 0;
                    long highest = long.MinValue;
                    foreach (ref readonly RefSample s in samples)
                    {
                        if (s.T <= _startMs) continue;
                        _samples[n++] = s;
                        if (s.T > highest) highest = s.T;
                    }
                    if (n > 0) _queue.Metrics.ObserveRead(highest);
                    return n;
                default:
                    return 0;
            }
        }
        catch (InvalidDataException e)
        {
            Log.RecordSkipped(_logger, _queue.Metrics.RemoteName, reader.Path, reader.RecordOffset, e.Message);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Remote write {Queue}: WAL segments {From} to {To} were checkpointed before they were read; their samples are not sent")]
        public static partial void SegmentsSkipped(ILogger logger, string queue, int from, int to);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Remote write {Queue}: WAL segment ends early, continuing with the next: {Reason}")]
        public static partial void SegmentCorrupt(ILogger logger, string queue, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Remote write {Queue}: skipped undecodable WAL record at {Segment}:{Offset}: {Reason}")]
        public static partial void RecordSkipped(ILogger logger, string queue, string segment, long offset, string reason);
    }
}
