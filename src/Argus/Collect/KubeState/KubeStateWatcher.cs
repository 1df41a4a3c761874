using Argus.Collect.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.KubeState;

/// <summary>
/// Feeds a <see cref="KubeStateCollector"/> from shared informers, one cluster-wide list/watch per resource kind the
/// collector knows: the collector's view follows watch events (adds, updates, deletes, and the diff of a relist after 410),
/// never a relist per scrape. Disposing stops every watch of a factory the watcher created; a factory passed in (shared
/// with other watchers, e.g. the event signals) belongs to the caller.
/// </summary>
public sealed class KubeStateWatcher : IAsyncDisposable
{
    private readonly KubeInformerFactory _informers;
    private readonly bool _ownsInformers;

    public KubeStateWatcher(IKubernetes client, KubeStateCollector collector, TimeProvider time, ILoggerFactory loggers,
        KubeInformerOptions? options = null)
        : this(new KubeInformerFactory(client, time, loggers, options), collector) => _ownsInformers = true;

    /// <summary>Watches through <paramref name="informers"/>, which the caller disposes.</summary>
    public KubeStateWatcher(KubeInformerFactory informers, KubeStateCollector collector)
    {
        _informers = informers;
        Watch(KubeResources.Pods, collector);
        Watch(KubeResources.Nodes, collector);
        Watch(KubeResources.Namespaces, collector);
        Watch(KubeResources.Services, collector);
        Watch(KubeResources.Endpoints, collector);
        Watch(KubeResources.Deployments, collector);
        Watch(KubeResources.ReplicaSets, collector);
        Watch(KubeResources.StatefulSets, collector);
        Watch(KubeResources.DaemonSets, collector);
        Watch(KubeResources.Jobs, collector);
        Watch(KubeResources.CronJobs, collector);
        Watch(KubeResources.PersistentVolumeClaims, collector);
        Watch(KubeResources.PersistentVolumes, collector);
        Watch(KubeResources.ResourceQuotas, collector);
        Watch(KubeResources.HorizontalPodAutoscalers, collector);
        Watch(KubeResources.PodDisruptionBudgets, collector);
    }

    /// <summary>The informers, for sync state and list/watch counters.</summary>
    public IReadOnlyList<IKubeInformer> Informers => _informers.Informers;

    private void Watch<T, TList>(KubeResource<T, TList> resource, KubeStateCollector collector)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : class, IKubernetesObject<V1ListMeta>, IItems<T> =>
        _informers.GetOrCreate(resource).AddHandler(new Handler<T>(collector));

    public ValueTask DisposeAsync() => _ownsInformers ? _informers.DisposeAsync() : ValueTask.CompletedTask;

    private sealed class Handler<T>(KubeStateCollector collector) : IKubeEventHandler<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public void OnAdd(T obj) => collector.Apply(WatchEventType.Added, obj);

        public void OnUpdate(T oldObj, T newObj) => collector.Apply(WatchEventType.Modified, newObj);

        public void OnDelete(T obj) => collector.Apply(WatchEventType.Deleted, obj);
    }
}
