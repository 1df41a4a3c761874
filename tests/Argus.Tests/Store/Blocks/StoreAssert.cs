using Argus.Model;
using Argus.Store;

namespace Argus.Tests.Store.Blocks;

/// <summary>Reads a whole selection into plain data for comparisons.</summary>
internal static class StoreRead
{
    public static List<(Labels Labels, List<Sample> Samples)> All(IQuerier q, params Matcher[] matchers)
    {
        if (matchers.Length == 0) matchers = [new Matcher(MatcherType.Regexp, "__name__", ".+")];
        var result = new List<(Labels, List<Sample>)>();
        var set = q.Select(true, matchers);
        ISampleIterator? it = null;
        while (set.Next())
        {
            var s = set.At;
            it = s.Iterator(it);
            var samples = new List<Sample>();
            while (it.Next()) samples.Add(new Sample(it.T, it.V));
            result.Add((s.Labels, samples));
        }
        return result;
    }

    /// <summary>Every sample of the selection as (labels, t, v) rows: structurally comparable with Assert.Equal.</summary>
    public static List<(Labels Labels, long T, double V)> Flat(IQuerier q, params Matcher[] matchers) =>
        All(q, matchers).SelectMany(s => s.Samples.Select(x => (s.Labels, x.T, x.V))).ToList();

    public static Dictionary<Labels, Sample[]> Generate(int series, long start, long end, long step, int seed = 1)
    {
        var rnd = new Random(seed);
        var d = new Dictionary<Labels, Sample[]>();
        for (int i = 0; i < series; i++)
        {
            var labels = Labels.FromStrings("__name__", i % 3 == 0 ? "up" : "http_requests_total", "job", "job" + (i % 4),
                "instance", $"10.0.{i / 250}.{i % 250}:9100");
            var samples = new List<Sample>();
            double v = rnd.Next(100);
            for (long t = start; t < end; t += step)
            {
                v += i % 3 == 0 ? 0 : rnd.Next(10);
                samples.Add(new Sample(t + (i % 5 == 0 ? rnd.Next(3) : 0), v));
            }
            d[labels] = [.. samples];
        }
        return d;
    }
}
