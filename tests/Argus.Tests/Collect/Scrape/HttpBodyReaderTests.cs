using System.IO.Compression;
using System.Text;
using Argus.Collect.Scrape;

namespace Argus.Tests.Collect.Scrape;

public sealed class HttpBodyReaderTests
{
    private static HttpResponseMessage Response(byte[] body, bool gzip = false, long? declaredLength = null)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        if (declaredLength is not null) content.Headers.ContentLength = declaredLength;
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
    }

    private static byte[] Gzip(byte[] body)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(body);
        return ms.ToArray();
    }

    private static byte[] Body(int lines) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => $"metric_{i}{{a=\"b\"}} {i}\n")));

    [Theory]
    [InlineData(1, false)]
    [InlineData(5_000, false)]    // larger than the initial 16 KiB buffer: pre-sized from Content-Length
    [InlineData(5_000, true)]     // gzip: no usable length, the buffer grows while inflating
    public async Task ReadsTheWholeBody_AcrossScrapesOfChangingSize(int lines, bool gzip)
    {
        var reader = new HttpBodyReader();
        foreach (int n in new[] { lines, lines * 3, 2, lines })
        {
            byte[] body = Body(n);
            using var response = Response(body, gzip);
            var read = await reader.ReadAsync(response, 0, CancellationToken.None);
            Assert.Equal(body, read.ToArray());
        }
    }

    [Fact]
    public async Task AHeldBodyIsNotShared_AndAReleasedBufferServesTheNextRead()
    {
        var first = new HttpBodyReader();
        var second = new HttpBodyReader();
        byte[] a = Body(2_000), b = Body(2_001);
        using var ra = Response(a);
        var readA = await first.ReadAsync(ra, 0, CancellationToken.None);
        using var rb = Response(b);
        var readB = await second.ReadAsync(rb, 0, CancellationToken.None);
        Assert.Equal(a, readA.ToArray());   // the second target did not get the buffer the first one still holds
        Assert.Equal(b, readB.ToArray());

        first.Release();
        second.Release();
        first.Release();   // releasing twice is harmless
        using var again = Response(b);
        Assert.Equal(b, (await first.ReadAsync(again, 0, CancellationToken.None)).ToArray());
        first.Release();
    }

    [Fact]
    public async Task ALengthThatOverstatesTheBody_YieldsTheBytesSent()
    {
        var reader = new HttpBodyReader();
        byte[] body = Body(3);
        using var response = Response(body, declaredLength: 1_000_000);
        var read = await reader.ReadAsync(response, 0, CancellationToken.None);
        Assert.Equal(body, read.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // the limit applies to the inflated size, as in Prometheus
    public async Task BodyOverTheLimit_FailsTheScrape(bool gzip)
    {
        var reader = new HttpBodyReader();
        byte[] body = Body(2_000);
        using var response = Response(body, gzip);
        var e = await Assert.ThrowsAsync<ScrapeException>(() => reader.ReadAsync(response, body.Length - 1, CancellationToken.None));
        Assert.Contains($"body size limit exceeded: the body is larger than the limit of {body.Length - 1} bytes", e.Message);

        using var exact = Response(body, gzip);
        Assert.Equal(body.Length, (await reader.ReadAsync(exact, body.Length, CancellationToken.None)).Length);
    }
}
