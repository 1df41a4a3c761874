using Argus.Store;
using Argus.Model;

namespace Argus.Collect.Backfill;

/// <summary>
/// Serves the imported series (already sorted by labels) to <see cref="Store.Blocks.BlockWriter"/> one block range at a time.
/// Matchers are ignored: the block writer selects everything.
/// </summary>
internal sealed class ImportQuerier(IReadOnlyList<ImportedSeries> sortedSeries, long mint, long maxt) : IQuerier
{
    public long Mint { get; } = mint;
    public long Maxt { get; } = maxt;

    public ISeriesSet Select(bool sorted, params Matcher[] matchers) => new SeriesSet(sortedSeries, Mint, Maxt);

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) =>
        sortedSeries.SelectMany(s => s.Labels.Select(l => l.Name)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) =>
        sortedSeries.Select(s => s.Labels.Get(name)).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public void Dispose() { }

    private sealed class SeriesSet(IReadOnlyList<ImportedSeries> series, long mint, long maxt) : ISeriesSet
    {
        private int _i = -1;
        private ISeries? _at;

        public bool Next()
        {
            while (++_i < series.Count)
            {
                var s = series[_i];
                int from = LowerBound(s.Samples, mint);
                int to = LowerBound(s.Samples, maxt == long.MaxValue ? maxt : maxt + 1);
                if (from == to) continue;
                _at = new Series(s.Labels, s.Samples, from, to);
                return true;
            }
            return false;
        }

        public ISeries At => _at ?? throw new InvalidOperationException("At called before Next returned true");

        private static int LowerBound(List<Sample> samples, long t)
        {
            int lo = 0, hi = samples.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (samples[mid].T < t) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    private sealed class Series(Labels labels, List<Sample> samples, int from, int to) : ISeries
    {
        public Labels Labels { get; } = labels;
        public ISampleIterator Iterator(ISampleIterator? reuse = null) => new SampleIterator(samples, from, to);
    }

    private sealed class SampleIterator(List<Sample> samples, int from, int to) : ISampleIterator
    {
        private int _i = from - 1;
        public long T => samples[_i].T;
        public double V => samples[_i].V;
        public bool Next() => ++_i < to;
        public bool Seek(long t)
        {
            if (_i < from) _i = from;
            while (_i < to && samples[_i].T < t) _i++;
            return _i < to;
        }
    }
}
