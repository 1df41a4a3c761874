using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class NetclassCollectorTests
{
    [Fact]
    public void Collect_FixtureSysClassNet_PropertiesOfEachDevice()
    {
        var families = NodeTestData.Collect(new NetclassCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_network_address_assign_type{device=\"eth0\"} 0",
            "node_network_address_assign_type{device=\"lo\"} 0",
            "node_network_carrier_changes_total{device=\"eth0\"} 2",
            "node_network_carrier_changes_total{device=\"lo\"} 0",
            "node_network_carrier_down_changes_total{device=\"eth0\"} 1",
            "node_network_carrier_down_changes_total{device=\"lo\"} 0",
            "node_network_carrier_up_changes_total{device=\"eth0\"} 1",
            "node_network_carrier_up_changes_total{device=\"lo\"} 0",
            "node_network_carrier{device=\"eth0\"} 1",
            "node_network_carrier{device=\"lo\"} 1",
            "node_network_device_id{device=\"eth0\"} 0",
            "node_network_device_id{device=\"lo\"} 0",
            "node_network_dormant{device=\"eth0\"} 0",
            "node_network_dormant{device=\"lo\"} 0",
            "node_network_flags{device=\"eth0\"} 4099",
            "node_network_flags{device=\"lo\"} 9",
            "node_network_flags{device=\"veth1a2b\"} 4098",
            "node_network_iface_id{device=\"eth0\"} 4",
            "node_network_iface_id{device=\"lo\"} 1",
            "node_network_iface_id{device=\"veth1a2b\"} 7",
            "node_network_iface_link_mode{device=\"eth0\"} 0",
            "node_network_iface_link_mode{device=\"lo\"} 0",
            "node_network_iface_link{device=\"eth0\"} 4",
            "node_network_iface_link{device=\"lo\"} 1",
            "node_network_iface_link{device=\"veth1a2b\"} 6",
            "node_network_info{address=\"00:00:00:00:00:00\",broadcast=\"00:00:00:00:00:00\",device=\"lo\",operstate=\"unknown\"} 1",
            "node_network_info{address=\"02:fc:00:00:00:01\",broadcast=\"ff:ff:ff:ff:ff:ff\",device=\"eth0\",duplex=\"full\",operstate=\"up\"} 1",
            "node_network_info{address=\"aa:40:d2:66:14:52\",broadcast=\"ff:ff:ff:ff:ff:ff\",device=\"veth1a2b\",ifalias=\"pod-a\",operstate=\"down\"} 1",
            "node_network_mtu_bytes{device=\"eth0\"} 1400",
            "node_network_mtu_bytes{device=\"lo\"} 65536",
            "node_network_mtu_bytes{device=\"veth1a2b\"} 1500",
            "node_network_name_assign_type{device=\"eth0\"} 1",
            "node_network_name_assign_type{device=\"lo\"} 2",
            "node_network_net_dev_group{device=\"eth0\"} 0",
            "node_network_net_dev_group{device=\"lo\"} 0",
            "node_network_protocol_type{device=\"eth0\"} 1",
            "node_network_protocol_type{device=\"lo\"} 772",
            "node_network_protocol_type{device=\"veth1a2b\"} 1",
            "node_network_speed_bytes{device=\"eth0\"} 125000000",
            "node_network_speed_bytes{device=\"veth1a2b\"} -125000",
            "node_network_transmit_queue_length{device=\"eth0\"} 1000",
            "node_network_transmit_queue_length{device=\"lo\"} 1000",
            "node_network_transmit_queue_length{device=\"veth1a2b\"} 1000",
            "node_network_up{device=\"eth0\"} 1",
            "node_network_up{device=\"lo\"} 0",
            "node_network_up{device=\"veth1a2b\"} 0",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_IgnoredDevices_Skipped()
    {
        var series = NodeTestData.Series(NodeTestData.Collect(new NetclassCollector(NodeTestData.Options with { NetclassIgnoredDevices = "^veth" })));
        Assert.DoesNotContain(series, s => s.Contains("veth1a2b", StringComparison.Ordinal));
        Assert.Contains("node_network_up{device=\"eth0\"} 1", series);
    }
}
