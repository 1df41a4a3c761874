using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class DiskstatsCollectorTests
{
    [Fact]
    public void Collect_FixtureDiskstats_ExcludesPartitionsLoopAndZram()
    {
        var families = NodeTestData.Collect(new DiskstatsCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_disk_discard_time_seconds_total{device=\"vda\"} 1.385",
            "node_disk_discarded_sectors_total{device=\"vda\"} 17151320",
            "node_disk_discards_completed_total{device=\"vda\"} 20645",
            "node_disk_discards_merged_total{device=\"vda\"} 57",
            "node_disk_flush_requests_time_seconds_total{device=\"vda\"} 0.069",
            "node_disk_flush_requests_total{device=\"vda\"} 1810",
            "node_disk_info{device=\"sdb\",major=\"8\",minor=\"0\"} 1",
            "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"QEMU_HARDDISK\",path=\"pci-0000:00:05.0\",revision=\"2.5+\",serial=\"QM00001\",wwn=\"0x5000c500a1b2c3d4\"} 1",
            "node_disk_io_now{device=\"sdb\"} 1",
            "node_disk_io_now{device=\"vda\"} 0",
            "node_disk_io_time_seconds_total{device=\"sdb\"} 0.9",
            "node_disk_io_time_seconds_total{device=\"vda\"} 7.5280000000000005",
            "node_disk_io_time_weighted_seconds_total{device=\"sdb\"} 1",
            "node_disk_io_time_weighted_seconds_total{device=\"vda\"} 41.486000000000004",
            "node_disk_read_bytes_total{device=\"sdb\"} 15360",
            "node_disk_read_bytes_total{device=\"vda\"} 1981522944",
            "node_disk_read_time_seconds_total{device=\"sdb\"} 0.004",
            "node_disk_read_time_seconds_total{device=\"vda\"} 26.413",
            "node_disk_reads_completed_total{device=\"sdb\"} 10",
            "node_disk_reads_completed_total{device=\"vda\"} 50313",
            "node_disk_reads_merged_total{device=\"sdb\"} 2",
            "node_disk_reads_merged_total{device=\"vda\"} 9061",
            "node_disk_write_time_seconds_total{device=\"sdb\"} 0.008",
            "node_disk_write_time_seconds_total{device=\"vda\"} 13.616",
            "node_disk_writes_completed_total{device=\"sdb\"} 5",
            "node_disk_writes_completed_total{device=\"vda\"} 27240",
            "node_disk_writes_merged_total{device=\"sdb\"} 6",
            "node_disk_writes_merged_total{device=\"vda\"} 13605",
            "node_disk_written_bytes_total{device=\"sdb\"} 35840",
            "node_disk_written_bytes_total{device=\"vda\"} 2941583360",
        ], NodeTestData.Series(families));
    }

    [Fact]
    public void Collect_DebianExcludeRegex_KeepsZram()
    {
        var options = NodeTestData.Options with { DiskstatsDeviceExclude = @"^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$" };
        var series = NodeTestData.Series(NodeTestData.Collect(new DiskstatsCollector(options)));
        Assert.Contains("node_disk_read_bytes_total{device=\"zram0\"} 0", series);
        Assert.DoesNotContain(series, s => s.Contains("vda1", StringComparison.Ordinal));
    }
}
