using System.Net;
using System.Text.Json;
using Argus.Serve.Auth;

namespace Argus.Tests.Serve.Auth;

/// <summary>
/// With authentication on, every route the real server registers (read from its EndpointDataSource, so a route added
/// tomorrow is covered without touching this file) refuses anonymous requests, serves the admin, refuses the viewer
/// when the route changes state, and refuses a session cookie without the CSRF token.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EveryRouteAuthTests : IAsyncLifetime
{
    private AuthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(string method, string path, Action<HttpRequestMessage>? setup = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "DELETE") request.Content = new StringContent("");
        setup?.Invoke(request);
        return await _server.Http.SendAsync(request);
    }

    private static string Describe(string method, string path, HttpResponseMessage r) => $"{method} {path} → {(int)r.StatusCode}";

    [Fact]
    public void Routes_IncludeEveryStage()
    {
        var routes = _server.Routes();
        // A sanity check that enumeration sees the whole server, not an empty or partial table.
        foreach (var expected in new[] { ("GET", "/metrics"), ("POST", "/-/reload"), ("GET", "/api/v1/query"), ("POST", "/api/v2/silences"),
            ("DELETE", "/api/v2/silence/x"), ("GET", "/api/argus/session"), ("POST", "/logout"), ("GET", "/login") })
        {
            Assert.Contains(expected, routes);
        }
    }

    [Fact]
    public async Task EveryRoute_Anonymous_IsRefusedUnlessOpen()
    {
        foreach (var (method, path) in _server.Routes())
        {
            using var r = await SendAsync(method, path);
            string what = Describe(method, path, r);
            if (AccessPolicy.Classify(method, path) == Access.Open)
            {
                Assert.True(r.StatusCode is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden, what);
                continue;
            }
            Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, what);
            Assert.Equal("Basic", r.Headers.WwwAuthenticate.Single().Scheme);
            string body = await r.Content.ReadAsStringAsync();
            Assert.DoesNotContain("admin-pw", body);
            if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                using var doc = JsonDocument.Parse(body);
                Assert.Equal("error", doc.RootElement.GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    public async Task EveryRoute_WrongCredentials_AreRefused_ThenTheClientIsLockedOut()
    {
        int attempts = 0;
        foreach (var (method, path) in _server.Routes().Where(r => AccessPolicy.Classify(r.Method, r.Path) != Access.Open))
        {
            using var r = await SendAsync(method, path, q => q.Headers.Authorization = AuthTestServer.Bearer("not-a-token-not-a-token-not-a-token"));
            // The first five failures are 401; from then on this address is locked out (429) even for valid credentials.
            var expected = ++attempts <= LoginRateLimiter.Burst ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests;
            Assert.True(r.StatusCode == expected, Describe(method, path, r) + $" attempt {attempts}");
        }
        using var locked = await SendAsync("GET", "/api/v1/query", q => q.Headers.Authorization = AuthTestServer.Bearer(AuthTestServer.AdminToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("argus_http_auth_lockouts_total{key=\"ip\"} 1", await MetricsTextAsync());
    }

    private async Task<string> MetricsTextAsync()
    {
        var families = new List<Argus.Model.MetricFamily>();
        _server.Registry.Collect(families);
        using var ms = new MemoryStream();
        await Argus.Collect.Exposition.ExpositionWriter.WriteAsync(ms, families, default);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public async Task EveryGetPage_BrowserWithoutSession_IsRedirectedToLogin()
    {
        foreach (var (method, path) in _server.Routes().Where(r => r.Method == "GET" && !r.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            using var r = await SendAsync(method, path + "?a=1", q => q.Headers.Add("Accept", "text/html,application/xhtml+xml"));
            string what = Describe(method, path, r);
            if (AccessPolicy.Classify(method, path) == Access.Open) continue;
            Assert.True(r.StatusCode == HttpStatusCode.Redirect, what);
            Assert.Equal("/login?next=" + Uri.EscapeDataString(path + "?a=1"), r.Headers.Location!.OriginalString);
        }
    }

    public static TheoryData<string> AdminCredentials => new() { "basic-env", "basic-webconfig", "bearer", "session" };

    [Theory]
    [MemberData(nameof(AdminCredentials))]
    public async Task EveryRoute_Admin_IsServed(string kind)
    {
        var session = kind == "session" ? await _server.SignInAsync("admin", "admin-pw") : default;
        foreach (var (method, path) in _server.Routes())
        {
            if (path == "/logout" && kind == "session") continue; // would end the session the loop uses; tested on its own
            using var r = await SendAsync(method, path, q =>
            {
                switch (kind)
                {
                    case "basic-env": q.Headers.Authorization = AuthTestServer.Basic("admin", "admin-pw"); break;
                    case "basic-webconfig": q.Headers.Authorization = AuthTestServer.Basic("grafana", "grafana-pw"); break;
                    case "bearer": q.Headers.Authorization = AuthTestServer.Bearer(AuthTestServer.AdminToken); break;
                    default:
                        q.Headers.Add("Cookie", $"{AuthService.SessionCookie}={session.Cookie}");
                        q.Headers.Add(AuthMiddleware.CsrfHeader, session.Csrf);
                        break;
                }
            });
            Assert.True(r.StatusCode is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden and not HttpStatusCode.TooManyRequests,
                Describe(method, path, r) + " as " + kind);
        }
        Assert.True(_server.Reloads > 0);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("bearer")]
    [InlineData("session")]
    [InlineData("basic-webconfig")]     // a basic_auth_users entry named in ARGUS_VIEWER_USERS
    [InlineData("session-webconfig")]
    public async Task EveryRoute_Viewer_ReadsButCannotChangeState(string kind)
    {
        var session = kind switch
        {
            "session" => await _server.SignInAsync("viewer", "viewer-pw"),
            "session-webconfig" => await _server.SignInAsync("wallboard", "wallboard-pw"),
            _ => default,
        };
        foreach (var (method, path) in _server.Routes())
        {
            if (path == "/logout" && kind.StartsWith("session", StringComparison.Ordinal)) continue;
            using var r = await SendAsync(method, path, q =>
            {
                if (kind == "basic") q.Headers.Authorization = AuthTestServer.Basic("viewer", "viewer-pw");
                else if (kind == "basic-webconfig") q.Headers.Authorization = AuthTestServer.Basic("wallboard", "wallboard-pw");
                else if (kind == "bearer") q.Headers.Authorization = AuthTestServer.Bearer(AuthTestServer.ViewerToken);
                else
                {
                    q.Headers.Add("Cookie", $"{AuthService.SessionCookie}={session.Cookie}");
                    q.Headers.Add(AuthMiddleware.CsrfHeader, session.Csrf);
                }
            });
            string what = Describe(method, path, r) + " as viewer via " + kind;
            if (AccessPolicy.Classify(method, path) == Access.Write)
            {
                Assert.True(r.StatusCode == HttpStatusCode.Forbidden, what);
                if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
                {
                    using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
                    Assert.Equal("forbidden", doc.RootElement.GetProperty("errorType").GetString());
                }
            }
            else
            {
                Assert.True(r.StatusCode is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden, what);
            }
        }
        Assert.Equal(0, _server.Reloads);
        Assert.Empty(_server.Notify.Silences.List());
    }

    [Fact]
    public async Task EveryStateChangingRoute_SessionWithoutCsrfToken_IsRefused()
    {
        var (cookie, csrf) = await _server.SignInAsync("admin", "admin-pw");
        foreach (var (method, path) in _server.Routes().Where(r => AccessPolicy.Classify(r.Method, r.Path) is Access.Write or Access.Session))
        {
            using var none = await SendAsync(method, path, q => q.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}"));
            Assert.True(none.StatusCode == HttpStatusCode.Forbidden, Describe(method, path, none) + " without token");
            using var wrong = await SendAsync(method, path, q =>
            {
                q.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}");
                q.Headers.Add(AuthMiddleware.CsrfHeader, csrf[..^1] + (csrf[^1] == 'A' ? 'B' : 'A'));
            });
            Assert.True(wrong.StatusCode == HttpStatusCode.Forbidden, Describe(method, path, wrong) + " with a wrong token");
            using var crossSite = await SendAsync(method, path, q =>
            {
                q.Headers.Authorization = AuthTestServer.Basic("admin", "admin-pw");
                q.Headers.Add("Origin", "https://evil.example");
            });
            Assert.True(crossSite.StatusCode == HttpStatusCode.Forbidden, Describe(method, path, crossSite) + " cross-site");
            using var fetchSite = await SendAsync(method, path, q =>
            {
                q.Headers.Authorization = AuthTestServer.Basic("admin", "admin-pw");
                q.Headers.Add("Sec-Fetch-Site", "cross-site");
            });
            Assert.True(fetchSite.StatusCode == HttpStatusCode.Forbidden, Describe(method, path, fetchSite) + " Sec-Fetch-Site cross-site");
        }
        Assert.Equal(0, _server.Reloads);
    }
}
