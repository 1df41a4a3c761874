namespace Argus.Collect.Node;

/// <summary>
/// A collector found nothing to report on this host (no /proc/pressure, no conntrack module), node-exporter's ErrNoData:
/// reported as node_scrape_collector_success 0 and logged at Debug, not as an error.
/// </summary>
public sealed class NoDataException(string message) : Exception(message);
