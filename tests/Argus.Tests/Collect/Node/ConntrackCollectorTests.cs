using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class ConntrackCollectorTests
{
    [Fact]
    public void Collect_FixtureConntrack_StatsSummedOverCpus()
    {
        var families = NodeTestData.Collect(new ConntrackCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_nf_conntrack_entries 17",
            "node_nf_conntrack_entries_limit 262144",
            "node_nf_conntrack_stat_drop 1",
            "node_nf_conntrack_stat_early_drop 1",
            "node_nf_conntrack_stat_found 3",
            "node_nf_conntrack_stat_ignore 6",
            "node_nf_conntrack_stat_insert 20",
            "node_nf_conntrack_stat_insert_failed 2",
            "node_nf_conntrack_stat_invalid 11",
            "node_nf_conntrack_stat_search_restart 5",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_NoConntrackModule_NoData()
    {
        var options = NodeTestData.Options with { ProcPath = Path.Combine(NodeTestData.Root, "does-not-exist") };
        Assert.Throws<NoDataException>(() => NodeTestData.Collect(new ConntrackCollector(options)));
    }
}
