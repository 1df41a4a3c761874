using YamlDotNet.Serialization;

namespace Argus.Config;

/// <summary>
/// One <c>scrape_configs</c> entry. After loading, intervals, timeouts, limits and protocols inherited from <c>global</c>
/// are filled in, so runtime code reads them here without looking at the global section.
/// </summary>
public sealed record ScrapeConfig : HttpClientConfig
{
    public const string DefaultMetricsPath = "/metrics";
    public const string DefaultScheme = "http";

    /// <summary>Prometheus 3.x default order of <c>scrape_protocols</c> (Accept header preference).</summary>
    public static readonly IReadOnlyList<string> DefaultScrapeProtocols =
        ["OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];

    public static readonly IReadOnlyList<string> KnownScrapeProtocols =
        ["PrometheusProto", "OpenMetricsText0.0.1", "OpenMetricsText1.0.0", "PrometheusText0.0.4", "PrometheusText1.0.0"];

    public string JobName { get; init => field = value ?? ""; } = ""; // YAML `key:` with no value is null; Go reads it as ""
    public bool HonorLabels { get; init; }
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool HonorTimestamps { get; init; } = true;
    public bool TrackTimestampsStaleness { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Params { get; init; }
    public TimeSpan ScrapeInterval { get; init; }
    public TimeSpan ScrapeTimeout { get; init; }
    public IReadOnlyList<string> ScrapeProtocols { get; init; } = [];
    public string? FallbackScrapeProtocol { get; init; }
    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.Preserve)] // true by default: a false must be echoed
    public bool EnableCompression { get; init; } = true;
    public string MetricsPath { get; init; } = DefaultMetricsPath;
    public string Scheme { get; init; } = DefaultScheme;

    public ByteSize BodySizeLimit { get; init; }
    public uint SampleLimit { get; init; }
    public uint TargetLimit { get; init; }
    public uint LabelLimit { get; init; }
    public uint LabelNameLengthLimit { get; init; }
    public uint LabelValueLengthLimit { get; init; }
    public uint KeepDroppedTargets { get; init; }

    public IReadOnlyList<StaticConfig> StaticConfigs { get; init; } = [];
    public IReadOnlyList<FileSdConfig> FileSdConfigs { get; init; } = [];
    public IReadOnlyList<KubernetesSdConfig> KubernetesSdConfigs { get; init; } = [];
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];
    public IReadOnlyList<RelabelConfig> MetricRelabelConfigs { get; init; } = [];
}
