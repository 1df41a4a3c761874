using Argus.Collect.Node;
using Argus.Model;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Collect.Node;

public sealed class NodeCollectorTests
{
    private sealed class Failing(Exception e) : ICollector
    {
        public void Collect(List<MetricFamily> into) => throw e;
    }

    [Fact]
    public void Collect_OneCollectorFails_OthersStillReportAndSuccessIsZero()
    {
        var time = new FakeTimeProvider();
        var node = new NodeCollector(
        [
            ("broken", new Failing(new InvalidDataException("bad file"))),
            ("loadavg", new LoadavgCollector(NodeTestData.Options)),
            ("pressure", new PressureCollector(NodeTestData.Options with { ProcPath = "/nonexistent" })),
        ], time);

        var families = NodeTestData.Collect(node);
        var series = NodeTestData.Series(families);

        Assert.Contains("node_load1 0.56", series);
        Assert.Contains("node_scrape_collector_success{collector=\"broken\"} 0", series);
        Assert.Contains("node_scrape_collector_success{collector=\"loadavg\"} 1", series);
        Assert.Contains("node_scrape_collector_success{collector=\"pressure\"} 0", series);
        Assert.Equal(3, NodeTestData.Family(families, "node_scrape_collector_duration_seconds").Points.Count);
        Assert.Equal("node_exporter: Whether a collector succeeded.", NodeTestData.Family(families, "node_scrape_collector_success").Help);
    }

    [Fact]
    public void CreateDefault_FixtureTree_EveryFileCollectorSucceeds()
    {
        var options = NodeTestData.Options with { RootfsPath = NodeTestData.Root };
        var families = NodeTestData.Collect(NodeCollector.CreateDefault(options, TimeProvider.System));

        var success = NodeTestData.Family(families, "node_scrape_collector_success").Points
            .ToDictionary(p => p.Labels.Get("collector"), p => p.Value);
        Assert.Equal(NodeCollector.DefaultCollectorNames.Order(), success.Keys.Order());
        foreach (string name in NodeCollector.DefaultCollectorNames.Where(n => n is not ("timex" or "bonding")))
        {
            Assert.True(success[name] == 1, $"collector {name} failed on the fixture tree");
        }
        Assert.Equal(families.Count, families.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void Create_UnknownName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => NodeCollector.Create("wifi", new NodeOptions(), TimeProvider.System));
        Assert.Contains("\"wifi\"", e.Message, StringComparison.Ordinal);
    }
}
