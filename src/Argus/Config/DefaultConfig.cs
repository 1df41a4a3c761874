using System.Globalization;

namespace Argus.Config;

/// <summary>The configuration used when no <c>--config.file</c> exists: scrape Argus itself every 15s.</summary>
public static class DefaultConfig
{
    public const int DefaultListenPort = 9090;

    /// <summary>The default configuration text for the default listen port.</summary>
    public static string Yaml => ForListenPort(DefaultListenPort);

    /// <summary>The default configuration scraping <c>localhost:&lt;port&gt;/metrics</c>.</summary>
    public static string ForListenPort(int port) => string.Create(CultureInfo.InvariantCulture, $"""
        # Argus default configuration: scrape Argus's own metrics.
        global:
          scrape_interval: 15s
          evaluation_interval: 15s

        scrape_configs:
          - job_name: argus
            static_configs:
              - targets: ["localhost:{port}"]

        """);
}
