using Argus.Collect.Kubernetes;
using k8s.Models;

namespace Argus.Collect.KubeEvents;

/// <summary>
/// Feeds a <see cref="KubeEventIndex"/> from two informers of a shared factory: core/v1 Events of type Warning
/// (server-side field selector <c>type=Warning</c>, all namespaces) and pods (shared with the cluster-state collector
/// when the factory is), whose status changes yield <see cref="KubePodSignals"/>. An Event's count is the running total
/// of its repeats (<c>series.count</c> for events.k8s.io-style series, else <c>count</c>): an update adds the difference.
/// </summary>
public sealed class KubeEventWatcher
{
    private readonly KubeEventIndex _index;
    private readonly TimeProvider _time;

    public KubeEventWatcher(KubeInformerFactory informers, KubeEventIndex index, TimeProvider time)
    {
        _index = index;
        _time = time;
        Events = informers.GetOrCreate(KubeResources.Events, fieldSelector: "type=Warning");
        Pods = informers.GetOrCreate(KubeResources.Pods);
        Events.AddHandler(new EventHandler(this));
        Pods.AddHandler(new PodHandler(this));
    }

    public KubeInformer<Corev1Event, Corev1EventList> Events { get; }

    public KubeInformer<V1Pod, V1PodList> Pods { get; }

    /// <summary>Reports for the objects an alert's labels name, from this watcher's index and pod view.</summary>
    public KubeAlertContext AlertContext => new(_index, (ns, name) => Pods.TryGet(KubeInformer<V1Pod, V1PodList>.KeyOf(ns, name), out var p) ? p : null,
        Pods.List);

    /// <summary>How many times an event has been seen: series.count, else count, else once.</summary>
    public static long CountOf(Corev1Event e) => e.Series?.Count ?? e.Count ?? 1;

    /// <summary>When an event was last seen: series.lastObservedTime, lastTimestamp, eventTime, or creation.</summary>
    public static DateTimeOffset? LastSeenOf(Corev1Event e)
    {
        DateTime? t = e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp;
        return t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
    }

    private void OnEvent(Corev1Event? old, Corev1Event e)
    {
        if (e.Type != "Warning" || e.InvolvedObject is not { } o || string.IsNullOrEmpty(o.Name)) return;
        long count = CountOf(e);
        long increment = old is null ? count : count - CountOf(old);
        var now = _time.GetUtcNow();
        var seen = LastSeenOf(e) is { } t && t < now ? t : now;
        _index.Record(new KubeObjectRef(o.NamespaceProperty ?? "", o.Kind ?? "", o.Name), e.Metadata?.Uid ?? e.Metadata?.Name ?? "",
            e.Reason ?? "", e.Message ?? "", Math.Max(increment, 0), count, seen);
    }

    private void OnPod(V1Pod? old, V1Pod pod)
    {
        var signals = KubePodSignals.Detect(old, pod);
        if (signals.Count == 0) return;
        var obj = new KubeObjectRef(pod.Metadata.NamespaceProperty ?? "", "Pod", pod.Metadata.Name);
        var now = _time.GetUtcNow();
        foreach (var s in signals)
        {
            _index.Record(obj, $"status/{s.Container}/{s.Reason}", s.Reason, s.Message, 1, 0, now);
        }
    }

    private sealed class EventHandler(KubeEventWatcher watcher) : IKubeEventHandler<Corev1Event>
    {
        public void OnAdd(Corev1Event obj) => watcher.OnEvent(null, obj);

        public void OnUpdate(Corev1Event oldObj, Corev1Event newObj) => watcher.OnEvent(oldObj, newObj);

        public void OnDelete(Corev1Event obj)
        {
            // Events expire from the API server after --event-ttl; the index keeps them for its own TTL.
        }
    }

    private sealed class PodHandler(KubeEventWatcher watcher) : IKubeEventHandler<V1Pod>
    {
        public void OnAdd(V1Pod obj) => watcher.OnPod(null, obj);

        public void OnUpdate(V1Pod oldObj, V1Pod newObj) => watcher.OnPod(oldObj, newObj);

        public void OnDelete(V1Pod obj)
        {
            // The pod's series and recent warnings stay until their TTL: an alert about it may still be notified.
        }
    }
}
