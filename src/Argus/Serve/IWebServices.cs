using Argus.Collect.Scrape;
using Argus.Model;

namespace Argus.Serve;

/// <summary>What the HTTP server shows and controls, provided by the composition root.</summary>
public interface IWebServices
{
    bool Ready { get; }
    ICollector Metrics { get; }
    IReadOnlyList<ScrapePool> ScrapePools { get; }
    IReadOnlyDictionary<string, string> Flags { get; }
    string ConfigYaml { get; }

    /// <summary>Re-reads the configuration; returns null on success or the error text (the old config keeps running).</summary>
    Task<string?> ReloadAsync();
}
