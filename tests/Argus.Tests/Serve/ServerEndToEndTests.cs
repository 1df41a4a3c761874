using System.Text.Json;
using Argus.Cli;
using Argus.Tests.Testing;

namespace Argus.Tests.Serve;

/// <summary>Runs the whole server in process on a free port: readiness, self-scrape, targets API, reload, shutdown.</summary>
[Trait("Category", "Integration")]
public sealed class ServerEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-").FullName;

    [Fact]
    public async Task ServesScrapesReloadsAndShutsDownCleanly()
    {
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, SelfScrape(port, "argus"));
        using var stop = new CancellationTokenSource();
        var options = new ServeOptions
        {
            ConfigFile = config,
            StoragePath = Path.Combine(_dir, "data"),
            ListenAddress = $"127.0.0.1:{port}",
            LogLevel = "warn",
        };
        var run = ArgusServer.RunAsync(options, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await WaitAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, run);
            Assert.Equal("Argus Server is Healthy.\n", await http.GetStringAsync("/-/healthy"));

            // The self-scrape target turns up within a couple of intervals.
            await WaitAsync(async () => (await Targets(http)).Any(t => t.Job == "argus" && t.Health == "up"), run);
            await WaitAsync(async () => (await Targets(http)).Any(t => t.Job == "node" && t.Health == "up"), run);

            string metrics = await http.GetStringAsync("/metrics");
            using (var md = JsonDocument.Parse(await http.GetStringAsync("/api/v1/metadata?metric=argus_tsdb_head_series")))
            {
                var entry = md.RootElement.GetProperty("data").GetProperty("argus_tsdb_head_series")[0];
                Assert.Equal("gauge", entry.GetProperty("type").GetString());
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("help").GetString()));
            }
            Assert.Contains("argus_config_last_reload_successful 1", metrics);
            Assert.Contains("prometheus_tsdb_head_series ", metrics);
            Assert.Contains("prometheus_target_scrape_pool_targets{scrape_job=\"argus\"} 1", metrics);
            Assert.Contains("argus_http_requests_total{code=\"200\",handler=\"/api/v1/targets\"}", metrics);

            using (var tsdb = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status/tsdb?limit=3")))
            {
                var data = tsdb.RootElement.GetProperty("data");
                Assert.True(data.GetProperty("headStats").GetProperty("numSeries").GetInt64() > 100);
                Assert.Equal(3, data.GetProperty("seriesCountByMetricName").GetArrayLength());
            }
            Assert.Equal(400, (int)(await http.GetAsync("/api/v1/status/tsdb?limit=-1")).StatusCode);
            using (var rt = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status/runtimeinfo")))
            {
                var data = rt.RootElement.GetProperty("data");
                Assert.True(data.GetProperty("reloadConfigSuccess").GetBoolean());
                Assert.Equal("15d", data.GetProperty("storageRetention").GetString());
            }

            // A broken config is rejected and the running one stays.
            await File.WriteAllTextAsync(config, "scrape_configs:\n  - job_name: a\n    bogus: 1\n");
            var bad = await http.PostAsync("/-/reload", null);
            Assert.Equal(500, (int)bad.StatusCode);
            Assert.Contains("prometheus.yml:3", await bad.Content.ReadAsStringAsync());
            Assert.Contains("argus_config_last_reload_successful 0", await http.GetStringAsync("/metrics"));
            Assert.Contains(await Targets(http), t => t.Job == "argus");

            // A good one replaces it: the renamed job appears, the old one goes.
            await File.WriteAllTextAsync(config, SelfScrape(port, "argus2"));
            Assert.True((await http.PostAsync("/-/reload", null)).IsSuccessStatusCode);
            var after = await Targets(http);
            Assert.Contains(after, t => t.Job == "argus2");
            Assert.DoesNotContain(after, t => t.Job == "argus");

            var notFound = await http.GetAsync("/api/no/such/path");
            Assert.Equal(404, (int)notFound.StatusCode);
            Assert.Equal("404 page not found\n", await notFound.Content.ReadAsStringAsync());
            var wrongMethod = await http.DeleteAsync("/api/v1/targets");
            Assert.Equal(405, (int)wrongMethod.StatusCode);
            Assert.Equal("Method Not Allowed\n", await wrongMethod.Content.ReadAsStringAsync());
            Assert.Equal(405, (int)(await http.GetAsync("/-/reload")).StatusCode);
        }
        finally
        {
            stop.Cancel();
        }
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static string SelfScrape(int port, string job) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: {job}
            static_configs:
              - targets: ["127.0.0.1:{port}"]
        """;

    private static async Task<List<(string Job, string Health)>> Targets(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets"));
        Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
        return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (t.GetProperty("labels").GetProperty("job").GetString()!, t.GetProperty("health").GetString()!)).ToList();
    }

    private static Task WaitAsync(Func<Task<bool>> condition, Task<int> server) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(30), () => server.IsCompleted ? $"server stopped early with exit code {server.Result}" : null);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
