using System.IO.Compression;
using System.Net;
using Argus.Collect.Exposition;
using Argus.Model;
using Argus.Serve.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Argus.Serve;

/// <summary>
/// The HTTP server: lifecycle endpoints, /metrics and the Prometheus API. Unknown paths get Prometheus's plain-text 404 and
/// wrong methods its 405. What each endpoint serves comes from <see cref="IWebServices"/>, so the server has no
/// knowledge of how stages are wired.
/// </summary>
public static class WebServer
{
    /// <summary>Whether a request path fits a route template whose <c>{parameters}</c> match any one segment.</summary>
    internal static bool PathMatches(string template, string path)
    {
        var t = template.Trim('/').Split('/');
        var p = path.Trim('/').Split('/');
        if (t.Length != p.Length) return false;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith('{') && t[i].EndsWith('}')) continue;
            if (!string.Equals(t[i], p[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>
    /// ASP.NET Core's host, without its file configuration watching: by default it watches the content root (the working
    /// directory, where ./data lives) recursively for appsettings.json changes, so every WAL and chunk write would wake that
    /// watcher. Argus reads no appsettings; the content root is the binary's directory.
    /// </summary>
    internal static WebApplicationBuilder CreateBuilder() => WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        Args = ["--hostBuilder:reloadConfigOnChange=false"],
        ContentRootPath = AppContext.BaseDirectory,
    });

    /// <param name="security">Authentication and TLS (docs/security.md); null serves plain HTTP without authentication.</param>
    public static WebApplication Build(IPEndPoint listen, IWebServices services, ILoggerFactory loggers, Auth.WebSecurity? security = null)
    {
        var builder = CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(listen, o => security?.ConfigureListener(o));
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        });
        AddApiCompression(builder.Services);
        var app = builder.Build();
        app.UseResponseCompression();
        Map(app, services, security);
        return app;
    }

    /// <summary>
    /// Compresses JSON API responses for clients that accept it, as Prometheus wraps its API in a gzip/deflate handler: a
    /// query_range of 80 series x 40 points is ≈150 KB of JSON and ≈15 KB gzipped. Fastest levels, because the answer is
    /// produced once per request and a small server's CPU is the scarce resource; answers under
    /// <see cref="ApiCompressionProvider.MinBytes"/> are not compressed at all. UI assets carry their own precompressed
    /// encodings (Content-Encoding already set, which the middleware leaves alone); exposition text and snappy bodies are
    /// not JSON and stay as they are.
    /// </summary>
    /// <summary>
    /// Whether a request reads or writes the store, so must wait until the WAL has been replayed. Prometheus wraps its whole
    /// /api/v1 and /federate in a readiness check (web.go testReady) except the replay progress itself
    /// (/api/v1/status/walreplay): answering a query from a half-replayed head would look like missing data to Grafana and
    /// to rules. The Alertmanager API (/api/v2) and the UI's own endpoints do not depend on the store.
    /// </summary>
    internal static bool WaitsForReady(PathString path) =>
        path.StartsWithSegments("/federate")
        || path.StartsWithSegments("/api/v1") && !path.StartsWithSegments("/api/v1/status/walreplay")
        // The Alertmanager API: before start-up has loaded the silences and the notification log from disk, a silence
        // query would come back empty and a new silence could be overwritten by the load.
        || path.StartsWithSegments("/api/v2");

    /// <summary>Prometheus's answer while the store opens: 503 with "Service Unavailable" as plain text.</summary>
    private static Task NotReadyAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        return ctx.Response.WriteAsync("Service Unavailable");
    }

    internal static void AddApiCompression(IServiceCollection services)
    {
        services.AddSingleton<IResponseCompressionProvider, ApiCompressionProvider>();   // before AddResponseCompression's TryAdd
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;   // no response mixes a secret with reflected input (the BREACH precondition)
            o.MimeTypes = ["application/json"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    public static void Map(WebApplication app, IWebServices services, Auth.WebSecurity? security = null)
    {
        var httpMetrics = new HttpMetrics(services.Registry);
        app.Use(httpMetrics.InvokeAsync);
        (security ?? Auth.WebSecurity.Off).Install(app);
        app.Use(async (ctx, next) =>
        {
            if (!services.Ready && WaitsForReady(ctx.Request.Path))
            {
                await NotReadyAsync(ctx);
                return;
            }
            await next(ctx);
        });
        app.MapGet("/-/healthy", () => Results.Text("Argus Server is Healthy.\n", "text/plain; charset=utf-8"));
        app.MapMethods("/-/healthy", ["HEAD"], () => Results.Ok());
        app.MapGet("/-/ready", () => services.Ready
            ? Results.Text("Argus Server is Ready.\n", "text/plain; charset=utf-8")
            : Results.Text("Service Unavailable\n", "text/plain; charset=utf-8", statusCode: 503));
        app.MapMethods("/-/reload", ["POST", "PUT"], async () =>
        {
            var error = await services.ReloadAsync();
            return error is null
                ? Results.Text("", "text/plain; charset=utf-8")
                : Results.Text($"failed to reload config: {error}\n", "text/plain; charset=utf-8", statusCode: 500);
        });
        app.MapGet("/metrics", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = ExpositionContentTypes.PrometheusText;
            var families = new List<MetricFamily>();
            services.Metrics.Collect(families);
            await ExpositionWriter.WriteAsync(ctx.Response.Body, families, ctx.RequestAborted);
        });
        app.MapGet("/api/v1/targets", (HttpContext ctx) => TargetsApi.HandleTargets(ctx, services.ScrapePools));
        app.MapGet("/api/v1/metadata", (HttpContext ctx) => MetadataApi.Handle(ctx, services.ScrapePools));
        app.MapGet("/api/v1/targets/metadata", (HttpContext ctx) => TargetsMetadataApi.Handle(ctx, services.ScrapePools));
        app.MapMethods("/api/v1/query_exemplars", ["GET", "POST"], QueryExemplarsApi.Handle);
        app.MapGet("/api/v1/status/walreplay", (HttpContext ctx) =>
        {
            var replay = services.WalReplay;
            return ApiResponse.SuccessAsync(ctx, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("min", replay.Min);
                w.WriteNumber("max", replay.Max);
                w.WriteNumber("current", replay.Current);
                w.WriteEndObject();
            });
        });
        app.MapGet("/api/v1/scrape_pools", (HttpContext ctx) => TargetsApi.HandleScrapePools(ctx, services.ScrapePools));
        var query = new QueryApi(services.Engine, () => services.Store, services.MaxConcurrentQueries, TimeProvider.System);
        app.MapMethods("/api/v1/query", ["GET", "POST"], query.Instant);
        app.MapMethods("/api/v1/query_range", ["GET", "POST"], query.Range);
        app.MapMethods("/api/v1/series", ["GET", "POST"], (HttpContext ctx) => SeriesApi.Series(ctx, services.Store));
        app.MapMethods("/api/v1/labels", ["GET", "POST"], (HttpContext ctx) => SeriesApi.LabelNames(ctx, services.Store));
        app.MapGet("/api/v1/label/{name}/values", (HttpContext ctx, string name) => SeriesApi.LabelValues(ctx, services.Store, name));
        app.MapGet("/federate", (HttpContext ctx) =>
            FederateApi.Handle(ctx, services.Store, services.ExternalLabels, services.Engine.Options.LookbackDelta, TimeProvider.System));
        var remoteRead = new RemoteReadApi(new Argus.Remote.Read.RemoteReadHandler(() => services.Store, () => services.ExternalLabels, services.RemoteRead));
        app.MapPost("/api/v1/read", remoteRead.Handle);
        app.MapMethods("/api/v1/admin/tsdb/snapshot", ["POST", "PUT"], (HttpContext ctx) => SnapshotApi.Handle(ctx, services, TimeProvider.System));
        app.MapGet("/api/v1/rules", (HttpContext ctx) => RulesApi.Handle(ctx, services.Rules));
        app.MapGet("/api/v1/alerts", (HttpContext ctx) => AlertsApi.Handle(ctx, services.Rules));
        app.MapGet("/api/v1/alertmanagers", (HttpContext ctx) => AlertmanagersApi.Handle(ctx, services.AlertForwarder));
        if (services.Alertmanager is { } alertmanager) Api.Alertmanager.AlertmanagerApi.MapAlertmanagerApi(app, alertmanager);
        var scrapeInterval = new Dashboards.ScrapeIntervalSetting(() => services.ConfigYaml);
        if (services.Dashboards is { } dashboards) Dashboards.DashboardsApi.Map(app, dashboards, scrapeInterval);
        if (services.RemoteWriteReceiver is { } remoteWrite) app.MapPost("/api/v1/write", remoteWrite.HandleAsync);
        app.MapMethods("/api/v1/format_query", ["GET", "POST"], FormatQueryApi.Handle);
        app.MapGet("/api/v1/status/tsdb", (HttpContext ctx) => TsdbStatusApi.Handle(ctx, services.TsdbStats));
        app.MapGet("/api/v1/status/runtimeinfo", (HttpContext ctx) =>
        {
            var info = services.RuntimeInfo;
            return ApiResponse.SuccessAsync(ctx, w =>
            {
                w.WriteStartObject();
                w.WriteString("startTime", ApiResponse.Rfc3339Nano(info.StartTime));
                w.WriteString("CWD", Directory.GetCurrentDirectory());
                w.WriteString("hostname", Environment.MachineName);
                w.WriteBoolean("reloadConfigSuccess", info.ReloadConfigSuccess);
                w.WriteString("lastConfigTime", ApiResponse.Rfc3339Nano(info.LastConfigTime));
                w.WriteNumber("corruptionCount", 0);
                w.WriteNumber("goroutineCount", System.Diagnostics.Process.GetCurrentProcess().Threads.Count);
                w.WriteNumber("GOMAXPROCS", Environment.ProcessorCount);
                w.WriteString("GOGC", "");
                w.WriteString("GODEBUG", "");
                w.WriteString("storageRetention", info.StorageRetention);
                w.WriteEndObject();
            });
        });
        app.MapGet("/api/v1/status/buildinfo", (HttpContext ctx) => ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", Telemetry.VersionInfo.Version);
            w.WriteString("revision", Telemetry.VersionInfo.Revision);
            w.WriteString("branch", "");
            w.WriteString("buildUser", "");
            w.WriteString("buildDate", "");
            w.WriteString("goVersion", Telemetry.VersionInfo.RuntimeVersion);
            w.WriteEndObject();
        }));
        app.MapGet("/api/v1/status/flags", (HttpContext ctx) => ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            foreach (var (k, v) in services.Flags.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
        }));
        app.MapGet("/api/v1/status/config", (HttpContext ctx) => ApiResponse.SuccessAsync(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteString("yaml", services.ConfigYaml);
            w.WriteEndObject();
        }));
        var ui = Ui.UiAssets.Embedded;
        Ui.UiEndpoints.Map(app, ui);
        var sessionSecurity = security ?? Auth.WebSecurity.Off;
        // What the UI would fetch before its first own request, embedded in index.html (Ui.IndexPage).
        var indexPage = ui.Index is { } uiIndex ? new Ui.IndexPage(uiIndex, (ctx, w) =>
        {
            w.WritePropertyName("session");
            Auth.AuthEndpoints.WriteSession(w, ctx, sessionSecurity);
            if (services.Dashboards is { } catalog) Dashboards.DashboardsApi.WriteBootstrap(w, catalog, ctx.Request.Path.Value ?? "/", scrapeInterval);
        }) : null;
        // Prometheus's router answers unknown paths with a plain-text 404 (not the JSON envelope), and a known path asked
        // with the wrong method with a plain-text 405.
        app.MapFallback((HttpContext ctx) =>
        {
            // The web UI's client-side routes: any other GET outside /api/ and /-/ loads index.html (docs/ui.md).
            if (Ui.UiEndpoints.IsUiRequest(ctx.Request) && indexPage is not null) return indexPage;
            var routes = ctx.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
            bool known = routes.Any(e => e.RoutePattern.RawText is { } p && !p.Contains('*') && PathMatches(p, ctx.Request.Path.Value ?? ""));
            return known
                ? Results.Text("Method Not Allowed\n", "text/plain; charset=utf-8", statusCode: 405)
                : Results.Text("404 page not found\n", "text/plain; charset=utf-8", statusCode: 404);
        });
    }
}
