using System.Text.Json;
using Argus.Model;
using Argus.Serve.Api;

namespace Argus.Tests.Serve.Api;

/// <summary>/api/v1/query and /api/v1/query_range against Prometheus 2.42's observed answers (shared/contracts/fixtures/prom-api).</summary>
[Trait("Category", "Integration")]
public sealed class QueryApiTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;
    private const long T0 = 1_795_560_000_000;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync(app =>
        {
            var inf = SeriesRef.None;
            app.Append(ref inf, Labels.FromStrings("__name__", "demo_temp_celsius", "sensor", "a"), T0, double.PositiveInfinity);
            var nan = SeriesRef.None;
            app.Append(ref nan, Labels.FromStrings("__name__", "demo_temp_celsius", "sensor", "b"), T0, double.NaN);
            var small = SeriesRef.None;
            app.Append(ref small, Labels.FromStrings("__name__", "demo_temp_celsius", "sensor", "c"), T0, 1.5e-7);
        });
    }

    private async Task<(int Status, string Raw)> Send(HttpMethod method, string path, params (string, string)[] form)
    {
        var req = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) req.Content = new FormUrlEncodedContent(form.Select(kv => new KeyValuePair<string, string>(kv.Item1, kv.Item2)));
        var r = await _server.Http.SendAsync(req);
        return ((int)r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GrafanaHealthCheckGetsAScalar()
    {
        var (status, raw) = await Send(HttpMethod.Post, "/api/v1/query", ("query", "1+1"), ("time", "4"));
        Assert.Equal(200, status);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}", raw);
    }

    [Fact]
    public async Task VectorValuesUsePrometheusSpellings()
    {
        var (status, raw) = await Send(HttpMethod.Get, $"/api/v1/query?query=demo_temp_celsius&time={T0 / 1000}.25");
        Assert.Equal(200, status);
        using var doc = JsonDocument.Parse(raw);
        var values = doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .ToDictionary(e => e.GetProperty("metric").GetProperty("sensor").GetString()!, e => e.GetProperty("value")[1].GetString());
        Assert.Equal("+Inf", values["a"]);
        Assert.Equal("NaN", values["b"]);
        Assert.Equal("1.5e-07", values["c"]);
        Assert.Contains("\"value\":[1795560000.250,", raw);
    }

    [Fact]
    public async Task RangeStepsStartAtStartNotAlignedToStep()
    {
        var (status, raw) = await Send(HttpMethod.Get, "/api/v1/query_range?query=time()&start=1795560000.7&end=1795560030&step=10");
        Assert.Equal(200, status);
        Assert.Equal("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":" +
            "[[1795560000.700,\"1795560000.7\"],[1795560010.700,\"1795560010.7\"],[1795560020.700,\"1795560020.7\"]]}]}}", raw);
    }

    [Theory]
    [InlineData("/api/v1/query", 400, "bad_data", "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=sum(up", 400, "bad_data", "invalid parameter \\\"query\\\": 1:7: parse error: unclosed left parenthesis")]
    [InlineData("/api/v1/query?query=up&time=notatime", 400, "bad_data", "invalid parameter \\\"time\\\": Invalid time value for 'time': cannot parse \\\"notatime\\\" to a valid timestamp")]
    [InlineData("/api/v1/query?query=up&timeout=1ns", 400, "bad_data", "invalid parameter \\\"timeout\\\": cannot parse \\\"1ns\\\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&start=100&end=10&step=1", 400, "bad_data", "invalid parameter \\\"end\\\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query_range?query=up&start=10&end=100&step=0", 400, "bad_data", "invalid parameter \\\"step\\\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=100000000&step=1", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=%22x%22&start=10&end=100&step=10", 400, "bad_data", "invalid expression type \\\"string\\\" for range query, must be Scalar or instant Vector")]
    public async Task ErrorsMatchPrometheus(string path, int status, string type, string error)
    {
        var (got, raw) = await Send(HttpMethod.Get, path);
        Assert.Equal(status, got);
        Assert.Equal($"{{\"status\":\"error\",\"errorType\":\"{type}\",\"error\":\"{error}\"}}", raw);
    }

    [Fact]
    public async Task ManyToManyIsAnExecutionError()
    {
        var (status, raw) = await Send(HttpMethod.Get, $"/api/v1/query?query=demo_temp_celsius%20%2B%20on()%20demo_temp_celsius&time={T0 / 1000}");
        Assert.Equal(422, status);
        Assert.Contains("\"errorType\":\"execution\"", raw);
        Assert.Contains("many-to-many matching not allowed: matching labels must be unique on one side", raw);
    }

    [Theory]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(2e300, "2e+300")]
    [InlineData(123456789012345680, "123456789012345680")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.0, "0")]
    [InlineData(-12.5, "-12.5")]
    public void ValuesAreFormattedAsPrometheusDoes(double v, string expected) => Assert.Equal(expected, PromJson.FormatValue(v));

    [Theory]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1e-10, "0.0000000001")]
    public void ScalarsStayInFixedNotation(double v, string expected) => Assert.Equal(expected, PromJson.FormatValue(v, scalar: true));

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
