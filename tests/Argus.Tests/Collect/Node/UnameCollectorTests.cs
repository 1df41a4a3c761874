using Argus.Collect.Node;
using Argus.Model;

namespace Argus.Tests.Collect.Node;

public sealed class UnameCollectorTests
{
    [Fact]
    public void Collect_Utsname_OneInfoSeriesWithAllFields()
    {
        var collector = new UnameCollector(() => new Utsname("Linux", "vm", "6.18.44", "#1 SMP PREEMPT_DYNAMIC @0", "x86_64", "(none)"));

        var family = Assert.Single(NodeTestData.Collect(collector));

        Assert.Equal(MetricType.Gauge, family.Type);
        Assert.Equal("Labeled system information as provided by the uname system call.", family.Help);
        Assert.Equal(
            "node_uname_info{domainname=\"(none)\",machine=\"x86_64\",nodename=\"vm\",release=\"6.18.44\",sysname=\"Linux\",version=\"#1 SMP PREEMPT_DYNAMIC @0\"} 1",
            NodeTestData.Line(Assert.Single(family.Points)));
    }

    [Fact]
    public void Collect_Twice_ReusesLabelSet()
    {
        var collector = new UnameCollector(() => new Utsname("Linux", "vm", "6.1", "#1", "aarch64", "(none)"));
        var first = NodeTestData.Collect(collector)[0].Points[0].Labels;
        var second = NodeTestData.Collect(collector)[0].Points[0].Labels;
        Assert.Same(first, second);
    }
}
