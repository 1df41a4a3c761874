using System.Buffers;
using Argus.Model;
using Argus.Store.Wal;

namespace Argus.Store.Head;

internal sealed partial class HeadAppender
{
    /// <summary>
    /// Writes the batch to the WAL: a series record for each series not logged yet (new, or created by a batch whose commit
    /// failed), then the samples. Throws what the WAL throws; the caller rolls back. Buffers are pooled.
    /// </summary>
    private void LogToWal()
    {
        var wal = _head.Wal;
        if (wal is null || _count == 0) return;
        var samples = ArrayPool<RefSample>.Shared.Rent(_count);
        RefSeries[]? series = null;
        int seriesCount = 0;
        try
        {
            for (int i = 0; i < _count; i++)
            {
                ref var p = ref _pending[i];
                var s = p.Series;
                samples[i] = new RefSample(new SeriesRef(s.Ref), p.T, p.V);
                if (!s.Logged)
                {
                    series ??= ArrayPool<RefSeries>.Shared.Rent(Math.Min(_count, 64));
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
            wal.Log(series.AsSpan(0, seriesCount), samples.AsSpan(0, _count));
            // Only now: a failed write leaves the series unlogged, so the next batch that touches it logs it.
            for (int i = 0; i < _count && seriesCount > 0; i++)
            {
                var s = _pending[i].Series;
                if (!s.Logged) s.Logged = true;
            }
        }
        finally
        {
            ArrayPool<RefSample>.Shared.Return(samples);
            if (series is not null) ArrayPool<RefSeries>.Shared.Return(series, clearArray: true);
        }
    }
}
