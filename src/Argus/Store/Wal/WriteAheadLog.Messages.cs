using Microsoft.Extensions.Logging;

namespace Argus.Store.Wal;

public sealed partial class WriteAheadLog
{
    private static partial class Messages
    {
        [LoggerMessage(Level = LogLevel.Information,
            Message = "WAL opened in {Directory}: {Segments} segments, checkpoint {Checkpoint}, writing segment {Segment} (took {Duration})")]
        public static partial void Opened(ILogger logger, string directory, int segments, int checkpoint, int segment, TimeSpan duration);

        [LoggerMessage(Level = LogLevel.Warning,
            Message = "WAL segment {Segment} is torn or corrupt at offset {Offset} ({Reason}): truncated there, {Bytes} bytes after it are dropped")]
        public static partial void TailRepaired(ILogger logger, string segment, long offset, long bytes, string reason);

        [LoggerMessage(Level = LogLevel.Warning,
            Message = "WAL segment {Segment} is corrupt at offset {Offset} ({Reason}): as Prometheus does, the WAL is truncated there; " +
                      "the rest of that segment and {LaterSegments} later segments are lost")]
        public static partial void MiddleRepaired(ILogger logger, string segment, long offset, string reason, int laterSegments);

        [LoggerMessage(Level = LogLevel.Information, Message = "WAL replay of {Directory} read {Records} records (took {Duration})")]
        public static partial void Replayed(ILogger logger, string directory, long records, TimeSpan duration);

        [LoggerMessage(Level = LogLevel.Information,
            Message = "WAL checkpoint {Checkpoint} created from {Segments} segments: kept {SeriesKept} series ({SeriesDropped} dropped), " +
                      "{SamplesKept} samples ({SamplesDropped} dropped) (took {Duration})")]
        public static partial void Checkpointed(ILogger logger, string checkpoint, int segments, long seriesKept, long seriesDropped,
            long samplesKept, long samplesDropped, TimeSpan duration);
    }
}
