using System.Diagnostics;
using System.Globalization;
using System.Text;
using Argus.Tests.Testing;
using Microsoft.Playwright;

namespace Argus.Tests.Browser;

/// <summary>
/// The page-load benchmark of bench/ui (run by bench/ui/run.sh, skipped unless ARGUS_UI_BENCH_SERIES is set): a real
/// Argus backfilled with that many Kubernetes-shaped series (nodes, pods, containers: the families the cluster overview
/// reads) over the last 10 minutes at 15 s, then the cluster overview opened in headless Chromium several times, timing
/// navigation start → every panel finished (the view's data-loaded). Prints each run and the median, and writes them to
/// $ARGUS_UI_BENCH_OUT when set.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DashboardPageLoadBenchmark
{
    private const int Points = 40;
    private const int StepSeconds = 15;

    [BenchFact("ARGUS_UI_BENCH_SERIES", "bench/ui/run.sh")]
    public async Task ClusterOverview_PageLoad()
    {
        int series = int.Parse(Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_SERIES")!, System.Globalization.CultureInfo.InvariantCulture);
        int runs = int.TryParse(Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_RUNS"), out int r) ? r : 7;
        string dir = Directory.CreateTempSubdirectory("argus-ui-bench-").FullName;
        try
        {
            long endMs = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds * StepSeconds * 1000;
            var generate = Stopwatch.StartNew();
            byte[] om = Generate(series, endMs);
            new Argus.Collect.Backfill.OpenMetricsImporter().Import(om, Path.Combine(dir, "data"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            string load = $"generated and imported {series} series x {Points} points ({om.Length / 1e6:F0} MB) in {generate.Elapsed.TotalSeconds:F1} s";
            int port = PeerProcess.FreePort();
            await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), "global: {scrape_interval: 15s}\n");
            await using var argus = ArgusProcess.Start("--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"),
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromMinutes(5),
                () => argus.HasExited ? "argus exited:\n" + argus.Output : null);
            await using var browser = await BrowserSession.LaunchAsync();
            var times = new List<double>();
            for (int i = 0; i <= runs; i++)
            {
                var page = await browser.NewPageAsync($"http://127.0.0.1:{port}", 1600, 1000);
                var sw = Stopwatch.StartNew();
                await page.GotoAsync("/?from=now-10m&to=now");
                await page.WaitForSelectorAsync(".dash-view[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 120_000 });
                sw.Stop();
                int errors = await page.Locator("[data-testid=panel][data-state=error]").CountAsync();
                Assert.Equal(0, errors);
                if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds);   // run 0 warms the server's and browser's caches
                await page.Context.CloseAsync();
            }
            times.Sort();
            double median = times[times.Count / 2];
            string report = string.Create(CultureInfo.InvariantCulture,
                $"{load}\ncluster overview page load, {runs} runs (ms): {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}\nmedian {median:F0} ms\n");
            Console.WriteLine(report);
            if (Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_OUT") is { Length: > 0 } outFile) await File.WriteAllTextAsync(outFile, report);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Kubernetes-shaped series in the proportions of a cluster: per node 64 node_cpu_seconds_total (8 CPUs x 8 modes) and
    /// memory; per pod kube_pod_info, 5 kube_pod_status_phase, 2 containers with CPU/memory usage and requests. About
    /// 20 series per pod, so 100k series ≈ 4,000 pods on 80 nodes.
    /// </summary>
    private static byte[] Generate(int target, long endMs)
    {
        int pods = Math.Max(1, target / 20);
        int nodes = Math.Max(1, pods / 50);
        var sb = new StringBuilder(target * Points * 90);
        long first = endMs / 1000 - (Points - 1) * StepSeconds;
        string[] modes = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"];
        string[] phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
        void Series(string family, string labels, Func<int, double> value)
        {
            for (int i = 0; i < Points; i++) sb.Append(CultureInfo.InvariantCulture, $"{family}{{{labels}}} {value(i)} {first + i * StepSeconds}\n");
        }
        for (int n = 0; n < nodes; n++)
        {
            string inst = $"instance=\"node-{n}:9100\",job=\"node-exporter\"";
            for (int cpu = 0; cpu < 8; cpu++)
                foreach (var mode in modes)
                    Series("node_cpu_seconds_total", $"{inst},cpu=\"{cpu}\",mode=\"{mode}\"", i => (mode == "idle" ? 10 : 1) * (1000 + i * StepSeconds * 0.1));
            Series("node_memory_MemTotal_bytes", inst, _ => 64e9);
            Series("node_memory_MemAvailable_bytes", inst, i => 30e9 + i * 1e6);
            Series("kube_node_info", $"node=\"node-{n}\",job=\"kube-state-metrics\"", _ => 1);
            Series("kube_node_status_condition", $"node=\"node-{n}\",condition=\"Ready\",status=\"true\",job=\"kube-state-metrics\"", _ => 1);
            Series("kube_node_status_allocatable", $"node=\"node-{n}\",resource=\"cpu\",unit=\"core\",job=\"kube-state-metrics\"", _ => 8);
            Series("kube_node_status_allocatable", $"node=\"node-{n}\",resource=\"memory\",unit=\"byte\",job=\"kube-state-metrics\"", _ => 64e9);
        }
        for (int p = 0; p < pods; p++)
        {
            string ns = $"ns-{p % 40}";
            string pod = $"namespace=\"{ns}\",pod=\"pod-{p}\",job=\"kube-state-metrics\"";
            Series("kube_pod_info", $"{pod},node=\"node-{p % nodes}\"", _ => 1);
            foreach (var phase in phases) Series("kube_pod_status_phase", $"{pod},phase=\"{phase}\"", _ => phase == "Running" ? 1 : 0);
            for (int c = 0; c < 2; c++)
            {
                string ctr = $"namespace=\"{ns}\",pod=\"pod-{p}\",container=\"c{c}\"";
                Series("container_cpu_usage_seconds_total", ctr + ",job=\"kubelet\"", i => 100 + i * 0.3);
                Series("container_memory_working_set_bytes", ctr + ",job=\"kubelet\"", _ => 1e8);
                Series("kube_pod_container_resource_requests", ctr + ",resource=\"cpu\",unit=\"core\",job=\"kube-state-metrics\"", _ => 0.1);
                Series("kube_pod_container_resource_requests", ctr + ",resource=\"memory\",unit=\"byte\",job=\"kube-state-metrics\"", _ => 1e8);
                Series("kube_pod_container_status_restarts_total", ctr + ",job=\"kube-state-metrics\"", _ => 0);
                Series("container_network_receive_bytes_total", ctr + ",job=\"kubelet\"", i => i * 1000.0);
                Series("container_network_transmit_bytes_total", ctr + ",job=\"kubelet\"", i => i * 2000.0);
            }
        }
        for (int n = 0; n < 40; n++) Series("kube_namespace_status_phase", $"namespace=\"ns-{n}\",phase=\"Active\",job=\"kube-state-metrics\"", _ => 1);
        sb.Append("# EOF\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
