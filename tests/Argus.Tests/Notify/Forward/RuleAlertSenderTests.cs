using System.Text.Json.Nodes;
using Argus.Config;
using Argus.Model;
using Argus.Notify.Forward;
using Argus.Rules;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Notify.Forward;

/// <summary>
/// The path from the rule manager to the external Alertmanagers (notifier.Manager.Send): external labels added where
/// missing, then the global alerting.alert_relabel_configs, then each entry's own alert_relabel_configs.
/// </summary>
public sealed class RuleAlertSenderTests
{
    [Fact]
    public async Task NotifyAlerts_ExternalLabelsThenGlobalThenEntryRelabelling()
    {
        await using var am = await CaptureServer.StartAsync();
        var loaded = ConfigLoader.LoadString("""
            global:
              external_labels: {cluster: prod, replica: a}
            alerting:
              alert_relabel_configs:
                - regex: replica
                  action: labeldrop
                - source_labels: [alertname]
                  regex: Watchdog
                  action: drop
              alertmanagers:
                - alert_relabel_configs:
                    - source_labels: [cluster]
                      target_label: am_cluster
            """, "prometheus.yml");
        Assert.True(loaded.Success, loaded.ErrorText);
        var config = loaded.Config!;
        await using var forwarder = new AlertForwarder(config.Alerting, AlertmanagerDiscovery.Relabel, TimeProvider.System, new MetricsRegistry(),
            NullLogger.Instance);
        forwarder.Sets[0].Sync([([Labels.FromStrings("__address__", $"127.0.0.1:{am.Port}")], Labels.Empty)]);
        var sender = new RuleAlertSender(config, pipeline: null, forwarder, TimeProvider.System);
        var at = DateTimeOffset.Parse("2026-11-25T10:00:00Z");
        var none = new Dictionary<string, string>();

        sender.NotifyAlerts("expr", [
            new RuleAlert(Labels.FromStrings("alertname", "Down", "cluster", "staging"), none, at, at.AddMinutes(4), "http://argus/graph"),
            new RuleAlert(Labels.FromStrings("alertname", "Watchdog"), none, at, at.AddMinutes(4), "http://argus/graph"),
        ]);
        forwarder.Start();
        await Testing.Poll.UntilAsync(() => Task.FromResult(am.Requests.Count > 0), TimeSpan.FromSeconds(10));

        var alert = Assert.Single(JsonNode.Parse(am.Requests[0].Body)!.AsArray())!;
        // The alert's own cluster label wins over the external one; replica is dropped; the entry copies cluster.
        Assert.Equal("""{"alertname":"Down","am_cluster":"staging","cluster":"staging"}""", alert["labels"]!.ToJsonString());
    }
}
