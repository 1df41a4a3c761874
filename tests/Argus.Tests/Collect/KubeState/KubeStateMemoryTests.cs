using Argus.Collect.KubeState;
using Argus.Tests.Testing;
using k8s.Models;
using Xunit.Abstractions;
using static Argus.Tests.Collect.KubeState.KubeFixtures;

namespace Argus.Tests.Collect.KubeState;

/// <summary>
/// The retained heap of the 5,000-pod view. It reads the process-wide managed heap, so it runs alone (in the measurement
/// collection): beside other tests the heap can shrink between the two reads, and the difference came out negative.
/// </summary>
[Trait("Category", "Integration")]
[Collection(MeasurementCollection.Name)]
public sealed class KubeStateMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void FiveThousandPods_RetainedBytesPerPod_Bounded()
    {
        var template = One<V1Pod>("pods.json", "api-7d4b9c8f6-x2x9k");
        var pods = Enumerable.Range(0, KubeStateScaleTests.Pods).Select(i => KubeStateScaleTests.MakePod(template, i)).ToList();

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var collector = new KubeStateCollector();
        collector.Replace("pods", pods);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(pods);

        double perPod = (after - before) / (double)KubeStateScaleTests.Pods;
        double perSeries = (after - before) / (double)collector.SeriesCount;
        output.WriteLine($"{KubeStateScaleTests.Pods} pods, {collector.SeriesCount} series: {perPod:F0} bytes per pod, {perSeries:F0} bytes per series");
        // A pod of this fixture has 69 series (two containers, an init container); the bound catches a regression of the
        // per-object representation (e.g. keeping whole objects), not small drifts.
        Assert.InRange(perPod, 1_000, 32_000);
        GC.KeepAlive(collector);
    }
}
