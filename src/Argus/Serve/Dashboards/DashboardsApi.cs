using System.Text.Json;
using Argus.Serve.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Argus.Serve.Dashboards;

/// <summary>
/// <c>GET /api/argus/dashboards</c>: every dashboard, invalid files included with their error, in Prometheus's envelope;
/// <c>GET /api/argus/dashboards/{uid}</c>: one dashboard's JSON as loaded (datasource inputs bound to Argus), with
/// <c>meta.scrapeInterval</c>: the running configuration's global scrape interval, the UI's "data source scrape interval"
/// for <c>$__interval</c> and <c>$__rate_interval</c> (see <see cref="ScrapeIntervalSetting"/>).
/// </summary>
public static class DashboardsApi
{
    public static void Map(WebApplication app, DashboardCatalog catalog, ScrapeIntervalSetting? scrapeInterval = null)
    {
        app.MapGet("/api/argus/dashboards", (HttpContext ctx) => ListAsync(ctx, catalog));
        app.MapGet("/api/argus/dashboards/{uid}", (HttpContext ctx, string uid) => GetAsync(ctx, catalog, uid, scrapeInterval));
    }

    internal static Task ListAsync(HttpContext ctx, DashboardCatalog catalog)
    {
        var list = catalog.List;
        return ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartArray();
            foreach (var d in list)
            {
                w.WriteStartObject();
                w.WriteString("uid", d.Uid);
                w.WriteString("title", d.Title);
                w.WriteStartArray("tags");
                foreach (var tag in d.Tags) w.WriteStringValue(tag);
                w.WriteEndArray();
                w.WriteString("folder", d.Folder);
                w.WriteString("source", d.Source);
                w.WriteBoolean("embedded", d.Embedded);
                w.WriteBoolean("home", d.Error is null && d.Uid == DefaultDashboards.HomeUid);
                if (d.Error is not null) w.WriteString("error", d.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    internal static Task GetAsync(HttpContext ctx, DashboardCatalog catalog, string uid, ScrapeIntervalSetting? scrapeInterval = null)
    {
        if (catalog.Find(uid) is not { Json: { } json } dashboard)
            return ApiResponse.ErrorAsync(ctx, ApiErrorType.NotFound, $"dashboard \"{uid}\" not found");
        return ApiResponse.SuccessAsync(ctx, w => WriteData(w, dashboard, json, scrapeInterval));
    }

    /// <summary>The <c>data</c> of <c>GET /api/argus/dashboards/{uid}</c>: <c>{"dashboard": …, "meta": {…}}</c>.</summary>
    private static void WriteData(Utf8JsonWriter w, Dashboard dashboard, string json, ScrapeIntervalSetting? scrapeInterval)
    {
        // The JSON was produced by System.Text.Json when the file was loaded, so it is written through unparsed.
        w.WriteStartObject();
        w.WritePropertyName("dashboard");
        w.WriteRawValue(json, skipInputValidation: true);
        w.WriteStartObject("meta");
        w.WriteString("folder", dashboard.Folder);
        w.WriteString("source", dashboard.Source);
        w.WriteBoolean("embedded", dashboard.Embedded);
        if (scrapeInterval is not null) w.WriteString("scrapeInterval", ScrapeIntervalSetting.Format(scrapeInterval.Current));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// The dashboard a UI page at <paramref name="path"/> shows first, as members of the page's bootstrap object (see
    /// <see cref="Ui.IndexPage"/>), so the page needs no round trip before its panels' queries: for <c>/</c>,
    /// <c>"home": uid</c> and the home dashboard (the one the list marks <c>home</c>); for <c>/d/{uid}/…</c>, that
    /// dashboard. <c>"dashboards": {uid: data}</c> holds exactly what <c>GET /api/argus/dashboards/{uid}</c> answers in its
    /// <c>data</c>. Nothing is written for other paths or for a dashboard that is missing or invalid (the page then fetches
    /// it and shows the error as before).
    /// </summary>
    public static void WriteBootstrap(Utf8JsonWriter w, DashboardCatalog catalog, string path, ScrapeIntervalSetting? scrapeInterval)
    {
        bool home = path == "/";
        string? uid = home ? DefaultDashboards.HomeUid : DashboardUidOf(path);
        if (uid is null || catalog.Find(uid) is not { Json: { } json, Error: null } dashboard) return;
        if (home) w.WriteString("home", uid);
        w.WriteStartObject("dashboards");
        w.WritePropertyName(uid);
        WriteData(w, dashboard, json, scrapeInterval);
        w.WriteEndObject();
    }

    /// <summary>
    /// The uid of a <c>/d/{uid}</c> or <c>/d/{uid}/{slug}</c> page path (ASP.NET Core's <c>Request.Path</c>, already
    /// unescaped); null for other paths.
    /// </summary>
    internal static string? DashboardUidOf(string path)
    {
        if (!path.StartsWith("/d/", StringComparison.Ordinal)) return null;
        string rest = path[3..];
        int slash = rest.IndexOf('/');
        string segment = slash < 0 ? rest : rest[..slash];
        return segment.Length == 0 ? null : segment;
    }

    /// <summary>Parses the <c>data</c> of a <see cref="GetAsync"/> answer; for tests and tools.</summary>
    internal static JsonElement Dashboard(JsonElement data) => data.GetProperty("dashboard");
}
