namespace Argus.Collect.Exposition;

/// <summary>The text exposition formats Argus parses (protobuf is not supported and never advertised).</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>), also the fallback for unknown content types.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0 text (<c>application/openmetrics-text</c>): body must end with <c># EOF</c>.</summary>
    OpenMetrics,
}
