using System.Globalization;
using System.Text.Json;
using Argus.Cli;
using Argus.Model;
using Argus.Store;
using Argus.Telemetry;
using Argus.Tests.Oracle;
using Argus.Tests.Testing;
using Argus.Tests.Store.Blocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// Debian's real Prometheus 2.42 as the bigger server reading Argus: through remote_read (read_recent, an empty local
/// TSDB) its PromQL answers over Argus's data must equal Argus's own; scraping /federate with honor_labels it must store
/// Argus's series with their labels, Argus's external labels and Argus's timestamps. The same running server also takes
/// a snapshot through /api/v1/admin/tsdb/snapshot, which must open as a store with the same data.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PrometheusReadsArgusTests : IDisposable
{
    private const string Prometheus = "/usr/bin/prometheus";
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-rread-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PeerFact(Prometheus)]
    public async Task RemoteReadFederateAndSnapshot_AgainstPrometheus242()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long startMs = now / 7_200_000 * 7_200_000 - 4 * 3_600_000;
        string file = Path.Combine(_dir, "oracle.om");
        OracleData.Write(file, startMs);
        string argusData = Path.Combine(_dir, "argus");
        Assert.True(ImportCommand.Run(file, argusData, new StringWriter(), new StringWriter()) == 0);

        int argusPort = PeerProcess.FreePort();
        string argusConfig = Path.Combine(_dir, "argus.yml");
        await File.WriteAllTextAsync(argusConfig, $"""
            global:
              scrape_interval: 1s
              external_labels: {"{"}cluster: argus-test{"}"}
            scrape_configs:
              - job_name: self
                static_configs: [{"{"}targets: ["127.0.0.1:{argusPort}"]{"}"}]
            """);
        using var stop = new CancellationTokenSource();
        var argus = ArgusServer.RunAsync(new ServeOptions
        {
            ConfigFile = argusConfig,
            StoragePath = argusData,
            ListenAddress = $"127.0.0.1:{argusPort}",
            LogLevel = "warn",
        }, stop.Token);
        using var argusHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{argusPort}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await Poll.UntilAsync(async () => await Poll.StatusAsync(argusHttp, "/-/ready") == 200, TimeSpan.FromSeconds(30),
                () => argus.IsCompleted ? $"argus stopped early with exit code {argus.Result}" : null);

            string promConfig = Path.Combine(_dir, "prometheus.yml");
            await File.WriteAllTextAsync(promConfig, $$"""
                global:
                  scrape_interval: 1s
                remote_read:
                  - url: http://127.0.0.1:{{argusPort}}/api/v1/read
                    read_recent: true
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params: {"match[]": ['{job="self"}']}
                    static_configs: [{targets: ["127.0.0.1:{{argusPort}}"]}]
                """);
            await using var prometheus = await PeerProcess.StartAsync(Prometheus, port =>
                [$"--config.file={promConfig}", $"--storage.tsdb.path={Path.Combine(_dir, "prom")}", $"--web.listen-address=127.0.0.1:{port}"]);
            using var promHttp = new HttpClient { BaseAddress = new Uri(prometheus.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

            // Remote read: the oracle's queries, answered by Prometheus's engine over samples read from Argus.
            var failures = new List<string>();
            string[] instants = [Seconds(startMs + 40 * 60_000), Seconds(startMs + 119 * 60_000)];
            string[] queries = [.. OracleQueries.Compared.Take(12), "count({__name__=~\"oracle_.+\"})"];
            int withData = 0;
            foreach (string query in queries)
            {
                foreach (string t in instants)
                {
                    // Remote read adds Argus's external label to every series it returns; Argus's own answer lacks it.
                    var prom = (await Answer(promHttp, query, t)).ToDictionary(
                        kv => "{" + string.Join(",", kv.Key.Trim('{', '}').Split(',').Where(l => l != "cluster=argus-test")) + "}", kv => kv.Value);
                    var own = await Answer(argusHttp, query, t);
                    string? diff = Diff(prom, own);
                    if (diff is not null) failures.Add($"{query} @ {t}: {diff}");
                    else if (prom.Count > 0) withData++;
                }
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + prometheus.Log);
            Assert.True(withData >= queries.Length, $"only {withData} answers had data: remote read returned too little");

            // Federation: Prometheus scrapes Argus's self-scraped series through /federate with honor_labels.
            await Poll.UntilAsync(async () => (await Result(promHttp, "up{job=\"self\",cluster=\"argus-test\"}")).GetArrayLength() == 1,
                TimeSpan.FromSeconds(30), prometheus.DiedBecause);
            // The federated sample keeps Argus's timestamp: at an instant both have, both answer alike.
            var argusUp = (await Result(argusHttp, "up{job=\"self\"}"))[0].GetProperty("value");
            string at = argusUp[0].GetRawText();
            await Poll.UntilAsync(async () => (await Result(promHttp, $"timestamp(up{{job=\"self\"}})", at)).GetArrayLength() == 1
                && (await Result(promHttp, $"timestamp(up{{job=\"self\"}})", at))[0].GetProperty("value")[1].GetString()
                   == (await Result(argusHttp, $"timestamp(up{{job=\"self\"}})", at))[0].GetProperty("value")[1].GetString(),
                TimeSpan.FromSeconds(30), prometheus.DiedBecause);
            var promLabels = await SeriesKeys(promHttp, "{job=\"self\"}");
            var argusLabels = await SeriesKeys(argusHttp, "{job=\"self\"}");
            // Argus's label sets plus its external label; Prometheus may hold a few more (series Argus has since dropped).
            var expected = argusLabels.Select(l => l.Replace("}", ",cluster=argus-test}")).ToList();
            var missing = expected.Where(l => !promLabels.Contains(SortKey(l))).ToList();
            Assert.True(missing.Count <= expected.Count / 20, $"{missing.Count} of {expected.Count} Argus series not federated: {string.Join(" ", missing.Take(5))}");
            // honor_labels kept the federated job/instance (no exported_* renames beyond those Argus's own series carry).
            Assert.Equal(argusLabels.Count(l => l.Contains("exported_", StringComparison.Ordinal)) > 0,
                promLabels.Any(l => l.Contains("exported_", StringComparison.Ordinal)));

            // Snapshot: the blocks imported above plus the head, restorable as a store.
            using var snapshot = await argusHttp.PostAsync("/api/v1/admin/tsdb/snapshot", null);
            var body = await snapshot.Content.ReadAsStringAsync();
            Assert.True(snapshot.IsSuccessStatusCode, body);
            string name = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("name").GetString()!;
            Assert.Matches(@"^\d{8}T\d{6}Z-[0-9a-f]{16}$", name);
            await using var restored = Db.Open(new DbOptions { Path = Path.Combine(argusData, "snapshots", name), RetentionTime = TimeSpan.FromDays(3650) },
                new MetricsRegistry(), NullLoggerFactory.Instance);
            using var q = restored.Querier(startMs, startMs + 2 * 3_600_000);
            var oracle = StoreRead.All(q, new Matcher(MatcherType.Regexp, "__name__", "oracle_.+"));
            var series = (await GetJson(argusHttp, $"/api/v1/series?match[]={Uri.EscapeDataString("{__name__=~\"oracle_.+\"}")}" +
                $"&start={Seconds(startMs)}&end={Seconds(startMs + 2 * 3_600_000)}")).GetProperty("data");
            Assert.Equal(series.GetArrayLength(), oracle.Count);
            Assert.Equal(oracle.Sum(s => s.Item2.Count), oracle.Sum(s => s.Item2.Count(x => x.T >= startMs)));
            Assert.NotEmpty(StoreRead.All(restored.Querier(now - 3_600_000, long.MaxValue / 2), new Matcher(MatcherType.Equal, "job", "self")));
        }
        finally
        {
            stop.Cancel();
            await argus.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<Dictionary<string, string>> Answer(HttpClient http, string query, string time)
    {
        var root = await GetJson(http, $"/api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
        Assert.True(root.GetProperty("status").GetString() == "success", $"{query}: {root}");
        return root.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            r => SortKey("{" + string.Join(",", r.GetProperty("metric").EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}")) + "}"),
            r => r.GetProperty("value")[1].GetString()!);
    }

    /// <summary>Null when both answers have the same series with values equal to 1e-9 relative.</summary>
    private static string? Diff(Dictionary<string, string> prom, Dictionary<string, string> argus)
    {
        if (!prom.Keys.Order().SequenceEqual(argus.Keys.Order()))
        {
            return $"series differ: Prometheus {string.Join(" ", prom.Keys.Order().Take(3))} …, Argus {string.Join(" ", argus.Keys.Order().Take(3))} …";
        }
        foreach (var (key, pv) in prom)
        {
            double p = double.Parse(pv, CultureInfo.InvariantCulture), a = double.Parse(argus[key], CultureInfo.InvariantCulture);
            bool same = p.Equals(a) || Math.Abs(p - a) <= 1e-9 * Math.Max(Math.Abs(p), Math.Abs(a));
            if (!same) return $"{key}: Prometheus {pv}, Argus {argus[key]}";
        }
        return null;
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetJson(HttpClient http, string path) =>
        JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;

    private static async Task<JsonElement> Result(HttpClient http, string query, string? time = null) =>
        (await GetJson(http, $"/api/v1/query?query={Uri.EscapeDataString(query)}{(time is null ? "" : "&time=" + time)}")).GetProperty("data").GetProperty("result");

    private static async Task<HashSet<string>> SeriesKeys(HttpClient http, string match)
    {
        var data = (await GetJson(http, $"/api/v1/series?match[]={Uri.EscapeDataString(match)}&start={Seconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000)}")).GetProperty("data");
        return [.. data.EnumerateArray().Select(m => SortKey("{" + string.Join(",", m.EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}")) + "}"))];
    }

    private static string SortKey(string key) =>
        "{" + string.Join(",", key.Trim('{', '}').Split(',').Order(StringComparer.Ordinal)) + "}";
}
