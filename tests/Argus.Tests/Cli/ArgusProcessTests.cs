using System.Text.Json;
using Argus.Tests.Testing;

namespace Argus.Tests.Cli;

/// <summary>The real executable: exit codes, signals (SIGHUP reload, SIGTERM shutdown that keeps the data), agent, import.</summary>
[Trait("Category", "Integration")]
public sealed class ArgusProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-proc-").FullName;

    [Fact]
    public async Task VersionAndUsageErrors()
    {
        var (code, output) = await ArgusProcess.RunAsync("version");
        Assert.Equal(0, code);
        Assert.StartsWith("argus, version ", output);

        (code, output) = await ArgusProcess.RunAsync("--storage.tsdb.retention.time=forever");
        Assert.Equal(2, code);
        Assert.Contains("--storage.tsdb.retention.time", output);
    }

    [Fact]
    public async Task SighupReloadsAndSigtermShutsDownKeepingTheData()
    {
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        string data = Path.Combine(_dir, "data");
        await File.WriteAllTextAsync(config, Config(port, "first"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        string[] args = ["--config.file=" + config, "--storage.tsdb.path=" + data, $"--web.listen-address=127.0.0.1:{port}"];

        await using (var argus = ArgusProcess.Start(args))
        {
            await WaitAsync(async () => (await Jobs(http)).Contains("first"), argus);
            await WaitAsync(async () => (await HeadSeries(http)) > 0, argus);
            await File.WriteAllTextAsync(config, Config(port, "second"));
            argus.Signal(ArgusProcess.SIGHUP);
            await WaitAsync(async () => (await Jobs(http)).Contains("second"), argus);

            argus.Signal(ArgusProcess.SIGTERM);
            Assert.Equal(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Stopped store", argus.Output);
        }

        // Restart on the same data: the WAL replays what the first run stored.
        await using (var again = ArgusProcess.Start(args))
        {
            await WaitAsync(async () => (await Poll.StatusAsync(http, "/-/ready")) == 200, again);
            Assert.True(await HeadSeries(http) > 0);
            again.Signal(ArgusProcess.SIGTERM);
            Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task AgentServesHostMetrics()
    {
        int port = PeerProcess.FreePort();
        await using var agent = ArgusProcess.Start("agent", $"--web.listen-address=127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitAsync(async () => (await Poll.StatusAsync(http, "/metrics")) == 200, agent);
        string body = await http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE node_cpu_seconds_total counter", body);
        Assert.Contains("node_memory_MemTotal_bytes ", body);
        Assert.Contains("node_scrape_collector_success{collector=\"meminfo\"} 1", body);
    }

    [Fact]
    public async Task ImportOpenMetricsWritesBlocksOrNothing()
    {
        string good = Path.Combine(_dir, "good.om");
        await File.WriteAllTextAsync(good, "# TYPE http_requests counter\nhttp_requests_total{code=\"200\"} 1 1700000000\nhttp_requests_total{code=\"200\"} 5 1700000060\n# EOF\n");
        var (code, output) = await ArgusProcess.RunAsync("tsdb", "import", "openmetrics", good, Path.Combine(_dir, "store"));
        Assert.True(code == 0, output);
        Assert.Contains("BLOCK ", output);
        Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "store")), d => File.Exists(Path.Combine(d, "meta.json")));

        string bad = Path.Combine(_dir, "bad.om");
        await File.WriteAllTextAsync(bad, "up 1 1700000000\nup{ 2 1700000060\n# EOF\n");
        (code, output) = await ArgusProcess.RunAsync("tsdb", "import", "openmetrics", bad, Path.Combine(_dir, "store2"));
        Assert.Equal(1, code);
        Assert.Contains("bad.om:2", output);
        Assert.False(Directory.Exists(Path.Combine(_dir, "store2")) && Directory.EnumerateDirectories(Path.Combine(_dir, "store2")).Any(d => File.Exists(Path.Combine(d, "meta.json"))));
    }

    private static string Config(int port, string job) => $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: {job}
            static_configs:
              - targets: ["127.0.0.1:{port}"]
        """;

    private static async Task<List<string>> Jobs(HttpClient http)
    {
        if (await Poll.StatusAsync(http, "/api/v1/targets") != 200) return [];
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets"));
        return doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => t.GetProperty("labels").GetProperty("job").GetString()!).ToList();
    }

    private static async Task<long> HeadSeries(HttpClient http)
    {
        if (await Poll.StatusAsync(http, "/api/v1/status/tsdb") != 200) return 0;
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/status/tsdb"));
        return doc.RootElement.GetProperty("data").GetProperty("headStats").GetProperty("numSeries").GetInt64();
    }

    private static Task WaitAsync(Func<Task<bool>> condition, ArgusProcess p) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(40), () => p.HasExited ? "argus exited early:\n" + p.Output : null);

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
