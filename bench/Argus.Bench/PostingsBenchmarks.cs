using Argus.Model;
using Argus.Store.Index;
using BenchmarkDotNet.Attributes;

namespace Argus.Bench;

/// <summary>
/// Postings intersection of large lists: two dense lists of a million refs (merge path), a small list against a large one
/// (galloping path), and a three-matcher query resolved through the index.
/// </summary>
[MemoryDiagnoser]
public class PostingsBenchmarks
{
    private ulong[] _evens = [];
    private ulong[] _multiplesOf3 = [];
    private ulong[] _sparse = [];
    private ulong[] _dst = [];
    private MemPostings _index = new();
    private Matcher[] _matchers = [];

    [GlobalSetup]
    public void Setup()
    {
        _evens = Enumerable.Range(0, 1_000_000).Select(i => (ulong)i * 2).ToArray();
        _multiplesOf3 = Enumerable.Range(0, 1_000_000).Select(i => (ulong)i * 3).ToArray();
        _sparse = Enumerable.Range(0, 1_000).Select(i => (ulong)i * 1_997).ToArray();
        _dst = new ulong[1_000_000];
        _index = new MemPostings();
        for (int i = 1; i <= 200_000; i++)
        {
            _index.Add((ulong)i, Labels.FromStrings(
                "__name__", i % 10 == 0 ? "http_requests_total" : "node_cpu_seconds_total",
                "job", i % 4 == 0 ? "api" : "node",
                "instance", "host-" + (i % 1000) + ":9100"));
        }
        _matchers = [Matcher.Equal("__name__", "http_requests_total"), Matcher.Equal("job", "api"), new Matcher(MatcherType.Regexp, "instance", "host-1.*")];
    }

    [Benchmark]
    public int IntersectDense() => Postings.Intersect(_evens, _multiplesOf3, _dst);

    [Benchmark]
    public int IntersectSmallWithLarge() => Postings.Intersect(_sparse, _evens, _dst);

    [Benchmark]
    public int ResolveMatchers() => PostingsForMatchers.Resolve(_index, _matchers).Length;
}
