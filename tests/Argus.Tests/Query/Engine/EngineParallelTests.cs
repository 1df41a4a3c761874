using Argus.Model;
using Argus.Query.Engine;
using Argus.Rules.Testing;

namespace Argus.Tests.Query.Engine;

/// <summary>
/// Selectors with many series are read in parallel (SeriesParallel): the answers must be exactly those of evaluating each
/// series on its own (which stays on one thread), in the same order, and the limits must hold as errors of their own kind.
/// </summary>
public sealed class EngineParallelTests
{
    private const int SeriesCount = SeriesParallel.MinSeries * 3 + 17;

    private static MemoryStore ManySeries()
    {
        var store = new MemoryStore();
        var random = new Random(7);
        for (int s = 0; s < SeriesCount; s++)
        {
            var labels = Labels.FromStrings(Labels.MetricName, "x_total", "i", s.ToString("D4"), "mod", (s % 5).ToString());
            double v = 0;
            for (long t = random.Next(0, 30_000); t < 1_200_000; t += 15_000)
            {
                v = random.Next(20) == 0 ? random.Next(10) : v + random.Next(100); // counter resets now and then
                store.Add(labels, t, random.Next(50) == 0 ? StaleNaN.Value : v);
            }
        }
        return store;
    }

    [Theory]
    [InlineData("x_total")]
    [InlineData("rate(x_total[2m])")]
    [InlineData("max_over_time(x_total[1m] offset 30s)")]
    [InlineData("timestamp(x_total)")]
    public void ManySeries_SameAnswerAsEachSeriesAlone(string query)
    {
        var store = ManySeries();
        var engine = new Argus.Query.Engine.Engine(new EngineOptions());
        var all = (MatrixValue)engine.Range(store, query, 300_000, 1_200_000, 15_000).Value;
        Assert.True(all.Series.Count > SeriesParallel.MinSeries, "the parallel path must be taken");
        for (int s = 0; s < SeriesCount; s++)
        {
            string one = query.Replace("x_total", $"x_total{{i=\"{s:D4}\"}}", StringComparison.Ordinal);
            var alone = (MatrixValue)engine.Range(store, one, 300_000, 1_200_000, 15_000).Value;
            var expected = Assert.Single(alone.Series);
            var actual = all.Series.Single(x => x.Metric.Get("i") == s.ToString("D4"));
            Assert.Equal(expected.Points, actual.Points);
        }
        var order = all.Series.Select(x => x.Metric.Get("i")).ToList();
        Assert.Equal(order.Order(StringComparer.Ordinal), order);
    }

    [Fact]
    public void ManySeries_TooManySamplesIsStillAQueryError()
    {
        var engine = new Argus.Query.Engine.Engine(new EngineOptions { MaxSamples = 5_000 });
        var e = Assert.Throws<QueryException>(() => engine.Range(ManySeries(), "sum(rate(x_total[5m]))", 300_000, 1_200_000, 15_000));
        Assert.Equal(QueryErrorKind.TooManySamples, e.Kind);
    }
}
