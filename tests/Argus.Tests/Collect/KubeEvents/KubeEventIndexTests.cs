using Argus.Collect.KubeEvents;
using Argus.Model;

namespace Argus.Tests.Collect.KubeEvents;

public sealed class KubeEventIndexTests
{
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.Parse("2025-01-01T10:00:00Z");
    private static readonly KubeObjectRef s_pod = new("shop", "Pod", "web-1");

    [Fact]
    public void Record_IncrementsSeries_AndKeepsNewestFirst()
    {
        var index = new KubeEventIndex();
        index.Record(s_pod, "uid-1", "BackOff", "Back-off restarting failed container", 3, 3, s_t0);
        index.Record(s_pod, "uid-2", "Unhealthy", "Readiness probe failed", 1, 1, s_t0.AddSeconds(10));
        index.Record(s_pod, "uid-1", "BackOff", "Back-off restarting failed container", 2, 5, s_t0.AddSeconds(20));

        Assert.Equal(5, index.Value(s_pod, "BackOff"));
        Assert.Equal(1, index.Value(s_pod, "Unhealthy"));
        var recent = index.Recent(s_pod);
        Assert.Equal(["uid-1", "uid-2"], recent.Select(e => e.Id));
        Assert.Equal(5, recent[0].Count);
    }

    [Fact]
    public void Record_CountZero_ContinuesThePreviousCount()
    {
        var index = new KubeEventIndex();
        index.Record(s_pod, "status/app/OOMKilled", "OOMKilled", "m", 1, 0, s_t0);
        index.Record(s_pod, "status/app/OOMKilled", "OOMKilled", "m", 1, 0, s_t0.AddMinutes(1));
        Assert.Equal(2, index.Recent(s_pod)[0].Count);
        Assert.Equal(2, index.Value(s_pod, "OOMKilled"));
    }

    [Fact]
    public void Recent_KeepsAtMostEventsPerObject()
    {
        var index = new KubeEventIndex(new KubeEventOptions { EventsPerObject = 2 });
        for (int i = 0; i < 5; i++) index.Record(s_pod, $"uid-{i}", "R" + i, "", 1, 1, s_t0.AddSeconds(i));
        Assert.Equal(["uid-4", "uid-3"], index.Recent(s_pod).Select(e => e.Id));
        Assert.Equal(5, index.SeriesCount);
    }

    [Fact]
    public void Prune_DropsSeriesAndEventsIdleLongerThanTtl()
    {
        var index = new KubeEventIndex(new KubeEventOptions { SeriesTtl = TimeSpan.FromMinutes(30) });
        var other = s_pod with { Name = "web-2" };
        index.Record(s_pod, "a", "BackOff", "", 1, 1, s_t0);
        index.Record(other, "b", "BackOff", "", 1, 1, s_t0.AddMinutes(20));

        index.Prune(s_t0.AddMinutes(31));

        Assert.Equal(0, index.Value(s_pod, "BackOff"));
        Assert.Empty(index.Recent(s_pod));
        Assert.Equal(1, index.Value(other, "BackOff"));
        Assert.Single(index.Recent(other));
    }

    [Fact]
    public void Record_AtSeriesCap_CountsDropped()
    {
        var index = new KubeEventIndex(new KubeEventOptions { MaxSeries = 2 });
        for (int i = 0; i < 4; i++) index.Record(s_pod with { Name = "p" + i }, "u" + i, "BackOff", "", 1, 1, s_t0);
        Assert.Equal(2, index.SeriesCount);

        var families = new List<MetricFamily>();
        index.Collect(families);
        var total = Assert.Single(families, f => f.Name == KubeEventIndex.EventTotal);
        Assert.Equal(MetricType.Counter, total.Type);
        Assert.Equal(2, total.Points.Count);
        Assert.Equal(2, Assert.Single(Assert.Single(families, f => f.Name == KubeEventIndex.SeriesDroppedTotal).Points).Value);
    }

    [Fact]
    public void Collect_LabelsNamespaceKindNameReason()
    {
        var index = new KubeEventIndex();
        index.Record(new KubeObjectRef("shop", "Deployment", "web"), "u", "FailedCreate", "quota exceeded", 2, 2, s_t0);
        var families = new List<MetricFamily>();
        index.Collect(families);
        var point = Assert.Single(families.Single(f => f.Name == KubeEventIndex.EventTotal).Points);
        Assert.Equal(Labels.FromStrings(Labels.MetricName, "argus_kube_event_total", "kind", "Deployment", "name", "web",
            "namespace", "shop", "reason", "FailedCreate"), point.Labels);
        Assert.Equal(2, point.Value);
    }

    [Fact]
    public void Record_LongMessage_IsCut()
    {
        var index = new KubeEventIndex(new KubeEventOptions { MaxMessageLength = 20 });
        index.Record(s_pod, "u", "FailedScheduling", new string('x', 500), 1, 1, s_t0);
        Assert.Equal(20, index.Recent(s_pod)[0].Message.Length);
    }
}
