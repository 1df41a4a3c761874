using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Browser;

/// <summary>
/// A real Argus scraping itself every second (global scrape_interval 1s, so $__interval and $__rate_interval differ from
/// Grafana's 15 s default) with the dashboards of Browser/testdata (panel features: value mappings, links, inspect) from
/// --web.dashboards.path, and one Chromium.
/// </summary>
public sealed class PanelFeaturesFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-ui3-").FullName;
    private ArgusProcess? _argus;
    private BrowserSession? _browser;

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Http { get; private set; } = null!;
    public BrowserSession Browser => _browser ?? throw new InvalidOperationException("the fixture is not started");
    public string Output => _argus?.Output ?? "";

    public static string TestData([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "testdata");

    public async Task InitializeAsync()
    {
        if (BrowserSession.Unavailable is not null) return;
        Port = PeerProcess.FreePort();
        string dashboards = Path.Combine(_dir, "dashboards");
        Directory.CreateDirectory(dashboards);
        foreach (var f in Directory.EnumerateFiles(TestData(), "ui3-*.json")) File.Copy(f, Path.Combine(dashboards, Path.GetFileName(f)));
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), $$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: argus
                static_configs: [{targets: ['127.0.0.1:{{Port}}']}]
            """);
        _argus = ArgusProcess.Start("--config.file=" + Path.Combine(_dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{Port}", "--web.dashboards.path=" + dashboards, "--log.level=warn");
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Func<string?> died = () => _argus.HasExited ? "argus exited:\n" + _argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(Http, "/-/ready") == 200, TimeSpan.FromSeconds(60), died);
        await Poll.UntilAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count_over_time(up{job=\"argus\"}[1m]) > 3")));
            return doc.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(60), died);
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_argus is not null) await _argus.DisposeAsync();
        Http?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
