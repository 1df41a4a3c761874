using Argus.Collect.Node;
using Argus.Model;

namespace Argus.Tests.Collect.Node;

public sealed class FilesystemCollectorTests
{
    // statfs goes through --path.rootfs: the fixture root exists (a real statfs), /missing and "/srv/with space" do not.
    private static readonly NodeOptions s_options = NodeTestData.Options with { RootfsPath = NodeTestData.Root };

    [Fact]
    public void Collect_FixtureMounts_SelectsDeduplicatesAndReportsErrors()
    {
        var families = NodeTestData.Collect(new FilesystemCollector(s_options));
        var series = NodeTestData.Series(families);

        Assert.Equal(
        [
            "node_filesystem_device_error{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 0",
            "node_filesystem_device_error{device=\"/dev/vdb\",fstype=\"ext4\",mountpoint=\"/missing\"} 1",
            "node_filesystem_device_error{device=\"server:/export\",fstype=\"nfs\",mountpoint=\"/srv/with space\"} 1",
        ], series.Where(s => s.StartsWith("node_filesystem_device_error", StringComparison.Ordinal)));
        Assert.Equal(
        [
            "node_filesystem_readonly{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 0",
            "node_filesystem_readonly{device=\"/dev/vdb\",fstype=\"ext4\",mountpoint=\"/missing\"} 1",
            "node_filesystem_readonly{device=\"server:/export\",fstype=\"nfs\",mountpoint=\"/srv/with space\"} 0",
        ], series.Where(s => s.StartsWith("node_filesystem_readonly", StringComparison.Ordinal)));
        foreach (string name in new[] { "node_filesystem_size_bytes", "node_filesystem_free_bytes", "node_filesystem_avail_bytes",
                     "node_filesystem_files", "node_filesystem_files_free" })
        {
            var point = Assert.Single(NodeTestData.Family(families, name).Points); // errors leave out the size series
            Assert.Equal("/", point.Labels.Get("mountpoint"));
            Assert.Equal(MetricType.Gauge, NodeTestData.Family(families, name).Type);
        }
        double size = NodeTestData.Family(families, "node_filesystem_size_bytes").Points[0].Value;
        double free = NodeTestData.Family(families, "node_filesystem_free_bytes").Points[0].Value;
        double avail = NodeTestData.Family(families, "node_filesystem_avail_bytes").Points[0].Value;
        Assert.True(size > 0 && free <= size && avail <= free, $"size {size}, free {free}, avail {avail}");
    }

    [Fact]
    public void Collect_MountPointExcludeMatchesEverything_NoSeries()
    {
        var families = NodeTestData.Collect(new FilesystemCollector(s_options with { FilesystemMountPointsExclude = "^/" }));
        Assert.All(families, f => Assert.Empty(f.Points));
    }
}
