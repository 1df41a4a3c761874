using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Argus.Collect.Scrape;
using Argus.Config.Alertmanager;
using Argus.Model;
using Argus.Notify;
using Argus.Serve;
using Argus.Serve.Auth;
using Argus.Store.Head;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Tests.Serve.Auth;

/// <summary>
/// The real web server, built by <see cref="WebServer.Build"/> with every optional stage present (the built-in
/// Alertmanager too, so its routes are registered), authentication on: admin "admin"/"admin-pw", viewer "viewer"/"viewer-pw",
/// web config users "grafana"/"grafana-pw" (bcrypt, admin) and "wallboard"/"wallboard-pw" (bcrypt, a viewer through
/// ARGUS_VIEWER_USERS) and API tokens. Clients neither follow redirects nor keep cookies.
/// </summary>
public sealed class AuthTestServer : IWebServices, IAsyncDisposable
{
    public const string AdminToken = "admin-token-0123456789abcdef0123456789";
    public const string ViewerToken = "viewer-token-0123456789abcdef012345678";

    private readonly string _dir;
    private WebApplication? _app;
    private readonly Head _head = new(new HeadOptions(), null, new MetricsRegistry(), NullLogger.Instance);

    private AuthTestServer(string dir, int port, string scheme, HttpMessageHandler? handler)
    {
        _dir = dir;
        Port = port;
        BaseUrl = $"{scheme}://127.0.0.1:{port}";
        Http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public int Port { get; }
    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public NotifyService Notify { get; private set; } = null!;
    public WebSecurity Security { get; private set; } = null!;
    public int Reloads { get; private set; }

    public static async Task<AuthTestServer> StartAsync(string? webConfigYaml = null, TimeProvider? time = null,
        Func<string, HttpMessageHandler>? handler = null, bool withEnvUsers = true)
    {
        string dir = Directory.CreateTempSubdirectory("argus-auth-").FullName;
        string tokens = Path.Combine(dir, "tokens");
        await File.WriteAllTextAsync(tokens, $"# name role token\nci admin {AdminToken}\ngrafana-ds viewer {ViewerToken}\n");
        var env = new Dictionary<string, string>
        {
            ["ARGUS_API_TOKENS_FILE"] = tokens,
        };
        if (withEnvUsers)
        {
            env["ARGUS_ADMIN_USER"] = "admin";
            env["ARGUS_ADMIN_PASSWORD"] = "admin-pw";
            env["ARGUS_VIEWER_USER"] = "viewer";
            env["ARGUS_VIEWER_PASSWORD"] = "viewer-pw";
        }
        if (webConfigYaml is null)
        {
            webConfigYaml = $"basic_auth_users:\n  grafana: {BCrypt.Net.BCrypt.HashPassword("grafana-pw", 4)}\n"
                + $"  wallboard: {BCrypt.Net.BCrypt.HashPassword("wallboard-pw", 4)}\n";
            env["ARGUS_VIEWER_USERS"] = "wallboard";
        }
        string webConfigFile = Path.Combine(dir, "web.yml");
        await File.WriteAllTextAsync(webConfigFile, webConfigYaml);
        var webConfig = WebConfigLoader.Load(webConfigFile);
        var settings = AuthSettings.FromEnvironment(n => env.GetValueOrDefault(n), TimeProvider.System, out var errors, webConfig);
        Assert.True(settings is not null, string.Join("\n", errors));
        int port = PeerProcess.FreePort();
        var server = new AuthTestServer(dir, port, webConfig.Tls is null ? "http" : "https", handler?.Invoke(dir));
        var am = AlertmanagerConfigLoader.LoadString("route: {receiver: x}\nreceivers: [{name: x}]\n");
        Assert.True(am.Success, am.ErrorText);
        server.Notify = new NotifyService(am.Config!, Path.Combine(dir, "am"), TimeProvider.System, new MetricsRegistry(), NullLoggerFactory.Instance);
        server.Notify.Start();
        server.Security = WebSecurity.Create(settings!, webConfig, server.Registry, NullLoggerFactory.Instance, time);
        server._app = WebServer.Build(new IPEndPoint(IPAddress.Loopback, port), server, NullLoggerFactory.Instance, server.Security);
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Every (method, concrete path) the server routes, parameters filled with "x"; the catch-all fallback excluded.</summary>
    public IReadOnlyList<(string Method, string Path)> Routes()
    {
        var routes = new List<(string, string)>();
        foreach (var e in _app!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string? pattern = e.RoutePattern.RawText;
            if (pattern is null || pattern.Contains('*')) continue;
            string path = "/" + string.Join('/', pattern.Trim('/').Split('/').Select(s => s.StartsWith('{') ? "x" : s));
            foreach (var m in e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]) routes.Add((m, path));
        }
        return routes;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>Signs in through the form like a browser; returns the session cookie value and the CSRF token for it.</summary>
    public async Task<(string Cookie, string Csrf)> SignInAsync(string user, string password)
    {
        using var form = await Http.GetAsync("/login");
        string html = await form.Content.ReadAsStringAsync();
        string loginCsrf = CookieValue(form, AuthEndpoints.LoginCsrfCookie)!;
        Assert.Contains($"value=\"{loginCsrf}\"", html);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("user", user), new("password", password), new("csrf", loginCsrf), new("next", "/")]),
        };
        post.Headers.Add("Cookie", $"{AuthEndpoints.LoginCsrfCookie}={loginCsrf}");
        using var signedIn = await Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        string cookie = CookieValue(signedIn, AuthService.SessionCookie)!;
        using var info = new HttpRequestMessage(HttpMethod.Get, "/api/argus/session");
        info.Headers.Add("Cookie", $"{AuthService.SessionCookie}={cookie}");
        using var infoResponse = await Http.SendAsync(info);
        using var doc = System.Text.Json.JsonDocument.Parse(await infoResponse.Content.ReadAsStringAsync());
        return (cookie, doc.RootElement.GetProperty("csrfToken").GetString()!);
    }

    public static string? CookieValue(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies)) return null;
        foreach (var c in cookies)
        {
            if (c.StartsWith(name + "=", StringComparison.Ordinal)) return c[(name.Length + 1)..].Split(';')[0];
        }
        return null;
    }

    public static string? SetCookieHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    public bool Ready => true;
    public MetricsRegistry Registry { get; } = new();
    public ICollector Metrics => Registry;
    public IReadOnlyList<ScrapePool> ScrapePools => [];
    public IQueryable Store => _head;
    public Argus.Query.Engine.Engine Engine { get; } = new(new Argus.Query.Engine.EngineOptions());
    public int MaxConcurrentQueries => 4;
    public IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>();
    public string ConfigYaml => "global: {}\n";
    public RuntimeInfo RuntimeInfo { get; } = new(DateTimeOffset.UnixEpoch, true, DateTimeOffset.UnixEpoch, "15d");
    public HeadStats? TsdbStats(int limit) => _head.Stats(limit);
    public NotifyService? Alertmanager => Notify;
    public Argus.Rules.RuleManager? Rules => null;

    public Task<string?> ReloadAsync()
    {
        Reloads++;
        return Task.FromResult<string?>(null);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Notify.DisposeAsync();
        _head.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
