using Argus.Serve.Auth;

namespace Argus.Tests.Serve.Auth;

public sealed class AccessPolicyTests
{
    [Theory]
    [InlineData("GET", "/-/healthy", Access.Open)]
    [InlineData("HEAD", "/-/healthy", Access.Open)]
    [InlineData("GET", "/-/ready", Access.Open)]
    [InlineData("GET", "/login", Access.Open)]
    [InlineData("POST", "/login", Access.Open)]
    [InlineData("GET", "/LOGIN/", Access.Open)]              // routing is case-insensitive and ignores a trailing slash
    [InlineData("POST", "/-/healthy", Access.Write)]         // only the listed methods are open
    [InlineData("GET", "/metrics", Access.Read)]
    [InlineData("GET", "/api/v2/silences", Access.Read)]
    [InlineData("HEAD", "/api/v1/query", Access.Read)]
    [InlineData("POST", "/api/v1/query", Access.Read)]       // long queries are POSTed: reads
    [InlineData("POST", "/api/v1/query_range", Access.Read)]
    [InlineData("POST", "/API/V1/SERIES", Access.Read)]
    [InlineData("POST", "/api/v1/labels", Access.Read)]
    [InlineData("POST", "/api/v1/format_query", Access.Read)]
    [InlineData("POST", "/api/v1/query/", Access.Write)]     // an unlisted variant is a write: the safe side
    [InlineData("POST", "/-/reload", Access.Write)]
    [InlineData("PUT", "/-/reload", Access.Write)]
    [InlineData("POST", "/-/quit", Access.Write)]
    [InlineData("POST", "/api/v2/silences", Access.Write)]
    [InlineData("DELETE", "/api/v2/silence/abc", Access.Write)]
    [InlineData("POST", "/api/v2/alerts", Access.Write)]
    [InlineData("POST", "/api/v1/admin/tsdb/snapshot", Access.Write)]
    [InlineData("PUT", "/api/v1/admin/tsdb/delete_series", Access.Write)]
    [InlineData("POST", "/api/v1/some_future_endpoint", Access.Write)] // unknown POSTs default to state-changing
    [InlineData("PATCH", "/anything", Access.Write)]
    [InlineData("POST", "/logout", Access.Session)]
    [InlineData("GET", "/logout", Access.Read)]
    public void Classify_Table(string method, string path, Access expected) => Assert.Equal(expected, AccessPolicy.Classify(method, path));

    [Fact]
    public void Classify_EveryListedReadOnlyPost_IsRead()
    {
        foreach (var path in AccessPolicy.ReadOnlyPostPaths) Assert.Equal(Access.Read, AccessPolicy.Classify("POST", path));
    }
}
