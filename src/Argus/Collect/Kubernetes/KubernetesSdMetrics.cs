using Argus.Model;
using Argus.Telemetry;

namespace Argus.Collect.Kubernetes;

/// <summary>
/// Kubernetes SD's self-metrics, process-wide as Prometheus's discovery/kubernetes package registers them once:
/// <c>argus_sd_kubernetes_events_total{role,event}</c> (add/update/delete notifications the discoverers' informers
/// delivered, by the role of the watched resource; all combinations start at 0, as Prometheus pre-initialises them) and
/// <c>argus_sd_kubernetes_failures_total</c> (failed list/watch requests of any informer). The registry serves each also
/// under its Prometheus name (prometheus_sd_kubernetes_…). The server adds <see cref="Collector"/> to its /metrics.
/// </summary>
public static class KubernetesSdMetrics
{
    public static readonly IReadOnlyList<string> Roles = ["endpointslice", "endpoints", "node", "pod", "service", "ingress"];
    public static readonly IReadOnlyList<string> Events = ["add", "delete", "update"];

    private static readonly MetricsRegistry s_registry = new();
    private static readonly CounterVec s_events = s_registry.CounterVec("argus_sd_kubernetes_events_total",
        "The number of Kubernetes events handled.", "role", "event");
    private static readonly Counter s_failures = s_registry.Counter("argus_sd_kubernetes_failures_total",
        "The number of failed WATCH/LIST requests.");

    static KubernetesSdMetrics()
    {
        foreach (string role in Roles)
        {
            foreach (string e in Events) s_events.WithLabels(role, e);
        }
    }

    /// <summary>Both families, under Argus's and Prometheus's names.</summary>
    public static ICollector Collector => s_registry;

    public static void Event(string role, string @event) => s_events.WithLabels(role, @event).Inc();

    public static void Failure() => s_failures.Inc();

    /// <summary>Wraps <paramref name="inner"/> so that each notification is counted under <paramref name="role"/> first.</summary>
    public static IKubeEventHandler<T> Counted<T>(string role, IKubeEventHandler<T> inner) => new CountingHandler<T>(role, inner);

    private sealed class CountingHandler<T>(string role, IKubeEventHandler<T> inner) : IKubeEventHandler<T>
    {
        public void OnAdd(T obj)
        {
            Event(role, "add");
            inner.OnAdd(obj);
        }

        public void OnUpdate(T oldObj, T newObj)
        {
            Event(role, "update");
            inner.OnUpdate(oldObj, newObj);
        }

        public void OnDelete(T obj)
        {
            Event(role, "delete");
            inner.OnDelete(obj);
        }
    }
}
