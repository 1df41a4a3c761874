using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Browser;

/// <summary>
/// A real Argus with the series the dashboards need, for the dashboard tests (API and browser): the host's metrics from
/// Debian's real /usr/bin/prometheus-node-exporter (job node-exporter), cluster state from <c>--kube-state-metrics</c> over
/// the in-process API server (the discovery tests' cluster), cAdvisor and kubelet series from <see cref="DashboardKubelet"/>,
/// Argus's own metrics, and kube-prometheus's recording rules (shared/compat/rules) that the compat dashboards read. The
/// compat dashboards are served from <c>--web.dashboards.path</c>, so the folder loading is exercised too.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string NodeExporter = "/usr/bin/prometheus-node-exporter";

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-dash-e2e-").FullName;
    private FakeKubeApiServer? _kube;
    private DashboardKubelet? _kubelet;
    private System.Diagnostics.Process? _nodeExporter;
    private ArgusProcess? _argus;
    private BrowserSession? _browser;

    public static string? Unavailable => BrowserSession.Unavailable
        ?? (File.Exists(NodeExporter) ? null : $"{NodeExporter} is not installed (apt-get install prometheus-node-exporter)");

    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public BrowserSession Browser => _browser ?? throw new InvalidOperationException("the fixture is not started");
    public string Output => _argus?.Output ?? "";

    public static string CompatDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "..", "shared", "compat"));

    private static string ClusterFixture([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Collect", "Kubernetes", "testdata", "cluster.json");

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        _kube = await FakeKubeApiServer.StartAsync();
        _kube.Load(ClusterFixture());
        DashboardClusterObjects.AddTo(_kube);
        _kubelet = await DashboardKubelet.StartAsync();
        int nodePort = PeerProcess.FreePort();
        _nodeExporter = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(NodeExporter)
        {
            ArgumentList = { $"--web.listen-address=127.0.0.1:{nodePort}" },
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        _nodeExporter.BeginErrorReadLine();
        _nodeExporter.BeginOutputReadLine();

        string kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters: [{name: fake, cluster: {server: "{{{_kube.Url}}}"}}]
            contexts: [{name: fake, context: {cluster: fake, user: fake}}]
            users: [{name: fake, user: {token: test-token}}]
            """);
        string dashboards = Path.Combine(_dir, "dashboards");
        Directory.CreateDirectory(dashboards);
        foreach (var f in Directory.EnumerateFiles(Path.Combine(CompatDir(), "dashboards"), "*.json"))
            File.Copy(f, Path.Combine(dashboards, Path.GetFileName(f)));
        string rules = Path.Combine(CompatDir(), "rules");
        int port = PeerProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), $$$"""
            global:
              scrape_interval: 2s
              evaluation_interval: 2s
            rule_files:
              - {{{rules}}}/kubernetes-control-plane.rules.yaml
              - {{{rules}}}/node-exporter.rules.yaml
            scrape_configs:
              - job_name: argus
                static_configs: [{targets: ['127.0.0.1:{{{port}}}']}]
              - job_name: node-exporter
                static_configs: [{targets: ['127.0.0.1:{{{nodePort}}}']}]
              - job_name: kubelet
                metrics_path: /metrics/cadvisor
                static_configs: [{targets: ['{{{_kubelet.Address}}}'], labels: {metrics_path: /metrics/cadvisor, node: worker-1}}]
              - job_name: kubelet-metrics
                static_configs: [{targets: ['{{{_kubelet.Address}}}'], labels: {metrics_path: /metrics, node: worker-1}}]
                relabel_configs:
                  - target_label: job
                    replacement: kubelet
            """);
        _argus = ArgusProcess.Start("--config.file=" + Path.Combine(_dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--kube-state-metrics=true", "--kubeconfig=" + kubeconfig,
            "--web.dashboards.path=" + dashboards, "--log.level=warn");
        BaseUrl = $"http://127.0.0.1:{port}";
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Func<string?> died = () => _argus.HasExited ? "argus exited:\n" + _argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(Http, "/-/ready") == 200, TimeSpan.FromSeconds(60), died);
        // Enough scrapes and rule evaluations for rate() over $__rate_interval (1m at a 1h range) and the recording rules.
        await Poll.UntilAsync(async () => await HasResultAsync("count(rate(node_cpu_seconds_total[1m])) and count(kube_pod_info) and count(node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate)"),
            TimeSpan.FromSeconds(90), died);
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task<bool> HasResultAsync(string query)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query)));
        return doc.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_argus is not null) await _argus.DisposeAsync();
        if (_nodeExporter is { HasExited: false })
        {
            _nodeExporter.Kill();
            await _nodeExporter.WaitForExitAsync();
        }
        _nodeExporter?.Dispose();
        if (_kubelet is not null) await _kubelet.DisposeAsync();
        if (_kube is not null) await _kube.DisposeAsync();
        Http?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboards end to end";
}
