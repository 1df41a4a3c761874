using System.Globalization;
using Argus.Model;

namespace Argus.Bench;

/// <summary>
/// The series of one synthetic scrape target shaped exactly as ../shared/bench/targets.py renders a Kubernetes node:
/// node-exporter (node_cpu_seconds_total 8 CPUs × 8 modes, memory, filesystem, network, disk, load), an apiserver latency
/// histogram (3 verbs × 4 resources × 13 series), per pod (1–3 containers) cAdvisor container_* and kube-state-metrics
/// kube_pod_* series with 64-hex container ids, pod-hash names and uids, then node_hwmon_temp_celsius padding up to the
/// requested series count. The target labels job="k8s-nodes-{idx % 4}" and instance="127.0.0.1:{port}" are added as the
/// benchmark's scrape config does. Values follow targets.py's "k8s" model closely enough for realistic chunk sizes:
/// constants stay constant, counters rise (some idle), gauges jitter and integer gauges are page-aligned.
/// </summary>
internal sealed class KubernetesTarget
{
    private static readonly string[] s_namespaces =
    [
        "default", "kube-system", "monitoring", "ingress-nginx", "cert-manager", "payments", "checkout", "catalog", "search", "auth",
        "billing", "orders", "inventory", "shipping", "frontend", "analytics", "ml-serving", "logging", "istio-system", "argocd",
    ];
    private static readonly string[] s_apps =
        ["api", "web", "worker", "redis", "postgres", "kafka", "consumer", "gateway", "scheduler", "exporter", "cache", "indexer", "notifier", "ingest", "proxy"];
    private static readonly string[] s_sidecars = ["istio-proxy", "fluent-bit", "oauth2-proxy", "config-reloader"];
    private static readonly string[] s_cpuModes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];
    private static readonly string[] s_verbs = ["GET", "LIST", "WATCH"];
    private static readonly string[] s_resources = ["pods", "nodes", "configmaps", "deployments"];
    private static readonly string[] s_le = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf"];
    private static readonly string[] s_phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];

    /// <summary>How a series' value moves from scrape to scrape.</summary>
    internal enum Kind : byte { Constant, Counter, IdleCounter, Gauge, PageGauge }

    private List<Labels> _labels = [];
    private readonly List<Kind> _kinds = [];
    private readonly List<double> _values = [];
    private readonly List<double> _rates = [];
    private readonly Random _rng;

    public KubernetesTarget(int idx, int series, int seed = 1)
    {
        _rng = new Random(seed * 1_000_003 + idx);
        string job = "k8s-nodes-" + (idx % 4).ToString(CultureInfo.InvariantCulture);
        string instance = "127.0.0.1:" + (20000 + idx).ToString(CultureInfo.InvariantCulture);
        string node = "node-" + idx.ToString("D4", CultureInfo.InvariantCulture);
        int start = _labels.Count;
        foreach (string cpu in Enumerable.Range(0, 8).Select(Str))
        {
            foreach (string mode in s_cpuModes) Add(Kind.Counter, 1e5, "node_cpu_seconds_total", "cpu", cpu, "mode", mode);
        }
        foreach (string f in (string[])["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapTotal", "Active", "Inactive"])
        {
            Add(f is "MemTotal" or "SwapTotal" ? Kind.Constant : Kind.PageGauge, 8e9, $"node_memory_{f}_bytes");
        }
        (string Dev, string Mnt)[] mounts = [("/dev/nvme0n1p1", "/"), ("/dev/nvme0n1p2", "/var/lib/kubelet"), ("tmpfs", "/run")];
        foreach (var (dev, mnt) in mounts) Add(Kind.Constant, 5e11, "node_filesystem_size_bytes", "device", dev, "fstype", "ext4", "mountpoint", mnt);
        foreach (var (dev, mnt) in mounts) Add(Kind.PageGauge, 5e10, "node_filesystem_avail_bytes", "device", dev, "fstype", "ext4", "mountpoint", mnt);
        foreach (string d in (string[])["eth0", "cni0"])
        {
            Add(Kind.Counter, 1e11, "node_network_receive_bytes_total", "device", d);
            Add(Kind.Counter, 1e11, "node_network_transmit_bytes_total", "device", d);
        }
        foreach (string d in (string[])["nvme0n1", "nvme1n1"])
        {
            Add(Kind.Counter, 1e11, "node_disk_read_bytes_total", "device", d);
            Add(Kind.Counter, 1e11, "node_disk_written_bytes_total", "device", d);
        }
        foreach (string w in (string[])["1", "5", "15"]) Add(Kind.Gauge, 3, "node_load" + w);
        foreach (string verb in s_verbs)
        {
            foreach (string res in s_resources)
            {
                foreach (string le in s_le) Add(Kind.Counter, 1e4, "apiserver_request_duration_seconds_bucket", "le", le, "resource", res, "verb", verb);
                Add(Kind.Counter, 1e3, "apiserver_request_duration_seconds_sum", "resource", res, "verb", verb);
                Add(Kind.Counter, 1e4, "apiserver_request_duration_seconds_count", "resource", res, "verb", verb);
            }
        }
        int budget = Math.Max(0, series - (_labels.Count - start));
        for (int pi = 0; ; pi++)
        {
            int containers = 1 + pi % 3;
            int cost = 14 + 11 * containers;
            if (budget < cost) break;
            AddPod(pi, containers, node);
            budget -= cost;
        }
        for (int i = 0; i < budget; i++)
        {
            Add(Kind.Gauge, 50, "node_hwmon_temp_celsius", "chip", "platform_coretemp_" + Str(i / 16), "sensor", "temp" + Str(i % 16));
        }
        for (int i = start; i < _labels.Count; i++)
        {
            _labels[i] = _labels[i].ToBuilder().Set("job", job).Set("instance", instance).Build();
        }
    }

    public int Count => _kinds.Count;
    public Labels LabelsAt(int i) => _labels[i];

    /// <summary>Forgets the label sets (the values keep moving); <see cref="LabelsAt"/> must not be called afterwards.</summary>
    public void DropLabels() => _labels = [];

    /// <summary>Advances every series by one scrape interval and writes the new values.</summary>
    public void NextValues(Span<double> values, double intervalSeconds)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = _values[i];
            switch (_kinds[i])
            {
                case Kind.Counter:
                    v += Math.Round(_rates[i] * intervalSeconds * (0.5 + _rng.NextDouble()), 2);
                    break;
                case Kind.IdleCounter:
                    break;
                case Kind.Gauge:
                    v = Math.Round(_rates[i] * (0.95 + 0.1 * _rng.NextDouble()), 4);
                    break;
                case Kind.PageGauge:
                    v = Math.Floor(_rates[i] * (0.95 + 0.1 * _rng.NextDouble()) / 4096) * 4096;
                    break;
            }
            _values[i] = v;
            values[i] = v;
        }
    }

    private void AddPod(int pi, int containers, string node)
    {
        string ns = s_namespaces[_rng.Next(s_namespaces.Length)];
        string app = s_apps[_rng.Next(s_apps.Length)] + "-" + Str(pi % 7);
        string rs = Hex(9);
        string pod = $"{app}-{rs}-{Hex(5)}";
        string uid = $"{Hex(8)}-{Hex(4)}-{Hex(4)}-{Hex(4)}-{Hex(12)}";
        string ip = $"10.{_rng.Next(256)}.{_rng.Next(256)}.{_rng.Next(1, 255)}";
        var names = new List<string> { app.Split('-')[0] };
        names.AddRange(s_sidecars.Take(containers - 1));
        foreach (string cn in names)
        {
            string id = $"/kubepods/burstable/pod{uid}/{Hex(64)}";
            string image = $"registry.example.com/{ns}/{cn}:v1.{pi % 13}.{pi % 5}";
            string[] cl = ["container", cn, "id", id, "image", image, "namespace", ns, "pod", pod];
            Add(Kind.Counter, 0.5, "container_cpu_usage_seconds_total", cl);
            Add(_rng.NextDouble() < 0.7 ? Kind.IdleCounter : Kind.Counter, 0.02, "container_cpu_cfs_throttled_seconds_total", cl);
            double mem = 20e6 + _rng.NextDouble() * 2e9;
            Add(Kind.PageGauge, mem, "container_memory_working_set_bytes", cl);
            Add(Kind.PageGauge, mem * 0.8, "container_memory_rss", cl);
            Add(Kind.PageGauge, mem * 0.3, "container_memory_cache", cl);
            string[] dl = ["container", cn, "device", "/dev/nvme0n1", "id", id, "image", image, "namespace", ns, "pod", pod];
            Add(_rng.NextDouble() < 0.6 ? Kind.IdleCounter : Kind.Counter, 5e4, "container_fs_reads_bytes_total", dl);
            Add(_rng.NextDouble() < 0.4 ? Kind.IdleCounter : Kind.Counter, 5e4, "container_fs_writes_bytes_total", dl);
            Add(Kind.Constant, 1 << 30, "container_spec_memory_limit_bytes", cl);
            Add(Kind.Constant, 1, "kube_pod_container_status_restarts_total", "namespace", ns, "pod", pod, "uid", uid, "container", cn);
            Add(Kind.Constant, 0.25, "kube_pod_container_resource_requests",
                "namespace", ns, "pod", pod, "uid", uid, "container", cn, "node", node, "resource", "cpu", "unit", "core");
            Add(Kind.Constant, 1 << 28, "kube_pod_container_resource_requests",
                "namespace", ns, "pod", pod, "uid", uid, "container", cn, "node", node, "resource", "memory", "unit", "byte");
        }
        foreach (string nm in (string[])["receive_bytes", "transmit_bytes", "receive_packets", "transmit_packets"])
        {
            Add(Kind.Counter, nm.EndsWith("bytes", StringComparison.Ordinal) ? 1e5 : 1e2, $"container_network_{nm}_total", "interface", "eth0", "namespace", ns, "pod", pod);
        }
        Add(Kind.Constant, 1, "kube_pod_info", "namespace", ns, "pod", pod, "uid", uid, "host_ip", "192.0.2." + Str(pi % 250 + 1),
            "pod_ip", ip, "node", node, "created_by_kind", "ReplicaSet", "created_by_name", $"{app}-{rs}", "host_network", "false");
        foreach (string ph in s_phases) Add(Kind.Constant, ph == "Running" ? 1 : 0, "kube_pod_status_phase", "namespace", ns, "pod", pod, "uid", uid, "phase", ph);
        foreach (string c in (string[])["true", "false", "unknown"])
        {
            Add(Kind.Constant, c == "true" ? 1 : 0, "kube_pod_status_ready", "namespace", ns, "pod", pod, "uid", uid, "condition", c);
        }
        Add(Kind.Constant, 1, "kube_pod_owner", "namespace", ns, "pod", pod, "uid", uid, "owner_kind", "ReplicaSet",
            "owner_name", $"{app}-{rs}", "owner_is_controller", "true");
    }

    private void Add(Kind kind, double scale, string name, params string[] pairs)
    {
        var b = new Labels.Builder().Set(Labels.MetricName, name);
        for (int i = 0; i < pairs.Length; i += 2) b.Set(pairs[i], pairs[i + 1]);
        _labels.Add(b.Build());
        _kinds.Add(kind);
        double start = kind is Kind.Constant ? scale : Math.Round(scale * (0.5 + _rng.NextDouble()), 2);
        _values.Add(start);
        _rates.Add(scale * (0.5 + _rng.NextDouble()));
    }

    private string Hex(int n)
    {
        Span<char> s = stackalloc char[n];
        for (int i = 0; i < n; i++) s[i] = "0123456789abcdef"[_rng.Next(16)];
        return new string(s);
    }

    private static string Str(int i) => i.ToString(CultureInfo.InvariantCulture);
}
