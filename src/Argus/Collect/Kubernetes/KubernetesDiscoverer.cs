using System.Threading.Channels;
using Argus.Collect.Discovery;
using Argus.Config;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Kubernetes;

/// <summary>
/// One kubernetes_sd_configs entry (discovery/kubernetes Discovery): connects, starts the informers its role needs in the
/// selected namespaces with the configured selectors, and once they have synced sends target groups for every object,
/// then for every object that changes (or whose pod, service, node or namespace changes). A deleted object is announced as
/// an empty group, so the scrape pool stops its targets and writes stale markers.
/// </summary>
public sealed partial class KubernetesDiscoverer : IDiscoverer
{
    private readonly KubernetesSdConfig _config;
    private readonly KubeConnectionOptions _connection;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly KubeInformerOptions? _informerOptions;

    // Endpoints(lices) per pod they refer to, and the reverse, so a pod change rebuilds only the groups that show it.
    private readonly Lock _indexLock = new();
    private readonly Dictionary<string, HashSet<string>> _groupsByPod = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _podsByGroup = new(StringComparer.Ordinal);

    public KubernetesDiscoverer(KubernetesSdConfig config, KubeConnectionOptions connection, TimeProvider time, ILoggerFactory loggers,
        string name = "kubernetes/0", KubeInformerOptions? informerOptions = null)
    {
        _config = config;
        _connection = connection;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<KubernetesDiscoverer>();
        _informerOptions = informerOptions;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Groups sent so far (prometheus_sd_kubernetes_events_total counts events; this counts resulting groups).</summary>
    public long GroupsSent { get; private set; }

    public async Task RunAsync(ChannelWriter<IReadOnlyList<TargetGroup>> updates, CancellationToken stop)
    {
        KubeConnection connection;
        try
        {
            connection = KubeConnection.FromConfig(_config, _connection);
        }
        catch (KubeConnectionException e)
        {
            Log.ConnectFailed(_logger, Name, _config.Role, e.Message);
            return;
        }
        using (connection)
        {
            await using var factory = new KubeInformerFactory(connection.Client, _time, _loggers, _informerOptions);
            var namespaces = SelectedNamespaces(connection);
            var queue = new KeyQueue();
            var (build, synced) = StartRole(factory, namespaces, queue);
            Log.Started(_logger, Name, _config.Role, connection.Source, namespaces.Count == 0 ? "(all)" : string.Join(",", namespaces));
            try
            {
                await synced.WaitAsync(stop);
                while (true)
                {
                    var keys = await queue.TakeAllAsync(stop);
                    var groups = new List<TargetGroup>(keys.Count);
                    foreach (string key in keys) groups.Add(build(key));
                    GroupsSent += groups.Count;
                    await updates.WriteAsync(groups, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Shutting down.
            }
        }
    }

    /// <summary>namespaces.names plus, with own_namespace, the namespace of the connection; empty means all.</summary>
    private List<string> SelectedNamespaces(KubeConnection connection)
    {
        var result = new List<string>(_config.Namespaces?.Names ?? []);
        if (_config.Namespaces?.OwnNamespace == true)
        {
            if (connection.Namespace is { } own) result.Add(own);
            else Log.NoOwnNamespace(_logger, Name, connection.Source);
        }
        return [.. result.Distinct(StringComparer.Ordinal)];
    }

    private (Func<string, TargetGroup> Build, Task Synced) StartRole(KubeInformerFactory factory, List<string> namespaces, KeyQueue queue)
    {
        bool attachNode = _config.AttachMetadata?.Node == true;
        bool attachNamespace = _config.AttachMetadata?.Namespace == true;
        var nodes = attachNode || _config.Role == "node"
            ? new NamespacedInformers<V1Node, V1NodeList>(factory, KubeResources.Nodes, [],
                _config.Role == "node" ? KubeSelector.For(_config, "node") : default)
            : null;
        var nsInformers = attachNamespace ? new NamespacedInformers<V1Namespace, V1NamespaceList>(factory, KubeResources.Namespaces, [], default) : null;
        Func<string, V1Node?>? nodeLookup = attachNode ? nodes!.Get : null;
        Func<string, V1Namespace?>? nsLookup = nsInformers is null ? null : nsInformers.Get;
        var syncs = new List<Task>();
        if (nodes is not null) syncs.Add(nodes.WaitForSyncAsync(CancellationToken.None));
        if (nsInformers is not null) syncs.Add(nsInformers.WaitForSyncAsync(CancellationToken.None));

        Func<string, TargetGroup> build;
        switch (_config.Role)
        {
            case "node":
                build = key => nodes!.Get(key) is { } n ? NodeTargets.Build(n) : TargetGroup.Removed(NodeTargets.Source(key));
                nodes!.AddHandler(KubernetesSdMetrics.Counted("node", new DelegateEventHandler<V1Node>(n => queue.Add(n.Metadata.Name))));
                return (build, Task.WhenAll(syncs));

            case "pod":
            {
                var pods = new NamespacedInformers<V1Pod, V1PodList>(factory, KubeResources.Pods, namespaces, KubeSelector.For(_config, "pod"));
                syncs.Add(pods.WaitForSyncAsync(CancellationToken.None));
                build = key => pods.Get(key) is { } p ? PodTargets.Build(p, nodeLookup, nsLookup) : TargetGroup.Removed("pod/" + key);
                pods.AddHandler(KubernetesSdMetrics.Counted("pod", new DelegateEventHandler<V1Pod>(p => queue.Add(Key(p.Metadata)))));
                WatchMetadata(nodes, nsInformers, queue, pods.List, p => p.Spec?.NodeName, p => p.Metadata);
                return (build, Task.WhenAll(syncs));
            }

            case "service":
            {
                var services = new NamespacedInformers<V1Service, V1ServiceList>(factory, KubeResources.Services, namespaces, KubeSelector.For(_config, "service"));
                syncs.Add(services.WaitForSyncAsync(CancellationToken.None));
                build = key => services.Get(key) is { } s ? ServiceTargets.Build(s, nsLookup) : TargetGroup.Removed("svc/" + key);
                services.AddHandler(KubernetesSdMetrics.Counted("service", new DelegateEventHandler<V1Service>(s => queue.Add(Key(s.Metadata)))));
                WatchMetadata(null, nsInformers, queue, services.List, _ => null, s => s.Metadata);
                return (build, Task.WhenAll(syncs));
            }

            case "ingress":
            {
                var ingresses = new NamespacedInformers<V1Ingress, V1IngressList>(factory, KubeResources.Ingresses, namespaces, KubeSelector.For(_config, "ingress"));
                syncs.Add(ingresses.WaitForSyncAsync(CancellationToken.None));
                build = key => ingresses.Get(key) is { } i ? IngressTargets.Build(i, nsLookup) : TargetGroup.Removed("ingress/" + key);
                ingresses.AddHandler(KubernetesSdMetrics.Counted("ingress", new DelegateEventHandler<V1Ingress>(i => queue.Add(Key(i.Metadata)))));
                WatchMetadata(null, nsInformers, queue, ingresses.List, _ => null, i => i.Metadata);
                return (build, Task.WhenAll(syncs));
            }

            case "endpoints":
            {
                var eps = new NamespacedInformers<V1Endpoints, V1EndpointsList>(factory, KubeResources.Endpoints, namespaces, KubeSelector.For(_config, "endpoints"));
                var (pods, services) = StartPodsAndServices(factory, namespaces, syncs);
                syncs.Add(eps.WaitForSyncAsync(CancellationToken.None));
                build = key =>
                {
                    if (eps.Get(key) is not { } e)
                    {
                        Reindex(key, []);
                        return TargetGroup.Removed("endpoints/" + key);
                    }
                    var podKeys = new List<string>();
                    var group = EndpointsTargets.Build(e, pods.Get, services.Get, nodeLookup, nsLookup, podKeys);
                    Reindex(key, podKeys);
                    return group;
                };
                eps.AddHandler(KubernetesSdMetrics.Counted("endpoints", new DelegateEventHandler<V1Endpoints>(e => queue.Add(Key(e.Metadata)))));
                services.AddHandler(KubernetesSdMetrics.Counted("service", new DelegateEventHandler<V1Service>(s => queue.Add(Key(s.Metadata))))); // same ns/name
                pods.AddHandler(KubernetesSdMetrics.Counted("pod", new DelegateEventHandler<V1Pod>(p => EnqueueGroupsOfPod(Key(p.Metadata), queue))));
                WatchMetadata(nodes, nsInformers, queue, eps.List, _ => "", e => e.Metadata);
                return (build, Task.WhenAll(syncs));
            }

            case "endpointslice":
            {
                var slices = new NamespacedInformers<V1EndpointSlice, V1EndpointSliceList>(factory, KubeResources.EndpointSlices, namespaces, KubeSelector.For(_config, "endpointslice"));
                var (pods, services) = StartPodsAndServices(factory, namespaces, syncs);
                syncs.Add(slices.WaitForSyncAsync(CancellationToken.None));
                build = key =>
                {
                    if (slices.Get(key) is not { } e)
                    {
                        Reindex(key, []);
                        return TargetGroup.Removed("endpointslice/" + key);
                    }
                    var podKeys = new List<string>();
                    var group = EndpointSliceTargets.Build(e, pods.Get, services.Get, nodeLookup, nsLookup, podKeys);
                    Reindex(key, podKeys);
                    return group;
                };
                slices.AddHandler(KubernetesSdMetrics.Counted("endpointslice", new DelegateEventHandler<V1EndpointSlice>(e => queue.Add(Key(e.Metadata)))));
                services.AddHandler(KubernetesSdMetrics.Counted("service", new DelegateEventHandler<V1Service>(s =>
                {
                    foreach (var slice in slices.List())
                    {
                        if (slice.Metadata.NamespaceProperty == s.Metadata.NamespaceProperty &&
                            slice.Metadata.Labels is { } labels && labels.TryGetValue(EndpointSliceTargets.ServiceNameLabel, out var svc) &&
                            svc == s.Metadata.Name)
                        {
                            queue.Add(Key(slice.Metadata));
                        }
                    }
                })));
                pods.AddHandler(KubernetesSdMetrics.Counted("pod", new DelegateEventHandler<V1Pod>(p => EnqueueGroupsOfPod(Key(p.Metadata), queue))));
                WatchMetadata(nodes, nsInformers, queue, slices.List, _ => "", e => e.Metadata);
                return (build, Task.WhenAll(syncs));
            }

            default:
                throw new InvalidOperationException($"BUG: role \"{_config.Role}\" passed config validation but has no discovery");
        }
    }

    private (NamespacedInformers<V1Pod, V1PodList> Pods, NamespacedInformers<V1Service, V1ServiceList> Services) StartPodsAndServices(
        KubeInformerFactory factory, List<string> namespaces, List<Task> syncs)
    {
        var pods = new NamespacedInformers<V1Pod, V1PodList>(factory, KubeResources.Pods, namespaces, KubeSelector.For(_config, "pod"));
        var services = new NamespacedInformers<V1Service, V1ServiceList>(factory, KubeResources.Services, namespaces, KubeSelector.For(_config, "service"));
        syncs.Add(pods.WaitForSyncAsync(CancellationToken.None));
        syncs.Add(services.WaitForSyncAsync(CancellationToken.None));
        return (pods, services);
    }

    /// <summary>With attach_metadata, a node or namespace whose labels or annotations change rebuilds the groups that show
    /// them: objects on that node (<paramref name="nodeOf"/> returns "" for "any node"), or in that namespace.</summary>
    private static void WatchMetadata<T>(NamespacedInformers<V1Node, V1NodeList>? nodes, NamespacedInformers<V1Namespace, V1NamespaceList>? namespaces,
        KeyQueue queue, Func<IEnumerable<T>> objects, Func<T, string?> nodeOf, Func<T, V1ObjectMeta> metaOf)
    {
        if (nodes is not null && nodes.All[0] is { } nodeInformer && nodeOf is not null)
        {
            nodeInformer.AddHandler(new MetadataChangeHandler<V1Node>(node =>
            {
                foreach (var o in objects())
                {
                    string? on = nodeOf(o);
                    if (on == "" || on == node.Metadata.Name) queue.Add(Key(metaOf(o)));
                }
            }));
        }
        if (namespaces is not null)
        {
            namespaces.AddHandler(new MetadataChangeHandler<V1Namespace>(ns =>
            {
                foreach (var o in objects())
                {
                    if (metaOf(o).NamespaceProperty == ns.Metadata.Name) queue.Add(Key(metaOf(o)));
                }
            }));
        }
    }

    private void Reindex(string groupKey, List<string> podKeys)
    {
        lock (_indexLock)
        {
            if (_podsByGroup.Remove(groupKey, out var old))
            {
                foreach (string p in old)
                {
                    if (_groupsByPod.TryGetValue(p, out var set) && set.Remove(groupKey) && set.Count == 0) _groupsByPod.Remove(p);
                }
            }
            if (podKeys.Count == 0) return;
            _podsByGroup[groupKey] = podKeys;
            foreach (string p in podKeys)
            {
                if (!_groupsByPod.TryGetValue(p, out var set)) _groupsByPod[p] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(groupKey);
            }
        }
    }

    private void EnqueueGroupsOfPod(string podKey, KeyQueue queue)
    {
        lock (_indexLock)
        {
            if (!_groupsByPod.TryGetValue(podKey, out var groups)) return;
            foreach (string g in groups) queue.Add(g);
        }
    }

    private static string Key(V1ObjectMeta meta) => string.IsNullOrEmpty(meta.NamespaceProperty) ? meta.Name : meta.NamespaceProperty + "/" + meta.Name;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Kubernetes SD {Discoverer} (role {Role}) cannot start: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, string discoverer, string role, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes SD {Discoverer} (role {Role}) using {Connection}, namespaces {Namespaces}")]
        public static partial void Started(ILogger logger, string discoverer, string role, string connection, string namespaces);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes SD {Discoverer}: own_namespace is set but {Connection} has no namespace; ignoring it")]
        public static partial void NoOwnNamespace(ILogger logger, string discoverer, string connection);
    }
}
