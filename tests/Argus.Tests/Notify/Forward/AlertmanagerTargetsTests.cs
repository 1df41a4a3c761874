using Argus.Collect.Relabel;
using Argus.Config;
using Argus.Model;
using Argus.Notify.Forward;

namespace Argus.Tests.Notify.Forward;

/// <summary>notifier.AlertmanagerFromGroup: label precedence, relabel_configs on Alertmanager targets, the URL they make.</summary>
public sealed class AlertmanagerTargetsTests
{
    [Theory]
    [InlineData(null, "/api/v2/alerts")]
    [InlineData("/am", "/am/api/v2/alerts")]
    [InlineData("am/", "/am/api/v2/alerts")]
    public void AlertsPath_PathPrefix_JoinedAsPrometheus(string? prefix, string expected) =>
        Assert.Equal(expected, AlertmanagerTargets.AlertsPath(prefix));

    private static AlertmanagerConfig Load(string entry)
    {
        var loaded = ConfigLoader.LoadString("alerting:\n  alertmanagers:\n" + entry, "prometheus.yml");
        Assert.True(loaded.Success, loaded.ErrorText);
        return Assert.Single(loaded.Config!.Alerting.Alertmanagers);
    }

    private static (List<AlertmanagerTarget> Active, List<AlertmanagerTarget> Dropped) FromGroup(AlertmanagerConfig config,
        Labels groupLabels, params Labels[] targets)
    {
        List<AlertmanagerTarget> active = [], dropped = [];
        Assert.True(AlertmanagerTargets.TryFromGroup(config, targets, groupLabels, Relabeler.Process, active, dropped, out string? error), error);
        return (active, dropped);
    }

    [Fact]
    public void TryFromGroup_NoRelabel_ConfigSchemeAndPrefix()
    {
        var config = Load("    - scheme: https\n      path_prefix: /am\n");
        var (active, dropped) = FromGroup(config, Labels.Empty, Labels.FromStrings("__address__", "am-0:9093"));
        Assert.Equal("https://am-0:9093/am/api/v2/alerts", Assert.Single(active).Url);
        Assert.Empty(dropped);
    }

    [Fact]
    public void TryFromGroup_GroupLabels_OverrideConfigButNotTargetLabels()
    {
        // Prometheus sets __scheme__ and __alerts_path__ from the config before merging group labels, so a group (a file SD
        // entry's labels) may override them; a target's own labels win over its group's.
        var config = Load("    - scheme: http\n");
        var (active, _) = FromGroup(config, Labels.FromStrings("__scheme__", "https", "__alerts_path__", "/x/api/v2/alerts", "team", "group"),
            Labels.FromStrings("__address__", "am-0:9093", "team", "target"));
        var am = Assert.Single(active);
        Assert.Equal("https://am-0:9093/x/api/v2/alerts", am.Url);
        Assert.Equal("target", am.Labels.Get("team"));
    }

    [Fact]
    public void TryFromGroup_RelabelConfigs_KeepDropAndRewriteAddressSchemePath()
    {
        var config = Load("""
                - relabel_configs:
                    - source_labels: [__meta_kubernetes_endpoint_port_name]
                      regex: web
                      action: keep
                    - source_labels: [__meta_kubernetes_pod_name]
                      regex: alertmanager-(\d+)
                      target_label: __address__
                      replacement: am-$1.example:9093
                    - target_label: __scheme__
                      replacement: https
                    - target_label: __alerts_path__
                      replacement: /proxy/api/v2/alerts

            """);
        var web = Labels.FromStrings("__address__", "10.0.0.5:9093", "__meta_kubernetes_endpoint_port_name", "web",
            "__meta_kubernetes_pod_name", "alertmanager-0");
        var mesh = Labels.FromStrings("__address__", "10.0.0.5:9094", "__meta_kubernetes_endpoint_port_name", "mesh",
            "__meta_kubernetes_pod_name", "alertmanager-0");
        var (active, dropped) = FromGroup(config, Labels.FromStrings("__meta_kubernetes_namespace", "monitoring"), web, mesh);

        Assert.Equal("https://am-0.example:9093/proxy/api/v2/alerts", Assert.Single(active).Url);
        var d = Assert.Single(dropped);
        Assert.Equal("http://10.0.0.5:9094/api/v2/alerts", d.Url);               // labels before relabelling, as Prometheus
        Assert.Equal("monitoring", d.Labels.Get("__meta_kubernetes_namespace"));
    }

    [Fact]
    public void TryFromGroup_AddressWithSlash_FailsTheWholeGroup()
    {
        var config = Load("    - relabel_configs:\n        - source_labels: [x]\n          regex: bad\n          target_label: __address__\n          replacement: am/0\n");
        List<AlertmanagerTarget> active = [], dropped = [];
        bool ok = AlertmanagerTargets.TryFromGroup(config, [Labels.FromStrings("__address__", "good:9093"), Labels.FromStrings("__address__", "x:1", "x", "bad")],
            Labels.Empty, Relabeler.Process, active, dropped, out string? error);
        Assert.False(ok);
        Assert.Equal("\"am/0\" is not a valid hostname", error);
        Assert.Empty(active);
    }
}
