using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class StatCollectorTests
{
    [Fact]
    public void Collect_FixtureStat_KernelCounters()
    {
        var families = NodeTestData.Collect(new StatCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_boot_time_seconds 1795562334",
            "node_context_switches_total 3247210",
            "node_forks_total 29196",
            "node_intr_total 1621216",
            "node_procs_blocked 1",
            "node_procs_running 4",
        ], NodeTestData.Series(families));
    }
}
