namespace Argus.Config;

/// <summary>One <c>alertmanagers</c> entry: how to discover Alertmanagers and how to reach them
/// (URL = <c>&lt;scheme&gt;://&lt;address&gt;&lt;path_prefix&gt;/api/v2/alerts</c>).</summary>
public sealed record AlertmanagerConfig : HttpClientConfig
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public string Scheme { get; init; } = "http";
    public string? PathPrefix { get; init; }
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    public string ApiVersion { get; init; } = "v2";
    public IReadOnlyList<StaticConfig> StaticConfigs { get; init; } = [];
    public IReadOnlyList<FileSdConfig> FileSdConfigs { get; init; } = [];
    public IReadOnlyList<KubernetesSdConfig> KubernetesSdConfigs { get; init; } = [];

    /// <summary>Applied to discovered Alertmanager targets.</summary>
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];

    /// <summary>Applied to alerts sent to this Alertmanager only (Prometheus 2.51+).</summary>
    public IReadOnlyList<RelabelConfig> AlertRelabelConfigs { get; init; } = [];
}
