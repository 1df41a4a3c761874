using System.Net;
using System.Text.Json;
using Argus.Collect.Scrape;
using Argus.Model;
using Argus.Serve;
using Argus.Serve.Dashboards;
using Argus.Store.Head;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using IQueryable = Argus.Store.IQueryable;

namespace Argus.Tests.Serve.Dashboards;

public sealed class DashboardsApiTests : IAsyncLifetime, IWebServices
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-dash-api-").FullName;
    private DashboardCatalog _catalog = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.json"), "{\n\"uid\": 1,,\n}");
        File.WriteAllText(Path.Combine(_dir, "mine.json"), """
            {"__inputs":[{"name":"DS_PROMETHEUS","type":"datasource"}],"uid":"mine","title":"Mine","tags":["t"],
             "panels":[{"type":"timeseries","datasource":"${DS_PROMETHEUS}","targets":[{"expr":"up"}]}]}
            """);
        _catalog = new DashboardCatalog(_dir, DefaultDashboards.Load(), TimeProvider.System, NullLogger<DashboardCatalog>.Instance);
        _catalog.Start();
        int port = PeerProcess.FreePort();
        _app = WebServer.Build(new IPEndPoint(IPAddress.Loopback, port), this, NullLoggerFactory.Instance);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _catalog.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<JsonElement> GetDataAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task List_DefaultsFilesAndErrors()
    {
        var root = await GetDataAsync("/api/argus/dashboards");
        Assert.Equal("success", root.GetProperty("status").GetString());
        var list = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(8, list.Count);   // 6 defaults, mine, bad
        var mine = Assert.Single(list, d => d.GetProperty("uid").GetString() == "mine");
        Assert.Equal(("Mine", "", "t"), (mine.GetProperty("title").GetString(), mine.GetProperty("folder").GetString(), mine.GetProperty("tags")[0].GetString()));
        Assert.Equal(Path.Combine(_dir, "mine.json"), mine.GetProperty("source").GetString());
        var bad = Assert.Single(list, d => d.TryGetProperty("error", out _));
        Assert.StartsWith(Path.Combine(_dir, "bad.json") + ":2:", bad.GetProperty("error").GetString());
        var home = Assert.Single(list, d => d.GetProperty("home").GetBoolean());
        Assert.Equal(DefaultDashboards.HomeUid, home.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Get_ResolvedJson()
    {
        var data = (await GetDataAsync("/api/argus/dashboards/mine")).GetProperty("data");
        var dashboard = data.GetProperty("dashboard");
        Assert.Equal("argus", dashboard.GetProperty("panels")[0].GetProperty("datasource").GetString());
        Assert.False(dashboard.TryGetProperty("__inputs", out _));
        Assert.False(data.GetProperty("meta").GetProperty("embedded").GetBoolean());
    }

    [Fact]
    public async Task Get_Unknown_NotFound()
    {
        var root = await GetDataAsync("/api/argus/dashboards/nope", HttpStatusCode.NotFound);
        Assert.Equal("not_found", root.GetProperty("errorType").GetString());
        Assert.Contains("\"nope\"", root.GetProperty("error").GetString());
    }

    /// <summary>The bootstrap object index.html carries for <paramref name="path"/> (IndexPage, DashboardsApi.WriteBootstrap).</summary>
    private async Task<JsonElement> BootstrapAsync(string path)
    {
        string html = await _http.GetStringAsync(path);
        const string open = "<script type=\"application/json\" id=\"argus-bootstrap\">";
        int start = html.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, "no bootstrap in the page:\n" + html);
        start += open.Length;
        return JsonDocument.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)]).RootElement;
    }

    [Fact]
    public async Task IndexPage_Home_EmbedsSessionAndTheHomeDashboardAsTheApiAnswers()
    {
        var boot = await BootstrapAsync("/?from=now-10m&to=now");
        Assert.False(boot.GetProperty("session").GetProperty("authEnabled").GetBoolean());
        Assert.Equal(DefaultDashboards.HomeUid, boot.GetProperty("home").GetString());
        var api = (await GetDataAsync("/api/argus/dashboards/" + DefaultDashboards.HomeUid)).GetProperty("data");
        Assert.Equal(api.GetRawText(), boot.GetProperty("dashboards").GetProperty(DefaultDashboards.HomeUid).GetRawText());
    }

    [Theory]
    [InlineData("/d/mine", true)]
    [InlineData("/d/mine/my-slug", true)]
    [InlineData("/d/bad", false)]        // invalid file: the page fetches it and shows the error
    [InlineData("/d/nope", false)]
    [InlineData("/graph", false)]
    public async Task IndexPage_DashboardPath_EmbedsThatDashboardOnly(string path, bool embedded)
    {
        var boot = await BootstrapAsync(path);
        Assert.True(boot.TryGetProperty("session", out _));
        Assert.False(boot.TryGetProperty("home", out _));
        Assert.Equal(embedded, boot.TryGetProperty("dashboards", out var dashboards));
        if (embedded) Assert.Equal("Mine", Assert.Single(dashboards.EnumerateObject()).Value.GetProperty("dashboard").GetProperty("title").GetString());
    }

    // IWebServices: only the dashboards matter here.
    public Argus.Serve.Dashboards.DashboardCatalog? Dashboards => _catalog;
    public bool Ready => true;
    public MetricsRegistry Registry { get; } = new();
    public ICollector Metrics => Registry;
    public IReadOnlyList<ScrapePool> ScrapePools => [];
    public IQueryable Store => EmptyStore.Instance;
    public Argus.Query.Engine.Engine Engine { get; } = new(new Argus.Query.Engine.EngineOptions());
    public int MaxConcurrentQueries => 1;
    public IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>();
    public string ConfigYaml => "";
    public RuntimeInfo RuntimeInfo { get; } = new(DateTimeOffset.UnixEpoch, true, DateTimeOffset.UnixEpoch, "15d");
    public HeadStats? TsdbStats(int limit) => null;
    public Task<string?> ReloadAsync() => Task.FromResult<string?>(null);
}
