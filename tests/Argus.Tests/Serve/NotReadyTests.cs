using Argus.Model;

namespace Argus.Tests.Serve;

/// <summary>
/// While the WAL is being replayed the store is incomplete: like Prometheus (web.go testReady), every /api/v1 endpoint
/// and /federate answer 503 "Service Unavailable" instead of answering from a half-filled head, except the replay
/// progress itself; the probes keep answering.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NotReadyTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync(app =>
        {
            var r = SeriesRef.None;
            app.Append(ref r, Labels.FromStrings("__name__", "up", "job", "node"), 1_795_560_000_000, 1);
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/query?query=up&time=1795560000")]
    [InlineData("/api/v1/query_range?query=up&start=1795560000&end=1795560060&step=15")]
    [InlineData("/api/v1/series?match[]=up")]
    [InlineData("/api/v1/labels")]
    [InlineData("/api/v1/label/job/values")]
    [InlineData("/api/v1/status/tsdb")]
    [InlineData("/federate?match[]=up")]
    public async Task StoreEndpoints_WhileReplaying_Answer503ThenServeOnceReady(string path)
    {
        _server.Ready = false;
        using (var response = await _server.Http.GetAsync(path))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Service Unavailable", await response.Content.ReadAsStringAsync());
        }
        _server.Ready = true;
        using (var response = await _server.Http.GetAsync(path))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ProbesAndReplayProgress_WhileReplaying_StillAnswer()
    {
        _server.Ready = false;
        using var healthy = await _server.Http.GetAsync("/-/healthy");
        using var ready = await _server.Http.GetAsync("/-/ready");
        using var progress = await _server.Http.GetAsync("/api/v1/status/walreplay");
        Assert.Equal(System.Net.HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, progress.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/query", true)]
    [InlineData("/federate", true)]
    [InlineData("/api/v2/silences", true)]      // silences not loaded from disk yet: an empty list would be wrong
    [InlineData("/api/v2/alerts", true)]
    [InlineData("/api/v1/status/walreplay", false)]
    [InlineData("/-/ready", false)]
    [InlineData("/-/healthy", false)]
    [InlineData("/metrics", false)]
    [InlineData("/api/v1x", false)]
    public void WaitsForReady_GatesTheStoreAndAlertmanagerApis(string path, bool gated) =>
        Assert.Equal(gated, Argus.Serve.WebServer.WaitsForReady(new Microsoft.AspNetCore.Http.PathString(path)));
}
