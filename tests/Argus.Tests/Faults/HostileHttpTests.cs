using System.Net;
using System.Net.Sockets;
using System.Text;
using Argus.Serve;
using Argus.Tests.Serve;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Argus.Tests.Faults;

/// <summary>
/// Hostile HTTP input on every endpoint of the real <c>argus</c> process. The routes are enumerated from the server's own
/// endpoint data sources (so a new endpoint is covered without editing this test), then each gets oversized bodies,
/// malformed JSON and forms, bad parameters, a 10 MB query and deeply nested PromQL; file-like paths get traversal attempts.
/// Every answer must be a clear 4xx (or a harmless 2xx), never a 5xx, and the process must stay alive and healthy.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileHttpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-http-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Routes that would stop or reconfigure the server under test: exercised elsewhere, never with garbage here.</summary>
    private static readonly HashSet<string> s_skipped = ["/-/quit"];

    /// <summary>Every (method, route template) the web server maps, read from its endpoint data sources without starting it.</summary>
    internal static async Task<List<(string Method, string Route)>> RoutesAsync()
    {
        await using var services = await ApiTestServer.StartAsync(_ => { });
        var app = WebServer.Build(new IPEndPoint(IPAddress.Loopback, 0), services, NullLoggerFactory.Instance);
        try
        {
            var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText is not null)
                .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    .Select(m => (m, e.RoutePattern.RawText!)))
                .Distinct().OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal).ToList();
            return routes;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryEndpoint_AnswersHostileInputWith4xx_AndTheProcessSurvives()
    {
        var routes = await RoutesAsync();
        Assert.True(routes.Count > 20, $"only {routes.Count} routes found: {string.Join(", ", routes)}");
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"global: {{scrape_interval: 1s, evaluation_interval: 1s}}\n" +
            $"scrape_configs: [{{job_name: argus, static_configs: [{{targets: ['127.0.0.1:{port}']}}]}}]\n");
        await using var argus = ArgusProcess.Start("--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--query.max-samples=1000000");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Func<string?> died = () => argus.HasExited ? "argus exited:\n" + argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromSeconds(30), died);

        var failures = new List<string>();
        byte[] oversized = new byte[40 << 20];
        string hugeQuery = "sum(" + string.Concat(Enumerable.Repeat("up + ", 2_000_000)) + "up)";
        string deep = new string('(', 900) + "up" + new string(')', 900);
        string tooDeep = new string('(', 100_000) + "up" + new string(')', 100_000);
        string longChain = string.Concat(Enumerable.Repeat("1 + ", 900)) + "1";
        string[] badParams =
        [
            "query=up{&time=abc", "query=rate(up[5m]&start=x&end=y&step=0", "start=1e400&end=-1e400&step=-1",
            "match[]={&limit=-1", "match[]=" + Uri.EscapeDataString("{__name__=~\"(a+)+$\"}") + "&start=0&end=1e18",
            "query=up&start=0&end=1e12&step=0.001", "filter=%ff%fe&active=maybe&silenced=2", "limit=99999999999999999999",
        ];
        foreach (var (method, route) in routes)
        {
            if (s_skipped.Contains(route)) continue;
            string path = route.Replace("{**", "{", StringComparison.Ordinal);
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]*\\}", Uri.EscapeDataString("..%2f..%2fetc%2fpasswd\u00e9\u0000"));
            var m = new HttpMethod(method);
            foreach (var q in badParams) await CheckAsync(m, path + "?" + q, null);
            if (method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                await CheckAsync(m, path, () => new ByteArrayContent(oversized) { Headers = { { "Content-Type", "application/json" } } });
                await CheckAsync(m, path, () => new StringContent("{\"matchers\": [", Encoding.UTF8, "application/json"));
                await CheckAsync(m, path, () => new StringContent("[[[[[[[[" + new string('[', 100_000), Encoding.UTF8, "application/json"));
                await CheckAsync(m, path, () => new StringContent("{\"startsAt\": \"yesterday\", \"labels\": 5}", Encoding.UTF8, "application/json"));
                await CheckAsync(m, path, () => new StringContent("query=%zz&&&=", Encoding.UTF8, "application/x-www-form-urlencoded"));
                await CheckAsync(m, path, () => new FormUrlEncodedContent([new("query", hugeQuery)]));
                await CheckAsync(m, path, () => new FormUrlEncodedContent([new("query", tooDeep), new("match[]", tooDeep)]));
                await CheckAsync(m, path, () => new FormUrlEncodedContent([new("query", deep), new("start", "0"), new("end", "60"), new("step", "15")]));
                await CheckAsync(m, path, () => new FormUrlEncodedContent([new("query", longChain), new("start", "0"), new("end", "60"), new("step", "15")]));
            }
            if (died() is { } why) Assert.Fail($"after {method} {route}: {why}");
        }

        // Path traversal, sent raw so no client normalizes the dots away.
        foreach (var p in new[] { "/../../../../etc/passwd", "/static/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/graph/..%2f..%2f..%2fetc%2fpasswd", "/assets/....//....//etc/passwd", "/api/v1/label/..%2f..%2fetc%2fpasswd/values", "//etc/passwd" })
        {
            var (status, body) = await RawGetAsync(port, p);
            if (status >= 500 || status == 0) failures.Add($"GET {p} (raw): {status}");
            if (body.Contains("root:x:0:0", StringComparison.Ordinal)) failures.Add($"GET {p} (raw) served /etc/passwd");
        }

        Assert.Null(died());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/-/healthy")).StatusCode);
        Assert.True(failures.Count == 0, $"{failures.Count} hostile requests were not answered with a 4xx:\n{string.Join('\n', failures)}");

        async Task CheckAsync(HttpMethod method, string url, Func<HttpContent>? content)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content?.Invoke() };
            try
            {
                using var response = await http.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    string body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{method} {Shorten(url)} ({request.Content?.Headers.ContentLength ?? 0} bytes): {(int)response.StatusCode} {Shorten(body)}");
                }
            }
            catch (HttpRequestException e) when (request.Content?.Headers.ContentLength > 32 << 20)
            {
                // Kestrel may answer 413 and close before a 40 MB upload is sent; the client sees a reset. Fine if alive.
                _ = e;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{method} {Shorten(url)}: {e.GetType().Name} {e.Message}{died()}");
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + $"… ({s.Length} chars)";

    private static async Task<(int Status, string Body)> RawGetAsync(int port, string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string response = await reader.ReadToEndAsync(cts.Token);
        var statusLine = response.Split("\r\n")[0].Split(' ');
        return (statusLine.Length > 1 && int.TryParse(statusLine[1], out int s) ? s : 0, response);
    }
}
