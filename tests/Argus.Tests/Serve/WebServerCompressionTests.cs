using System.IO.Compression;
using System.Text;
using Argus.Model;

namespace Argus.Tests.Serve;

/// <summary>
/// JSON API answers are compressed for clients that ask (as Prometheus's API handler does), byte for byte the same JSON
/// once decoded; clients that do not ask get identity, answers under 1 KB are never compressed, and the query API says how
/// long evaluation took (Server-Timing).
/// </summary>
[Trait("Category", "Integration")]
public sealed class WebServerCompressionTests : IAsyncLifetime
{
    private const long T0 = 1_795_560_000_000;
    private ApiTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync(app =>
        {
            for (int s = 0; s < 50; s++)
            {
                var r = SeriesRef.None;
                var labels = Labels.FromStrings("__name__", "node_memory_MemAvailable_bytes", "instance", $"node-{s}:9100");
                for (int i = 0; i < 40; i++) app.Append(ref r, labels, T0 + i * 15_000, 30e9 + s * 1e6 + i);
            }
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string RangePath = "/api/v1/query_range?query=node_memory_MemAvailable_bytes&start=1795560000&end=1795560585&step=15";

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) req.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await _server.Http.SendAsync(req);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task QueryRange_AcceptedEncoding_CompressesToTheSameJson(string accept, string expected)
    {
        using var identity = await GetAsync(RangePath, null);
        byte[] plain = await identity.Content.ReadAsByteArrayAsync();
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.StartsWith("{\"status\":\"success\"", Encoding.UTF8.GetString(plain));

        using var compressed = await GetAsync(RangePath, accept);
        Assert.Equal(expected, Assert.Single(compressed.Content.Headers.ContentEncoding));
        byte[] body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length * 4 < plain.Length, $"{plain.Length} bytes of JSON compressed to only {body.Length}");
        using Stream decoder = expected == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(plain, decoded.ToArray());
    }

    [Theory]
    [InlineData("gzip, deflate, br")]
    [InlineData(null)]
    public async Task Query_SmallAnswer_IsSentUncompressedWithItsLength(string? accept)
    {
        using var r = await GetAsync("/api/v1/query?query=count(node_memory_MemAvailable_bytes)&time=1795560585", accept);
        byte[] body = await r.Content.ReadAsByteArrayAsync();
        Assert.Empty(r.Content.Headers.ContentEncoding);
        Assert.True(body.Length < Argus.Serve.ApiCompressionProvider.MinBytes, $"{body.Length} bytes");
        Assert.Equal(body.Length, r.Content.Headers.ContentLength);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1795560585,\"50\"]}]}}",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Metrics_GzipAccepted_StaysExpositionText()
    {
        using var r = await GetAsync("/metrics", "gzip");
        Assert.Empty(r.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task QueryRange_ServerTiming_NamesQueueAndEvaluation()
    {
        using var r = await GetAsync(RangePath, null);
        string timing = string.Join(",", r.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^queue;dur=\d+\.\d, eval;dur=\d+\.\d$", timing);
    }
}
