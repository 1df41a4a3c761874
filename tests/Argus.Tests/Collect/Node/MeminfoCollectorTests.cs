using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class MeminfoCollectorTests
{
    [Fact]
    public void Collect_FixtureMeminfo_BytesAndRawCounts()
    {
        var families = NodeTestData.Collect(new MeminfoCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_memory_Active_anon_bytes 1576960",
            "node_memory_Buffers_bytes 7544832",
            "node_memory_Cached_bytes 270409728",
            "node_memory_HugePages_Free 0",
            "node_memory_HugePages_Total 0",
            "node_memory_Hugepagesize_bytes 2097152",
            "node_memory_Inactive_file_bytes 114540544",
            "node_memory_MemAvailable_bytes 24968974336",
            "node_memory_MemFree_bytes 24896729088",
            "node_memory_MemTotal_bytes 25276026880",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_ParenthesisedKey_NodeExporterNameTypeAndHelp()
    {
        var family = NodeTestData.Family(NodeTestData.Collect(new MeminfoCollector(NodeTestData.Options)), "node_memory_Active_anon_bytes");
        Assert.Equal(Argus.Model.MetricType.Gauge, family.Type);
        Assert.Equal("Memory information field Active_anon_bytes.", family.Help);
    }
}
