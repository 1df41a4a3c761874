using System.IO.Compression;
using System.Net;
using System.Text;
using Argus.Collect.Exposition;
using Argus.Collect.Scrape;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.Tests.Collect.Scrape;

/// <summary>The HTTP side of a scrape against a local server: headers sent, gzip, body size limit, HTTP errors.</summary>
[Trait("Category", "Integration")]
public sealed class HttpScrapeSourceTests : IAsyncLifetime
{
    private const string Body = "# TYPE a counter\na_total 1\n";
    private WebApplication? _app;
    private int _port;
    private string? _accept;
    private string? _timeoutHeader;

    public async Task InitializeAsync()
    {
        _port = PeerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port));
        _app = builder.Build();
        _app.MapGet("/plain", (HttpContext ctx) =>
        {
            _accept = ctx.Request.Headers.Accept.ToString();
            _timeoutHeader = ctx.Request.Headers["X-Prometheus-Scrape-Timeout-Seconds"].ToString();
            return Results.Text(Body, "text/plain; version=0.0.4");
        });
        _app.MapGet("/gzip", async (HttpContext ctx) =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.ContentType = "application/openmetrics-text; version=1.0.0";
            await using var gz = new GZipStream(ctx.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gz.WriteAsync(Encoding.UTF8.GetBytes(Body + "# EOF\n"));
        });
        _app.MapGet("/big", () => Results.Text(new string('#', 10_000) + "\n"));
        _app.MapGet("/fail", () => Results.StatusCode(503));
        await _app.StartAsync();
    }

    private HttpScrapeSource Source(string path, long limit = 0) =>
        new(new HttpClient(), new Uri($"http://127.0.0.1:{_port}{path}"), TimeSpan.FromSeconds(7), limit, enableCompression: true);

    [Fact]
    public async Task SendsPrometheusHeadersAndReturnsTheBody()
    {
        var body = await Source("/plain").FetchAsync(CancellationToken.None);
        Assert.Equal(Body, Encoding.UTF8.GetString(body.Bytes.Span));
        Assert.Equal(ExpositionContentTypes.ScrapeAccept, _accept);
        Assert.Equal("7", _timeoutHeader);
        Assert.Equal(ExpositionFormat.PrometheusText, ExpositionContentTypes.FromContentType(body.ContentType));
    }

    [Fact]
    public async Task InflatesGzipAndKeepsTheMediaType()
    {
        var body = await Source("/gzip").FetchAsync(CancellationToken.None);
        Assert.Equal(Body + "# EOF\n", Encoding.UTF8.GetString(body.Bytes.Span));
        Assert.Equal(ExpositionFormat.OpenMetrics, ExpositionContentTypes.FromContentType(body.ContentType));
    }

    [Fact]
    public async Task BodySizeLimitAndHttpErrorsFailTheScrape()
    {
        var big = await Assert.ThrowsAsync<ScrapeException>(() => Source("/big", limit: 1000).FetchAsync(CancellationToken.None));
        Assert.Contains("body size limit", big.Message);
        var fail = await Assert.ThrowsAsync<ScrapeException>(() => Source("/fail").FetchAsync(CancellationToken.None));
        Assert.Equal("server returned HTTP status 503 Service Unavailable", fail.Message);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
