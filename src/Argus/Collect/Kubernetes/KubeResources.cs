using k8s;
using k8s.Models;

namespace Argus.Collect.Kubernetes;

/// <summary>The object kinds Kubernetes SD and the cluster-state collector list and watch. Add more as needed: each is the
/// generated List…/WatchList… call pair for all namespaces and for one namespace. Watches always ask for bookmarks.</summary>
public static class KubeResources
{
    public static readonly KubeResource<V1Pod, V1PodList> Pods = new("pods", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListPodForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedPodAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListPodForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedPodAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1Service, V1ServiceList> Services = new("services", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListServiceForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedServiceAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListServiceForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedServiceAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1Endpoints, V1EndpointsList> Endpoints = new("endpoints", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListEndpointsForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedEndpointsAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListEndpointsForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedEndpointsAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1EndpointSlice, V1EndpointSliceList> EndpointSlices = new("endpointslices", true,
        (c, ns, r, ct) => ns is null
            ? c.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1Ingress, V1IngressList> Ingresses = new("ingresses", true,
        (c, ns, r, ct) => ns is null
            ? c.NetworkingV1.ListIngressForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.NetworkingV1.ListNamespacedIngressAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.NetworkingV1.WatchListIngressForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.NetworkingV1.WatchListNamespacedIngressAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>Cluster-scoped: the namespace argument is always null.</summary>
    public static readonly KubeResource<V1Node, V1NodeList> Nodes = new("nodes", false,
        (c, _, r, ct) => c.CoreV1.ListNodeAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, _, r, onError, ct) => c.CoreV1.WatchListNodeAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>Cluster-scoped: the namespace argument is always null.</summary>
    public static readonly KubeResource<V1Namespace, V1NamespaceList> Namespaces = new("namespaces", false,
        (c, _, r, ct) => c.CoreV1.ListNamespaceAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, _, r, onError, ct) => c.CoreV1.WatchListNamespaceAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1Deployment, V1DeploymentList> Deployments = new("deployments", true,
        (c, ns, r, ct) => ns is null
            ? c.AppsV1.ListDeploymentForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.AppsV1.ListNamespacedDeploymentAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.AppsV1.WatchListDeploymentForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedDeploymentAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1ReplicaSet, V1ReplicaSetList> ReplicaSets = new("replicasets", true,
        (c, ns, r, ct) => ns is null
            ? c.AppsV1.ListReplicaSetForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.AppsV1.ListNamespacedReplicaSetAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.AppsV1.WatchListReplicaSetForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedReplicaSetAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1StatefulSet, V1StatefulSetList> StatefulSets = new("statefulsets", true,
        (c, ns, r, ct) => ns is null
            ? c.AppsV1.ListStatefulSetForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.AppsV1.ListNamespacedStatefulSetAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.AppsV1.WatchListStatefulSetForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedStatefulSetAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1DaemonSet, V1DaemonSetList> DaemonSets = new("daemonsets", true,
        (c, ns, r, ct) => ns is null
            ? c.AppsV1.ListDaemonSetForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.AppsV1.ListNamespacedDaemonSetAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.AppsV1.WatchListDaemonSetForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AppsV1.WatchListNamespacedDaemonSetAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1Job, V1JobList> Jobs = new("jobs", true,
        (c, ns, r, ct) => ns is null
            ? c.BatchV1.ListJobForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.BatchV1.ListNamespacedJobAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.BatchV1.WatchListJobForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.BatchV1.WatchListNamespacedJobAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1CronJob, V1CronJobList> CronJobs = new("cronjobs", true,
        (c, ns, r, ct) => ns is null
            ? c.BatchV1.ListCronJobForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.BatchV1.ListNamespacedCronJobAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.BatchV1.WatchListCronJobForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.BatchV1.WatchListNamespacedCronJobAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1PersistentVolumeClaim, V1PersistentVolumeClaimList> PersistentVolumeClaims = new("persistentvolumeclaims", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListPersistentVolumeClaimForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedPersistentVolumeClaimAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>Cluster-scoped: the namespace argument is always null.</summary>
    public static readonly KubeResource<V1PersistentVolume, V1PersistentVolumeList> PersistentVolumes = new("persistentvolumes", false,
        (c, _, r, ct) => c.CoreV1.ListPersistentVolumeAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, _, r, onError, ct) => c.CoreV1.WatchListPersistentVolumeAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1ResourceQuota, V1ResourceQuotaList> ResourceQuotas = new("resourcequotas", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListResourceQuotaForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedResourceQuotaAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListResourceQuotaForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedResourceQuotaAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList> HorizontalPodAutoscalers = new("horizontalpodautoscalers", true,
        (c, ns, r, ct) => ns is null
            ? c.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    public static readonly KubeResource<V1PodDisruptionBudget, V1PodDisruptionBudgetList> PodDisruptionBudgets = new("poddisruptionbudgets", true,
        (c, ns, r, ct) => ns is null
            ? c.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>Cluster-scoped: the namespace argument is always null.</summary>
    public static readonly KubeResource<V1StorageClass, V1StorageClassList> StorageClasses = new("storageclasses", false,
        (c, _, r, ct) => c.StorageV1.ListStorageClassAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, _, r, onError, ct) => c.StorageV1.WatchListStorageClassAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>core/v1 Events (the API's own TTL, one hour by default, bounds how many exist): the Warning ones become
    /// argus_kube_event_total and the recent-events index (Collect/KubeEvents).</summary>
    public static readonly KubeResource<Corev1Event, Corev1EventList> Events = new("events", true,
        (c, ns, r, ct) => ns is null
            ? c.CoreV1.ListEventForAllNamespacesAsync(
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct)
            : c.CoreV1.ListNamespacedEventAsync(ns,
                continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                limit: r.Limit, resourceVersion: r.ResourceVersion, cancellationToken: ct),
        (c, ns, r, onError, ct) => ns is null
            ? c.CoreV1.WatchListEventForAllNamespacesAsync(
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : c.CoreV1.WatchListNamespacedEventAsync(ns,
                allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector,
                resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
