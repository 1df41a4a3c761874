using Argus.Tests.Testing;
using YamlDotNet.RepresentationModel;

namespace Argus.Tests.Collect.Kubernetes;

/// <summary>
/// Container metrics end to end: the real process runs deploy/kubernetes's kubelet-cadvisor and kubelet-resource jobs
/// (node discovery, the API server's node proxy, the token file, the kube-prometheus drop list) against the in-process API
/// server serving realistic kubelet output, and the container_* expressions of kube-prometheus's recording rules
/// (shared/compat/rules) return data joined with the built-in kube-state-metrics' kube_pod_info.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ContainerMetricsEndToEndTests
{
    private const string Web = "web-7d9f8b6c5d-x2k4p";

    [Fact]
    public async Task KubeletJobs_DeliverContainerSeries_ThatKubePrometheusRulesRead()
    {
        await using var cluster = await KubeClusterArgus.StartAsync(kube =>
        {
            kube.Load(Testdata("cluster.json"));
            kube.SetKubeletMetrics("worker-1", "/metrics/cadvisor", File.ReadAllText(Testdata("kubelet/cadvisor.prom")));
            kube.SetKubeletMetrics("worker-1", "/metrics/resource", File.ReadAllText(Testdata("kubelet/resource.prom")));
        }, KubeletJobs);

        var web = new List<(Dictionary<string, string> Labels, string Value)>();
        try
        {
            await cluster.UntilAsync(async () =>
                (web = await cluster.QueryAsync($"container_memory_working_set_bytes{{metrics_path=\"/metrics/cadvisor\",pod=\"{Web}\",container=\"web\"}}")).Count == 1,
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no cadvisor series; kubelet requests {cluster.Kube.KubeletRequests}\n{cluster.Output}");
        }
        var labels = web[0].Labels;
        Assert.Equal("kubelet", labels["job"]);
        Assert.Equal("shop", labels["namespace"]);
        Assert.Equal("worker-1", labels["node"]);
        Assert.Equal("registry.example.com/shop/web:1.2", labels["image"]);
        Assert.StartsWith("/kubepods.slice/", labels["id"], StringComparison.Ordinal);
        Assert.Equal("10.0.0.11:10250", labels["instance"]);   // the kubelet's address, not the API server's

        // kube-prometheus's drop list applied: no host cgroups, no swap, no spec series.
        Assert.Empty(await cluster.QueryAsync("container_cpu_usage_seconds_total{job=\"kubelet\",metrics_path=\"/metrics/cadvisor\",id=\"/\"}"));
        Assert.Empty(await cluster.QueryAsync("container_memory_swap"));
        Assert.Empty(await cluster.QueryAsync("container_spec_memory_limit_bytes"));
        Assert.NotEmpty(await cluster.QueryAsync("container_network_receive_bytes_total{namespace=\"shop\",pod=\"" + Web + "\"}"));
        Assert.NotEmpty(await cluster.QueryAsync("container_fs_writes_bytes_total{container=\"web\"}"));
        Assert.NotEmpty(await cluster.QueryAsync("container_memory_rss{container=\"web\"}"));
        // The resource job is scraped on its own offset within the interval: it may come a little after the cadvisor one.
        var resource = new List<(Dictionary<string, string> Labels, string Value)>();
        await cluster.UntilAsync(async () => (resource = await cluster.QueryAsync(
            $"pod_memory_working_set_bytes{{job=\"kubelet\",metrics_path=\"/metrics/resource\",pod=\"{Web}\"}}")).Count > 0, TimeSpan.FromSeconds(60));
        Assert.Single(resource);

        // Every container_* recording rule of kube-prometheus (except swap, which its own drop list removes) has data.
        var exprs = ContainerRuleExpressions().Where(e => !e.Contains("container_memory_swap", StringComparison.Ordinal)).ToList();
        Assert.True(exprs.Count >= 5, $"found {exprs.Count} container rules");
        foreach (string expr in exprs)
        {
            var result = new List<(Dictionary<string, string> Labels, string Value)>();
            await cluster.UntilAsync(async () => (result = await cluster.QueryAsync(expr)).Count > 0, TimeSpan.FromSeconds(60));
            Assert.Contains(result, r => r.Labels.GetValueOrDefault("pod") == Web && r.Labels.GetValueOrDefault("node") == "worker-1");
        }
    }

    /// <summary>The deploy config's two kubelet jobs, pointed at the fake API server over plain HTTP.</summary>
    private static string KubeletJobs(string dir, string apiServer)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(KubernetesDefaultConfigTests.DeployConfig())) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var jobs = new YamlSequenceNode();
        foreach (var job in ((YamlSequenceNode)root["scrape_configs"]).Cast<YamlMappingNode>())
        {
            string name = ((YamlScalarNode)job["job_name"]).Value!;
            if (name is not ("kubelet-cadvisor" or "kubelet-resource")) continue;
            job.Children[new YamlScalarNode("scheme")] = new YamlScalarNode("http");
            job.Children.Remove(new YamlScalarNode("tls_config"));
            job.Children[new YamlScalarNode("authorization")] = new YamlMappingNode { { "credentials_file", KubeClusterArgus.TokenFile(dir) } };
            job.Children[new YamlScalarNode("kubernetes_sd_configs")] = new YamlSequenceNode(new YamlMappingNode
            {
                { "role", "node" }, { "api_server", apiServer },
                { "authorization", new YamlMappingNode { { "credentials_file", KubeClusterArgus.TokenFile(dir) } } },
            });
            foreach (var rule in ((YamlSequenceNode)job["relabel_configs"]).Cast<YamlMappingNode>())
            {
                if (rule.Children.TryGetValue(new YamlScalarNode("target_label"), out var t) && ((YamlScalarNode)t).Value == "__address__")
                {
                    rule.Children[new YamlScalarNode("replacement")] = new YamlScalarNode(new Uri(apiServer).Authority);
                }
            }
            jobs.Add(job);
        }
        Assert.Equal(2, jobs.Children.Count);
        var config = new YamlMappingNode
        {
            { "global", new YamlMappingNode { { "scrape_interval", "1s" }, { "evaluation_interval", "1s" } } },
            { "scrape_configs", jobs },
        };
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(config)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The expressions of kube-prometheus's k8s.rules.container_* recording rules.</summary>
    private static IEnumerable<string> ContainerRuleExpressions()
    {
        string file = Path.Combine(Argus.Tests.Rules.RulesTestPaths.CompatRules, "kubernetes-control-plane.rules.yaml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            if (!((YamlScalarNode)group["name"]).Value!.StartsWith("k8s.rules.container_", StringComparison.Ordinal)) continue;
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                string expr = ((YamlScalarNode)rule["expr"]).Value!;
                if (expr.Contains("container_", StringComparison.Ordinal) && expr.Contains("metrics_path=\"/metrics/cadvisor\"", StringComparison.Ordinal)) yield return expr;
            }
        }
    }

    private static string Testdata(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "testdata", name);
}
