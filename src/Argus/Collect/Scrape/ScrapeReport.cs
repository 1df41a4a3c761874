namespace Argus.Collect.Scrape;

/// <summary>The outcome of one scrape, as /api/v1/targets shows it.</summary>
public sealed record ScrapeReport(TargetHealth Health, string LastError, DateTimeOffset LastScrape, TimeSpan Duration,
                                  int SamplesScraped, int SamplesPostRelabel, int SeriesAdded)
{
    public static readonly ScrapeReport None = new(TargetHealth.Unknown, "", default, TimeSpan.Zero, 0, 0, 0);
}
