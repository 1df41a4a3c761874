using System.Text.Json;
using Argus.Cli;
using Argus.Rules.Remote;
using Argus.Tests.Testing;

namespace Argus.Tests.Rules.Remote;

/// <summary>
/// Rules evaluated against Debian's real Prometheus 2.42 (scraping itself) with <c>--rules.query-url</c>: the recording
/// rule's output and the firing alert land in Argus's local store, and the rules report health "ok". Error answers are
/// covered against a fake in <see cref="RemoteRuleQueryTests"/>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RemoteRulesPrometheusTests : IDisposable
{
    private const string Prometheus = "/usr/bin/prometheus";
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-rrules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PeerFact(Prometheus)]
    public async Task Rules_EvaluatedByPrometheus_OutputsStoredLocally()
    {
        string promConfig = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(promConfig, "global:\n  scrape_interval: 1s\nscrape_configs: []\n");
        await using var prometheus = await PeerProcess.StartAsync(Prometheus, port =>
            [$"--config.file={promConfig}", $"--storage.tsdb.path={Path.Combine(_dir, "prom")}", $"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle"]);
        // Prometheus scrapes itself once its config names its own port.
        await File.WriteAllTextAsync(promConfig, $"global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: prom\n    static_configs: [{{targets: [\"127.0.0.1:{prometheus.Port}\"]}}]\n");
        using var promHttp = new HttpClient { BaseAddress = new Uri(prometheus.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        using (var reload = await promHttp.PostAsync("/-/reload", null)) Assert.True(reload.IsSuccessStatusCode, prometheus.Log);
        await Poll.UntilAsync(async () => (await Result(promHttp, "up{job=\"prom\"}")).GetArrayLength() == 1, TimeSpan.FromSeconds(30));

        string rules = Path.Combine(_dir, "rules.yml");
        await File.WriteAllTextAsync(rules, """
            groups:
              - name: remote
                interval: 1s
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up{job="prom"})
                  - alert: PromUp
                    expr: up{job="prom"} == 1
                    labels: {severity: info}
            """);
        string argusConfig = Path.Combine(_dir, "argus.yml");
        await File.WriteAllTextAsync(argusConfig, $"global:\n  evaluation_interval: 1s\nrule_files: [\"{rules}\"]\n");
        int argusPort = PeerProcess.FreePort();
        using var stop = new CancellationTokenSource();
        var argus = ArgusServer.RunAsync(new ServeOptions
        {
            ConfigFile = argusConfig,
            StoragePath = Path.Combine(_dir, "argus"),
            ListenAddress = $"127.0.0.1:{argusPort}",
            LogLevel = "warn",
            RulesQuery = new RemoteQueryOptions { Url = new Uri(prometheus.BaseUrl), Timeout = TimeSpan.FromSeconds(5) },
        }, stop.Token);
        using var argusHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{argusPort}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // Argus scrapes nothing with job="prom": these series can only come from rules evaluated by Prometheus.
            await Poll.UntilAsync(async () => await Poll.StatusAsync(argusHttp, "/-/ready") == 200
                && (await Result(argusHttp, "job:up:sum")).GetArrayLength() == 1
                && (await Result(argusHttp, "ALERTS{alertname=\"PromUp\",alertstate=\"firing\"}")).GetArrayLength() == 1,
                TimeSpan.FromSeconds(60), () => argus.IsCompleted ? $"argus stopped early with exit code {argus.Result}" : null);

            var recorded = (await Result(argusHttp, "job:up:sum"))[0];
            Assert.Equal("prom", recorded.GetProperty("metric").GetProperty("job").GetString());
            Assert.Equal("1", recorded.GetProperty("value")[1].GetString());
            var alert = (await Result(argusHttp, "ALERTS{alertname=\"PromUp\"}"))[0].GetProperty("metric");
            Assert.Equal($"127.0.0.1:{prometheus.Port}", alert.GetProperty("instance").GetString());
            Assert.Equal("info", alert.GetProperty("severity").GetString());
            using var rulesDoc = JsonDocument.Parse(await argusHttp.GetStringAsync("/api/v1/rules"));
            var ruleList = rulesDoc.RootElement.GetProperty("data").GetProperty("groups")[0].GetProperty("rules");
            Assert.All(ruleList.EnumerateArray(), r => Assert.Equal("ok", r.GetProperty("health").GetString()));
        }
        finally
        {
            stop.Cancel();
            await argus.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<JsonElement> Result(HttpClient http, string query)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
        return doc.RootElement.GetProperty("data").GetProperty("result").Clone();
    }
}
