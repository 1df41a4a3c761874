using System.Net;
using System.Text.RegularExpressions;
using Argus.Serve.Ui;

namespace Argus.Tests.Serve.Ui;

/// <summary>The embedded bundle over the real web server: SPA fallback, hashed immutable assets, validators, encodings.</summary>
public sealed partial class UiEndpointsTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync(_ => { });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("src=\"/(assets/app-[A-Z0-9]+\\.js)\"")]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("href=\"/(assets/app-[A-Z0-9]+\\.css)\"")]
    private static partial Regex StyleHref();

    [Fact]
    public void TheBinaryCarriesTheBuiltBundle()
    {
        var assets = UiAssets.Embedded;
        Assert.NotNull(assets.Index);
        string html = System.Text.Encoding.UTF8.GetString(assets.Index!.Identity);
        string js = ScriptSrc().Match(html).Groups[1].Value;
        Assert.NotNull(assets.Find(js));
        Assert.NotNull(assets.Find(js + ".map"));
        Assert.NotNull(assets.Find(js)!.Brotli);
        Assert.NotNull(assets.Find(js)!.Gzip);
        Assert.True(assets.Find(js)!.Immutable);
        Assert.False(assets.Index.Immutable);
        Assert.NotNull(assets.Find(StyleHref().Match(html).Groups[1].Value));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/graph?g0.expr=up&g0.tab=0&g0.range_input=1h")]
    [InlineData("/silences/new?filter=%7Balertname%3D%22X%22%7D")]
    [InlineData("/d/cluster-overview")]
    [InlineData("/no/such/page")]
    public async Task ClientRoutesLoadIndexWithoutCaching(string path)
    {
        using var r = await _server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", r.Headers.CacheControl?.ToString());   // per request: it carries the session (IndexPage)
        Assert.Contains("<div id=\"app\">", await r.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/no/such/path")]
    [InlineData("/api/v1/nope")]
    [InlineData("/-/nope")]
    public async Task UnknownApiPathsKeepPrometheusPlainText404(string path)
    {
        using var r = await _server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("404 page not found\n", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiRoutesAndWrongMethodsAreUnchanged()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/api/v1/status/buildinfo")).StatusCode);
        using var wrong = await _server.Http.DeleteAsync("/api/v1/targets");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        using var post = await _server.Http.PostAsync("/graph", null);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task HashedAssetsAreImmutablePrecompressedAndRevalidate()
    {
        string html = await _server.Http.GetStringAsync("/");
        string js = "/" + ScriptSrc().Match(html).Groups[1].Value;

        using var plain = new HttpRequestMessage(HttpMethod.Get, js);
        using var r = await _server.Http.SendAsync(plain);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/javascript", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", r.Headers.CacheControl?.ToString());
        Assert.Empty(r.Content.Headers.ContentEncoding);
        byte[] identity = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal(UiAssets.Embedded.Find(js[1..])!.Identity, identity);
        var etag = r.Headers.ETag!;

        using var brReq = new HttpRequestMessage(HttpMethod.Get, js);
        brReq.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        using var br = await _server.Http.SendAsync(brReq);
        Assert.Equal("br", Assert.Single(br.Content.Headers.ContentEncoding));
        await using (var decoded = new System.IO.Compression.BrotliStream(await br.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await decoded.CopyToAsync(copy);
            Assert.Equal(identity, copy.ToArray());
        }
        Assert.NotEqual(etag.Tag, br.Headers.ETag!.Tag);

        using var gzReq = new HttpRequestMessage(HttpMethod.Get, js);
        gzReq.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br;q=0");
        using var gz = await _server.Http.SendAsync(gzReq);
        Assert.Equal("gzip", Assert.Single(gz.Content.Headers.ContentEncoding));

        using var again = new HttpRequestMessage(HttpMethod.Get, js);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var missing = await _server.Http.GetAsync("/assets/app-NOPE.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void FilesPairWithTheirPrecompressedSiblings()
    {
        var assets = UiAssets.FromFiles(new Dictionary<string, byte[]>
        {
            ["index.html"] = [1],
            ["assets/app-ABC.js"] = [2],
            ["assets/app-ABC.js.br"] = [3],
            ["assets/app-ABC.js.gz"] = [4],
        });
        Assert.Equal(2, assets.Count);
        var js = assets.Find("assets/app-ABC.js")!;
        Assert.Equal([3], js.Brotli);
        Assert.Equal([4], js.Gzip);
        Assert.Null(assets.Find("assets/app-ABC.js.br"));
        Assert.Null(assets.Index!.Brotli);
        Assert.NotEqual(js.ETag, assets.Index.ETag);
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br", true)]
    [InlineData("gzip;q=1.0, br;q=0", "br", false)]
    [InlineData("br;q=0.000", "br", false)]
    [InlineData("br;q=0.5", "br", true)]
    [InlineData("BR", "br", true)]
    [InlineData("identity", "gzip", false)]
    [InlineData("", "gzip", false)]
    public void AcceptEncodingIsReadWithQValues(string header, string coding, bool accepted) =>
        Assert.Equal(accepted, UiEndpoints.Accepts(header, coding));
}
