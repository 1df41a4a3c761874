using Argus.Model;
using Argus.Store;
using Argus.Store.Blocks;
using BenchmarkDotNet.Attributes;

namespace Argus.Bench.Store.Blocks;

/// <summary>
/// Reading a 2h block: select by a matcher and iterate every sample. The allocation column should grow with series and
/// chunks (labels, chunk metas, one positional read per chunk), never with samples. <see cref="XorOnly"/> compares the
/// same block written with XOR chunks only against the default (decimal chunks where smaller, as here: the values are
/// multiples of 0.5 and counters in bytes).
/// </summary>
[MemoryDiagnoser]
public class BlockQueryBenchmarks
{
    private const long H2 = 2 * 3600_000;
    private string _dir = "";
    private Block _block = null!;

    [Params(100, 1000)]
    public int Series { get; set; }

    [Params(false, true)]
    public bool XorOnly { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("argus-bench-block-").FullName;
        var data = new Dictionary<Labels, Sample[]>();
        for (int i = 0; i < Series; i++)
        {
            var samples = new Sample[480];
            long bytes = 1L << 30;
            for (int k = 0; k < samples.Length; k++)
            {
                bytes += (i * 7919 + k * 104_729) % 65_536; // a byte counter with irregular increments
                samples[k] = new Sample(k * 15_000L, i % 2 == 0 ? i + k * 0.5 : bytes);
            }
            data[Labels.FromStrings("__name__", "m", "job", "j" + (i % 10), "instance", "i" + i)] = samples;
        }
        using var source = new ArrayQuerier(data);
        var meta = BlockWriter.Write(_dir, source, 0, H2, null, 1, xorOnly: XorOnly)!;
        _block = Block.Open(Path.Combine(_dir, meta.Ulid));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _block.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark]
    public double SelectAndIterate()
    {
        double sum = 0;
        using var q = _block.Querier(0, H2);
        var set = q.Select(false, new Matcher(MatcherType.Regexp, "job", "j1|j2|j3"));
        ISampleIterator? it = null;
        while (set.Next())
        {
            it = set.At.Iterator(it);
            while (it.Next()) sum += it.V;
        }
        return sum;
    }

    private sealed class ArrayQuerier(Dictionary<Labels, Sample[]> data) : IQuerier
    {
        public long Mint => long.MinValue;
        public long Maxt => long.MaxValue;
        public ISeriesSet Select(bool sorted, params Matcher[] matchers) =>
            new Set(data.OrderBy(kv => kv.Key, Comparer<Labels>.Create(Labels.Compare)).ToList());
        public IReadOnlyList<string> LabelNames(params Matcher[] matchers) => [];
        public IReadOnlyList<string> LabelValues(string name, params Matcher[] matchers) => [];
        public void Dispose() { }

        private sealed class Set(List<KeyValuePair<Labels, Sample[]>> list) : ISeriesSet
        {
            private int _i = -1;
            public bool Next() => ++_i < list.Count;
            public ISeries At => new Series(list[_i].Key, list[_i].Value);
        }

        private sealed class Series(Labels labels, Sample[] samples) : ISeries
        {
            public Labels Labels => labels;
            public ISampleIterator Iterator(ISampleIterator? reuse = null) => new It(samples);
        }

        private sealed class It(Sample[] samples) : ISampleIterator
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
}
