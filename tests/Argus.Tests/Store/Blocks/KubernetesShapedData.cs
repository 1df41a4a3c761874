using Argus.Model;

namespace Argus.Tests.Store.Blocks;

/// <summary>
/// Synthetic data shaped like a Kubernetes cluster scraped every 15 s (cAdvisor, kube-state-metrics, node-exporter,
/// application counters), for on-disk size measurements: ~9 labels per series with pod-hash names; a third of the series
/// are constant (kube-state-metrics status/info), a quarter integer counters with bursty increments, a fifth float
/// CPU-seconds counters, the rest byte gauges that move by pages. Timestamps carry Prometheus's occasional 1–2 ms jitter.
/// </summary>
internal static class KubernetesShapedData
{
    private static readonly string[] s_constant = ["kube_pod_status_phase", "kube_pod_info", "kube_deployment_spec_replicas", "kube_pod_container_status_ready"];
    private static readonly string[] s_counters = ["http_requests_total", "apiserver_request_total", "container_network_receive_packets_total", "rest_client_requests_total"];
    private static readonly string[] s_cpu = ["container_cpu_usage_seconds_total", "node_cpu_seconds_total", "process_cpu_seconds_total"];
    private static readonly string[] s_gauges = ["container_memory_working_set_bytes", "container_memory_rss", "node_memory_MemAvailable_bytes"];

    public static Dictionary<Labels, Sample[]> Generate(int series, long start, long end, long step = 15_000, int seed = 42)
    {
        var rnd = new Random(seed);
        var d = new Dictionary<Labels, Sample[]>();
        for (int i = 0; d.Count < series; i++)
        {
            int kind = (i % 20) switch { < 7 => 0, < 12 => 1, < 16 => 2, _ => 3 };
            string name = kind switch
            {
                0 => s_constant[i % s_constant.Length],
                1 => s_counters[i % s_counters.Length],
                2 => s_cpu[i % s_cpu.Length],
                _ => s_gauges[i % s_gauges.Length],
            };
            int pod = i / 20;
            var labels = Labels.FromStrings(
                "__name__", name,
                "container", "app-" + (pod % 37),
                "endpoint", "https-metrics",
                "instance", $"10.{pod % 7}.{pod % 251}.{pod % 13 + 1}:10250",
                "job", kind == 0 ? "kube-state-metrics" : "kubelet",
                "namespace", "team-" + (pod % 23),
                "node", "ip-10-0-" + (pod % 41) + "-" + (pod % 17) + ".ec2.internal",
                "pod", $"app-{pod % 37}-{(pod * 2654435761L % 0xfffffff):x7}-{(pod * 40503 % 99999):x5}",
                "service", "kubelet",
                "uid", $"{(uint)(pod * 2246822519L):x8}-{i % 4096:x4}");
            double v = kind switch { 0 => 1, 1 => rnd.Next(1000, 100000), 2 => rnd.NextDouble() * 5000, _ => 4096.0 * rnd.Next(10_000, 500_000) };
            var samples = new List<Sample>();
            for (long t = start; t < end; t += step)
            {
                long ts = t + (rnd.Next(50) == 0 ? rnd.Next(1, 3) : 0);
                switch (kind)
                {
                    case 1: v += rnd.Next(4) == 0 ? 0 : rnd.Next(1, 40); break;
                    case 2: v += rnd.NextDouble() * 0.15; break;
                    case 3: v += 4096.0 * (rnd.Next(3) == 0 ? 0 : rnd.Next(-64, 65)); break;
                }
                samples.Add(new Sample(ts, v));
            }
            d[labels] = [.. samples];
        }
        return d;
    }
}
