using Argus.Collect.Kubernetes;
using Argus.Model;

namespace Argus.Tests.Collect.Kubernetes;

public sealed class KubernetesSdMetricsTests
{
    [Fact]
    public void Counted_CountsEachNotificationByRoleAndEvent_UnderBothNames()
    {
        double before = Value("prometheus_sd_kubernetes_events_total", "ingress", "update");
        var seen = new List<string>();
        var handler = KubernetesSdMetrics.Counted("ingress", new DelegateEventHandler<string>(seen.Add));

        handler.OnUpdate("old", "new");

        Assert.Equal(["old", "new"], seen);
        Assert.Equal(before + 1, Value("prometheus_sd_kubernetes_events_total", "ingress", "update"));
        Assert.Equal(Value("argus_sd_kubernetes_events_total", "ingress", "update"), Value("prometheus_sd_kubernetes_events_total", "ingress", "update"));
    }

    [Fact]
    public void Collector_PreinitialisesEveryRoleAndEvent()
    {
        var families = new List<MetricFamily>();
        KubernetesSdMetrics.Collector.Collect(families);
        var events = families.Single(f => f.Name == "prometheus_sd_kubernetes_events_total");
        Assert.Equal(KubernetesSdMetrics.Roles.Count * KubernetesSdMetrics.Events.Count, events.Points.Count);
        Assert.Contains(families, f => f.Name == "prometheus_sd_kubernetes_failures_total");
    }

    private static double Value(string family, string role, string @event)
    {
        var families = new List<MetricFamily>();
        KubernetesSdMetrics.Collector.Collect(families);
        return families.Single(f => f.Name == family).Points
            .Single(p => p.Labels.Get("role") == role && p.Labels.Get("event") == @event).Value;
    }
}
