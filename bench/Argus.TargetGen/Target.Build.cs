using System.Globalization;

namespace Argus.TargetGen;

// The series of one target, family by family, in targets.py's order (Target.build): node-exporter, then cAdvisor and
// kube-state-metrics per pod, then hwmon padding up to the requested count.
internal sealed partial class Target
{
    private static string Lbl(params (string Name, string Value)[] pairs)
    {
        var parts = new string[pairs.Length];
        for (int i = 0; i < pairs.Length; i++) parts[i] = $"{pairs[i].Name}=\"{pairs[i].Value}\"";
        return string.Join(',', parts);
    }

    private static double Uniform(Random r, double a, double b) => a + (b - a) * r.NextDouble();

    private static T Choice<T>(Random r, T[] items) => items[r.Next(items.Length)];

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>(Re)builds every family from the pods; with <paramref name="old"/>, counters of unchurned pods keep their values.</summary>
    private List<Family> Build(Dictionary<string, Family>? old)
    {
        var fam = new Dictionary<string, Family>();
        var order = new List<Family>();
        Family F(string name, string help, string type, ValueKind kind)
        {
            if (!fam.TryGetValue(name, out Family? f))
            {
                f = fam[name] = new Family(name, help, type, kind);
                order.Add(f);
            }
            return f;
        }

        var r = new Random(_seed * 7919 + _idx);   // node-level values: the same on every rebuild
        bool k8s = _k8s;
        // --- node-exporter ---
        Family cpu = F("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "counter", ValueKind.CounterFloat2);
        for (int c = 0; c < _ncpu; c++)
        {
            foreach (string m in Vocabulary.CpuModes)
            {
                double share = m switch { "idle" => 0.6, "user" => 0.25, "system" => 0.08, _ => 0.01 };
                cpu.Add(Lbl(("cpu", I(c)), ("mode", m)), Uniform(r, 1e5, 1e6) * share, share * Uniform(r, 0.5, 1.5));
            }
        }
        foreach ((string name, double @base) in s_memory)
        {
            bool constant = name is "MemTotal" or "SwapTotal";
            Family f = F($"node_memory_{name}_bytes", $"Memory information field {name}_bytes.", "gauge",
                constant ? ValueKind.Const : ValueKind.GaugeInt);
            f.Add("", constant ? Math.Floor(@base) : 0.0, @base * Uniform(r, 0.8, 1.2));
        }
        foreach ((string dev, string mnt) in s_filesystems)
        {
            double size = Choice(r, s_filesystemSizes);
            F("node_filesystem_size_bytes", "Filesystem size in bytes.", "gauge", ValueKind.Const)
                .Add(Lbl(("device", dev), ("fstype", "ext4"), ("mountpoint", mnt)), Math.Floor(size));
        }
        foreach ((string dev, string mnt) in s_filesystems)
        {
            F("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", "gauge", ValueKind.GaugeInt)
                .Add(Lbl(("device", dev), ("fstype", "ext4"), ("mountpoint", mnt)), 0.0, Uniform(r, 10e9, 90e9));
        }
        foreach (string d in (string[])["eth0", "cni0"])
        {
            F("node_network_receive_bytes_total", "Network device statistic receive_bytes.", "counter", ValueKind.CounterInt)
                .Add(Lbl(("device", d)), Uniform(r, 1e9, 1e12), Uniform(r, 1e4, 1e7));
            F("node_network_transmit_bytes_total", "Network device statistic transmit_bytes.", "counter", ValueKind.CounterInt)
                .Add(Lbl(("device", d)), Uniform(r, 1e9, 1e12), Uniform(r, 1e4, 1e7));
        }
        foreach (string d in (string[])["nvme0n1", "nvme1n1"])
        {
            F("node_disk_read_bytes_total", "The total number of bytes read successfully.", "counter", ValueKind.CounterInt)
                .Add(Lbl(("device", d)), Uniform(r, 1e9, 1e12), Uniform(r, 1e4, 1e6));
            F("node_disk_written_bytes_total", "The total number of bytes written successfully.", "counter", ValueKind.CounterInt)
                .Add(Lbl(("device", d)), Uniform(r, 1e9, 1e12), Uniform(r, 1e4, 1e6));
        }
        foreach (string w in (string[])["1", "5", "15"])
        {
            F("node_load" + w, $"{w} minute load average.", "gauge", ValueKind.GaugeFloat).Add("", 0.0, Uniform(r, 0.5, 6));
        }
        // --- cAdvisor + kube-state-metrics, per pod ---
        for (int pi = 0; pi < _pods.Count; pi++)
        {
            Pod p = _pods[pi];
            string ns = p.Namespace, pod = p.Name;
            r = p.Rng();
            foreach (string cn in p.Containers)
            {
                string cid = $"/kubepods/burstable/pod{p.Uid}/{HexId.Next(r, 64)}";
                string img = $"registry.example.com/{ns}/{cn}:v1.{pi % 13}.{pi % 5}";
                string cl = Lbl(("container", cn), ("id", cid), ("image", img), ("namespace", ns), ("pod", pod));
                F("container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds.", "counter", ValueKind.CounterFloat)
                    .Add(cl, Uniform(r, 10, 1e5), Uniform(r, 0.001, 1.5), pi);
                double throttledStart = Uniform(r, 0, 1e3);
                F("container_cpu_cfs_throttled_seconds_total", "Total time duration the container has been throttled.", "counter", ValueKind.CounterFloat)
                    .Add(cl, throttledStart, k8s && r.NextDouble() < 0.7 ? 0.0 : Uniform(r, 0, 0.05), pi);
                double mem = Uniform(r, 20e6, 2e9);
                F("container_memory_working_set_bytes", "Current working set in bytes.", "gauge", ValueKind.GaugeInt).Add(cl, 0.0, mem, pi);
                F("container_memory_rss", "Size of RSS in bytes.", "gauge", ValueKind.GaugeInt).Add(cl, 0.0, mem * 0.8, pi);
                F("container_memory_cache", "Number of bytes of page cache memory.", "gauge", ValueKind.GaugeInt).Add(cl, 0.0, mem * 0.3, pi);
                string dl = Lbl(("container", cn), ("device", "/dev/nvme0n1"), ("id", cid), ("image", img), ("namespace", ns), ("pod", pod));
                double readsStart = Uniform(r, 1e6, 1e10);
                F("container_fs_reads_bytes_total", "Cumulative count of bytes read.", "counter", ValueKind.CounterInt)
                    .Add(dl, readsStart, k8s && r.NextDouble() < 0.6 ? 0.0 : Uniform(r, 0, 1e5), pi);
                double writesStart = Uniform(r, 1e6, 1e10);
                F("container_fs_writes_bytes_total", "Cumulative count of bytes written.", "counter", ValueKind.CounterInt)
                    .Add(dl, writesStart, k8s && r.NextDouble() < 0.4 ? 0.0 : Uniform(r, 0, 1e5), pi);
                F("container_spec_memory_limit_bytes", "Memory limit for the container.", "gauge", ValueKind.Const)
                    .Add(cl, Choice(r, s_memoryLimitsMiB) * 1048576.0, 0.0, pi);
                string kl = Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("container", cn));
                F("kube_pod_container_status_restarts_total", "The number of container restarts per container.", "counter", ValueKind.Const)
                    .Add(kl, Choice(r, s_restarts), 0.0, pi);
                Family requests = F("kube_pod_container_resource_requests", "The number of requested request resource by a container.", "gauge", ValueKind.Const);
                requests.Add(Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("container", cn), ("node", _node), ("resource", "cpu"), ("unit", "core")),
                    Choice(r, s_cpuRequests), 0.0, pi);
                requests.Add(Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("container", cn), ("node", _node), ("resource", "memory"), ("unit", "byte")),
                    Choice(r, s_memoryRequestsMiB) * 1048576.0, 0.0, pi);
            }
            string nl = Lbl(("interface", "eth0"), ("namespace", ns), ("pod", pod));
            foreach (string nm in (string[])["receive_bytes", "transmit_bytes", "receive_packets", "transmit_packets"])
            {
                double start = Uniform(r, 1e6, 1e10);
                double rate = nm.Contains("bytes", StringComparison.Ordinal) ? Uniform(r, 10, 1e6) : Uniform(r, 1, 1e3);
                F($"container_network_{nm}_total", $"Cumulative count of {nm.Replace('_', ' ')}.", "counter", ValueKind.CounterInt)
                    .Add(nl, start, rate, pi);
            }
            F("kube_pod_info", "Information about pod.", "gauge", ValueKind.Const).Add(
                Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("host_ip", $"192.0.2.{_idx % 250 + 1}"), ("pod_ip", p.Ip),
                    ("node", _node), ("created_by_kind", "ReplicaSet"), ("created_by_name", $"{p.App}-{p.ReplicaSet}"),
                    ("priority_class", ""), ("host_network", "false")), 1.0, 0.0, pi);
            bool running = r.NextDouble() < 0.95;
            foreach (string ph in Vocabulary.Phases)
            {
                double v = (ph == "Running") == running && ph is "Running" or "Pending" ? 1.0 : 0.0;
                F("kube_pod_status_phase", "The pods current phase.", "gauge", ValueKind.Const)
                    .Add(Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("phase", ph)), v, 0.0, pi);
            }
            foreach (string cond in (string[])["true", "false", "unknown"])
            {
                F("kube_pod_status_ready", "Describes whether the pod is ready to serve requests.", "gauge", ValueKind.Const)
                    .Add(Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("condition", cond)),
                        cond == (running ? "true" : "false") ? 1.0 : 0.0, 0.0, pi);
            }
            F("kube_pod_owner", "Information about the Pod's owner.", "gauge", ValueKind.Const).Add(
                Lbl(("namespace", ns), ("pod", pod), ("uid", p.Uid), ("owner_kind", "ReplicaSet"), ("owner_name", $"{p.App}-{p.ReplicaSet}"),
                    ("owner_is_controller", "true")), 1.0, 0.0, pi);
        }
        r = new Random(_seed * 7919 + _idx + 1);
        for (int i = 0; i < _pad; i++)
        {
            F("node_hwmon_temp_celsius", "Hardware monitor for temperature (input).", "gauge", ValueKind.GaugeFloat)
                .Add(Lbl(("chip", $"platform_coretemp_{i / 16}"), ("sensor", $"temp{i % 16}")), 0.0, Uniform(r, 35, 70));
        }
        if (old is not null)
        {
            // Keep evolving counter values for series whose pod did not change.
            foreach (Family f in order)
            {
                if (!old.TryGetValue(f.Name, out Family? o) || o.Count != f.Count || f.Kind is ValueKind.Const or ValueKind.GaugeInt or ValueKind.GaugeFloat)
                {
                    continue;
                }
                for (int i = 0; i < f.Count; i++)
                {
                    int pi = f.PodOf[i];
                    if (pi < 0 || !_churned.Contains(pi)) f.Values[i] = o.Values[i];
                }
            }
        }
        return order;
    }

    private static readonly (string, double)[] s_memory =
    [
        ("MemTotal", 64e9), ("MemFree", 8e9), ("MemAvailable", 30e9), ("Buffers", 1e9),
        ("Cached", 20e9), ("SwapTotal", 0), ("Active", 25e9), ("Inactive", 15e9),
    ];

    private static readonly (string, string)[] s_filesystems = [("/dev/nvme0n1p1", "/"), ("/dev/nvme0n1p2", "/var/lib/kubelet"), ("tmpfs", "/run")];
    private static readonly double[] s_filesystemSizes = [100e9, 500e9, 1e12];
    private static readonly double[] s_memoryLimitsMiB = [256, 512, 1024, 2048, 4096];
    private static readonly double[] s_restarts = [0, 0, 0, 0, 1, 2, 5];
    private static readonly double[] s_cpuRequests = [0.05, 0.1, 0.25, 0.5, 1.0];
    private static readonly double[] s_memoryRequestsMiB = [128, 256, 512, 1024];
}
