using Argus.Model;
using Argus.Store;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Tests.Query.Engine;

/// <summary>
/// A tiny in-memory <see cref="IQueryable"/> for engine tests: series are added whole, samples may start at any time
/// (also t = 0, where the head's out-of-window checks would reject them). Not thread-safe while being filled.
/// </summary>
internal sealed class MemoryStorage : IQueryable
{
    private readonly Dictionary<Labels, List<Sample>> _series = [];

    public void Add(Labels labels, long t, double v)
    {
        if (!_series.TryGetValue(labels, out var samples))
        {
            samples = [];
            _series[labels] = samples;
        }
        // Later loads may interleave with earlier ones: keep the samples sorted and let the newest write win.
        int i = samples.FindIndex(s => s.T >= t);
        if (i < 0) samples.Add(new Sample(t, v));
        else if (samples[i].T == t) samples[i] = new Sample(t, v);
        else samples.Insert(i, new Sample(t, v));
    }

    /// <summary>A copy to load more into, so that evals holding this instance keep seeing the store as it was.</summary>
    public MemoryStorage Clone()
    {
        var copy = new MemoryStorage();
        foreach (var (labels, samples) in _series) copy._series[labels] = [.. samples];
        return copy;
    }

    public IQuerier Querier(long mint, long maxt) => new MemoryQuerier(this, mint, maxt);

    private sealed class MemoryQuerier(MemoryStorage storage, long mint, long maxt) : IQuerier
    {
        public long Mint => mint;
        public long Maxt => maxt;

        public ISeriesSet Select(bool sorted, params Matcher[] matchers)
        {
            var list = new List<ISeries>();
            foreach (var (labels, samples) in storage._series)
            {
                bool ok = true;
                foreach (var m in matchers)
                {
                    if (!m.Matches(labels.Get(m.Name))) { ok = false; break; }
                }
                if (!ok) continue;
                var inRange = samples.FindAll(s => s.T >= mint && s.T <= maxt);
                if (inRange.Count > 0) list.Add(new MemorySeries(labels, [.. inRange]));
            }
            list.Sort((a, b) => Labels.Compare(a.Labels, b.Labels));
            return new MemorySeriesSet(list);
        }

        public IReadOnlyList<string> LabelNames(params Matcher[] matchers) =>
            [.. storage._series.Keys.SelectMany(l => l.Select(x => x.Name)).Distinct().Order(StringComparer.Ordinal)];

        public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) =>
            [.. storage._series.Keys.Select(l => l.Get(name)).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal)];

        public void Dispose()
        {
        }
    }

    private sealed class MemorySeriesSet(List<ISeries> series) : ISeriesSet
    {
        private int _i = -1;
        public bool Next() => ++_i < series.Count;
        public ISeries At => series[_i];
    }

    private sealed class MemorySeries(Labels labels, Sample[] samples) : ISeries
    {
        public Labels Labels => labels;
        public ISampleIterator Iterator(ISampleIterator? reuse = null) => new MemoryIterator(samples);
    }

    private sealed class MemoryIterator(Sample[] samples) : ISampleIterator
    {
        private int _i = -1;

        public bool Next() => ++_i < samples.Length;

        public bool Seek(long t)
        {
            if (_i < 0) _i = 0;
            while (_i < samples.Length && samples[_i].T < t) _i++;
            return _i < samples.Length;
        }

        public long T => samples[_i].T;
        public double V => samples[_i].V;
    }
}
