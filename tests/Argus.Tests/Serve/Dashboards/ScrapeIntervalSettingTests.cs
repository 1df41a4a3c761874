using Argus.Config;
using Argus.Serve.Dashboards;

namespace Argus.Tests.Serve.Dashboards;

public sealed class ScrapeIntervalSettingTests
{
    [Theory]
    [InlineData("global:\n  scrape_interval: 1s\n", "1s")]
    [InlineData("global:\n  scrape_interval: 1m30s\n  evaluation_interval: 5s\n", "1m30s")]
    [InlineData("global:\n  evaluation_interval: 5s\nscrape_configs: []\n", "1m")]    // Prometheus's default
    [InlineData("scrape_configs: []\n", "1m")]
    [InlineData("", "1m")]
    [InlineData("global: [", "1m")]
    [InlineData("global:\n  scrape_interval: soon\n", "1m")]
    public void Parse_GlobalScrapeInterval_OrPrometheusDefault(string yaml, string expected)
    {
        Assert.Equal(expected, ScrapeIntervalSetting.Format(ScrapeIntervalSetting.Parse(yaml)));
    }

    [Fact]
    public void Current_FollowsTheRunningConfig_AfterAReload()
    {
        // The loader's own output, as /api/v1/status/config shows it.
        var first = ConfigLoader.LoadString("global:\n  scrape_interval: 7s\n", "prometheus.yml");
        Assert.True(first.Success, first.ErrorText);
        string yaml = first.Config!.ToYaml();
        var setting = new ScrapeIntervalSetting(() => yaml);
        Assert.Equal(TimeSpan.FromSeconds(7), setting.Current);
        Assert.Equal(TimeSpan.FromSeconds(7), setting.Current);
        var reloaded = ConfigLoader.LoadString("global:\n  scrape_interval: 30s\n", "prometheus.yml");
        yaml = reloaded.Config!.ToYaml();
        Assert.Equal(TimeSpan.FromSeconds(30), setting.Current);
    }
}
