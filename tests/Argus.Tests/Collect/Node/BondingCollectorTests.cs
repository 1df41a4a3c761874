using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class BondingCollectorTests
{
    [Fact]
    public void Collect_FixtureBonds_SlavesAndActiveSlaves()
    {
        var options = NodeTestData.Options with { SysPath = Path.Combine(NodeTestData.Root, "bonding", "sys") };

        var series = NodeTestData.Series(NodeTestData.Collect(new BondingCollector(options)));

        Assert.Equal(
        [
            "node_bonding_active{master=\"bond0\"} 1",
            "node_bonding_active{master=\"bond1\"} 1",
            "node_bonding_slaves{master=\"bond0\"} 2",
            "node_bonding_slaves{master=\"bond1\"} 1",
        ], series);
    }

    [Fact]
    public void Collect_NoBondingDriver_NoData()
    {
        var options = NodeTestData.Options with { SysPath = Path.Combine(NodeTestData.Root, "does-not-exist") };
        Assert.Throws<NoDataException>(() => NodeTestData.Collect(new BondingCollector(options)));
    }
}
