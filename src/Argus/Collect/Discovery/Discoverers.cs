using System.Globalization;
using Argus.Config;
using Microsoft.Extensions.Logging;

namespace Argus.Collect.Discovery;

/// <summary>Creates the discovery providers a scrape (or Alertmanager) config asks for.</summary>
public static class Discoverers
{
    /// <summary>One provider for all static_configs (if any) and one per file_sd_configs entry. Kubernetes SD configs are
    /// not created here yet.</summary>
    public static IReadOnlyList<IDiscoverer> Create(IReadOnlyList<StaticConfig> staticConfigs, IReadOnlyList<FileSdConfig> fileSdConfigs,
        TimeProvider time, ILoggerFactory loggers)
    {
        var result = new List<IDiscoverer>();
        if (staticConfigs.Count > 0) result.Add(new StaticDiscoverer(staticConfigs));
        for (int i = 0; i < fileSdConfigs.Count; i++)
        {
            result.Add(new FileSdDiscoverer(fileSdConfigs[i], time, loggers.CreateLogger<FileSdDiscoverer>(),
                "file/" + i.ToString(CultureInfo.InvariantCulture)));
        }
        return result;
    }

    public static IReadOnlyList<IDiscoverer> Create(ScrapeConfig cfg, TimeProvider time, ILoggerFactory loggers) =>
        Create(cfg.StaticConfigs, cfg.FileSdConfigs, time, loggers);
}
