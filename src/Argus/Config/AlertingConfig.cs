namespace Argus.Config;

/// <summary>The <c>alerting</c> section: relabelling applied to every alert (after external labels) and the Alertmanagers.</summary>
public sealed record AlertingConfig
{
    public IReadOnlyList<RelabelConfig> AlertRelabelConfigs { get; init; } = [];
    public IReadOnlyList<AlertmanagerConfig> Alertmanagers { get; init; } = [];
}
