using YamlDotNet.Core;

namespace Argus.Config;

/// <summary>
/// Reads, parses and validates <c>prometheus.yml</c>, returning every error with its position. Relative paths in the file
/// (rule_files, scrape_config_files, *_file, file SD globs) resolve against the config file's directory. The same loader
/// serves start-up, reload and <c>argus check config</c>.
/// </summary>
public static class ConfigLoader
{
    /// <param name="checkFiles">also fail when referenced credential/password files cannot be read (promtool's check);
    /// TLS files are always checked, as Prometheus fails the reload when it cannot build the scrape client.</param>
    public static ConfigLoadResult LoadFile(string path, bool checkFiles = false)
    {
        string full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ConfigLoadResult(null, [new ConfigError(path, 0, 0, $"cannot read config file: {e.Message}")]);
        }
        return Load(text, path, Path.GetDirectoryName(full)!, checkFiles);
    }

    /// <summary>Loads YAML text; <paramref name="fileName"/> names the source in errors and its directory anchors relative paths.</summary>
    public static ConfigLoadResult LoadString(string yaml, string fileName, bool checkFiles = false) =>
        Load(yaml, fileName, Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Directory.GetCurrentDirectory(), checkFiles);

    private static ConfigLoadResult Load(string yaml, string fileName, string baseDirectory, bool checkFiles)
    {
        var context = new ConfigLoadContext(fileName);
        PrometheusConfig raw;
        try
        {
            raw = ConfigYaml.CreateDeserializer(context).Deserialize<PrometheusConfig?>(yaml) ?? new PrometheusConfig();
        }
        catch (YamlException e)
        {
            return new ConfigLoadResult(null, [.. context.SortedErrors(), ConfigYaml.ToError(fileName, e)]);
        }
        var validator = new ConfigValidator(context, baseDirectory, checkFiles);
        var seenJobs = new HashSet<string>(StringComparer.Ordinal);
        PrometheusConfig config = validator.Validate(raw, seenJobs);
        var errors = new List<ConfigError>(context.SortedErrors());
        var scrapeConfigs = new List<ScrapeConfig>(config.ScrapeConfigs);
        foreach (string pattern in config.ScrapeConfigFiles)
        {
            foreach (string file in FileGlob.Expand(pattern))
            {
                var result = ScrapeConfigFileResult.Load(file, config.Global, checkFiles, seenJobs);
                errors.AddRange(result.Errors);
                scrapeConfigs.AddRange(result.Configs);
            }
        }
        return errors.Count > 0
            ? new ConfigLoadResult(null, errors)
            : new ConfigLoadResult(config with { ScrapeConfigs = scrapeConfigs }, []);
    }
}
