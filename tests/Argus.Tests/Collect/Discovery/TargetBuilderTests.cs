using Argus.Collect.Discovery;
using Argus.Config;
using Argus.Model;

namespace Argus.Tests.Collect.Discovery;

/// <summary>scrape.PopulateLabels behaviour (Prometheus's TestPopulateLabels cases, 3.x unless noted).</summary>
public sealed class TargetBuilderTests
{
    private static Labels L(params string[] nv) => Labels.FromStrings(nv);

    private static ScrapeConfig Cfg(string extraYaml = "")
    {
        string yaml = "scrape_configs:\n  - job_name: job\n    scheme: https\n    scrape_interval: 1s\n    scrape_timeout: 1s\n" + extraYaml;
        var result = ConfigLoader.LoadString(yaml, "prometheus.yml");
        Assert.True(result.Success, result.ErrorText);
        return result.Config!.ScrapeConfigs[0];
    }

    [Fact]
    public void PopulateLabels_Regular_AddsScrapeLabelsAndInstance()
    {
        var t = TargetBuilder.PopulateLabels(Cfg(), L("__address__", "1.2.3.4:1000", "custom", "value"), Labels.Empty);
        Assert.Equal(TargetBuildOutcome.Active, t.Outcome);
        Assert.Equal(L("__address__", "1.2.3.4:1000", "instance", "1.2.3.4:1000", "__scheme__", "https", "__metrics_path__", "/metrics",
            "job", "job", "__scrape_interval__", "1s", "__scrape_timeout__", "1s", "custom", "value"), t.Labels);
        Assert.Equal(L("__address__", "1.2.3.4:1000", "__scheme__", "https", "__metrics_path__", "/metrics",
            "job", "job", "__scrape_interval__", "1s", "__scrape_timeout__", "1s", "custom", "value"), t.DiscoveredLabels);
        Assert.Equal(L("instance", "1.2.3.4:1000", "job", "job", "custom", "value"), t.PublicLabels);
        Assert.Equal(new Uri("https://1.2.3.4:1000/metrics"), t.Url(null));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), (t.ScrapeInterval, t.ScrapeTimeout));
    }

    [Fact]
    public void PopulateLabels_TargetLabelsWinOverConfigAndGroup()
    {
        var target = L("__address__", "1.2.3.4", "__scheme__", "http", "__metrics_path__", "/custom", "job", "custom-job",
            "__scrape_interval__", "2s", "__scrape_timeout__", "2s", "team", "mine");
        var t = TargetBuilder.PopulateLabels(Cfg(), target, L("team", "group", "zone", "a"));
        Assert.Equal(L("__address__", "1.2.3.4", "instance", "1.2.3.4", "__scheme__", "http", "__metrics_path__", "/custom",
            "job", "custom-job", "__scrape_interval__", "2s", "__scrape_timeout__", "2s", "team", "mine", "zone", "a"), t.Labels);
    }

    [Fact]
    public void PopulateLabels_ProvidedInstance_Kept()
    {
        var t = TargetBuilder.PopulateLabels(Cfg(), L("__address__", "1.2.3.4:1000", "instance", "custom-instance"), Labels.Empty);
        Assert.Equal("custom-instance", t.Labels.Get("instance"));
    }

    [Theory]
    [InlineData("custom", "value")]
    public void PopulateLabels_NoAddress_Fails(string name, string value)
    {
        var t = TargetBuilder.PopulateLabels(Cfg(), L(name, value), Labels.Empty);
        Assert.Equal((TargetBuildOutcome.Failed, "no address"), (t.Outcome, t.Error));
        Assert.Empty(t.Labels);
        Assert.Empty(t.DiscoveredLabels);
    }

    [Fact]
    public void PopulateLabels_AddressFromMetaViaRelabel_MetaDropped()
    {
        var cfg = Cfg("""
                relabel_configs:
                  - source_labels: [__meta_host, __meta_port]
                    separator: ":"
                    target_label: __address__
                  - regex: __meta_(zone)
                    action: labelmap
                  - target_label: __tmp_x
                    replacement: y
            """);
        var t = TargetBuilder.PopulateLabels(cfg, L("__meta_host", "h", "__meta_port", "9", "__meta_zone", "z"), Labels.Empty);
        Assert.Equal(TargetBuildOutcome.Active, t.Outcome);
        Assert.Equal("h:9", t.Labels.Get("__address__"));
        Assert.Equal("z", t.Labels.Get("zone"));
        Assert.False(t.Labels.Has("__meta_zone"));
        Assert.Equal("y", t.Labels.Get("__tmp_x")); // kept for the loop, not public
        Assert.False(t.PublicLabels.Has("__tmp_x"));
        Assert.Equal("h", t.DiscoveredLabels.Get("__meta_host"));
    }

    [Fact]
    public void PopulateLabels_DroppedByRelabel_KeepsDiscoveredLabels()
    {
        var cfg = Cfg("    relabel_configs:\n      - {source_labels: [env], regex: prod, action: keep}\n");
        var t = TargetBuilder.PopulateLabels(cfg, L("__address__", "a:1", "env", "dev"), Labels.Empty);
        Assert.Equal(TargetBuildOutcome.Dropped, t.Outcome);
        Assert.Empty(t.Labels);
        Assert.Equal("dev", t.DiscoveredLabels.Get("env"));
        Assert.Equal("job", t.DiscoveredLabels.Get("job"));
    }

    [Theory]
    [InlineData("2notseconds", "1s", "error parsing scrape interval: not a valid duration string: \"2notseconds\"")]
    [InlineData("0s", "1s", "scrape interval cannot be 0")]
    [InlineData("1s", "2notseconds", "error parsing scrape timeout: not a valid duration string: \"2notseconds\"")]
    [InlineData("1s", "0s", "scrape timeout cannot be 0")]
    [InlineData("1s", "2s", "scrape timeout cannot be greater than scrape interval (\"2s\" > \"1s\")")]
    public void PopulateLabels_BadIntervalOrTimeout_Fails(string interval, string timeout, string error)
    {
        var t = TargetBuilder.PopulateLabels(Cfg(),
            L("__address__", "1.2.3.4:1000", "__scrape_interval__", interval, "__scrape_timeout__", timeout), Labels.Empty);
        Assert.Equal((TargetBuildOutcome.Failed, error), (t.Outcome, t.Error));
    }

    [Fact]
    public void PopulateLabels_AddressWithSlash_Fails()
    {
        var t = TargetBuilder.PopulateLabels(Cfg(), L("__address__", "http://h:80"), Labels.Empty);
        Assert.Equal("\"http://h:80\" is not a valid hostname", t.Error);
    }

    [Theory]
    [InlineData("1.2.3.4", "https", true, "1.2.3.4:443")]   // 2.x: default port by scheme
    [InlineData("1.2.3.4", "http", true, "1.2.3.4:80")]
    [InlineData("[::1]", "http", true, "[::1]:80")]
    [InlineData("::1", "http", true, "::1")]                // invalid even with a port: left alone
    [InlineData("1.2.3.4:9", "https", true, "1.2.3.4:9")]
    [InlineData("1.2.3.4", "https", false, "1.2.3.4")]      // 3.x: no default port
    public void PopulateLabels_DefaultPort(string address, string scheme, bool appendDefaultPort, string expected)
    {
        var t = TargetBuilder.PopulateLabels(Cfg(), L("__address__", address, "__scheme__", scheme), Labels.Empty, appendDefaultPort);
        Assert.Equal(expected, t.Labels.Get("__address__"));
        Assert.Equal(expected, t.Labels.Get("instance"));
    }

    [Fact]
    public void Build_ParamsBecomeLabelsAndUrlQuery()
    {
        var cfg = Cfg("    metrics_path: /probe\n    params:\n      module: [http_2xx, ignored]\n      x: ['a b']\n" +
                      "    relabel_configs:\n      - {source_labels: [__address__], target_label: __param_target}\n" +
                      "      - {target_label: __address__, replacement: 'blackbox:9115'}\n");
        var group = new TargetGroup("0", [L("__address__", "example.com")], Labels.Empty);
        var t = Assert.Single(TargetBuilder.Build(cfg, group));
        Assert.Equal("http_2xx", t.Labels.Get("__param_module"));
        Assert.Equal(new Uri("https://blackbox:9115/probe?module=http_2xx&target=example.com&x=a+b"), t.Url(cfg.Params));
        Assert.Equal("blackbox:9115", t.Labels.Get("instance"));
    }

    [Fact]
    public void Build_FailedTarget_ErrorNamesInstanceAndGroup()
    {
        var group = new TargetGroup("file.json:0", [L("__address__", "ok:1"), L("x", "y")], Labels.Empty);
        var results = TargetBuilder.Build(Cfg(), group);
        Assert.Equal(TargetBuildOutcome.Active, results[0].Outcome);
        Assert.Equal("instance 1 in group file.json:0: no address", results[1].Error);
    }

    [Fact]
    public void StaticDiscoverer_GroupsPerStaticConfig()
    {
        var cfg = Cfg("    static_configs:\n      - targets: [a:1, b:2]\n        labels: {env: prod}\n      - targets: [c:3]\n");
        var groups = StaticDiscoverer.ToGroups(cfg.StaticConfigs);
        Assert.Equal(["0", "1"], groups.Select(g => g.Source));
        Assert.Equal([L("__address__", "a:1"), L("__address__", "b:2")], groups[0].Targets);
        Assert.Equal(L("env", "prod"), groups[0].GroupLabels);
        var built = TargetBuilder.Build(cfg, groups[0]);
        Assert.Equal("prod", built[1].Labels.Get("env"));
    }
}
