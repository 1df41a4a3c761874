using System.Globalization;
using Argus.Collect.Scrape;
using Argus.Model;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>
/// /api/v1/metadata: the distinct (type, help, unit) each metric family was exposed with, over all active targets;
/// <c>metric</c> filters by name, <c>limit</c> caps the number of metrics and <c>limit_per_metric</c> the entries per metric.
/// </summary>
public static class MetadataApi
{
    public static Task Handle(HttpContext ctx, IReadOnlyList<ScrapePool> pools) => ApiHandler.RunAsync(ctx, async () =>
    {
        var p = await ApiParams.ReadAsync(ctx.Request);
        int limit = ParseLimit(p.Get("limit"), "limit");
        int perMetric = ParseLimit(p.Get("limit_per_metric"), "limit_per_metric");
        string? metric = p.Get("metric");
        var byMetric = new SortedDictionary<string, List<(string Type, string Help, string Unit)>>(StringComparer.Ordinal);
        foreach (var target in pools.SelectMany(pool => pool.ActiveTargets))
        {
            foreach (var (family, type, help, unit) in target.Metadata.Snapshot())
            {
                if (metric is { Length: > 0 } && family != metric) continue;
                if (!byMetric.TryGetValue(family, out var list)) byMetric[family] = list = [];
                var entry = (TypeName(type), help, unit);
                if (!list.Contains(entry)) list.Add(entry);
            }
        }
        await ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            int metrics = 0;
            foreach (var (family, list) in byMetric)
            {
                if (limit > 0 && metrics++ >= limit) break;
                w.WriteStartArray(family);
                int n = 0;
                foreach (var (type, help, unit) in list)
                {
                    if (perMetric > 0 && n++ >= perMetric) break;
                    w.WriteStartObject();
                    w.WriteString("type", type);
                    w.WriteString("help", help);
                    w.WriteString("unit", unit);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    });

    private static int ParseLimit(string? s, string name)
    {
        if (string.IsNullOrEmpty(s)) return 0;
        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)) return n < 0 ? 0 : n;
        throw new ApiException(ApiErrorType.BadData, $"invalid parameter \"{name}\": cannot parse \"{s}\": must be an integer");
    }

    internal static string TypeName(MetricType t) => t switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.Summary => "summary",
        MetricType.Info => "info",
        MetricType.StateSet => "stateset",
        _ => "unknown",
    };
}
