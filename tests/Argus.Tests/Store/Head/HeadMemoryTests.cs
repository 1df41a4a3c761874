using Argus.Model;
using Argus.Store;
using Argus.Store.Head;
using Argus.Tests.Testing;
using Xunit.Abstractions;

namespace Argus.Tests.Store.Head;

/// <summary>Measures the managed heap, so it runs alone: other tests allocating in parallel would count against it.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class HeadMemoryTests(ITestOutputHelper output)
{
    /// <summary>
    /// Managed bytes per series holding two hours of 15 s samples (480, five chunks) with six realistic labels. Prometheus
    /// needs about 2.6 KB RSS per such series. This layout measures about 1.8 KB, of which roughly 1.2 KB are the encoded
    /// samples of this data; the bound leaves ~10 % for noise. The 1M-series, targets.py-shaped measurement is
    /// bench/Argus.Bench/HeadMemoryProgram.cs (docs/format/head.md).
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public void Head_TwoHoursOf15sSamples_UsesLessMemoryPerSeriesThanPrometheus()
    {
        const int Series = 20_000, Samples = 480;
        var labels = Enumerable.Range(0, Series).Select(i => Labels.FromStrings(
            "__name__", "node_cpu_seconds_total",
            "job", "node",
            "instance", $"host-{i / 64}.example.com:9100",
            "cpu", (i / 8 % 8).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "mode", new[] { "idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice" }[i % 8],
            "env", "prod")).ToArray();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var head = TestHead.Create(options: new HeadOptions());
        var refs = new SeriesRef[Series];
        var rng = new Random(1);
        var values = new double[Series];
        for (int s = 0; s < Samples; s++)
        {
            var app = head.Appender();
            long t = 1_700_000_000_000 + s * 15_000L;
            for (int i = 0; i < Series; i++)
            {
                // Typical scraped data (Prometheus's ~1.3 bytes/sample): integer counter increments, mostly regular timestamps.
                if (i % 4 != 0) values[i] += rng.Next(0, 100);
                app.Append(ref refs[i], labels[i], t + (rng.Next(0, 10) == 0 ? 1 : 0), values[i]);
            }
            app.Commit();
        }
        labels = null!;
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perSeries = (after - before) / (double)Series;
        output.WriteLine($"{perSeries:F0} bytes per series ({Series} series x {Samples} samples, {head.Stats(1).ChunkCount} chunks)");
        Assert.Equal(Series, head.SeriesCount);
        Assert.InRange(perSeries, 0, 2000);
        GC.KeepAlive(head);
    }
}
