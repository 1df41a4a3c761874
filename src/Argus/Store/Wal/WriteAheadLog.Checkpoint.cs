using System.Buffers;
using System.Diagnostics;
using Argus.Model;

namespace Argus.Store.Wal;

public sealed partial class WriteAheadLog
{
    /// <summary>
    /// Writes <c>checkpoint.NNNNNNNN</c> (N = <paramref name="throughSegment"/>) holding, from the previous checkpoint and
    /// segments up to and including <paramref name="throughSegment"/>, the series for which <paramref name="keep"/> is true
    /// and those series' samples with T ≥ <paramref name="mint"/>; then deletes those segments and older checkpoints.
    /// The checkpoint is built in a <c>.tmp</c> directory, fsynced and renamed, so a crash leaves either the old state or
    /// the new one. Runs beside <see cref="Log"/>; one checkpoint at a time. A no-op when the segment is already covered.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="throughSegment"/> is still being written.</exception>
    /// <exception cref="WalCorruptionException">A segment to checkpoint is corrupt; nothing was deleted.</exception>
    public void Checkpoint(int throughSegment, Func<SeriesRef, bool> keep, long mint)
    {
        lock (_checkpointLock)
        {
            int current = CurrentSegment;
            if (throughSegment >= current)
            {
                throw new ArgumentOutOfRangeException(nameof(throughSegment),
                    $"cannot checkpoint WAL {_dir} through segment {throughSegment}: segment {current} is the one being written; call NextSegment first");
            }
            var checkpoints = WalSegments.ListCheckpoints(_dir);
            int previous = checkpoints.Count > 0 ? checkpoints[^1].Index : -1;
            if (throughSegment <= previous) return;
            List<int> segments = WalSegments.List(_dir).FindAll(s => s > previous && s <= throughSegment);

            long start = Stopwatch.GetTimestamp();
            _metrics.CheckpointCreations.Inc();
            string final = WalSegments.CheckpointPath(_dir, throughSegment);
            string tmp = final + WalSegments.TmpSuffix;
            long seriesKept, samplesKept, seriesDropped, samplesDropped;
            try
            {
                if (System.IO.Directory.Exists(tmp)) System.IO.Directory.Delete(tmp, recursive: true);
                System.IO.Directory.CreateDirectory(tmp);
                var decoder = new WalRecordDecoder();
                byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.ReadBufferBytes);
                using (var writer = new WalPageWriter(tmp, 0, _options.SegmentSizeBytes, d => _metrics.FsyncDuration.Observe(d.TotalSeconds)))
                using (var filter = new WalCheckpointWriter(writer, keep, mint))
                {
                    try
                    {
                        long records = 0;
                        if (previous >= 0)
                        {
                            string path = WalSegments.CheckpointPath(_dir, previous);
                            foreach (int s in WalSegments.List(path)) CheckpointSegment(path, s, buffer, decoder, filter, ref records);
                        }
                        foreach (int s in segments) CheckpointSegment(_dir, s, buffer, decoder, filter, ref records);
                        filter.Flush();
                        writer.Close();   // pads and fsyncs
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    (seriesKept, samplesKept, seriesDropped, samplesDropped) =
                        (filter.SeriesKept, filter.SamplesKept, filter.SeriesDropped, filter.SamplesDropped);
                }
                if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, recursive: true);
                System.IO.Directory.Move(tmp, final);
            }
            catch
            {
                _metrics.CheckpointCreationsFailed.Inc();
                try
                {
                    if (System.IO.Directory.Exists(tmp)) System.IO.Directory.Delete(tmp, recursive: true);
                }
                catch (IOException)
                {
                    // Open deletes leftover .tmp directories; the original error is the one worth reporting.
                }
                throw;
            }

            _metrics.Truncations.Inc();
            try
            {
                foreach (int s in segments) File.Delete(WalSegments.Path(_dir, s));
                foreach ((int index, string path) in checkpoints)
                {
                    if (index >= throughSegment) continue;
                    _metrics.CheckpointDeletions.Inc();
                    System.IO.Directory.Delete(path, recursive: true);
                }
            }
            catch (IOException)
            {
                _metrics.TruncationsFailed.Inc();
                throw;
            }
            finally
            {
                lock (_lock)
                {
                    _sizeBytes = WalSegments.SizeOf(_dir);
                    _metrics.StorageSize.Set(_sizeBytes);
                }
            }
            Messages.Checkpointed(_logger, final, segments.Count, seriesKept, seriesDropped, samplesKept, samplesDropped,
                Stopwatch.GetElapsedTime(start));
        }
    }

    private static void CheckpointSegment(string dir, int segment, byte[] buffer, WalRecordDecoder decoder, WalCheckpointWriter filter,
        ref long records)
    {
        using var reader = new WalSegmentReader(dir, segment, buffer);
        if (ReadAll(reader, decoder, filter, ref records) is { } error) throw error.Error;
    }
}
