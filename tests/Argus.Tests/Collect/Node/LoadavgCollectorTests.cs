using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class LoadavgCollectorTests
{
    [Fact]
    public void Collect_FixtureLoadavg_ThreeGauges()
    {
        var families = NodeTestData.Collect(new LoadavgCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_load1 0.56",
            "node_load15 0.36",
            "node_load5 0.5",
        ], NodeTestData.Series(families));
    }
}
