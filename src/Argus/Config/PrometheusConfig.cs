namespace Argus.Config;

/// <summary>
/// A loaded, validated <c>prometheus.yml</c>. Produced only by <see cref="ConfigLoader"/>, so runtime code can trust it:
/// inherited values are filled in, relative paths are absolute, secrets are wrapped in <see cref="Secret"/>.
/// </summary>
public sealed record PrometheusConfig
{
    public GlobalConfig Global { get; init; } = new();
    public AlertingConfig Alerting { get; init; } = new();
    public IReadOnlyList<string> RuleFiles { get; init; } = [];
    public IReadOnlyList<string> ScrapeConfigFiles { get; init; } = [];
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];
    public StorageConfig? Storage { get; init; }
    public IReadOnlyList<RemoteWriteConfig> RemoteWrite { get; init; } = [];
    public IReadOnlyList<RemoteReadConfig> RemoteRead { get; init; } = [];

    /// <summary>The configuration as YAML with every secret shown as <c>&lt;secret&gt;</c>, for /api/v1/status/config.</summary>
    public string ToYaml() => ConfigYaml.Serialize(this);
}
