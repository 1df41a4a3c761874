using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class NetdevCollectorTests
{
    [Fact]
    public void Collect_FixtureNetDev_AllDevicesAndNohandlerFromSysfs()
    {
        var families = NodeTestData.Collect(new NetdevCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_network_receive_bytes_total{device=\"eth0\"} 156956705",
            "node_network_receive_bytes_total{device=\"lo\"} 72539",
            "node_network_receive_bytes_total{device=\"veth1a2b\"} 100",
            "node_network_receive_compressed_total{device=\"eth0\"} 5",
            "node_network_receive_compressed_total{device=\"lo\"} 0",
            "node_network_receive_compressed_total{device=\"veth1a2b\"} 0",
            "node_network_receive_drop_total{device=\"eth0\"} 2",
            "node_network_receive_drop_total{device=\"lo\"} 0",
            "node_network_receive_drop_total{device=\"veth1a2b\"} 0",
            "node_network_receive_errs_total{device=\"eth0\"} 1",
            "node_network_receive_errs_total{device=\"lo\"} 0",
            "node_network_receive_errs_total{device=\"veth1a2b\"} 0",
            "node_network_receive_fifo_total{device=\"eth0\"} 3",
            "node_network_receive_fifo_total{device=\"lo\"} 0",
            "node_network_receive_fifo_total{device=\"veth1a2b\"} 0",
            "node_network_receive_frame_total{device=\"eth0\"} 4",
            "node_network_receive_frame_total{device=\"lo\"} 0",
            "node_network_receive_frame_total{device=\"veth1a2b\"} 0",
            "node_network_receive_multicast_total{device=\"eth0\"} 6",
            "node_network_receive_multicast_total{device=\"lo\"} 0",
            "node_network_receive_multicast_total{device=\"veth1a2b\"} 0",
            "node_network_receive_nohandler_total{device=\"eth0\"} 3",
            "node_network_receive_nohandler_total{device=\"lo\"} 0",
            "node_network_receive_packets_total{device=\"eth0\"} 3503",
            "node_network_receive_packets_total{device=\"lo\"} 158",
            "node_network_receive_packets_total{device=\"veth1a2b\"} 1",
            "node_network_transmit_bytes_total{device=\"eth0\"} 232669",
            "node_network_transmit_bytes_total{device=\"lo\"} 72539",
            "node_network_transmit_bytes_total{device=\"veth1a2b\"} 200",
            "node_network_transmit_carrier_total{device=\"eth0\"} 11",
            "node_network_transmit_carrier_total{device=\"lo\"} 0",
            "node_network_transmit_carrier_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_colls_total{device=\"eth0\"} 10",
            "node_network_transmit_colls_total{device=\"lo\"} 0",
            "node_network_transmit_colls_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_compressed_total{device=\"eth0\"} 12",
            "node_network_transmit_compressed_total{device=\"lo\"} 0",
            "node_network_transmit_compressed_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_drop_total{device=\"eth0\"} 8",
            "node_network_transmit_drop_total{device=\"lo\"} 0",
            "node_network_transmit_drop_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_errs_total{device=\"eth0\"} 7",
            "node_network_transmit_errs_total{device=\"lo\"} 0",
            "node_network_transmit_errs_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_fifo_total{device=\"eth0\"} 9",
            "node_network_transmit_fifo_total{device=\"lo\"} 0",
            "node_network_transmit_fifo_total{device=\"veth1a2b\"} 0",
            "node_network_transmit_packets_total{device=\"eth0\"} 2636",
            "node_network_transmit_packets_total{device=\"lo\"} 158",
            "node_network_transmit_packets_total{device=\"veth1a2b\"} 2",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_ExcludeLo_DropsOnlyLo()
    {
        var series = NodeTestData.Series(NodeTestData.Collect(new NetdevCollector(NodeTestData.Options with { NetdevDeviceExclude = "^lo$" })));
        Assert.DoesNotContain(series, s => s.Contains("device=\"lo\"", StringComparison.Ordinal));
        Assert.Contains("node_network_receive_bytes_total{device=\"veth1a2b\"} 100", series);
    }

    [Fact]
    public void Collect_Include_KeepsOnlyMatches()
    {
        var series = NodeTestData.Series(NodeTestData.Collect(new NetdevCollector(NodeTestData.Options with { NetdevDeviceInclude = "^eth" })));
        Assert.All(series, s => Assert.Contains("device=\"eth0\"", s, StringComparison.Ordinal));
        Assert.Equal(17, series.Length);
    }

    [Fact]
    public void Create_IncludeAndExclude_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new NetdevCollector(NodeTestData.Options with { NetdevDeviceInclude = "a", NetdevDeviceExclude = "b" }));
    }
}
