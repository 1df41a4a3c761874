using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Collect.Kubernetes;
using Argus.Config;
using Argus.Model;
using Argus.Notify;
using Argus.Notify.Forward;
using Argus.Serve.Api;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Notify.Forward;

/// <summary>
/// Alertmanagers found by service discovery, live: an <c>alerting.alertmanagers</c> entry with kubernetes_sd_configs
/// (role endpoints, as kube-prometheus generates it) against the in-process API server through the real Kubernetes client,
/// relabel_configs keeping the "web" port, alerts arriving at local HTTP receivers standing in for the Alertmanager pods,
/// and /api/v1/alertmanagers listing active and dropped Alertmanagers; file SD changes followed the same way.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AlertmanagerDiscoveryTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    private const string KubernetesYaml = """
        alerting:
          alertmanagers:
            - path_prefix: /
              timeout: 5s
              kubernetes_sd_configs:
                - role: endpoints
                  api_server: API_SERVER
                  namespaces:
                    names: [monitoring]
              relabel_configs:
                - source_labels: [__meta_kubernetes_endpoints_name]
                  regex: alertmanager-main
                  action: keep
                - source_labels: [__meta_kubernetes_endpoint_port_name]
                  regex: web
                  action: keep
        """;

    private static JsonObject Subset(string pod, int webPort) => JsonNode.Parse($$$"""
        {"addresses":[{"ip":"127.0.0.1","targetRef":{"kind":"Pod","namespace":"monitoring","name":"{{{pod}}}"}}],
         "ports":[{"name":"web","port":{{{webPort}}},"protocol":"TCP"},{"name":"reloader-web","port":8080,"protocol":"TCP"}]}
        """)!.AsObject();

    private static AlertingConfig Load(string yaml)
    {
        var loaded = ConfigLoader.LoadString(yaml, "prometheus.yml");
        Assert.True(loaded.Success, loaded.ErrorText);
        return loaded.Config!.Alerting;
    }

    private static async Task<JsonElement> AlertmanagersApiAsync(AlertForwarder forwarder)
    {
        var ctx = new DefaultHttpContext();
        var body = new MemoryStream();
        ctx.Response.Body = body;
        await AlertmanagersApi.Handle(ctx, forwarder);
        using var doc = JsonDocument.Parse(body.ToArray());
        Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
        return doc.RootElement.GetProperty("data").Clone();
    }

    private static string[] Urls(JsonElement data, string list) =>
        [.. data.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("url").GetString()!)];

    [Fact]
    public async Task KubernetesEndpoints_AlertmanagerPodsComeAndGo_AlertsFollowWithoutReload()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        await using var am0 = await CaptureServer.StartAsync();
        await using var am1 = await CaptureServer.StartAsync();
        await using var am2 = await CaptureServer.StartAsync();
        var endpoints = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "alertmanager-main", ["namespace"] = "monitoring" },
            ["subsets"] = new JsonArray(Subset("alertmanager-main-0", am0.Port), Subset("alertmanager-main-1", am1.Port)),
        };
        server.Put("endpoints", endpoints);
        server.Put("endpoints", JsonNode.Parse("""
            {"metadata":{"name":"grafana","namespace":"monitoring"},
             "subsets":[{"addresses":[{"ip":"127.0.0.3"}],"ports":[{"name":"web","port":3000,"protocol":"TCP"}]}]}
            """)!.AsObject());

        var registry = new MetricsRegistry();
        await using var forwarder = new AlertForwarder(Load(KubernetesYaml.Replace("API_SERVER", server.Url, StringComparison.Ordinal)),
            AlertmanagerDiscovery.Relabel, TimeProvider.System, registry, NullLogger.Instance);
        await using var discovery = new AlertmanagerDiscovery(forwarder, TimeProvider.System, NullLoggerFactory.Instance,
            new KubeConnectionOptions { Environment = _ => null });
        await discovery.ApplyConfigAsync(Load(KubernetesYaml.Replace("API_SERVER", server.Url, StringComparison.Ordinal)));
        forwarder.Start();

        string Url(CaptureServer am) => $"http://127.0.0.1:{am.Port}/api/v2/alerts";
        await Poll.UntilAsync(() => Task.FromResult(forwarder.Alertmanagers().Count == 2), s_wait);
        var data = await AlertmanagersApiAsync(forwarder);
        Assert.Equal(new[] { Url(am0), Url(am1) }.Order(StringComparer.Ordinal), Urls(data, "activeAlertmanagers").Order(StringComparer.Ordinal));
        // Dropped: both reloader ports of alertmanager-main and grafana's endpoint, with their URLs before relabelling.
        Assert.Equal(["http://127.0.0.1:8080/api/v2/alerts", "http://127.0.0.1:8080/api/v2/alerts", "http://127.0.0.3:3000/api/v2/alerts"],
            Urls(data, "droppedAlertmanagers").Order(StringComparer.Ordinal));

        // Through the queue and the send loop to both pods.
        forwarder.Send([new Alert { Labels = Labels.FromStrings("alertname", "First") }]);
        await Poll.UntilAsync(() => Task.FromResult(am0.Requests.Count == 1 && am1.Requests.Count == 1), s_wait);
        Assert.Equal("/api/v2/alerts", am0.Requests[0].Path);
        Assert.Contains("\"First\"", am1.Requests[0].Body, StringComparison.Ordinal);

        // alertmanager-main-1 goes away and alertmanager-main-2 comes: alerts follow, no reload.
        server.Modify("endpoints", "monitoring", "alertmanager-main",
            o => o["subsets"] = new JsonArray(Subset("alertmanager-main-0", am0.Port), Subset("alertmanager-main-2", am2.Port)));
        await Poll.UntilAsync(() => Task.FromResult(forwarder.Alertmanagers().Contains(Url(am2)) && forwarder.Alertmanagers().Count == 2), s_wait);
        Assert.Equal(2, await forwarder.SendBatchAsync([new Alert { Labels = Labels.FromStrings("alertname", "Second") }], CancellationToken.None));
        Assert.Equal(2, am0.Requests.Count);
        Assert.Single(am1.Requests);
        Assert.Contains("\"Second\"", Assert.Single(am2.Requests).Body, StringComparison.Ordinal);

        // The Endpoints object is deleted: no Alertmanager is left.
        server.Delete("endpoints", "monitoring", "alertmanager-main");
        await Poll.UntilAsync(() => Task.FromResult(forwarder.Alertmanagers().Count == 0), s_wait);
        Assert.Equal(["http://127.0.0.3:3000/api/v2/alerts"], Urls(await AlertmanagersApiAsync(forwarder), "droppedAlertmanagers"));
    }

    [Fact]
    public async Task StaticAndFileSd_FileRewritten_AlertmanagersFollow()
    {
        string dir = Directory.CreateTempSubdirectory("argus-amsd-").FullName;
        try
        {
            string file = Path.Combine(dir, "am.json");
            File.WriteAllText(file, """[{"targets":["am-a:9093"],"labels":{"x":"y"}}]""");
            string yaml = $"""
                alerting:
                  alertmanagers:
                    - path_prefix: /p
                      static_configs:
                        - targets: [am-static:9093]
                      file_sd_configs:
                        - files: ['{Path.Combine(dir, "*.json")}']
                          refresh_interval: 1s
                """;
            await using var forwarder = new AlertForwarder(Load(yaml), AlertmanagerDiscovery.Relabel, TimeProvider.System, new MetricsRegistry(),
                NullLogger.Instance);
            await using var discovery = new AlertmanagerDiscovery(forwarder, TimeProvider.System, NullLoggerFactory.Instance);
            await discovery.ApplyConfigAsync(Load(yaml));
            await Poll.UntilAsync(() => Task.FromResult(forwarder.Alertmanagers().Count == 2), s_wait);
            Assert.Equal(["http://am-a:9093/p/api/v2/alerts", "http://am-static:9093/p/api/v2/alerts"],
                forwarder.Alertmanagers().Order(StringComparer.Ordinal));

            File.WriteAllText(file, """[{"targets":["am-b:9093"]}]""");
            await Poll.UntilAsync(() => Task.FromResult(forwarder.Alertmanagers().Contains("http://am-b:9093/p/api/v2/alerts")), s_wait);
            Assert.Equal(["http://am-b:9093/p/api/v2/alerts", "http://am-static:9093/p/api/v2/alerts"],
                forwarder.Alertmanagers().Order(StringComparer.Ordinal));

            // A reload that leaves the entry as it was keeps its Alertmanagers (and its running discovery).
            await discovery.ApplyConfigAsync(Load(yaml));
            Assert.Equal(2, forwarder.Alertmanagers().Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
