using System.Net;
using Argus.Cli;
using Argus.Collect.Exposition;
using Argus.Collect.Node;
using Argus.Model;
using Argus.Serve.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus;

/// <summary>
/// <c>argus agent</c>: serves this host's metrics on /metrics in node-exporter's format, for a DaemonSet whose pods Argus
/// (or any Prometheus) scrapes. Collection happens per request, as node-exporter does. <c>--web.config.file</c> adds TLS,
/// basic authentication and response headers exactly as node-exporter's web config does (<see cref="ExporterWebGuard"/>).
/// </summary>
public static partial class AgentServer
{
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken stop)
    {
        using var loggers = Logging.Create(options.LogLevel);
        var logger = loggers.CreateLogger("Argus.Agent");
        ListenAddress.TryParse(options.ListenAddress, out IPEndPoint listen, out _);
        WebConfig? webConfig = null;
        if (options.WebConfigFile is { } file)
        {
            try
            {
                webConfig = WebConfigLoader.Load(file);
            }
            catch (WebConfigException e)
            {
                Log.WebConfigInvalid(logger, e.Message);
                return 1;
            }
        }
        var collector = NodeCollector.CreateDefault(new NodeOptions
        {
            ProcPath = options.ProcPath,
            SysPath = options.SysPath,
            RootfsPath = options.RootPath,
        }, TimeProvider.System, loggers.CreateLogger<NodeCollector>());
        var gate = new SemaphoreSlim(1, 1); // Collect is called one at a time

        var builder = Serve.WebServer.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(listen, o =>
            {
                if (webConfig?.Tls is { } tls) TlsListener.Configure(o, tls, webConfig.Http2, TimeProvider.System, logger);
            });
            k.AddServerHeader = false;
        });
        await using var app = builder.Build();
        if (webConfig is not null) app.Use(new ExporterWebGuard(webConfig, TimeProvider.System, logger).InvokeAsync);
        app.MapGet("/metrics", async (HttpContext ctx) =>
        {
            var families = new List<MetricFamily>();
            await gate.WaitAsync(ctx.RequestAborted);
            try
            {
                collector.Collect(families);
            }
            finally
            {
                gate.Release();
            }
            ctx.Response.ContentType = ExpositionContentTypes.PrometheusText;
            await ExpositionWriter.WriteAsync(ctx.Response.Body, families, ctx.RequestAborted);
        });
        app.MapGet("/-/healthy", () => Results.Text("Argus Agent is Healthy.\n"));
        app.MapGet("/", () => Results.Text("Argus agent: host metrics are at /metrics\n"));
        app.MapFallback(() => Results.Text("404 page not found\n", statusCode: 404));

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; shutdown.Cancel(); });
        try
        {
            await app.StartAsync(shutdown.Token);
        }
        catch (IOException e)
        {
            Log.ListenFailed(logger, options.ListenAddress, e.Message);
            return 1;
        }
        Log.Listening(logger, webConfig?.Tls is null ? "http" : "https", options.ListenAddress, webConfig is { BasicAuthUsers.Count: > 0 } ? "on" : "off");
        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Cannot listen on {Address}: {Reason}")]
        public static partial void ListenFailed(ILogger logger, string address, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Agent serving host metrics on {Scheme}://{Address}/metrics, basic authentication {Auth}")]
        public static partial void Listening(ILogger logger, string scheme, string address, string auth);

        [LoggerMessage(Level = LogLevel.Error, Message = "Cannot start: {Reason}")]
        public static partial void WebConfigInvalid(ILogger logger, string reason);
    }
}
