namespace Argus.TargetGen;

/// <summary>
/// The label values targets.py draws from (../shared/bench/targets.py): namespaces, apps, sidecars, CPU modes, apiserver verbs
/// and resources, histogram bounds and pod phases, in the same order, so a target here has the same series shapes.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Namespaces =
    [
        "default", "kube-system", "monitoring", "ingress-nginx", "cert-manager",
        "payments", "checkout", "catalog", "search", "auth", "billing", "orders",
        "inventory", "shipping", "frontend", "analytics", "ml-serving", "logging",
        "istio-system", "argocd",
    ];

    public static readonly string[] Apps =
    [
        "api", "web", "worker", "redis", "postgres", "kafka", "consumer", "gateway",
        "scheduler", "exporter", "cache", "indexer", "notifier", "ingest", "proxy",
    ];

    public static readonly string[] Sidecars = ["istio-proxy", "fluent-bit", "oauth2-proxy", "config-reloader"];

    public static readonly string[] CpuModes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];

    public static readonly string[] Verbs = ["GET", "LIST", "WATCH", "PATCH"];

    public static readonly string[] Resources = ["pods", "nodes", "configmaps", "deployments"];

    /// <summary>Histogram upper bounds, and their text as Python's str(float) writes them in the le label.</summary>
    public static readonly double[] Le = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

    public static readonly string[] LeText = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0"];

    public static readonly string[] Phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
}
