using Argus.Model;
using Argus.Store;

namespace Argus.Tests.Store.Blocks;

/// <summary>An in-test IQuerier over fixed series: stands in for the head when writing and merging blocks.</summary>
internal sealed class MemoryQuerier(IReadOnlyDictionary<Labels, Sample[]> series, long mint, long maxt) : IQuerier
{
    public long Mint { get; } = mint;
    public long Maxt { get; } = maxt;
    public bool Disposed { get; private set; }

    public ISeriesSet Select(bool sorted, params Matcher[] matchers)
    {
        var list = series
            .Where(kv => matchers.All(m => m.Matches(kv.Key.Get(m.Name))))
            .Select(kv => (kv.Key, kv.Value.Where(s => s.T >= Mint && s.T <= Maxt).ToArray()))
            .Where(x => x.Item2.Length > 0)
            .OrderBy(x => x.Key, Comparer<Labels>.Create(Labels.Compare))
            .Select(x => (ISeries)new MemorySeries(x.Key, x.Item2))
            .ToList();
        return new ListSeriesSet(list);
    }

    public IReadOnlyList<string> LabelNames(params Matcher[] matchers) =>
        series.Keys.Where(l => matchers.All(m => m.Matches(l.Get(m.Name)))).SelectMany(l => l.Select(x => x.Name)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) =>
        series.Keys.Where(l => matchers.All(m => m.Matches(l.Get(m.Name)))).Select(l => l.Get(name)).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Disposed = true;

    internal sealed class ListSeriesSet(List<ISeries> list) : ISeriesSet
    {
        private int _i = -1;
        public bool Next() => ++_i < list.Count;
        public ISeries At => list[_i];
    }

    internal sealed class MemorySeries(Labels labels, Sample[] samples) : ISeries
    {
        public Labels Labels { get; } = labels;
        public ISampleIterator Iterator(ISampleIterator? reuse = null) => new ArrayIterator(samples);
    }

    internal sealed class ArrayIterator(Sample[] samples) : ISampleIterator
    {
        private int _i = -1;
        public long T => samples[_i].T;
        public double V => samples[_i].V;
        public bool Next() => ++_i < samples.Length;
        public bool Seek(long t)
        {
            if (_i < 0) _i = 0;
            while (_i < samples.Length && samples[_i].T < t) _i++;
            return _i < samples.Length;
        }
    }
}
