namespace Argus.Collect.Exposition;

/// <summary>Content negotiation for scrapes and for the /metrics endpoints Argus serves.</summary>
public static class ExpositionContentTypes
{
    /// <summary>
    /// The Accept header Prometheus 2.42 sends on every scrape (observed on the wire, shared/contracts/exposition-formats.md §1):
    /// OpenMetrics 1.0.0 first, then OpenMetrics 0.0.1, then text 0.0.4, then anything. Prometheus 3 adds
    /// <c>;escaping=allow-utf-8</c> and protobuf entries; Argus implements neither, so it sends the 2.42 header.
    /// </summary>
    public const string ScrapeAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75," +
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /// <summary>Content-Type of the Prometheus text format 0.0.4 as client_golang serves it.</summary>
    public const string PrometheusText = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Content-Type of OpenMetrics 1.0 text.</summary>
    public const string OpenMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>
    /// Picks the parser for a scrape response as Prometheus 2.x's <c>textparse.New</c> does: the media type (before any
    /// <c>;</c>, compared case-insensitively, parameters ignored) <c>application/openmetrics-text</c> selects OpenMetrics;
    /// everything else (text/plain, a missing header, <c>application/json</c>, protobuf) is parsed as text 0.0.4.
    /// </summary>
    public static ExpositionFormat FromContentType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType)) return ExpositionFormat.PrometheusText;
        ReadOnlySpan<char> type = mediaType.AsSpan();
        int semicolon = type.IndexOf(';');
        if (semicolon >= 0) type = type[..semicolon];
        return type.Trim().Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
    }
}
