using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class VmstatCollectorTests
{
    [Fact]
    public void Collect_FixtureVmstat_OnlyDefaultFields()
    {
        var families = NodeTestData.Collect(new VmstatCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_vmstat_oom_kill 2",
            "node_vmstat_pgfault 7483725",
            "node_vmstat_pgmajfault 1337",
            "node_vmstat_pgpgin 1935080",
            "node_vmstat_pgpgout 2872640",
            "node_vmstat_pswpin 0",
            "node_vmstat_pswpout 0",
        ], NodeTestData.Series(families));
    }
}
