using System.Text.Json.Nodes;
using Argus.Collect.Relabel;
using Argus.Config;
using Argus.Model;
using Argus.Notify;
using Argus.Notify.Forward;
using Argus.Serve.Api;
using Argus.Telemetry;
using Argus.Tests.Serve;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Notify.Forward;

public sealed class AlertForwarderTests
{
    private static AlertingConfig Load(string alerting)
    {
        var loaded = ConfigLoader.LoadString("alerting:\n" + alerting, "prometheus.yml");
        Assert.True(loaded.Success, loaded.ErrorText);
        return loaded.Config!.Alerting;
    }

    private static AlertForwarder Forwarder(AlertingConfig config, MetricsRegistry? registry = null) =>
        new(config, Relabeler.Process, TimeProvider.System, registry ?? new MetricsRegistry(), NullLogger.Instance);

    /// <summary>What a static_configs provider reports: one group of addresses.</summary>
    private static void Discover(AlertmanagerSet set, params string[] addresses) =>
        set.Sync([([.. addresses.Select(a => Labels.FromStrings("__address__", a))], Labels.Empty)]);

    private static double Metric(MetricsRegistry registry, string name)
    {
        var families = new List<MetricFamily>();
        registry.Collect(families);
        return families.Single(f => f.Name == name).Points.Sum(p => p.Value);
    }

    [Fact]
    public async Task Send_QueuedAlerts_PostedAsPrometheusDoes()
    {
        await using var am = await CaptureServer.StartAsync();
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - path_prefix: /x\n"));
        Discover(forwarder.Sets[0], $"127.0.0.1:{am.Port}");
        forwarder.Start();
        var startsAt = DateTimeOffset.Parse("2026-11-24T23:25:15.221Z");
        forwarder.Send([new Alert
        {
            Labels = Labels.FromStrings("alertname", "A", "cluster", "c"),
            Annotations = Labels.FromStrings("summary", "s"),
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(5),
            GeneratorUrl = "http://argus/graph?g0.expr=up&g0.tab=1",
        }]);
        await Poll.UntilAsync(() => Task.FromResult(am.Requests.Count > 0), TimeSpan.FromSeconds(10));
        var (path, body, _) = am.Requests[0];
        Assert.Equal("/x/api/v2/alerts", path);
        var expected = JsonNode.Parse("""
            [{"labels":{"alertname":"A","cluster":"c"},"annotations":{"summary":"s"},"startsAt":"2026-11-24T23:25:15.221Z",
              "endsAt":"2026-11-24T23:30:15.221Z","generatorURL":"http://argus/graph?g0.expr=up&g0.tab=1"}]
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), body);
    }

    [Fact]
    public async Task SendBatch_AlertmanagerDown_CountsErrorsAndDrops()
    {
        var registry = new MetricsRegistry();
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - timeout: 2s\n"), registry);
        Discover(forwarder.Sets[0], $"127.0.0.1:{PeerProcess.FreePort()}");
        int ok = await forwarder.SendBatchAsync([new Alert { Labels = Labels.FromStrings("alertname", "A") }], CancellationToken.None);
        Assert.Equal(0, ok);
        Assert.Equal(1, Metric(registry, "prometheus_notifications_dropped_total"));
        Assert.Equal(1, Metric(registry, "prometheus_notifications_errors_total"));
    }

    [Fact]
    public async Task SendBatch_NoAlertmanagerDiscovered_NothingSentNothingDropped()
    {
        // Prometheus 3's sendAll only judges entries that had Alertmanagers to try.
        var registry = new MetricsRegistry();
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - static_configs: []\n"), registry);
        Assert.Equal(0, await forwarder.SendBatchAsync([new Alert { Labels = Labels.FromStrings("alertname", "A") }], CancellationToken.None));
        Assert.Equal(0, Metric(registry, "prometheus_notifications_dropped_total"));
        Assert.Equal(0, Metric(registry, "prometheus_notifications_alertmanagers_discovered"));
    }

    [Fact]
    public async Task SendBatch_EntryAlertRelabelConfigs_ApplyToThatEntryOnly()
    {
        await using var relabelled = await CaptureServer.StartAsync();
        await using var plain = await CaptureServer.StartAsync();
        var registry = new MetricsRegistry();
        await using var forwarder = Forwarder(Load("""
              alertmanagers:
                - alert_relabel_configs:
                    - source_labels: [severity]
                      regex: info
                      action: drop
                    - target_label: routed
                      replacement: pager
                - {}
            """), registry);
        Discover(forwarder.Sets[0], $"127.0.0.1:{relabelled.Port}");
        Discover(forwarder.Sets[1], $"127.0.0.1:{plain.Port}");
        Assert.Equal(2, Metric(registry, "prometheus_notifications_alertmanagers_discovered"));

        int ok = await forwarder.SendBatchAsync([
            new Alert { Labels = Labels.FromStrings("alertname", "Down", "severity", "critical") },
            new Alert { Labels = Labels.FromStrings("alertname", "Slow", "severity", "info") },
        ], CancellationToken.None);

        Assert.Equal(2, ok);
        var toPager = JsonNode.Parse(Assert.Single(relabelled.Requests).Body)!.AsArray();
        Assert.Equal("""{"alertname":"Down","routed":"pager","severity":"critical"}""", Assert.Single(toPager)!["labels"]!.ToJsonString());
        var toPlain = JsonNode.Parse(Assert.Single(plain.Requests).Body)!.AsArray();
        Assert.Equal(["Down", "Slow"], toPlain.Select(a => (string)a!["labels"]!["alertname"]!));
    }

    [Fact]
    public async Task SendBatch_EntryRelabelDropsEveryAlert_EntrySkipped()
    {
        await using var am = await CaptureServer.StartAsync();
        var registry = new MetricsRegistry();
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - alert_relabel_configs:\n        - action: drop\n          source_labels: [alertname]\n"), registry);
        Discover(forwarder.Sets[0], $"127.0.0.1:{am.Port}");
        Assert.Equal(0, await forwarder.SendBatchAsync([new Alert { Labels = Labels.FromStrings("alertname", "A") }], CancellationToken.None));
        Assert.Empty(am.Requests);
        Assert.Equal(0, Metric(registry, "prometheus_notifications_dropped_total"));
    }

    [Fact]
    public async Task ApplyConfig_UnchangedEntryKeepsItsAlertmanagers_ChangedEntryStartsEmpty()
    {
        const string Entries = "  alertmanagers:\n    - path_prefix: /a\n    - path_prefix: /b\n";
        await using var forwarder = Forwarder(Load(Entries));
        Discover(forwarder.Sets[0], "am-a:9093");
        Discover(forwarder.Sets[1], "am-b:9093");

        forwarder.ApplyConfig(Load("  alertmanagers:\n    - path_prefix: /b\n    - path_prefix: /c\n"));

        Assert.Equal(["http://am-b:9093/b/api/v2/alerts"], forwarder.Alertmanagers());
        Assert.Equal("config-0", forwarder.Sets[0].Key);
        Assert.Empty(forwarder.Sets[1].Active);
    }

    [Fact]
    public async Task Sync_DuplicateUrls_KeptOnce()
    {
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - {}\n"));
        forwarder.Sets[0].Sync([
            ([Labels.FromStrings("__address__", "am:9093")], Labels.Empty),
            ([Labels.FromStrings("__address__", "am:9093", "other", "x")], Labels.Empty),
        ]);
        Assert.Equal(["http://am:9093/api/v2/alerts"], forwarder.Alertmanagers());
    }

    [Fact]
    public async Task AlertmanagersApi_TwoEntries_AnswersAsPrometheus()
    {
        // The same two Alertmanagers the captured Prometheus answer lists, in entry order.
        var fixture = PromApiFixture.Load("alertmanagers");
        await using var forwarder = Forwarder(Load("  alertmanagers:\n    - path_prefix: /capture-am\n    - {}\n"));
        Discover(forwarder.Sets[0], "127.0.0.1:19100");
        Discover(forwarder.Sets[1], "127.0.0.1:19093");
        var ctx = new DefaultHttpContext();
        var body = new MemoryStream();
        ctx.Response.Body = body;
        await AlertmanagersApi.Handle(ctx, forwarder);
        Assert.Equal(fixture.Root.GetProperty("raw_body").GetString(), System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
