using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Argus.Tests.Testing;
using Microsoft.Playwright;

namespace Argus.Tests.Browser;

/// <summary>
/// The page-load benchmark of bench/ui (run by bench/ui/run.sh, skipped unless ARGUS_UI_BENCH_SERIES is set): a real
/// Argus backfilled with that many Kubernetes-shaped series (nodes, pods, containers: the families the cluster overview
/// reads) over the last 10 minutes at 15 s, then the cluster overview opened in headless Chromium several times, each in
/// a fresh browser context (empty cache), timing navigation start → every panel of the dashboard finished (the view's
/// data-loaded, set once each panel has its data rendered, an error or "no data"; panels out of view included).
/// The server is $ARGUS_BIN (a published <c>argus</c> or <c>argus.dll</c>, e.g. the Release build run.sh publishes) or
/// else the Debug argus.dll beside the tests. Each run's breakdown comes from the browser's own timeline: navigation
/// timing (time to first byte), resource timing (bundle, dashboard JSON, every query with the server's Server-Timing) and
/// the UI's User Timing marks (bundle evaluated, per query, per panel render, dashboard loaded). Prints each run, the
/// median and the median breakdown, and writes them to $ARGUS_UI_BENCH_OUT when set.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DashboardPageLoadBenchmark
{
    private const int Points = 40;
    private const int StepSeconds = 15;

    /// <summary>Reads the page's timeline after the load; entries are plain objects so JSON.stringify keeps every field.</summary>
    private const string TimelineScript = """
        () => JSON.stringify({
          nav: performance.getEntriesByType("navigation").map(e => e.toJSON())[0],
          resources: performance.getEntriesByType("resource").map(e => e.toJSON()),
          marks: performance.getEntriesByType("mark").map(e => ({ name: e.name, startTime: e.startTime })),
          measures: performance.getEntriesByType("measure").map(e => ({ name: e.name, startTime: e.startTime, duration: e.duration, detail: e.detail })),
        })
        """;

    /// <summary>
    /// Chromium 156 in headless mode opens a browser window per browser context, and with it the omnibox's WebUI popup
    /// (chrome://omnibox-popup.top-chrome/ and its AI-mode page): a renderer that loads Chromium's own UI for ≈ 1.5-2 s of
    /// CPU on this machine, during the first seconds of every fresh context, i.e. exactly during the measured load
    /// (found with ARGUS_UI_BENCH_TRACE; bench/ui/trace-summary.py). A user's browser created that popup once, when its
    /// window opened, not per page load, so the benchmark turns the two features off. Chromium keeps only the last
    /// <c>--disable-features</c>, so Playwright 1.64's own list (chromiumSwitches.ts) is repeated first.
    /// ARGUS_UI_BENCH_OMNIBOX=1 keeps the popup, to measure with it.
    /// </summary>
    private static readonly string[] QuietChromium = Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_OMNIBOX") == "1" ? [] :
    [
        "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,"
        + "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,BlockOriginHeaderModificationOnRedirect,"
        + "AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,"
        + "WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    ];

    [BenchFact("ARGUS_UI_BENCH_SERIES", "bench/ui/run.sh")]
    public async Task ClusterOverview_PageLoad()
    {
        int series = int.Parse(Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_SERIES")!, CultureInfo.InvariantCulture);
        int runs = int.TryParse(Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_RUNS"), out int r) ? r : 7;
        // Untimed loads first: a server that has run for a while has its query paths compiled by the tiered JIT (its rules
        // evaluate the same code every interval); the first loads after a start measure the JIT, reported separately.
        int warmups = int.TryParse(Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_WARMUP"), out int w) ? Math.Max(1, w) : 3;
        string? bin = Environment.GetEnvironmentVariable("ARGUS_BIN") is { Length: > 0 } b ? Path.GetFullPath(b) : null;
        string dir = Directory.CreateTempSubdirectory("argus-ui-bench-").FullName;
        try
        {
            long endMs = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds * StepSeconds * 1000;
            var generate = Stopwatch.StartNew();
            byte[] om = Generate(series, endMs);
            new Argus.Collect.Backfill.OpenMetricsImporter().Import(om, Path.Combine(dir, "data"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            string load = $"generated and imported {series} series x {Points} points ({om.Length / 1e6:F0} MB) in {generate.Elapsed.TotalSeconds:F1} s";
            om = [];
            await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), "global: {scrape_interval: 15s}\n");
            string[] args = ["--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"), "--log.level=warn"];
            await using var argus = await StartArgusAsync(bin, args);
            await using var browser = await BrowserSession.LaunchAsync(QuietChromium);
            string loadBefore = LoadAverage();
            var totals = new List<double>();
            var cpu = new List<double>();
            var browserCpu = new List<double>();
            var timelines = new List<Timeline>();
            var warmupTotals = new List<double>();
            for (int i = 0; i < warmups + runs; i++)
            {
                var page = await browser.NewPageAsync(argus.BaseUrl, 1600, 1000);
                double cpuBefore = ServerCpuSeconds(dir);
                double browserBefore = BrowserCpuSeconds(dir);
                var sw = Stopwatch.StartNew();
                await page.GotoAsync("/?from=now-10m&to=now");
                await page.WaitForSelectorAsync(".dash-view[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 120_000 });
                sw.Stop();
                double cpuUsed = ServerCpuSeconds(dir) - cpuBefore;
                double browserUsed = BrowserCpuSeconds(dir) - browserBefore;
                int errors = await page.Locator("[data-testid=panel][data-state=error]").CountAsync();
                Assert.Equal(0, errors);
                var timeline = Timeline.Parse(await page.EvaluateAsync<string>(TimelineScript));
                if (i < warmups) warmupTotals.Add(sw.Elapsed.TotalMilliseconds);
                else   // every run has a fresh browser context, so a cold browser cache
                {
                    totals.Add(sw.Elapsed.TotalMilliseconds);
                    cpu.Add(cpuUsed * 1000);
                    browserCpu.Add(browserUsed * 1000);
                    timelines.Add(timeline);
                }
                await page.Context.CloseAsync();
            }
            string loadAfter = LoadAverage();
            if (Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_TRACE") is { Length: > 0 } traceFile)
            {
                // One more load, untimed, recorded by Chromium's tracing (the tracing itself slows the page down).
                var page = await browser.NewPageAsync(argus.BaseUrl, 1600, 1000);
                await using (await ChromiumTrace.StartAsync(page.Context.Browser!, traceFile))
                {
                    await page.GotoAsync("/?from=now-10m&to=now");
                    await page.WaitForSelectorAsync(".dash-view[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 120_000 });
                }
                await page.Context.CloseAsync();
            }
            string report = Report(load, bin, loadBefore, loadAfter, totals, cpu, browserCpu, timelines)
                + $"untimed warm-up loads after the start (ms): {string.Join(", ", warmupTotals.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}\n";
            Console.WriteLine(report);
            if (Environment.GetEnvironmentVariable("ARGUS_UI_BENCH_OUT") is { Length: > 0 } outFile) await File.WriteAllTextAsync(outFile, report);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<Server> StartArgusAsync(string? bin, string[] args)
    {
        if (bin is not null)
        {
            // A published build: its apphost, or its argus.dll through dotnet.
            bool dll = bin.EndsWith(".dll", StringComparison.Ordinal);
            var peer = await PeerProcess.StartAsync(dll ? "dotnet" : bin,
                port => [.. dll ? new[] { bin } : [], .. args, $"--web.listen-address=127.0.0.1:{port}"]);
            return new Server(peer.BaseUrl, peer);
        }
        int port = PeerProcess.FreePort();
        var argus = ArgusProcess.Start([.. args, $"--web.listen-address=127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromMinutes(5),
            () => argus.HasExited ? "argus exited:\n" + argus.Output : null);
        return new Server($"http://127.0.0.1:{port}", argus);
    }

    /// <summary>
    /// CPU seconds (user + system) the argus serving <paramref name="dir"/> has used, found by its command line (it may run
    /// under dotnet or as an apphost): a measure of the server's work per page load that the machine's load does not skew.
    /// </summary>
    private static double ServerCpuSeconds(string dir)
    {
        string flag = "--storage.tsdb.path=" + Path.Combine(dir, "data");
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _)) continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0').Contains(flag)) continue;
                string stat = File.ReadAllText(Path.Combine(proc, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // Fields 14 and 15 of proc(5) (utime, stime) are at 11 and 12 after the command; clock ticks are 100 Hz on Linux.
                return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading, or is not ours to read.
            }
        }
        return double.NaN;
    }

    /// <summary>
    /// CPU seconds (user + system) of this test process's descendants other than argus: Playwright's driver and the
    /// Chromium it started (browser, renderer, GPU and network processes). Chromium tests of other runs on the machine
    /// are not our descendants and are not counted. A renderer started during the load counts from zero.
    /// </summary>
    private static double BrowserCpuSeconds(string dir)
    {
        string flag = "--storage.tsdb.path=" + Path.Combine(dir, "data");
        var parent = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out int pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0').Contains(flag)) continue;
                string stat = File.ReadAllText(Path.Combine(proc, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the command: state, ppid (field 4 of proc(5)) at 1; utime, stime (14, 15) at 11 and 12.
                parent[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone between listing and reading.
            }
        }
        int self = Environment.ProcessId;
        long sum = 0;
        foreach (var (pid, t) in ticks)
        {
            for (int p = parent[pid], depth = 0; p > 1 && depth < 32; p = parent.GetValueOrDefault(p), depth++)
            {
                if (p != self) continue;
                sum += t;
                break;
            }
        }
        return sum / 100.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static string Report(string load, string? bin, string loadBefore, string loadAfter, List<double> totals, List<double> cpu,
                                  List<double> browserCpu, List<Timeline> timelines)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(load);
        sb.AppendLine(inv, $"argus: {bin ?? ArgusProcess.Dll + " (the build beside the tests)"}");
        sb.AppendLine(inv, $"load average before: {loadBefore}, after: {loadAfter} ({Environment.ProcessorCount} cores)");
        sb.AppendLine(inv, $"cluster overview page load, {totals.Count} runs (ms): {string.Join(", ", totals.Select(t => t.ToString("F0", inv)))}");
        sb.AppendLine(inv, $"median {Median(totals):F0} ms");
        sb.AppendLine(inv, $"argus CPU per page load (user+system, ms): {string.Join(", ", cpu.Select(t => t.ToString("F0", inv)))}; median {Median(cpu):F0} ms");
        sb.AppendLine(inv, $"chromium CPU per page load (all its processes, user+system, ms): {string.Join(", ", browserCpu.Select(t => t.ToString("F0", inv)))}; median {Median(browserCpu):F0} ms");
        sb.AppendLine("breakdown, median over the runs, ms since navigation start:");
        void Line(string what, Func<Timeline, double> value) => sb.AppendLine(inv, $"  {what,-44} {Median(timelines.Select(value)),7:F0}");
        Line("first byte of the page (TTFB)", t => t.Ttfb);
        Line("bundle downloaded (last script responseEnd)", t => t.BundleDownloaded);
        Line("bundle evaluated (mark)", t => t.BundleEvaluated);
        Line("dashboard JSON at hand (fetched or embedded)", t => t.DashboardReceived);
        Line("first query sent", t => t.FirstQuery);
        Line("last query answered", t => t.LastAnswer);
        Line("every panel rendered (mark dashboard-loaded)", t => t.Loaded);
        Line("sum of query times (browser)", t => t.Queries.Sum(q => q.BrowserMs));
        Line("sum of server evaluation times", t => t.Queries.Sum(q => q.EvalMs));
        Line("sum of panel render times", t => t.RenderSum);
        Line("slowest panel render", t => t.RenderMax);
        sb.AppendLine("queries, median over the runs: browser ms (request → parsed reply), server eval ms, queued ms in the server, response bytes:");
        foreach (var group in timelines.SelectMany(t => t.Queries).GroupBy(q => (q.Kind, q.Expr)).OrderByDescending(g => Median(g.Select(q => q.BrowserMs))))
        {
            sb.AppendLine(inv, $"  {Median(group.Select(q => q.BrowserMs)),6:F0} {Median(group.Select(q => q.EvalMs)),6:F0} {Median(group.Select(q => q.QueueMs)),5:F0} {Median(group.Select(q => q.Bytes)),8:F0}  {group.Key.Kind,-7} {group.Key.Expr}");
        }
        return sb.ToString();
    }

    /// <summary>The argus under test, started either way, with its address.</summary>
    private sealed class Server(string baseUrl, IAsyncDisposable process) : IAsyncDisposable
    {
        public string BaseUrl { get; } = baseUrl;

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }

    private sealed record QueryTiming(string Kind, string Expr, double BrowserMs, double EvalMs, double QueueMs, double Bytes);

    /// <summary>One page load as the browser recorded it (ms since navigation start).</summary>
    private sealed record Timeline(double Ttfb, double BundleDownloaded, double BundleEvaluated, double DashboardReceived, double FirstQuery,
                                   double LastAnswer, double Loaded, double RenderSum, double RenderMax, List<QueryTiming> Queries)
    {
        public static Timeline Parse(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            double Num(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
            double Mark(string name) => root.GetProperty("marks").EnumerateArray().Where(m => m.GetProperty("name").GetString() == name)
                .Select(m => Num(m, "startTime")).DefaultIfEmpty(double.NaN).Last();
            var resources = root.GetProperty("resources").EnumerateArray().ToList();
            string Path(JsonElement e) => new Uri(e.GetProperty("name").GetString()!).AbsolutePath;
            // The entry and the chunks it imports statically (preloaded by index.html); the explorer's chunk is not loaded here.
            var scripts = resources.Where(e => Path(e).StartsWith("/assets/", StringComparison.Ordinal) && Path(e).EndsWith(".js", StringComparison.Ordinal)).ToList();
            var dashboard = resources.FirstOrDefault(e => Path(e).StartsWith("/api/argus/dashboards/", StringComparison.Ordinal));
            var apiCalls = resources.Where(e => Path(e) is "/api/v1/query" or "/api/v1/query_range").ToList();
            var claimed = new HashSet<int>();
            var queries = new List<QueryTiming>();
            double renderSum = 0, renderMax = 0;
            foreach (var m in root.GetProperty("measures").EnumerateArray())
            {
                string name = m.GetProperty("name").GetString()!;
                double start = Num(m, "startTime"), duration = Num(m, "duration");
                var detail = m.GetProperty("detail");
                if (name == "argus:panel" && detail.GetProperty("phase").GetString() == "render")
                {
                    renderSum += duration;
                    renderMax = Math.Max(renderMax, duration);
                }
                if (name != "argus:query") continue;
                string kind = detail.GetProperty("kind").GetString()!;
                string path = kind == "range" ? "/api/v1/query_range" : "/api/v1/query";
                // The fetch starts right after the measure's start: the first unclaimed resource of that path from then on.
                int best = -1;
                for (int i = 0; i < apiCalls.Count; i++)
                {
                    if (claimed.Contains(i) || Path(apiCalls[i]) != path || Num(apiCalls[i], "startTime") < start - 1) continue;
                    if (best < 0 || Num(apiCalls[i], "startTime") < Num(apiCalls[best], "startTime")) best = i;
                }
                double eval = double.NaN, queue = double.NaN, bytes = double.NaN;
                if (best >= 0)
                {
                    claimed.Add(best);
                    var res = apiCalls[best];
                    bytes = Num(res, "encodedBodySize");
                    var timings = res.TryGetProperty("serverTiming", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().ToList() : [];
                    foreach (var st in timings)
                    {
                        if (st.GetProperty("name").GetString() == "eval") eval = Num(st, "duration");
                        if (st.GetProperty("name").GetString() == "queue") queue = Num(st, "duration");
                    }
                }
                queries.Add(new QueryTiming(kind, detail.GetProperty("expr").GetString()!, duration, eval, queue, bytes));
            }
            var queryMeasures = root.GetProperty("measures").EnumerateArray().Where(m => m.GetProperty("name").GetString() == "argus:query").ToList();
            return new Timeline(
                Num(root.GetProperty("nav"), "responseStart"),
                scripts.Select(e => Num(e, "responseEnd")).DefaultIfEmpty(double.NaN).Max(),
                Mark("argus:bundle-evaluated"),
                // Fetched (a resource) or embedded in the page by the server (then the UI's mark when it took it).
                dashboard.ValueKind == JsonValueKind.Object ? Num(dashboard, "responseEnd") : Mark("argus:dashboard-ready"),
                queryMeasures.Select(m => Num(m, "startTime")).DefaultIfEmpty(double.NaN).Min(),
                queryMeasures.Select(m => Num(m, "startTime") + Num(m, "duration")).DefaultIfEmpty(double.NaN).Max(),
                Mark("argus:dashboard-loaded"),
                renderSum, renderMax, queries);
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
