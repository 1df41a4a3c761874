using Argus.Collect.Node;

namespace Argus.Tests.Collect.Node;

public sealed class FilefdCollectorTests
{
    [Fact]
    public void Collect_FixtureFileNr_AllocatedAndMaximum()
    {
        var families = NodeTestData.Collect(new FilefdCollector(NodeTestData.Options));

        Assert.Equal(
        [
            "node_filefd_allocated 1121",
            "node_filefd_maximum 2466177",
        ], NodeTestData.Series(families));
    }
}
