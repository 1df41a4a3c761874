using System.Globalization;
using System.Text.Json;
using Argus.Tests.Testing;
using Xunit;

namespace Argus.Tests.Faults;

/// <summary>
/// A target that suddenly exposes millions of new series, against the real <c>argus</c> process. With a sample_limit the
/// scrape is rejected and the target's error says why; without one, --storage.tsdb.max-series keeps the head bounded, the
/// rejected samples are counted, the built-in ArgusSeriesLimitReached alert fires, and a healthy target keeps ingesting.
/// The bomb is rendered once by the test and served on every scrape; the longer variant is bench/load/cardinality-bomb.sh.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CardinalityBombTests : IDisposable
{
    private const int BombSeries = 2_000_000;
    private const int UnlimitedBombSeries = 100_000;
    private const int MaxSeries = 4_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-bomb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The bomb's body, rendered on the first scrape and then served as is (2M series are ~70 MB).</summary>
    private static Lazy<byte[]> Bomb(int n) => new(() =>
    {
        var body = new System.Text.StringBuilder(n * 40);
        for (int i = 0; i < n; i++) body.Append(CultureInfo.InvariantCulture, $"bomb_series{{shard=\"{i % 16}\",id=\"{i}\"}} {i}\n");
        return System.Text.Encoding.ASCII.GetBytes(body.ToString());
    });

    [Fact]
    public async Task SampleLimit_RejectsTheBomb_MaxSeries_ProtectsTheHead_AndTheSelfAlertFires()
    {
        var bomb = Bomb(BombSeries);
        var unlimited = Bomb(UnlimitedBombSeries);
        _ = (bomb.Value, unlimited.Value); // rendered before Argus starts, so the first scrape is not slowed by it
        await using var target = new HostileTarget(new()
        {
            ["/healthy"] = (s, ct) => HostileTarget.RespondAsync(s, "healthy_a 1\nhealthy_b{x=\"1\"} 2\n", ct),
            ["/bomb"] = (s, ct) => HostileTarget.RespondAsync(s, bomb.Value, ct),
            ["/unlimited"] = (s, ct) => HostileTarget.RespondAsync(s, unlimited.Value, ct),
        });
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
            scrape_configs:
            - job_name: argus
              static_configs: [{targets: ['127.0.0.1:{{port}}']}]
            - job_name: healthy
              metrics_path: /healthy
              static_configs: [{targets: ['{{target.Address}}']}]
            - job_name: bomb-limited
              metrics_path: /bomb
              scrape_interval: 10s
              scrape_timeout: 10s
              sample_limit: 1000
              static_configs: [{targets: ['{{target.Address}}']}]
            - job_name: bomb-unlimited
              metrics_path: /unlimited
              scrape_interval: 15s
              scrape_timeout: 15s
              static_configs: [{targets: ['{{target.Address}}']}]
            """);
        await using var argus = ArgusProcess.Start("--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--rules.builtin=true", $"--storage.tsdb.max-series={MaxSeries}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Func<string?> died = () => argus.HasExited ? "argus exited:\n" + argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromSeconds(30), died);

        // sample_limit: the scrape fails as a whole and the target says why.
        string limitedError = "";
        await Poll.UntilAsync(async () =>
        {
            // A 70 MB body may miss its 10 s timeout once on a loaded machine: wait for a scrape that got the whole body.
            limitedError = await TargetErrorAsync(http, "bomb-limited") ?? "";
            return limitedError.Contains("sample limit", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(90), died);
        Assert.Contains("sample limit exceeded", limitedError, StringComparison.Ordinal);

        // No limit on the job: the head stops at --storage.tsdb.max-series and counts what it refused. The unlimited body is
        // large: with the whole suite running beside it a scrape can miss a short timeout, so the job has 15 s for it.
        await Poll.UntilAsync(async () => await ScalarAsync(http, "sum(argus_tsdb_head_samples_rejected_total{reason=\"series_limit\"})") > 0,
            TimeSpan.FromSeconds(150), died);
        await Poll.UntilAsync(async () => await FiringAsync(http, "ArgusSeriesLimitReached"), TimeSpan.FromSeconds(60), died);
        Assert.Contains("--storage.tsdb.max-series=4000", argus.Output, StringComparison.Ordinal);

        double headSeries = await ScalarAsync(http, "argus_tsdb_head_series");
        Assert.InRange(headSeries, MaxSeries * 0.5, MaxSeries + 64); // concurrent creators may overshoot by their number
        Assert.Equal(MaxSeries, await ScalarAsync(http, "argus_tsdb_head_max_series"));

        // Existing series keep ingesting at their interval: the healthy target gained samples during the bomb.
        double before = await ScalarAsync(http, "count_over_time(healthy_a[1h])");
        await Task.Delay(TimeSpan.FromSeconds(4));
        double after = await ScalarAsync(http, "count_over_time(healthy_a[1h])");
        Assert.True(after - before >= 2, $"healthy target went from {before} to {after} samples in 4s of 1s scrapes");
        Assert.Equal(1, await ScalarAsync(http, "up{job=\"healthy\"}"));

        long rss = ResidentBytes(argus.Id);
        Assert.True(rss < 1536L << 20, $"argus uses {rss >> 20} MiB resident after the bomb");
    }

    internal static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }

    internal static async Task<string?> TargetErrorAsync(HttpClient http, string job)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets?state=active"));
        foreach (var t in doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            if (t.GetProperty("labels").GetProperty("job").GetString() == job) return t.GetProperty("lastError").GetString();
        }
        return null;
    }

    internal static async Task<double> ScalarAsync(HttpClient http, string query)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query)));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0) return double.NaN;
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task<bool> FiringAsync(HttpClient http, string alertname)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/alerts"));
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alertname && a.GetProperty("state").GetString() == "firing");
    }
}
