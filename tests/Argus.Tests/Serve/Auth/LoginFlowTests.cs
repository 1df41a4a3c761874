using System.Net;
using System.Text.Json;
using Argus.Serve;
using Argus.Serve.Auth;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Serve.Auth;

/// <summary>The browser's path: login form, session cookie, /api/argus/session, logout; and what must never leak.</summary>
[Trait("Category", "Integration")]
public sealed class LoginFlowTests : IAsyncLifetime
{
    private AuthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> PostLoginAsync(string user, string password, string next = "/", bool withCsrf = true, string? origin = null)
    {
        using var form = await _server.Http.GetAsync("/login");
        string token = AuthTestServer.CookieValue(form, AuthEndpoints.LoginCsrfCookie)!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("user", user), new("password", password), new("csrf", withCsrf ? token : ""), new("next", next)]),
        };
        post.Headers.Add("Cookie", $"{AuthEndpoints.LoginCsrfCookie}={token}");
        if (origin is not null) post.Headers.Add("Origin", origin);
        return await _server.Http.SendAsync(post);
    }

    [Fact]
    public async Task LoginForm_IsSelfContained_WithSecurityHeaders()
    {
        using var r = await _server.Http.GetAsync("/login?next=%2Fgraph");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        string html = await r.Content.ReadAsStringAsync();
        Assert.Contains("name=\"next\" value=\"/graph\"", html);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", r.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(LoginPage.ContentSecurityPolicy, r.Headers.GetValues("Content-Security-Policy").Single());
        string setCookie = AuthTestServer.SetCookieHeader(r, AuthEndpoints.LoginCsrfCookie)!;
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_Success_SetsAnHttpOnlyLaxSessionCookie_AndRedirectsToNext()
    {
        using var r = await PostLoginAsync("viewer", "viewer-pw", "/graph?g0.expr=up");
        Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        Assert.Equal("/graph?g0.expr=up", r.Headers.Location!.OriginalString);
        string setCookie = AuthTestServer.SetCookieHeader(r, AuthService.SessionCookie)!;
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; TlsTests covers Secure

        string cookie = AuthTestServer.CookieValue(r, AuthService.SessionCookie)!;
        using var info = new HttpRequestMessage(HttpMethod.Get, "/api/argus/session");
        info.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}");
        using var ir = await _server.Http.SendAsync(info);
        using var doc = JsonDocument.Parse(await ir.Content.ReadAsStringAsync());
        Assert.Equal("viewer", doc.RootElement.GetProperty("user").GetString());
        Assert.Equal("viewer", doc.RootElement.GetProperty("role").GetString());
        Assert.Equal(43, doc.RootElement.GetProperty("csrfToken").GetString()!.Length);
        Assert.DoesNotContain(cookie, doc.RootElement.GetRawText()); // the session id is only ever in the HttpOnly cookie
        Assert.Equal("no-store", ir.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Login_BehindTlsProxy_CookieIsSecure()
    {
        using var form = await _server.Http.GetAsync("/login");
        string token = AuthTestServer.CookieValue(form, AuthEndpoints.LoginCsrfCookie)!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("user", "admin"), new("password", "admin-pw"), new("csrf", token)]),
        };
        post.Headers.Add("Cookie", $"{AuthEndpoints.LoginCsrfCookie}={token}");
        post.Headers.Add("X-Forwarded-Proto", "https");
        using var r = await _server.Http.SendAsync(post);
        Assert.Contains("secure", AuthTestServer.SetCookieHeader(r, AuthService.SessionCookie)!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Login_ForeignNext_RedirectsHome(string next)
    {
        using var r = await PostLoginAsync("admin", "admin-pw", next);
        Assert.Equal("/", r.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_Failures_SayTheSameForUnknownUserAndWrongPassword_ThenLockOut()
    {
        using var unknown = await PostLoginAsync("mallory", "x");
        using var wrong = await PostLoginAsync("admin", "wrong-pw");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        string a = await unknown.Content.ReadAsStringAsync(), b = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Invalid user name or password.", a);
        Assert.Equal(a.Replace("mallory", "", StringComparison.Ordinal).Split("csrf")[0], b.Replace("admin", "", StringComparison.Ordinal).Split("csrf")[0]);
        Assert.Null(AuthTestServer.CookieValue(wrong, AuthService.SessionCookie));
        Assert.DoesNotContain("wrong-pw", b);
        for (int i = 2; i < LoginRateLimiter.Burst; i++) (await PostLoginAsync("admin", "wrong-pw")).Dispose();
        using var locked = await PostLoginAsync("admin", "admin-pw"); // even the right password, while locked
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync());
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/query?query=1");
        basic.Headers.Authorization = AuthTestServer.Basic("admin", "admin-pw"); // basic auth shares the counters
        using var br = await _server.Http.SendAsync(basic);
        Assert.Equal(HttpStatusCode.TooManyRequests, br.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutFormToken_OrCrossSite_IsRefused()
    {
        using var noToken = await PostLoginAsync("admin", "admin-pw", withCsrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Null(AuthTestServer.CookieValue(noToken, AuthService.SessionCookie));
        using var crossSite = await PostLoginAsync("admin", "admin-pw", origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        using var sameOrigin = await PostLoginAsync("admin", "admin-pw", origin: _server.BaseUrl);
        Assert.Equal(HttpStatusCode.SeeOther, sameOrigin.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var (cookie, csrf) = await _server.SignInAsync("admin", "admin-pw");
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}");
        logout.Headers.Add(AuthMiddleware.CsrfHeader, csrf);
        using var lr = await _server.Http.SendAsync(logout);
        Assert.Equal(HttpStatusCode.NoContent, lr.StatusCode);
        Assert.Contains("expires=", AuthTestServer.SetCookieHeader(lr, AuthService.SessionCookie)!, StringComparison.OrdinalIgnoreCase);
        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/v1/query?query=1");
        after.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}");
        using var ar = await _server.Http.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, ar.StatusCode);
    }

    [Fact]
    public async Task AuthOff_EverythingOpen_SessionSaysSo_HeadersStillSet()
    {
        await using var open = await ApiTestServer.StartAsync(_ => { });
        using var r = await open.Http.GetAsync("/api/argus/session");
        Assert.Equal("{\"authEnabled\":false}", await r.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        using var reload = await open.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
    }
}
