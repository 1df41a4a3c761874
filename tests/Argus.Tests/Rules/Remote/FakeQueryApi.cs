using System.Net;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Tests.Rules.Remote;

/// <summary>
/// A Prometheus-compatible /api/v1/query on 127.0.0.1 (Kestrel) answering with whatever <see cref="Answer"/> says, and
/// recording each request's form and Authorization header, for the error paths a real Prometheus will not produce.
/// </summary>
public sealed class FakeQueryApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(IReadOnlyDictionary<string, string> Form, string? Authorization)> _requests = [];

    private FakeQueryApi(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"http://127.0.0.1:{port}/prefix/");
    }

    /// <summary>The base URL (with a path prefix, as Mimir's /prometheus) that /api/v1/query is appended to.</summary>
    public Uri Url { get; }

    /// <summary>Status code, content type and body of the answer, and a delay before it.</summary>
    public (int Status, string Body, TimeSpan Delay) Answer { get; set; } = (200, """{"status":"success","data":{"resultType":"vector","result":[]}}""", TimeSpan.Zero);

    public IReadOnlyList<(IReadOnlyDictionary<string, string> Form, string? Authorization)> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<FakeQueryApi> StartAsync()
    {
        int port = PeerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var fake = new FakeQueryApi(app, port);
        app.MapPost("/prefix/api/v1/query", async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            lock (fake._requests)
            {
                fake._requests.Add((form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()), ctx.Request.Headers.Authorization.FirstOrDefault()));
            }
            var (status, body, delay) = fake.Answer;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ctx.RequestAborted);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/plain";
            await ctx.Response.WriteAsync(body);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
