using System.Net;
using Argus.Collect.Scrape;
using Argus.Model;
using Argus.Serve;
using Argus.Store.Head;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Tests.Serve;

/// <summary>The real web server over an in-memory head filled by the test, on a free loopback port.</summary>
public sealed class ApiTestServer : IWebServices, IAsyncDisposable
{
    private WebApplication? _app;
    private readonly Head _head;

    private ApiTestServer(Head head, int port)
    {
        _head = head;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public static async Task<ApiTestServer> StartAsync(Action<Argus.Store.IAppender> fill)
    {
        var head = new Head(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);
        var app = head.Appender();
        fill(app);
        app.Commit();
        int port = PeerProcess.FreePort();
        var server = new ApiTestServer(head, port);
        server._app = WebServer.Build(new IPEndPoint(IPAddress.Loopback, port), server, NullLoggerFactory.Instance);
        await server._app.StartAsync();
        return server;
    }

    public bool Ready { get; set; } = true;
    public MetricsRegistry Registry { get; } = new();
    public ICollector Metrics => Registry;
    public IReadOnlyList<ScrapePool> ScrapePools => [];
    public IQueryable Store => _head;
    public Argus.Query.Engine.Engine Engine { get; } = new(new Argus.Query.Engine.EngineOptions());
    public int MaxConcurrentQueries => 4;
    public IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string> { ["storage.tsdb.path"] = "data" };
    public string ConfigYaml => "global: {}\n";
    public RuntimeInfo RuntimeInfo { get; } = new(DateTimeOffset.UnixEpoch, true, DateTimeOffset.UnixEpoch, "15d");
    public HeadStats? TsdbStats(int limit) => _head.Stats(limit);
    public Task<string?> ReloadAsync() => Task.FromResult<string?>(null);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _head.Dispose();
    }
}
