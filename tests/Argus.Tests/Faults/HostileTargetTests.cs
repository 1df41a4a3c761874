using System.Globalization;
using System.Text;
using System.Text.Json;
using Argus.Tests.Testing;
using Xunit;

namespace Argus.Tests.Faults;

/// <summary>
/// Slow and hostile targets scraped by the real <c>argus</c> process: one that never answers, one that streams forever, one
/// that sends a gigabyte, one with invalid UTF-8, one with an absurd number of labels. Each scrape ends within its
/// scrape_timeout and body_size_limit with an error that says why, and a healthy target beside them is scraped on time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-faults-targets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task NeverAnswerAsync(Stream s, CancellationToken ct) => await Task.Delay(Timeout.Infinite, ct);

    private static async Task StreamForeverAsync(Stream s, CancellationToken ct)
    {
        await s.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        for (long i = 0; ; i++)
        {
            await s.WriteAsync(Encoding.ASCII.GetBytes($"# slowly {i}\n"), ct);
            await Task.Delay(50, ct);
        }
    }

    private static async Task GigabyteAsync(Stream s, CancellationToken ct)
    {
        const long size = 1L << 30;
        await s.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"), ct);
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 4096).Select(i => $"gigabyte_series{{i=\"{i % 1000}\"}} 1\n")));
        for (long sent = 0; sent < size; sent += chunk.Length)
        {
            await s.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)), ct);
        }
    }

    [Fact]
    public async Task EachHostileScrape_EndsWithinItsLimits_AndTheHealthyTargetIsUnaffected()
    {
        byte[] invalidUtf8 = [.. "ok_metric 1\nbad_metric{l=\""u8, 0xff, 0xfe, .. "\"} 1\n"u8];
        string manyLabels = "wide{" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"l{i}=\"v\"")) + "} 1\n";
        await using var target = new HostileTarget(new()
        {
            ["/healthy"] = (s, ct) => HostileTarget.RespondAsync(s, "healthy_a 1\n", ct),
            ["/never"] = NeverAnswerAsync,
            ["/forever"] = StreamForeverAsync,
            ["/gigabyte"] = GigabyteAsync,
            ["/utf8"] = (s, ct) => HostileTarget.RespondAsync(s, invalidUtf8, ct),
            ["/labels"] = (s, ct) => HostileTarget.RespondAsync(s, manyLabels, ct),
            ["/labels-unlimited"] = (s, ct) => HostileTarget.RespondAsync(s, manyLabels, ct),
        });
        int port = PeerProcess.FreePort();
        string config = Path.Combine(_dir, "prometheus.yml");
        string Job(string name, string path, string extra = "") =>
            $"- job_name: {name}\n  metrics_path: {path}\n{extra}  static_configs: [{{targets: ['{target.Address}']}}]\n";
        await File.WriteAllTextAsync(config, "global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n" +
            Job("healthy", "/healthy") + Job("never", "/never") + Job("forever", "/forever") +
            Job("gigabyte", "/gigabyte", "  body_size_limit: 1MB\n") + Job("utf8", "/utf8") +
            Job("labels", "/labels", "  label_limit: 64\n") + Job("labels-unlimited", "/labels-unlimited"));
        await using var argus = ArgusProcess.Start("--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Func<string?> died = () => argus.HasExited ? "argus exited:\n" + argus.Output : null;
        await Poll.UntilAsync(async () => await Poll.StatusAsync(http, "/-/ready") == 200, TimeSpan.FromSeconds(30), died);

        var expected = new Dictionary<string, string>
        {
            ["never"] = "context deadline exceeded",
            ["forever"] = "context deadline exceeded",
            ["gigabyte"] = "body size limit exceeded",
            ["utf8"] = "UTF-8",
            ["labels"] = "label_limit",
        };
        Dictionary<string, (string Health, string Error, double Duration)> seen = [];
        await Poll.UntilAsync(async () =>
        {
            seen = await TargetsAsync(http);
            return expected.Keys.All(j => seen.TryGetValue(j, out var t) && t.Error.Length > 0) && seen.GetValueOrDefault("labels-unlimited").Health == "up";
        }, TimeSpan.FromSeconds(30), died);

        foreach (var (job, text) in expected)
        {
            var t = seen[job];
            Assert.True(t.Health == "down", $"{job}: {t.Health}");
            Assert.True(t.Error.Contains(text, StringComparison.OrdinalIgnoreCase), $"{job}: lastError \"{t.Error}\" does not mention \"{text}\"");
            Assert.True(t.Duration < 2.5, $"{job}: scrape took {t.Duration}s with a 1s timeout");
        }

        // The healthy target was scraped every second all along, while the others hung, streamed and overflowed: no gap
        // between its samples as long as the hostile targets' 1 s timeouts (the machine's load may delay a scrape a little).
        await Task.Delay(TimeSpan.FromSeconds(6));
        using (var raw = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("healthy_a[15s]"))))
        {
            var times = raw.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("values").EnumerateArray()
                .Select(v => v[0].GetDouble()).ToList();
            Assert.True(times.Count >= 6, $"healthy target has {times.Count} samples in the last 15s of 1s scrapes: {string.Join(", ", times)}");
            double maxGap = times.Zip(times.Skip(1), (a, b) => b - a).Max();
            Assert.True(maxGap < 2.5, $"healthy target's scrapes were {maxGap:F2}s apart at worst with a 1s interval: {string.Join(", ", times)}");
        }
        Assert.Equal(1, await CardinalityBombTests.ScalarAsync(http, "up{job=\"healthy\"}"));
        using (var series = JsonDocument.Parse(await http.GetStringAsync("/api/v1/series?match[]=wide")))
        {
            // Without a label_limit the absurd series is stored whole (as Prometheus does): 20000 labels, name, job, instance.
            Assert.Equal(20_003, series.RootElement.GetProperty("data")[0].EnumerateObject().Count());
        }
        Assert.True(target.Requests("/gigabyte") >= 1);
        long rss = CardinalityBombTests.ResidentBytes(argus.Id);
        Assert.True(rss < 1024L << 20, $"argus uses {rss >> 20} MiB resident");
        Assert.Null(died());
    }

    private static async Task<Dictionary<string, (string Health, string Error, double Duration)>> TargetsAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets?state=active"));
        var result = new Dictionary<string, (string, string, double)>();
        foreach (var t in doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            result[t.GetProperty("labels").GetProperty("job").GetString()!] = (t.GetProperty("health").GetString()!,
                t.GetProperty("lastError").GetString()!, t.GetProperty("lastScrapeDuration").GetDouble());
        }
        return result;
    }
}
