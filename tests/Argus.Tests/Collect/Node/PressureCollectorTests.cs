using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class PressureCollectorTests
{
    [Fact]
    public void Collect_FixturePressure_TotalsInSeconds()
    {
        var families = NodeTestData.Collect(new PressureCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_pressure_cpu_waiting_seconds_total 38.21246300000001",
            "node_pressure_io_stalled_seconds_total 3.237969",
            "node_pressure_io_waiting_seconds_total 3.6501170000000003",
            "node_pressure_memory_stalled_seconds_total 0",
            "node_pressure_memory_waiting_seconds_total 0",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_NoPressureDirectory_NoData()
    {
        var options = NodeTestData.Options with { ProcPath = Path.Combine(NodeTestData.Root, "does-not-exist") };
        Assert.Throws<NoDataException>(() => NodeTestData.Collect(new PressureCollector(options)));
    }
}
