using YamlDotNet.Core;

namespace Argus.Config;

/// <summary>The scrape configs read from one <c>scrape_config_files</c> file, validated against the main file's global section.</summary>
internal sealed record ScrapeConfigFileResult(IReadOnlyList<ScrapeConfig> Configs, IReadOnlyList<ConfigError> Errors)
{
    /// <param name="seenJobs">job names already defined (main file and earlier files); this file's jobs are added.</param>
    public static ScrapeConfigFileResult Load(string path, GlobalConfig global, bool checkFiles, HashSet<string> seenJobs)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new([], [new ConfigError(path, 0, 0, $"cannot read scrape config file: {e.Message}")]);
        }
        var context = new ConfigLoadContext(path);
        ScrapeConfigsFile raw;
        try
        {
            raw = ConfigYaml.CreateDeserializer(context).Deserialize<ScrapeConfigsFile?>(text) ?? new ScrapeConfigsFile();
        }
        catch (YamlException e)
        {
            return new([], [.. context.SortedErrors(), ConfigYaml.ToError(path, e)]);
        }
        var validator = new ConfigValidator(context, Path.GetDirectoryName(Path.GetFullPath(path))!, checkFiles);
        var configs = validator.ValidateScrapeConfigs(raw.ScrapeConfigs, raw, global, seenJobs);
        return new(configs, context.SortedErrors());
    }
}
