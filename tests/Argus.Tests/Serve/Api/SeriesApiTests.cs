using System.Text.Json;
using Argus.Model;

namespace Argus.Tests.Serve.Api;

/// <summary>/api/v1/series, labels, label values and format_query, checked against Prometheus's observed answers.</summary>
[Trait("Category", "Integration")]
public sealed class SeriesApiTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;
    private const long T = 1_700_000_000_000;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync(app =>
        {
            Add(app, "up", 1, "job", "api", "instance", "a:1");
            Add(app, "up", 0, "job", "api", "instance", "b:1");
            Add(app, "up", 1, "job", "node", "instance", "n:9100");
            Add(app, "node_load1", 0.5, "job", "node", "instance", "n:9100");
        });
    }

    private static void Add(Argus.Store.IAppender app, string name, double v, params string[] labels)
    {
        var l = Labels.FromStrings([.. labels, "__name__", name]);
        var r = SeriesRef.None;
        app.Append(ref r, l, T, v);
    }

    private async Task<(int Status, JsonElement Body)> Get(string path)
    {
        var r = await _server.Http.GetAsync(path);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return ((int)r.StatusCode, doc.RootElement.Clone());
    }

    private async Task<(int Status, JsonElement Body)> Post(string path, params (string, string)[] form)
    {
        var r = await _server.Http.PostAsync(path, new FormUrlEncodedContent(form.Select(kv => new KeyValuePair<string, string>(kv.Item1, kv.Item2))));
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return ((int)r.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task SeriesIsTheSortedUnionOfAllMatchSelectors()
    {
        var (status, body) = await Get("/api/v1/series?match[]=up{job=\"api\"}&match[]=node_load1");
        Assert.Equal(200, status);
        var series = body.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("__name__").GetString() + "/" + e.GetProperty("instance").GetString()).ToList();
        Assert.Equal(["node_load1/n:9100", "up/a:1", "up/b:1"], series);
    }

    [Fact]
    public async Task SeriesErrorsAreBadDataWithPrometheusTexts()
    {
        var (status, body) = await Get("/api/v1/series");
        Assert.Equal(400, status);
        Assert.Equal("bad_data", body.GetProperty("errorType").GetString());
        Assert.Equal("no match[] parameter provided", body.GetProperty("error").GetString());

        (status, body) = await Get("/api/v1/series?match[]=up&start=notatime");
        Assert.Equal(400, status);
        Assert.Equal("invalid parameter \"start\": Invalid time value for 'start': cannot parse \"notatime\" to a valid timestamp", body.GetProperty("error").GetString());

        (status, _) = await Get("/api/v1/series?match[]={job=~\".*\"}");
        Assert.Equal(400, status); // a selector must have a matcher that does not match the empty string
    }

    [Fact]
    public async Task LabelsAndValuesWithAndWithoutMatchAndLimit()
    {
        var (_, body) = await Get("/api/v1/labels");
        Assert.Equal(["__name__", "instance", "job"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));

        (_, body) = await Post("/api/v1/labels", ("match[]", "node_load1"));
        Assert.Equal(["__name__", "instance", "job"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));

        (_, body) = await Get("/api/v1/label/job/values");
        Assert.Equal(["api", "node"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));

        (_, body) = await Get("/api/v1/label/instance/values?match[]=up{job=\"api\"}&limit=1");
        Assert.Equal(["a:1"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("results truncated due to limit", body.GetProperty("warnings")[0].GetString());

        (_, body) = await Get("/api/v1/label/__name__/values?start=1699999000&end=1700001000");
        Assert.Equal(["node_load1", "up"], body.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task InvalidLabelNameIsRejected()
    {
        var (status, body) = await Get("/api/v1/label/0bad/values");
        Assert.Equal(400, status);
        Assert.Equal("invalid label name: \"0bad\"", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task FormatQueryPrintsCanonicallyOrFailsWithThePosition()
    {
        var (status, body) = await Post("/api/v1/format_query", ("query", "sum(rate(up[5m])) BY (job) # comment"));
        Assert.Equal(200, status);
        Assert.Equal("sum by (job) (rate(up[5m]))", body.GetProperty("data").GetString());

        (status, body) = await Get("/api/v1/format_query?query=sum(up");
        Assert.Equal(400, status);
        Assert.StartsWith("invalid parameter \"query\": 1:", body.GetProperty("error").GetString());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
