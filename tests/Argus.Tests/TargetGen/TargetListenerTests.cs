using System.Net;
using System.Net.Sockets;
using System.Text;
using Argus.Collect.Exposition;
using Argus.TargetGen;

namespace Argus.Tests.TargetGen;

public sealed class TargetListenerTests
{
    [Theory]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", true, true, false)]
    [InlineData("GET /metrics?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n", true, true, true)]
    [InlineData("GET / HTTP/1.1\r\nconnection: Close\r\n\r\n", true, false, true)]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\n", false, false, false)]
    public void TryTakeRequest_ReadsPathAndConnectionClose(string request, bool complete, bool metrics, bool close)
    {
        byte[] buffer = Encoding.ASCII.GetBytes(request);
        int len = buffer.Length;
        Assert.Equal(complete, TargetListener.TryTakeRequest(buffer, ref len, out bool m, out bool c));
        Assert.Equal(metrics, m);
        Assert.Equal(close, c);
        Assert.Equal(complete ? 0 : buffer.Length, len);
    }

    [Fact]
    public void TryTakeRequest_PipelinedRequests_OneAtATime()
    {
        byte[] buffer = Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\n\r\nGET /x HTTP/1.1\r\n\r\n");
        int len = buffer.Length;
        Assert.True(TargetListener.TryTakeRequest(buffer, ref len, out bool first, out _));
        Assert.True(TargetListener.TryTakeRequest(buffer, ref len, out bool second, out _));
        Assert.False(TargetListener.TryTakeRequest(buffer, ref len, out _, out _));
        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task Scrape_KeepAlive_ServesParsableBodyAnd404()
    {
        var target = new Target(0, 500, seed: 1, k8sValueModel: true, headroomSeconds: 3600);
        using var listener = new TargetListener(target, IPAddress.Loopback, 0, refreshSeconds: 1);
        listener.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task loop = listener.AcceptLoopAsync(stop.Token);
        using var client = new HttpClient();
        var url = $"http://127.0.0.1:{listener.Port}";
        for (int i = 0; i < 2; i++)    // two scrapes over one keep-alive connection
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/metrics");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using HttpResponseMessage response = await client.SendAsync(request, stop.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            byte[] body = await response.Content.ReadAsByteArrayAsync(stop.Token);
            Assert.Equal(500, ExpositionParser.ParseAll(body, ExpositionFormat.PrometheusText).Count);
        }
        using HttpResponseMessage notFound = await client.GetAsync(url + "/", stop.Token);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(2, target.Scrapes);
        await stop.CancelAsync();
        await loop;
    }
}
