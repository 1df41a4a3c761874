using System.Text;
using Argus.Serve.Ui;
using Microsoft.AspNetCore.Http;

namespace Argus.Tests.Serve.Ui;

/// <summary>index.html with the bootstrap object in place of web/build.mjs's marker, and never a way out of its script element.</summary>
public sealed class IndexPageTests
{
    private static UiAsset Index(string html) => new("index.html", "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), null, null, immutable: false);

    private static async Task<(string Body, HttpResponse Response)> ServeAsync(IndexPage page, string method = "GET")
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = method;
        ctx.Request.Path = "/";
        var body = new MemoryStream();
        ctx.Response.Body = body;
        await page.WriteAsync(ctx);
        return (Encoding.UTF8.GetString(body.ToArray()), ctx.Response);
    }

    [Fact]
    public async Task WriteAsync_Marker_IsReplacedByTheBootstrapScript()
    {
        var page = new IndexPage(Index("<body><div id=\"app\"></div>\n" + IndexPage.Marker + "\n<script type=\"module\"></script></body>"),
            (_, w) => w.WriteString("home", "x"));
        var (body, response) = await ServeAsync(page);
        Assert.Equal("<body><div id=\"app\"></div>\n<script type=\"application/json\" id=\"argus-bootstrap\">{\"home\":\"x\"}</script>\n"
            + "<script type=\"module\"></script></body>", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.ContentLength);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
    }

    [Theory]
    [InlineData("\"</script><script>alert(1)</script>\"")]
    [InlineData("{\"title\":\"<!-- x\",\"t\":\"</SCRIPT >\"}")]
    public async Task WriteAsync_RawJsonWithScriptEnd_StaysInsideTheElementAndParsesBack(string raw)
    {
        var page = new IndexPage(Index("<p>" + IndexPage.Marker + "</p>"), (_, w) =>
        {
            w.WritePropertyName("v");
            w.WriteRawValue(raw, skipInputValidation: true);
            w.WriteString("s", "</script>");
        });
        var (body, _) = await ServeAsync(page);
        string json = body["<p><script type=\"application/json\" id=\"argus-bootstrap\">".Length..^"</script></p>".Length];
        Assert.DoesNotContain('<', json);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        using var expected = System.Text.Json.JsonDocument.Parse(raw);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.RootElement), System.Text.Json.JsonSerializer.Serialize(doc.RootElement.GetProperty("v")));
        Assert.Equal("</script>", doc.RootElement.GetProperty("s").GetString());
    }

    [Fact]
    public async Task WriteAsync_NoMarker_ServesTheFileAsIs()
    {
        const string html = "<html><body>old bundle</body></html>";
        var page = new IndexPage(Index(html), (_, _) => throw new InvalidOperationException("BUG: no marker, no bootstrap"));
        Assert.False(page.HasMarker);
        var (body, response) = await ServeAsync(page);
        Assert.Equal(html, body);
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task WriteAsync_Head_SendsHeadersOnly()
    {
        var page = new IndexPage(Index(IndexPage.Marker), (_, w) => w.WriteString("home", "x"));
        var (body, response) = await ServeAsync(page, "HEAD");
        Assert.Equal("", body);
        Assert.Equal(200, response.StatusCode);
    }
}
