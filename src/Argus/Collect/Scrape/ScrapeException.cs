namespace Argus.Collect.Scrape;

/// <summary>A scrape failed for a reason worth showing as the target's last error (HTTP status, limits, bad body).</summary>
public sealed class ScrapeException(string message, Exception? inner = null) : Exception(message, inner);
