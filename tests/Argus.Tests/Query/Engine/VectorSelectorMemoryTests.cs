using System.Globalization;
using Argus.Model;
using Argus.Query.Engine;
using Argus.Rules.Testing;

namespace Argus.Tests.Query.Engine;

/// <summary>
/// What a selector's result holds must follow the points --query.max-samples counts, not the number of steps: found by the
/// query-load run (bench/load), where `{job="load"}` at a 1 s step over 1 h held 57 KB per series and the process hit its
/// memory limit long before the 5M-sample limit.
/// </summary>
public sealed class VectorSelectorMemoryTests
{
    [Fact]
    public void SparseSeriesHoldTheirPointsNotEveryStep()
    {
        // 1,000 series with one sample at t=0: at 3,601 one-second steps each has a point only at the 300 steps of its
        // 5-minute lookback, 300k points (4.8 MB of FPoint) in all. Sized to the steps they would take 57.6 MB.
        var store = new MemoryStore();
        for (int s = 0; s < 1000; s++) store.Add(Labels.FromStrings(Labels.MetricName, "x", "id", s.ToString(CultureInfo.InvariantCulture)), 0, s);
        var engine = new Argus.Query.Engine.Engine(new EngineOptions { LookbackDelta = TimeSpan.FromMinutes(5) });
        engine.Range(store, "x", 0, 10_000, 1000);   // JIT and first-use allocations out of the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = (MatrixValue)engine.Range(store, "x", 0, 3_600_000, 1000).Value;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, result.Series.Count);
        Assert.All(result.Series, s => Assert.Equal(300, s.Points.Length));
        Assert.True(allocated < 20_000_000, $"a 300k-point result allocated {allocated:N0} bytes");
    }
}
