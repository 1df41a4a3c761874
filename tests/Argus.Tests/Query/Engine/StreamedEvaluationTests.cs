using Argus.Model;
using Argus.Query.Engine;
using Argus.Rules.Testing;

namespace Argus.Tests.Query.Engine;

/// <summary>
/// The streamed evaluation paths (aggregations fed series by series, one-to-one matching by pairs) must give exactly what
/// the step-by-step paths give: same series, bit-identical values, the same annotations.
/// </summary>
public sealed class StreamedEvaluationTests
{
    private const long Step = 15_000;
    private const long End = 30 * 60_000;

    /// <summary>
    /// Counters and gauges in 3 namespaces × 4 pods × 2 containers; some series start late, stop early, have gaps, reset,
    /// or hold NaN, ±Inf and huge values (where Kahan sums and incremental means matter).
    /// </summary>
    private static MemoryStore Store()
    {
        var store = new MemoryStore();
        var random = new Random(42);
        int n = 0;
        foreach (string ns in new[] { "a", "b", "c" })
        {
            for (int pod = 0; pod < 4; pod++)
            {
                foreach (string container in new[] { "app", "sidecar" })
                {
                    n++;
                    var counter = Labels.FromStrings(Labels.MetricName, "cpu_seconds_total", "namespace", ns, "pod", $"p{pod}", "container", container);
                    var usage = Labels.FromStrings(Labels.MetricName, "mem_bytes", "namespace", ns, "pod", $"p{pod}", "container", container);
                    var limit = Labels.FromStrings(Labels.MetricName, "mem_limit_bytes", "namespace", ns, "pod", $"p{pod}", "container", container);
                    long from = n % 5 == 0 ? 11 * 60_000 : 0;          // late starters
                    long to = n % 7 == 0 ? 19 * 60_000 : End;          // early stoppers
                    double total = random.NextDouble() * 1e6;
                    for (long t = from; t <= to; t += 15_000 + random.Next(-2000, 2000))
                    {
                        if (n % 3 == 0 && t > 5 * 60_000 && t < 9 * 60_000) continue; // gap
                        total = n % 4 == 0 && random.Next(40) == 0 ? random.NextDouble() : total + random.NextDouble() * 3;
                        store.Add(counter, t, total);
                        double mem = n % 11 == 0 && random.Next(20) == 0 ? double.NaN
                            : n % 13 == 0 && random.Next(20) == 0 ? double.PositiveInfinity
                            : n % 6 == 0 ? 1e308 * random.NextDouble() : random.NextDouble() * 1e9;
                        store.Add(usage, t, mem);
                        store.Add(limit, t, 2e9);
                    }
                }
            }
        }
        return store;
    }

    public static TheoryData<string> Aggregations() =>
    [
        "sum by (namespace) (rate(cpu_seconds_total[5m]))",
        "avg by (namespace, pod) (rate(cpu_seconds_total[5m]))",
        "max without (container) (irate(cpu_seconds_total[1m]))",
        "min(increase(cpu_seconds_total[2m]))",
        "count by (container) (cpu_seconds_total)",
        "group by (pod) (mem_bytes)",
        "stddev by (namespace) (mem_bytes)",
        "stdvar(mem_bytes)",
        "avg by (namespace) (mem_bytes)",
        "sum by (namespace) (mem_bytes)",
        "sum by (__name__) ({__name__=~\"mem.*\"})",
        "sum by (namespace) (mem_bytes / mem_limit_bytes)",
        "avg without (pod) (avg_over_time(mem_bytes[3m]))",
        "sum by (namespace) (rate(cpu_seconds_total[5m:1m]))",
        "sum by (namespace) (sum by (namespace, pod) (rate(cpu_seconds_total[5m])))",
    ];

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void Aggregation_Streamed_EqualsStepByStep(string query)
    {
        var store = Store();
        var streamed = new Argus.Query.Engine.Engine(new EngineOptions()).Range(store, query, 0, End, Step);
        var stepByStep = new Argus.Query.Engine.Engine(new EngineOptions { MaxAggregationCells = 1 }).Range(store, query, 0, End, Step);
        AssertSameMatrix(stepByStep, streamed);
        Assert.NotEmpty(((MatrixValue)streamed.Value).Series);
    }

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void Aggregation_Instant_StreamedEqualsStepByStep(string query)
    {
        var store = Store();
        var streamed = new Argus.Query.Engine.Engine(new EngineOptions()).Instant(store, query, 20 * 60_000);
        var stepByStep = new Argus.Query.Engine.Engine(new EngineOptions { MaxAggregationCells = 0 }).Instant(store, query, 20 * 60_000);
        var a = ((VectorValue)stepByStep.Value).Samples;
        var b = ((VectorValue)streamed.Value).Samples;
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Metric, b[i].Metric);
            Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].F), BitConverter.DoubleToInt64Bits(b[i].F));
        }
    }

    [Theory]
    [InlineData("mem_bytes / mem_limit_bytes", "mem_bytes / ignoring() group_left mem_limit_bytes")]
    [InlineData("mem_bytes > bool mem_limit_bytes * 0.25", "mem_bytes > bool ignoring() group_left mem_limit_bytes * 0.25")]
    [InlineData("rate(cpu_seconds_total[5m]) > rate(cpu_seconds_total[1m])", "rate(cpu_seconds_total[5m]) > ignoring() group_left rate(cpu_seconds_total[1m])")]
    public void OneToOne_Pairs_EqualStepByStepMatching(string oneToOne, string manyToOne)
    {
        var store = Store();
        var engine = new Argus.Query.Engine.Engine(new EngineOptions());
        AssertSameMatrix(engine.Range(store, manyToOne, 0, End, Step), engine.Range(store, oneToOne, 0, End, Step));
    }

    [Fact]
    public void OneToOne_DuplicateSignatureOverlapping_IsPrometheusError()
    {
        var store = Store();
        var engine = new Argus.Query.Engine.Engine(new EngineOptions());
        // Both containers of a pod share the on(namespace, pod) signature on the right: the pairing fast path must step aside.
        var e = Assert.Throws<QueryException>(() => engine.Range(store, "mem_bytes / on(namespace, pod) mem_limit_bytes", 0, End, Step));
        Assert.StartsWith("found duplicate series for the match group", e.Message);
    }

    private static void AssertSameMatrix(Result expected, Result actual)
    {
        var a = ((MatrixValue)expected.Value).Series;
        var b = ((MatrixValue)actual.Value).Series;
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Metric, b[i].Metric);
            Assert.Equal(a[i].Points.Length, b[i].Points.Length);
            for (int j = 0; j < a[i].Points.Length; j++)
            {
                Assert.Equal(a[i].Points[j].T, b[i].Points[j].T);
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Points[j].F), BitConverter.DoubleToInt64Bits(b[i].Points[j].F));
            }
        }
        Assert.Equal(expected.Warnings, actual.Warnings);
        Assert.Equal(expected.Infos, actual.Infos);
    }
}
