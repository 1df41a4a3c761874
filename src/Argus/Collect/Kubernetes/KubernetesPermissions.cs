namespace Argus.Collect.Kubernetes;

/// <summary>
/// Every Kubernetes API permission Argus uses, in one table: the ClusterRole in deploy/kubernetes/base/rbac.yaml grants
/// exactly these, and tests/Argus.Tests/Deploy compares the rendered ClusterRole with this list in both directions. Code
/// that starts watching a new kind, or a default scrape job that reaches a new API path, adds its line here first.
/// </summary>
public static class KubernetesPermissions
{
    /// <summary>Read-only verbs of a list-then-watch informer (Prometheus's discovery and kube-state-metrics use the same).</summary>
    public static readonly IReadOnlyList<string> Watch = ["get", "list", "watch"];

    /// <summary>One resource in one API group ("" is the core group) and the verbs used on it, with the user that needs it.</summary>
    public sealed record Grant(string ApiGroup, string Resource, IReadOnlyList<string> Verbs, string UsedBy);

    /// <summary>Resource permissions, grouped as the ClusterRole's rules are.</summary>
    public static readonly IReadOnlyList<Grant> Resources =
    [
        // kubernetes_sd_configs roles node, pod, service, endpoints; cluster-state metrics for the same kinds.
        new("", "nodes", Watch, "kubernetes_sd_configs role node; kube_node_* metrics"),
        new("", "pods", Watch, "kubernetes_sd_configs role pod (and endpoints/endpointslice joins); kube_pod_* metrics"),
        new("", "services", Watch, "kubernetes_sd_configs role service (and endpoints/endpointslice joins); kube_service_* metrics"),
        new("", "endpoints", Watch, "kubernetes_sd_configs role endpoints; kube_endpoint_* metrics"),
        new("", "namespaces", Watch, "attach_metadata namespace; kube_namespace_* metrics"),
        new("", "persistentvolumeclaims", Watch, "kube_persistentvolumeclaim_* metrics"),
        new("", "persistentvolumes", Watch, "kube_persistentvolume_* metrics"),
        new("", "resourcequotas", Watch, "kube_resourcequota metrics"),
        new("", "events", Watch, "argus_kube_event_total and the recent events attached to Slack notifications (Collect/KubeEvents)"),
        // Kubelet endpoints the default prometheus.yml scrapes: /metrics/cadvisor through the API server's node proxy,
        // and the kubelet's own /metrics directly on :10250 with the service-account token (kubelet authorizes it as
        // the nodes/metrics subresource).
        new("", "nodes/proxy", ["get"], "job kubernetes-nodes-cadvisor: /api/v1/nodes/<node>/proxy/metrics/cadvisor"),
        new("", "nodes/metrics", ["get"], "job kubernetes-nodes: kubelet https://<node>:10250/metrics"),
        new("discovery.k8s.io", "endpointslices", Watch, "kubernetes_sd_configs role endpointslice"),
        new("networking.k8s.io", "ingresses", Watch, "kubernetes_sd_configs role ingress"),
        new("apps", "deployments", Watch, "kube_deployment_* metrics"),
        new("apps", "replicasets", Watch, "kube_replicaset_* metrics"),
        new("apps", "statefulsets", Watch, "kube_statefulset_* metrics"),
        new("apps", "daemonsets", Watch, "kube_daemonset_* metrics"),
        new("batch", "jobs", Watch, "kube_job_* metrics"),
        new("batch", "cronjobs", Watch, "kube_cronjob_* metrics"),
        new("autoscaling", "horizontalpodautoscalers", Watch, "kube_horizontalpodautoscaler_* metrics (autoscaling/v2)"),
        new("policy", "poddisruptionbudgets", Watch, "kube_poddisruptionbudget_* metrics"),
    ];

    /// <summary>Non-resource URLs: the API server's own /metrics, scraped by the default job kubernetes-apiservers.</summary>
    public static readonly IReadOnlyList<string> NonResourceUrls = ["/metrics"];

    /// <summary>Verbs on <see cref="NonResourceUrls"/>.</summary>
    public static readonly IReadOnlyList<string> NonResourceVerbs = ["get"];
}
