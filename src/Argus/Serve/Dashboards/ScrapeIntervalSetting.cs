using Argus.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Serve.Dashboards;

/// <summary>
/// The running configuration's <c>global.scrape_interval</c>, which the dashboards use as Grafana uses its Prometheus data
/// source's "Scrape interval" setting (jsonData.timeInterval): the floor of <c>$__interval</c> and the base of
/// <c>$__rate_interval</c>. Read from the configuration YAML the server shows at /api/v1/status/config, re-read only when
/// that text changes (a reload swaps the string), so a request costs a reference comparison. Thread-safe.
/// </summary>
public sealed class ScrapeIntervalSetting(Func<string> configYaml)
{
    private sealed record Cached(string Yaml, TimeSpan Interval);

    private Cached? _cached;

    /// <summary>The global scrape interval; Prometheus's default (1m) when the configuration does not set one or cannot be read.</summary>
    public TimeSpan Current
    {
        get
        {
            string yaml = configYaml();
            var cached = Volatile.Read(ref _cached);
            if (cached is not null && ReferenceEquals(cached.Yaml, yaml)) return cached.Interval;
            var fresh = new Cached(yaml, Parse(yaml));
            Volatile.Write(ref _cached, fresh);
            return fresh.Interval;
        }
    }

    /// <summary><c>global.scrape_interval</c> of a Prometheus configuration text, or <see cref="GlobalConfig.DefaultScrapeInterval"/>.</summary>
    public static TimeSpan Parse(string yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml)) return GlobalConfig.DefaultScrapeInterval;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            // The text was produced by the config loader; a parse failure here is a bug elsewhere, not a reason to fail a page.
            return GlobalConfig.DefaultScrapeInterval;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return GlobalConfig.DefaultScrapeInterval;
        if (!root.Children.TryGetValue(new YamlScalarNode("global"), out var global) || global is not YamlMappingNode g) return GlobalConfig.DefaultScrapeInterval;
        if (!g.Children.TryGetValue(new YamlScalarNode("scrape_interval"), out var node) || node is not YamlScalarNode { Value: { } text }) return GlobalConfig.DefaultScrapeInterval;
        return PromDuration.TryParse(text, out var interval, out _) && interval > TimeSpan.Zero ? interval : GlobalConfig.DefaultScrapeInterval;
    }

    /// <summary>Formats as Prometheus writes durations ("15s", "1m", "1m30s", "500ms").</summary>
    public static string Format(TimeSpan d) => PromDuration.Format(d);
}
