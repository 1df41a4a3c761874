using System.Buffers;
using Argus.Model;
using Argus.Store.Wal;

namespace Argus.Store.Head;

internal sealed partial class HeadAppender
{
    /// <summary>
    /// Writes the batch to the WAL: a series record for each series not logged yet (new, or created by a batch whose commit
    /// failed), then the samples, whose entries Append already wrote. Throws what the WAL throws; the caller rolls back.
    /// Buffers are pooled.
    /// </summary>
    private void LogToWal()
    {
        var wal = _head.Wal;
        if (wal is null || _count == 0) return;
        ReadOnlySpan<RefSample> samples = _walSamples.AsSpan(0, _count);
        if (_unlogged == 0)
        {
            // Fast path: every series of the batch was logged before its sample was appended (Logged never goes back to
            // false), so the samples are the whole record and no series object is read.
            wal.Log([], samples);
            return;
        }
        RefSeries[]? series = null;
        int seriesCount = 0;
        try
        {
            for (int i = 0; i < _count; i++)
            {
                var s = _pending[i].Series;
                if (!s.Logged)
                {
                    series ??= ArrayPool<RefSeries>.Shared.Rent(Math.Min(_count, Math.Max(_unlogged, 64)));
                    if (seriesCount == series.Length)
                    {
                        var bigger = ArrayPool<RefSeries>.Shared.Rent(series.Length * 2);
                        series.AsSpan(0, seriesCount).CopyTo(bigger);
                        ArrayPool<RefSeries>.Shared.Return(series, clearArray: true);
                        series = bigger;
                    }
                    // The series is pending in this batch, so head GC cannot remove it: its pair ids are valid.
                    series[seriesCount++] = new RefSeries(new SeriesRef(s.Ref), _head.LabelsOf(s));
                }
            }
            wal.Log(series.AsSpan(0, seriesCount), samples);
            // Only now: a failed write leaves the series unlogged, so the next batch that touches it logs it.
            for (int i = 0; i < _count && seriesCount > 0; i++)
            {
                var s = _pending[i].Series;
                if (!s.Logged) s.Logged = true;
            }
        }
        finally
        {
            if (series is not null) ArrayPool<RefSeries>.Shared.Return(series, clearArray: true);
        }
    }
}
