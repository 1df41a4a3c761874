using Argus.Collect.Node;
using Argus.Model;

namespace Argus.Tests.Collect.Node;

public sealed class CpuCollectorTests
{
    [Fact]
    public void Collect_FixtureStat_PerCpuSecondsAndGuest()
    {
        var families = NodeTestData.Collect(new CpuCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"} 0",
            "node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 0.12",
            "node_cpu_guest_seconds_total{cpu=\"1\",mode=\"nice\"} 0.05",
            "node_cpu_guest_seconds_total{cpu=\"1\",mode=\"user\"} 0",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 239.1",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"iowait\"} 0.09",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"irq\"} 0",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"nice\"} 0",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"softirq\"} 0.76",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"steal\"} 0.01",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"system\"} 23.89",
            "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 51.78",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 233.73",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"iowait\"} 1.16",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"irq\"} 0.01",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"nice\"} 0.07",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"softirq\"} 0.44",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} 0.02",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"system\"} 23.37",
            "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} 56.38",
        ], NodeTestData.Series(families));
        var seconds = NodeTestData.Family(families, "node_cpu_seconds_total");
        Assert.Equal(MetricType.Counter, seconds.Type);
        Assert.Equal("Seconds the CPUs spent in each mode.", seconds.Help);
    }

    [Fact]
    public void Collect_GuestDisabled_NoGuestFamily()
    {
        var families = NodeTestData.Collect(new CpuCollector(NodeTestData.Options with { CpuGuest = false }));
        Assert.DoesNotContain(families, f => f.Name == "node_cpu_guest_seconds_total");
    }

    [Theory]
    [InlineData(23900, 239.1)]   // idle 0.1 s backwards: ignored, the counter stays monotonic
    [InlineData(23000, 230.0)]   // idle 9.1 s backwards (≥ 3 s): taken as a hot-plug, the CPU starts afresh
    [InlineData(24000, 240.0)]   // forwards: taken as is
    public void Collect_IdleGoesBackwards_FollowsNodeExporterRules(int secondIdleTicks, double expectedIdle)
    {
        string dir = Directory.CreateTempSubdirectory("argus-cpu").FullName;
        try
        {
            var options = NodeTestData.Options with { ProcPath = dir };
            File.WriteAllText(Path.Combine(dir, "stat"), "cpu0 100 0 100 23910 0 0 0 0 0 0\n");
            var collector = new CpuCollector(options);
            NodeTestData.Collect(collector);
            File.WriteAllText(Path.Combine(dir, "stat"), $"cpu0 100 0 100 {secondIdleTicks} 0 0 0 0 0 0\n");

            var idle = NodeTestData.Family(NodeTestData.Collect(collector), "node_cpu_seconds_total")
                .Points.Single(p => p.Labels.Get("mode") == "idle");

            Assert.Equal(expectedIdle, idle.Value);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
