using Argus.Model;
using Argus.Query.Engine;
using Argus.Query.Parser;
using Argus.Rules;
using Argus.Rules.Remote;
using Argus.Store.Head;
using Argus.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Rules.Remote;

public sealed class RemoteRuleQueryTests : IAsyncLifetime
{
    private const long T = 1_700_000_000_123;
    private FakeQueryApi _api = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-rq-").FullName;

    public async Task InitializeAsync() => _api = await FakeQueryApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private RemoteRuleQuery Query(TimeSpan? timeout = null, string? user = null, string? password = null) => new(new RemoteQueryOptions
    {
        Url = _api.Url,
        Username = user,
        PasswordFile = password is null ? null : Write("password", password + "\n"),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Query_Vector_SamplesWithLabelsAtEvaluationTime()
    {
        _api.Answer = (200, """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"api"},"value":[1700000000.123,"1"]},
              {"metric":{"job":"db"},"value":[1700000000.123,"NaN"]},
              {"metric":{},"value":[1700000000.123,"+Inf"]},
              {"metric":{"x":"y"},"value":[1700000000.123,"-1.5e-7"]}]}}
            """, TimeSpan.Zero);
        using var q = Query(user: "argus", password: "s3cret");

        var result = q.Query(PromQLParser.ParseExpr("sum by (job) (up)"), T, CancellationToken.None);

        Assert.Equal([Labels.FromStrings("__name__", "up", "job", "api"), Labels.FromStrings("job", "db"), Labels.Empty, Labels.FromStrings("x", "y")],
            result.Select(s => s.Metric));
        Assert.All(result, s => Assert.Equal(T, s.T));
        Assert.Equal(1, result[0].F);
        Assert.True(double.IsNaN(result[1].F));
        Assert.Equal(double.PositiveInfinity, result[2].F);
        Assert.Equal(-1.5e-7, result[3].F);
        var (form, auth) = Assert.Single(_api.Requests);
        Assert.Equal("sum by (job) (up)", form["query"]);
        Assert.Equal("1700000000.123", form["time"]);
        Assert.Equal("Basic " + Convert.ToBase64String("argus:s3cret"u8.ToArray()), auth);
    }

    [Fact]
    public void Query_Scalar_OneUnlabelledSample()
    {
        _api.Answer = (200, """{"status":"success","data":{"resultType":"scalar","result":[1700000000.123,"42"]}}""", TimeSpan.Zero);
        using var q = Query();
        var sample = Assert.Single(q.Query(PromQLParser.ParseExpr("scalar(up)"), T, CancellationToken.None));
        Assert.Equal(new VectorSample(Labels.Empty, T, 42), sample);
    }

    [Fact]
    public void Query_BearerTokenFile_SentAsBearer()
    {
        using var q = new RemoteRuleQuery(new RemoteQueryOptions { Url = _api.Url, BearerTokenFile = Write("token", "tok-123\n") });
        q.Query(PromQLParser.ParseExpr("up"), T, CancellationToken.None);
        Assert.Equal("Bearer tok-123", Assert.Single(_api.Requests).Authorization);
    }

    [Theory]
    [InlineData(422, """{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}""",
        "/prefix/api/v1/query: status 422: execution: many-to-many matching not allowed")]
    [InlineData(503, "upstream connect error", "status 503: upstream connect error")]
    [InlineData(200, "{\"status\":\"success\",\"data\":", "invalid JSON in the response")]
    [InlineData(200, """{"status":"success","data":{"resultType":"string","result":[1,"x"]}}""", "rule result is not a vector or scalar")]
    [InlineData(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}""", "sample value \"abc\" is not a number")]
    [InlineData(200, """{"status":"success"}""", "no data.resultType and data.result")]
    public void Query_BadAnswer_RuleEvaluationExceptionNamingEndpointAndCause(int status, string body, string expected)
    {
        _api.Answer = (status, body, TimeSpan.Zero);
        using var q = Query();
        var e = Assert.Throws<RuleEvaluationException>(() => q.Query(PromQLParser.ParseExpr("up"), T, CancellationToken.None));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Query_SlowAnswer_TimesOut()
    {
        _api.Answer = (200, """{"status":"success","data":{"resultType":"vector","result":[]}}""", TimeSpan.FromSeconds(5));
        using var q = Query(timeout: TimeSpan.FromMilliseconds(200));
        var e = Assert.Throws<RuleEvaluationException>(() => q.Query(PromQLParser.ParseExpr("up"), T, CancellationToken.None));
        Assert.Contains("timed out after 200ms", e.Message);
    }

    [Fact]
    public void Query_Unreachable_FailsWithoutCredentialsInMessage()
    {
        using var q = new RemoteRuleQuery(new RemoteQueryOptions { Url = new Uri($"http://user:pw@127.0.0.1:{Argus.Tests.Testing.PeerProcess.FreePort()}") });
        var e = Assert.Throws<RuleEvaluationException>(() => q.Query(PromQLParser.ParseExpr("up"), T, CancellationToken.None));
        Assert.StartsWith("remote query to http://127.0.0.1:", e.Message);
        Assert.DoesNotContain("pw", e.Message);
    }

    [Fact]
    public void RuleGroup_RemoteQueryFails_RuleHealthErrWithMessage_ThenRecoversAndRecordsLocally()
    {
        using var head = new Head(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);
        using var q = Query();
        var rule = new RecordingRule("job:up:sum", PromQLParser.ParseExpr("sum by (job) (up)"), Labels.Empty);
        var group = new RuleGroup("g", "f.yml", TimeSpan.FromSeconds(15), TimeSpan.Zero, 0, [rule],
            new RuleGroupOptions { Query = q.AsRuleQuery(), Appendable = head, Queryable = head });

        _api.Answer = (503, """{"status":"error","errorType":"unavailable","error":"store gateway down"}""", TimeSpan.Zero);
        group.Eval(DateTimeOffset.FromUnixTimeMilliseconds(T));
        Assert.Equal(RuleHealth.Err, rule.Health);
        Assert.Contains("status 503: unavailable: store gateway down", rule.LastError);

        _api.Answer = (200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"api"},"value":[1700000015.123,"3"]}]}}""", TimeSpan.Zero);
        group.Eval(DateTimeOffset.FromUnixTimeMilliseconds(T + 15_000));
        Assert.Equal(RuleHealth.Ok, rule.Health);
        var recorded = (VectorValue)new Engine(new EngineOptions()).Instant(head, "job:up:sum", T + 15_000).Value;
        var s = Assert.Single(recorded.Samples);
        Assert.Equal((Labels.FromStrings("__name__", "job:up:sum", "job", "api"), 3.0), (s.Metric, s.F));
    }

    [Theory]
    [InlineData(1_700_000_000_123, "1700000000.123")]
    [InlineData(0, "0.000")]
    [InlineData(-1_500, "-1.500")]
    public void FormatTime_MillisecondsAsSeconds(long ms, string expected) => Assert.Equal(expected, RemoteRuleQuery.FormatTime(ms));
}
