using Argus.Cli;
using Argus.Model;
using Argus.Tests.Serve;

namespace Argus.Tests.Cli;

/// <summary><c>argus query</c> against the real API server: promtool's text layout, JSON output, errors.</summary>
[Trait("Category", "Integration")]
public sealed class QueryCommandTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;
    private const long T = 1_795_560_000_000;

    public async Task InitializeAsync()
    {
        _server = await ApiTestServer.StartAsync(app =>
        {
            var r = SeriesRef.None;
            app.Append(ref r, Labels.FromStrings("__name__", "up", "job", "api"), T, 1);
            app.Append(ref r, null, T + 15_000, 0);
        });
    }

    private string Url => _server.Http.BaseAddress!.ToString();

    [Fact]
    public async Task InstantPrintsPromtoolLines()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = await QueryCommand.InstantAsync(Url, "up", "1795560000", "promql", stdout, stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("up{job=\"api\"} => 1 @[1795560000]\n", stdout.ToString());
    }

    [Fact]
    public async Task RangePrintsASeriesBlockAndJsonOnRequest()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = await QueryCommand.RangeAsync(Url, "up", "1795560000", "1795560015", "15", "promql", stdout, stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("up{job=\"api\"} =>\n1 @[1795560000]\n0 @[1795560015]\n", stdout.ToString());

        stdout = new StringWriter();
        code = await QueryCommand.RangeAsync(Url, "up", "1795560000", "1795560015", "15", "json", stdout, stderr, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.StartsWith("{\"resultType\":\"matrix\"", stdout.ToString());
    }

    [Fact]
    public async Task ErrorsExitWithOneAndSayWhy()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, await QueryCommand.InstantAsync(Url, "sum(up", null, "promql", stdout, stderr, CancellationToken.None));
        Assert.Contains("bad_data: invalid parameter \"query\": 1:7: parse error: unclosed left parenthesis", stderr.ToString());

        stderr = new StringWriter();
        Assert.Equal(1, await QueryCommand.InstantAsync("not a url", "up", null, "promql", stdout, stderr, CancellationToken.None));
        Assert.Contains("invalid server URL", stderr.ToString());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
