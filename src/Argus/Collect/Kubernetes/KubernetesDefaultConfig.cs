using System.Globalization;

namespace Argus.Collect.Kubernetes;

/// <summary>
/// The configuration <c>argus serve</c> uses inside a pod (KUBERNETES_SERVICE_HOST set) when no <c>--config.file</c> is
/// given: the scrape jobs of deploy/kubernetes/base/config/prometheus.yml (tests/Argus.Tests/Collect/Kubernetes
/// compares them), i.e. Argus itself, the API servers, the kubelets (/metrics directly, /metrics/cadvisor and
/// /metrics/resource through the API server's node proxy), the argus-agent DaemonSet and the prometheus.io/* annotated
/// pods and services. Rules come from <c>--rules.builtin</c>, on by default with an embedded configuration.
/// </summary>
public static class KubernetesDefaultConfig
{
    /// <summary>True when running in a pod: the kubelet sets KUBERNETES_SERVICE_HOST in every container.</summary>
    public static bool InCluster(Func<string, string?>? environment = null) =>
        !string.IsNullOrEmpty((environment ?? Environment.GetEnvironmentVariable)("KUBERNETES_SERVICE_HOST"));

    /// <summary>The in-cluster configuration, Argus's own job scraping <c>localhost:&lt;port&gt;</c>.</summary>
    public static string ForListenPort(int port) => string.Create(CultureInfo.InvariantCulture, $"""
        # Argus default configuration inside Kubernetes (the jobs of deploy/kubernetes/base/config/prometheus.yml).
        global:
          scrape_interval: 30s
          scrape_timeout: 10s
          evaluation_interval: 30s

        scrape_configs:
          # Argus itself.
          - job_name: argus
            static_configs:
              - targets: [localhost:{port}]

          # The Kubernetes API servers, found through the endpoints of the "kubernetes" Service in "default".
          - job_name: apiserver
            scheme: https
            authorization:
              credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token
            tls_config:
              ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
            kubernetes_sd_configs:
              - role: endpoints
                namespaces:
                  names: [default]
            relabel_configs:
              - source_labels: [__meta_kubernetes_service_name, __meta_kubernetes_endpoint_port_name]
                action: keep
                regex: kubernetes;https

          # Kubelets, scraped directly on :10250 with the service-account token (RBAC: nodes/metrics). Kubelet serving
          # certificates are usually self-signed (EKS's are), hence insecure_skip_verify, as in kube-prometheus.
          - job_name: kubelet
            scheme: https
            authorization:
              credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token
            tls_config:
              ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
              insecure_skip_verify: true
            kubernetes_sd_configs:
              - role: node
            relabel_configs:
              - source_labels: [__meta_kubernetes_node_name]
                target_label: node
              - source_labels: [__metrics_path__]
                target_label: metrics_path

          # cAdvisor (container_* metrics) through the API server's node proxy (RBAC: nodes/proxy), so no direct kubelet
          # access is needed. Labelled job="kubelet", metrics_path="/metrics/cadvisor" as kube-prometheus labels it, and
          # handled as kube-prometheus handles it: the kubelet's labels win (honor_labels), cAdvisor's own sample timestamps
          # are ignored (they are collection times that lag and repeat; honor_timestamps: false), and series no rule or
          # dashboard reads are dropped before they reach the store.
          - job_name: kubelet-cadvisor
            scheme: https
            honor_labels: true
            honor_timestamps: false
            authorization:
              credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token
            tls_config:
              ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
            kubernetes_sd_configs:
              - role: node
            relabel_configs:
              - target_label: job
                replacement: kubelet
              - source_labels: [__meta_kubernetes_node_name]
                target_label: node
              - target_label: metrics_path
                replacement: /metrics/cadvisor
              # Keep the kubelet's own address as instance, as a direct scrape would have it.
              - source_labels: [__address__]
                target_label: instance
              - target_label: __address__
                replacement: kubernetes.default.svc:443
              - source_labels: [__meta_kubernetes_node_name]
                target_label: __metrics_path__
                replacement: /api/v1/nodes/$1/proxy/metrics/cadvisor
            metric_relabel_configs:
              # kube-prometheus's cAdvisor drop list.
              - source_labels: [__name__]
                regex: container_cpu_(cfs_throttled_seconds_total|load_average_10s|system_seconds_total|user_seconds_total)
                action: drop
              - source_labels: [__name__]
                regex: container_fs_(io_current|io_time_seconds_total|io_time_weighted_seconds_total|reads_merged_total|sector_reads_total|sector_writes_total|writes_merged_total)
                action: drop
              - source_labels: [__name__]
                regex: container_memory_(mapped_file|swap)
                action: drop
              - source_labels: [__name__]
                regex: container_(file_descriptors|tasks_state|threads_max)
                action: drop
              - source_labels: [__name__, scope]
                regex: container_memory_failures_total;hierarchy
                action: drop
              - source_labels: [__name__]
                regex: container_spec.*
                action: drop
              # Cgroups that are not a pod's (the host, system services): an id but no pod.
              - source_labels: [id, pod]
                regex: .+;
                action: drop

          # The kubelet's resource metrics (what metrics-server and `kubectl top` read), labelled job="kubelet",
          # metrics_path="/metrics/resource" as kube-prometheus does.
          - job_name: kubelet-resource
            scheme: https
            honor_labels: true
            honor_timestamps: false
            authorization:
              credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token
            tls_config:
              ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
            kubernetes_sd_configs:
              - role: node
            relabel_configs:
              - target_label: job
                replacement: kubelet
              - source_labels: [__meta_kubernetes_node_name]
                target_label: node
              - target_label: metrics_path
                replacement: /metrics/resource
              - source_labels: [__address__]
                target_label: instance
              - target_label: __address__
                replacement: kubernetes.default.svc:443
              - source_labels: [__meta_kubernetes_node_name]
                target_label: __metrics_path__
                replacement: /api/v1/nodes/$1/proxy/metrics/resource

          # The argus-agent DaemonSet (node-exporter compatible), one target per node, instance = node name as in kube-prometheus.
          - job_name: node-exporter
            kubernetes_sd_configs:
              - role: pod
                namespaces:
                  own_namespace: true
                selectors:
                  - role: pod
                    label: app.kubernetes.io/name=argus-agent
            relabel_configs:
              - source_labels: [__meta_kubernetes_pod_container_port_name]
                action: keep
                regex: metrics
              - source_labels: [__meta_kubernetes_pod_node_name]
                target_label: instance
              - source_labels: [__meta_kubernetes_pod_node_name]
                target_label: node

          # Services that ask to be scraped: prometheus.io/scrape: "true", and optionally prometheus.io/scheme, /path, /port.
          - job_name: kubernetes-service-endpoints
            honor_labels: true
            kubernetes_sd_configs:
              - role: endpoints
            relabel_configs:
              - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape]
                action: keep
                regex: "true"
              - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scheme]
                action: replace
                regex: (https?)
                target_label: __scheme__
              - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_path]
                action: replace
                regex: (.+)
                target_label: __metrics_path__
              - source_labels: [__address__, __meta_kubernetes_service_annotation_prometheus_io_port]
                action: replace
                regex: ([^:]+)(?::\d+)?;(\d+)
                replacement: $1:$2
                target_label: __address__
              - action: labelmap
                regex: __meta_kubernetes_service_annotation_prometheus_io_param_(.+)
                replacement: __param_$1
              - action: labelmap
                regex: __meta_kubernetes_service_label_(.+)
              - source_labels: [__meta_kubernetes_namespace]
                target_label: namespace
              - source_labels: [__meta_kubernetes_service_name]
                target_label: service
              - source_labels: [__meta_kubernetes_pod_node_name]
                target_label: node

          # Pods that ask to be scraped: prometheus.io/scrape: "true", and optionally prometheus.io/scheme, /path, /port.
          - job_name: kubernetes-pods
            honor_labels: true
            kubernetes_sd_configs:
              - role: pod
            relabel_configs:
              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
                action: keep
                regex: "true"
              - source_labels: [__meta_kubernetes_pod_phase]
                action: drop
                regex: Pending|Succeeded|Failed|Completed
              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scheme]
                action: replace
                regex: (https?)
                target_label: __scheme__
              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]
                action: replace
                regex: (.+)
                target_label: __metrics_path__
              - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
                action: replace
                regex: ([^:]+)(?::\d+)?;(\d+)
                replacement: $1:$2
                target_label: __address__
              - action: labelmap
                regex: __meta_kubernetes_pod_annotation_prometheus_io_param_(.+)
                replacement: __param_$1
              - action: labelmap
                regex: __meta_kubernetes_pod_label_(.+)
              - source_labels: [__meta_kubernetes_namespace]
                target_label: namespace
              - source_labels: [__meta_kubernetes_pod_name]
                target_label: pod
              - source_labels: [__meta_kubernetes_pod_node_name]
                target_label: node

        """);
}
