using System.Text.Json;
using Argus.Collect.Scrape;
using Argus.Config;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Api;

/// <summary>/api/v1/targets and /api/v1/scrape_pools in Prometheus's JSON shape.</summary>
public static class TargetsApi
{
    public static Task HandleTargets(HttpContext ctx, IReadOnlyList<ScrapePool> pools)
    {
        string state = ctx.Request.Query["state"].ToString();
        if (state.Length == 0) state = "any";
        string poolFilter = ctx.Request.Query["scrapePool"].ToString();
        if (state is not ("any" or "active" or "dropped"))
        {
            return ApiResponse.ErrorAsync(ctx, ApiErrorType.BadData, $"invalid state \"{state}\": must be active, dropped or any");
        }
        var selected = pools.Where(p => poolFilter.Length == 0 || p.Name == poolFilter).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("activeTargets");
            if (state is "any" or "active")
            {
                foreach (var pool in selected)
                {
                    foreach (var t in pool.ActiveTargets.OrderBy(t => t.Labels.Get("instance"), StringComparer.Ordinal)) WriteActive(w, t);
                }
            }
            w.WriteEndArray();
            w.WriteStartArray("droppedTargets");
            if (state is "any" or "dropped")
            {
                foreach (var pool in selected)
                {
                    foreach (var d in pool.DroppedTargets)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("discoveredLabels");
                        ApiResponse.WriteLabels(w, d);
                        w.WriteString("scrapePool", pool.Name);
                        w.WriteEndObject();
                    }
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteActive(Utf8JsonWriter w, Target t)
    {
        var r = t.LastReport;
        w.WriteStartObject();
        w.WritePropertyName("discoveredLabels");
        ApiResponse.WriteLabels(w, t.DiscoveredLabels);
        w.WritePropertyName("labels");
        ApiResponse.WriteLabels(w, t.PublicLabels);
        w.WriteString("scrapePool", t.ScrapePool);
        w.WriteString("scrapeUrl", t.Url.ToString());
        w.WriteString("globalUrl", t.Url.ToString());
        w.WriteString("lastError", r.LastError);
        w.WriteString("lastScrape", ApiResponse.Rfc3339Nano(r.LastScrape));
        w.WriteNumber("lastScrapeDuration", r.Duration.TotalSeconds);
        w.WriteString("health", r.Health switch { TargetHealth.Up => "up", TargetHealth.Down => "down", _ => "unknown" });
        w.WriteString("scrapeInterval", PromDuration.Format(t.Interval));
        w.WriteString("scrapeTimeout", PromDuration.Format(t.Timeout));
        w.WriteEndObject();
    }

    public static Task HandleScrapePools(HttpContext ctx, IReadOnlyList<ScrapePool> pools) =>
        ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("scrapePools");
            foreach (var p in pools.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal)) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        });
}
