using System.Text;
using Argus.Model;
using Argus.Query.Engine;
using Argus.Rules.Testing;
using Argus.Serve.Api;
using Argus.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Tests.Serve.Api;

/// <summary>
/// A query that runs past --query.timeout is Prometheus's 503 `timeout`, not a 499 `canceled`: found by the query-load run
/// (bench/load), where every slow query was reported as canceled by the client.
/// </summary>
public sealed class QueryApiTimeoutTests
{
    /// <summary>Lets the clock pass the deadline while the engine is reading, as a slow store on a busy machine does.</summary>
    private sealed class SlowStore(IQueryable inner, FakeTimeProvider time, TimeSpan delay) : IQueryable
    {
        public IQuerier Querier(long mint, long maxt)
        {
            time.Advance(delay);
            return inner.Querier(mint, maxt);
        }
    }

    private static async Task<(int Status, string Body)> Run(string query, TimeSpan delay)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var store = new MemoryStore();
        store.Add(Labels.FromStrings(Labels.MetricName, "x", "job", "a"), 1_800_000_000_000 - 10_000, 1);
        var engine = new Argus.Query.Engine.Engine(new EngineOptions { Timeout = TimeSpan.FromSeconds(30) });
        var api = new QueryApi(engine, () => new SlowStore(store, time, delay), 4, time);
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = "GET";
        ctx.Request.QueryString = new QueryString("?query=" + Uri.EscapeDataString(query) + "&start=1799999000&end=1800000000&step=15");
        ctx.Response.Body = new MemoryStream();
        await api.Range(ctx);
        return (ctx.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)ctx.Response.Body).ToArray()));
    }

    [Fact]
    public async Task QueryPastItsDeadlineIsATimeout()
    {
        var (status, body) = await Run("sum(x)", TimeSpan.FromSeconds(31));
        Assert.Equal(503, status);
        Assert.Equal("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query execution\"}", body);
    }

    [Fact]
    public async Task QueryWithinItsDeadlineAnswers()
    {
        var (status, body) = await Run("sum(x)", TimeSpan.FromSeconds(29));
        Assert.Equal(200, status);
        Assert.StartsWith("{\"status\":\"success\"", body);
    }
}
