using System.Globalization;
using System.Text;

namespace Argus.Bench.Ingest;

/// <summary>
/// Scrape bodies shaped like ../shared/bench/targets.py renders them (text format 0.0.4, "k8s" value model): one
/// Kubernetes node per target as seen by node-exporter (node_*), cAdvisor (container_* with namespace/pod/container/id/image),
/// a kube-state-metrics slice (kube_pod_*) and an apiserver latency histogram, padded with node_hwmon_temp_celsius to the
/// requested series count. About 210 bytes per series. Counters grow by rate × interval × noise, gauges jitter around a
/// base, about half of the series are constant, as in targets.py.
/// <para><see cref="Render"/> produces <c>variants</c> successive scrapes of one target; a source rotates through them so
/// values change every scrape while rendering costs nothing during the measurement.</para>
/// </summary>
public static class IngestBodies
{
    private static readonly string[] s_namespaces =
    [
        "default", "kube-system", "monitoring", "ingress-nginx", "cert-manager", "payments", "checkout", "catalog", "search",
        "auth", "billing", "orders", "inventory", "shipping", "frontend", "analytics", "ml-serving", "logging", "istio-system", "argocd",
    ];
    private static readonly string[] s_apps =
        ["api", "web", "worker", "redis", "postgres", "kafka", "consumer", "gateway", "scheduler", "exporter", "cache", "indexer", "notifier", "ingest", "proxy"];
    private static readonly string[] s_sidecars = ["istio-proxy", "fluent-bit", "oauth2-proxy", "config-reloader"];
    private static readonly string[] s_cpuModes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];
    private static readonly string[] s_phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
    private static readonly double[] s_le = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

    private enum Kind { Const, CounterFloat, CounterFloat2, CounterInt, GaugeInt, GaugeFloat }

    private sealed class Family(string name, string help, string type, Kind kind)
    {
        public readonly string Name = name, Help = help, Type = type;
        public readonly Kind Kind = kind;
        public readonly List<(string Prefix, double Value, double Rate)> Series = [];

        public void Add(string labels, double value, double rate = 0) =>
            Series.Add((labels.Length == 0 ? Name + " " : Name + "{" + labels + "} ", value, rate));
    }

    /// <summary><paramref name="variants"/> successive bodies of target <paramref name="index"/> with about <paramref name="series"/> series.</summary>
    public static byte[][] Render(int index, int series, int variants, double intervalSeconds, int seed = 1)
    {
        var rng = new Random(seed * 1_000_003 + index);
        var families = Build(index, series, rng, out var histogram);
        var bodies = new byte[variants][];
        var sb = new StringBuilder(series * 220);
        for (int v = 0; v < variants; v++)
        {
            sb.Clear();
            foreach (var f in families) RenderFamily(sb, f, v == 0 ? 0 : intervalSeconds, rng);
            if (histogram is not null) RenderHistogram(sb, histogram, v == 0 ? 0 : intervalSeconds, rng);
            bodies[v] = Encoding.UTF8.GetBytes(sb.ToString());
        }
        return bodies;
    }

    /// <summary>Series in a body (lines that are not comments).</summary>
    public static int CountSeries(ReadOnlySpan<byte> body)
    {
        int n = 0;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range];
            if (line.Length > 0 && line[0] != '#') n++;
        }
        return n;
    }

    private static string Hex(Random rng, int n)
    {
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.Append("0123456789abcdef"[rng.Next(16)]);
        return sb.ToString();
    }

    private static string L(params (string Name, object Value)[] kv)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in kv)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(name).Append("=\"").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('"');
        }
        return sb.ToString();
    }

    private static double U(Random r, double lo, double hi) => lo + (r.NextDouble() * (hi - lo));

    private static List<Family> Build(int index, int series, Random rng, out List<(string Verb, string Resource, double Rate, double Count, double Scale)>? histogram)
    {
        var byName = new Dictionary<string, Family>();
        var order = new List<Family>();
        Family F(string name, string help, string type, Kind kind)
        {
            if (!byName.TryGetValue(name, out var f))
            {
                byName[name] = f = new Family(name, help, type, kind);
                order.Add(f);
            }
            return f;
        }

        int ncpu = series >= 400 ? 8 : 2;
        histogram = null;
        if (series >= 400)
        {
            histogram = [];
            foreach (string verb in new[] { "GET", "LIST", "WATCH" })
            {
                foreach (string res in new[] { "pods", "nodes", "configmaps", "deployments" })
                {
                    histogram.Add((verb, res, U(rng, 1, 20), U(rng, 1e3, 1e5), U(rng, 0.01, 0.4)));
                }
            }
        }
        int fixedSeries = (ncpu * s_cpuModes.Length) + 8 + 6 + 4 + 4 + 3 + (histogram is null ? 0 : histogram.Count * (s_le.Length + 3));
        int budget = Math.Max(0, series - fixedSeries);
        string node = "node-" + index.ToString("D4", CultureInfo.InvariantCulture);
        var r = new Random(index * 7919 + 1);

        var cpu = F("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "counter", Kind.CounterFloat2);
        for (int c = 0; c < ncpu; c++)
        {
            foreach (string m in s_cpuModes)
            {
                double share = m switch { "idle" => 0.6, "user" => 0.25, "system" => 0.08, _ => 0.01 };
                cpu.Add(L(("cpu", c), ("mode", m)), U(r, 1e5, 1e6) * share, share * U(r, 0.5, 1.5));
            }
        }
        foreach (var (name, b) in new[] { ("MemTotal", 64e9), ("MemFree", 8e9), ("MemAvailable", 30e9), ("Buffers", 1e9), ("Cached", 20e9), ("SwapTotal", 0.0), ("Active", 25e9), ("Inactive", 15e9) })
        {
            bool constant = name is "MemTotal" or "SwapTotal";
            F($"node_memory_{name}_bytes", $"Memory information field {name}_bytes.", "gauge", constant ? Kind.Const : Kind.GaugeInt)
                .Add("", constant ? Math.Floor(b) : 0, b * U(r, 0.8, 1.2));
        }
        (string Dev, string Mount)[] mounts = [("/dev/nvme0n1p1", "/"), ("/dev/nvme0n1p2", "/var/lib/kubelet"), ("tmpfs", "/run")];
        foreach (var (dev, mnt) in mounts)
        {
            F("node_filesystem_size_bytes", "Filesystem size in bytes.", "gauge", Kind.Const)
                .Add(L(("device", dev), ("fstype", "ext4"), ("mountpoint", mnt)), new[] { 100e9, 500e9, 1e12 }[r.Next(3)]);
        }
        foreach (var (dev, mnt) in mounts)
        {
            F("node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", "gauge", Kind.GaugeInt)
                .Add(L(("device", dev), ("fstype", "ext4"), ("mountpoint", mnt)), 0, U(r, 10e9, 90e9));
        }
        foreach (string d in new[] { "eth0", "cni0" })
        {
            F("node_network_receive_bytes_total", "Network device statistic receive_bytes.", "counter", Kind.CounterInt).Add(L(("device", d)), U(r, 1e9, 1e12), U(r, 1e4, 1e7));
            F("node_network_transmit_bytes_total", "Network device statistic transmit_bytes.", "counter", Kind.CounterInt).Add(L(("device", d)), U(r, 1e9, 1e12), U(r, 1e4, 1e7));
        }
        foreach (string d in new[] { "nvme0n1", "nvme1n1" })
        {
            F("node_disk_read_bytes_total", "The total number of bytes read successfully.", "counter", Kind.CounterInt).Add(L(("device", d)), U(r, 1e9, 1e12), U(r, 1e4, 1e6));
            F("node_disk_written_bytes_total", "The total number of bytes written successfully.", "counter", Kind.CounterInt).Add(L(("device", d)), U(r, 1e9, 1e12), U(r, 1e4, 1e6));
        }
        foreach (string w in new[] { "1", "5", "15" })
        {
            F("node_load" + w, w + " minute load average.", "gauge", Kind.GaugeFloat).Add("", 0, U(r, 0.5, 6));
        }

        for (int pi = 0; ; pi++)
        {
            int ncont = 1 + (pi % 3);
            int cost = 14 + (11 * ncont);
            if (budget < cost) break;
            budget -= cost;
            string ns = s_namespaces[rng.Next(s_namespaces.Length)];
            string app = s_apps[rng.Next(s_apps.Length)] + "-" + (pi % 7).ToString(CultureInfo.InvariantCulture);
            string rs = Hex(rng, 9);
            string pod = $"{app}-{rs}-{Hex(rng, 5)}";
            string uid = $"{Hex(rng, 8)}-{Hex(rng, 4)}-{Hex(rng, 4)}-{Hex(rng, 4)}-{Hex(rng, 12)}";
            string ip = $"10.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
            var pr = new Random(uid.GetHashCode(StringComparison.Ordinal));
            string[] containers = [app.Split('-')[0], .. s_sidecars[..(ncont - 1)]];
            foreach (string cn in containers)
            {
                string cid = $"/kubepods/burstable/pod{uid}/{Hex(pr, 64)}";
                string img = $"registry.example.com/{ns}/{cn}:v1.{pi % 13}.{pi % 5}";
                string cl = L(("container", cn), ("id", cid), ("image", img), ("namespace", ns), ("pod", pod));
                F("container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds.", "counter", Kind.CounterFloat).Add(cl, U(pr, 10, 1e5), U(pr, 0.001, 1.5));
                F("container_cpu_cfs_throttled_seconds_total", "Total time duration the container has been throttled.", "counter", Kind.CounterFloat)
                    .Add(cl, U(pr, 0, 1e3), pr.NextDouble() < 0.7 ? 0 : U(pr, 0, 0.05));
                double mem = U(pr, 20e6, 2e9);
                F("container_memory_working_set_bytes", "Current working set in bytes.", "gauge", Kind.GaugeInt).Add(cl, 0, mem);
                F("container_memory_rss", "Size of RSS in bytes.", "gauge", Kind.GaugeInt).Add(cl, 0, mem * 0.8);
                F("container_memory_cache", "Number of bytes of page cache memory.", "gauge", Kind.GaugeInt).Add(cl, 0, mem * 0.3);
                string dl = L(("container", cn), ("device", "/dev/nvme0n1"), ("id", cid), ("image", img), ("namespace", ns), ("pod", pod));
                F("container_fs_reads_bytes_total", "Cumulative count of bytes read.", "counter", Kind.CounterInt).Add(dl, U(pr, 1e6, 1e10), pr.NextDouble() < 0.6 ? 0 : U(pr, 0, 1e5));
                F("container_fs_writes_bytes_total", "Cumulative count of bytes written.", "counter", Kind.CounterInt).Add(dl, U(pr, 1e6, 1e10), pr.NextDouble() < 0.4 ? 0 : U(pr, 0, 1e5));
                F("container_spec_memory_limit_bytes", "Memory limit for the container.", "gauge", Kind.Const).Add(cl, new[] { 256, 512, 1024, 2048, 4096 }[pr.Next(5)] * 1048576.0);
                F("kube_pod_container_status_restarts_total", "The number of container restarts per container.", "counter", Kind.Const)
                    .Add(L(("namespace", ns), ("pod", pod), ("uid", uid), ("container", cn)), new[] { 0, 0, 0, 0, 1, 2, 5 }[pr.Next(7)]);
                var requests = F("kube_pod_container_resource_requests", "The number of requested request resource by a container.", "gauge", Kind.Const);
                requests.Add(L(("namespace", ns), ("pod", pod), ("uid", uid), ("container", cn), ("node", node), ("resource", "cpu"), ("unit", "core")), new[] { 0.05, 0.1, 0.25, 0.5, 1.0 }[pr.Next(5)]);
                requests.Add(L(("namespace", ns), ("pod", pod), ("uid", uid), ("container", cn), ("node", node), ("resource", "memory"), ("unit", "byte")), new[] { 128, 256, 512, 1024 }[pr.Next(4)] * 1048576.0);
            }
            string nl = L(("interface", "eth0"), ("namespace", ns), ("pod", pod));
            foreach (string nm in new[] { "receive_bytes", "transmit_bytes", "receive_packets", "transmit_packets" })
            {
                F($"container_network_{nm}_total", $"Cumulative count of {nm.Replace('_', ' ')}.", "counter", Kind.CounterInt)
                    .Add(nl, U(pr, 1e6, 1e10), nm.Contains("bytes", StringComparison.Ordinal) ? U(pr, 10, 1e6) : U(pr, 1, 1e3));
            }
            F("kube_pod_info", "Information about pod.", "gauge", Kind.Const).Add(L(("namespace", ns), ("pod", pod), ("uid", uid),
                ("host_ip", $"192.0.2.{(index % 250) + 1}"), ("pod_ip", ip), ("node", node), ("created_by_kind", "ReplicaSet"),
                ("created_by_name", $"{app}-{rs}"), ("priority_class", ""), ("host_network", "false")), 1);
            bool running = pr.NextDouble() < 0.95;
            foreach (string ph in s_phases)
            {
                double v = (ph == "Running") == running && ph is "Running" or "Pending" ? 1 : 0;
                F("kube_pod_status_phase", "The pods current phase.", "gauge", Kind.Const).Add(L(("namespace", ns), ("pod", pod), ("uid", uid), ("phase", ph)), v);
            }
            foreach (string cond in new[] { "true", "false", "unknown" })
            {
                F("kube_pod_status_ready", "Describes whether the pod is ready to serve requests.", "gauge", Kind.Const)
                    .Add(L(("namespace", ns), ("pod", pod), ("uid", uid), ("condition", cond)), cond == (running ? "true" : "false") ? 1 : 0);
            }
            F("kube_pod_owner", "Information about the Pod's owner.", "gauge", Kind.Const).Add(L(("namespace", ns), ("pod", pod), ("uid", uid),
                ("owner_kind", "ReplicaSet"), ("owner_name", $"{app}-{rs}"), ("owner_is_controller", "true")), 1);
        }
        for (int i = 0; i < budget; i++)
        {
            F("node_hwmon_temp_celsius", "Hardware monitor for temperature (input).", "gauge", Kind.GaugeFloat)
                .Add(L(("chip", $"platform_coretemp_{i / 16}"), ("sensor", $"temp{i % 16}")), 0, U(r, 35, 70));
        }
        return order;
    }

    private static void RenderFamily(StringBuilder sb, Family f, double dt, Random rng)
    {
        sb.Append("# HELP ").Append(f.Name).Append(' ').Append(f.Help).Append('\n');
        sb.Append("# TYPE ").Append(f.Name).Append(' ').Append(f.Type).Append('\n');
        var list = f.Series;
        for (int i = 0; i < list.Count; i++)
        {
            var (prefix, value, rate) = list[i];
            double noise = 0.95 + (rng.NextDouble() * 0.1);
            string text;
            switch (f.Kind)
            {
                case Kind.Const:
                    text = Go(value);
                    break;
                case Kind.CounterFloat:
                    value += rate * dt * (0.5 + rng.NextDouble());
                    text = Go(value);
                    break;
                case Kind.CounterFloat2:
                    value += rate * dt * (0.5 + rng.NextDouble());
                    text = Go(Math.Round(value, 2));
                    break;
                case Kind.CounterInt:
                    value += rate * dt * (0.5 + rng.NextDouble());
                    text = ((long)value).ToString(CultureInfo.InvariantCulture);
                    break;
                case Kind.GaugeInt:
                    value = (long)(rate * noise) & -4096L;   // page-aligned, as cgroup memory stats are
                    text = ((long)value).ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    value = Math.Round(rate * noise, 4);
                    text = Go(value);
                    break;
            }
            list[i] = (prefix, value, rate);
            sb.Append(prefix).Append(text).Append('\n');
        }
    }

    private static void RenderHistogram(StringBuilder sb, List<(string Verb, string Resource, double Rate, double Count, double Scale)> combos, double dt, Random rng)
    {
        const string name = "apiserver_request_duration_seconds";
        sb.Append("# HELP ").Append(name).Append(" Response latency distribution in seconds.\n# TYPE ").Append(name).Append(" histogram\n");
        for (int c = 0; c < combos.Count; c++)
        {
            var (verb, res, rate, count, scale) = combos[c];
            count += rate * dt * (0.5 + rng.NextDouble());
            combos[c] = (verb, res, rate, count, scale);
            long n = (long)count;
            foreach (double le in s_le)
            {
                long inBucket = (long)(n * (1.0 - Math.Exp(-le / scale)));
                sb.Append(name).Append("_bucket{verb=\"").Append(verb).Append("\",resource=\"").Append(res).Append("\",le=\"")
                  .Append(Go(le)).Append("\"} ").Append(inBucket.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            sb.Append(name).Append("_bucket{verb=\"").Append(verb).Append("\",resource=\"").Append(res).Append("\",le=\"+Inf\"} ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append(name).Append("_sum{verb=\"").Append(verb).Append("\",resource=\"").Append(res).Append("\"} ").Append(Go(Math.Round(n * scale, 6))).Append('\n');
            sb.Append(name).Append("_count{verb=\"").Append(verb).Append("\",resource=\"").Append(res).Append("\"} ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    // Shortest round-trip text, as Python's repr and Go's strconv 'g' -1 print it (exponent form only for large values).
    private static string Go(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
