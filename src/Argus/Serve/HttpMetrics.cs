using System.Diagnostics;
using System.Globalization;
using Argus.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Serve;

/// <summary>
/// Request counts and latencies per handler, as Prometheus's prometheus_http_requests_total and
/// prometheus_http_request_duration_seconds. The handler label is the route pattern (never the raw path), so a client
/// probing random URLs cannot blow up the series count: unknown paths count as "other".
/// </summary>
public sealed class HttpMetrics(MetricsRegistry registry)
{
    private readonly CounterVec _requests = registry.CounterVec("argus_http_requests_total", "Counter of HTTP requests.", "handler", "code");
    private readonly HistogramVec _duration = registry.HistogramVec("argus_http_request_duration_seconds", "Histogram of latencies for HTTP requests.",
        [.1, .2, .4, 1, 3, 8, 20, 60, 120], "handler");

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(ctx);
        }
        finally
        {
            // The fallback route (a catch-all) is "other" too.
            string handler = ctx.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && !pattern.Contains('*') ? pattern : "other";
            _requests.WithLabels(handler, ctx.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
            _duration.WithLabels(handler).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }
}
