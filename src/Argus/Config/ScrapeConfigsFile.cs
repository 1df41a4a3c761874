namespace Argus.Config;

/// <summary>The schema of a file named by <c>scrape_config_files</c>: only a <c>scrape_configs</c> list.</summary>
internal sealed record ScrapeConfigsFile
{
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];
}
