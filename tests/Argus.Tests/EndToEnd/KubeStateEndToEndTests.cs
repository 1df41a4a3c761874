using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.EndToEnd;

/// <summary>
/// The real <c>argus</c> process with <c>--kube-state-metrics</c> against the in-process API server: the cluster's objects
/// become kube-state-metrics series in the store under job "kube-state-metrics", and a deleted pod's series go away.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KubeStateEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-ksm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ClusterObjects_BecomeKubeStateSeries_AndFollowDeletes()
    {
        await using var kube = await FakeKubeApiServer.StartAsync();
        kube.Load(ClusterFixture());
        string kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
              - name: fake
                cluster:
                  server: {{kube.Url}}
            contexts:
              - name: fake
                context: {cluster: fake, user: fake}
            users:
              - name: fake
                user: {token: test-token}
            """);
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global: {scrape_interval: 1s}\n");
        await using var argus = ArgusProcess.Start("--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--kube-state-metrics=true", "--kubeconfig=" + kubeconfig);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        Func<string?> died = () => argus.HasExited ? "argus exited:\n" + argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromSeconds(30), died);

        List<string> pods = [];
        try
        {
            await Poll.UntilAsync(async () =>
            {
                pods = await PodsAsync(http);
                return pods.Count == 2;
            }, TimeSpan.FromSeconds(20), died);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"kube_pod_info shows [{string.Join(", ", pods)}]; API server saw {kube.ListRequests} lists, {kube.WatchRequests} watches\n{argus.Output}");
        }
        Assert.Equal(["shop/pending-0", "shop/web-7d9f8b6c5d-x2k4p"], pods);
        // Each kind has its own informer: the nodes may be listed a scrape after the pods.
        string nodes = "";
        await Poll.UntilAsync(async () => (nodes = await ScalarAsync(http, "count(kube_node_info{job=\"kube-state-metrics\"})")) != "",
            TimeSpan.FromSeconds(20), died);
        Assert.Equal("1", nodes);

        kube.Delete("pods", "shop", "pending-0");
        await Poll.UntilAsync(async () => (pods = await PodsAsync(http)).Count == 1, TimeSpan.FromSeconds(20), died);
        Assert.Equal(["shop/web-7d9f8b6c5d-x2k4p"], pods);
    }

    /// <summary>The discovery tests' cluster (tests/Argus.Tests/Collect/Kubernetes/testdata/cluster.json), read in place.</summary>
    private static string ClusterFixture([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Collect", "Kubernetes", "testdata", "cluster.json");

    private static async Task<List<string>> PodsAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" +
            Uri.EscapeDataString("kube_pod_info{job=\"kube-state-metrics\"}")));
        return [.. doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => r.GetProperty("metric"))
            .Select(m => m.GetProperty("namespace").GetString() + "/" + m.GetProperty("pod").GetString())
            .Order(StringComparer.Ordinal)];
    }

    private static async Task<string> ScalarAsync(HttpClient http, string expr)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(expr)));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? "" : result[0].GetProperty("value")[1].GetString()!;
    }
}
