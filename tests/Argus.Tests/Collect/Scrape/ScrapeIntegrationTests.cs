using Argus.Collect.Exposition;
using Argus.Collect.Scrape;
using Argus.Config;
using Argus.Model;
using Argus.Store;
using Argus.Telemetry;
using Argus.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Tests.Collect.Scrape;

/// <summary>Scrapes Debian's real node-exporter and pushgateway into a real store and compares what was stored.</summary>
[Trait("Category", "Integration")]
public sealed class ScrapeIntegrationTests : IDisposable
{
    private const string NodeExporter = "/usr/bin/prometheus-node-exporter";
    private const string Pushgateway = "/usr/bin/prometheus-pushgateway";
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-scrape-").FullName;

    [PeerFact(NodeExporter, Pushgateway)]
    public async Task ScrapesRealNodeExporterAndPushgateway()
    {
        await using var node = await PeerProcess.StartAsync(NodeExporter, p =>
            [$"--web.listen-address=127.0.0.1:{p}", "--collector.disable-defaults", "--collector.meminfo", "--collector.cpu", "--collector.uname"], "/metrics");
        await using var push = await PeerProcess.StartAsync(Pushgateway, p => [$"--web.listen-address=127.0.0.1:{p}"], "/-/ready");
        using var http = new HttpClient();
        var pushed = await http.PutAsync($"{push.BaseUrl}/metrics/job/batch/instance/i1",
            new StringContent("# TYPE backup_last_success_seconds gauge\nbackup_last_success_seconds{db=\"orders\"} 1.7e9\n"));
        pushed.EnsureSuccessStatusCode();

        var loaded = ConfigLoader.LoadString($"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: node
                static_configs: [{"{"} targets: ["127.0.0.1:{node.Port}"] {"}"}]
              - job_name: pushgateway
                honor_labels: true
                static_configs: [{"{"} targets: ["127.0.0.1:{push.Port}"] {"}"}]
            """, "test.yml");
        Assert.True(loaded.Success, loaded.ErrorText);

        var metrics = new MetricsRegistry();
        await using var db = Db.Open(new DbOptions { Path = _dir }, metrics, NullLoggerFactory.Instance);
        await using (var scrape = new ScrapeManager(db, metrics, TimeProvider.System, NullLoggerFactory.Instance, 7))
        {
            await scrape.ApplyConfigAsync(loaded.Config!, _dir);
            await WaitAsync(() => Count(db, "up", 1) == 2 && Count(db, "node_memory_MemTotal_bytes", null) > 0
                                  && Count(db, "backup_last_success_seconds", null) > 0);
            Assert.All(scrape.Pools.SelectMany(p => p.ActiveTargets), t => Assert.Equal(TargetHealth.Up, t.LastReport.Health));
        }

        // Pushgateway: honor_labels keeps the pushed job/instance.
        var backup = Select(db, Matcher.Equal("__name__", "backup_last_success_seconds")).Single();
        Assert.Equal("batch", backup.Labels.Get("job"));
        Assert.Equal("i1", backup.Labels.Get("instance"));
        Assert.Equal("orders", backup.Labels.Get("db"));
        Assert.Equal(1.7e9, backup.Last);

        // node-exporter: the stored series are exactly the exposed ones plus job/instance; static values agree.
        var exposed = ParseSeries(await http.GetByteArrayAsync($"{node.BaseUrl}/metrics"));
        var stored = Select(db, Matcher.Equal("job", "node")).Where(s => !ScrapeLoop.ReportNames.Contains(s.Labels.MetricNameValue)).ToList();
        var expected = exposed.Keys.Select(l => l.ToBuilder().Set("job", "node").Set("instance", $"127.0.0.1:{node.Port}").Build().ToString()).ToHashSet();
        Assert.Equal(expected.Order(), stored.Select(s => s.Labels.ToString()).Order());
        var memTotal = exposed.Single(kv => kv.Key.MetricNameValue == "node_memory_MemTotal_bytes").Value;
        Assert.Equal(memTotal, stored.Single(s => s.Labels.MetricNameValue == "node_memory_MemTotal_bytes").Last);
    }

    private static Dictionary<Labels, double> ParseSeries(byte[] body)
    {
        var result = new Dictionary<Labels, double>();
        var p = new ExpositionParser(body, ExpositionFormat.PrometheusText);
        ExpositionEntry e;
        while ((e = p.Next()) != ExpositionEntry.Eof)
        {
            if (e == ExpositionEntry.Series) result[p.BuildLabels()] = p.Value;
        }
        return result;
    }

    private static List<(Labels Labels, double Last)> Select(Argus.Store.IQueryable db, params Matcher[] matchers)
    {
        using var q = db.Querier(0, long.MaxValue);
        var set = q.Select(true, matchers);
        var result = new List<(Labels, double)>();
        while (set.Next())
        {
            var it = set.At.Iterator();
            double last = double.NaN;
            while (it.Next()) last = it.V;
            result.Add((set.At.Labels, last));
        }
        return result;
    }

    private static int Count(Argus.Store.IQueryable db, string name, double? value) =>
        Select(db, Matcher.Equal("__name__", name)).Count(s => value is null || s.Last == value);

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached within 20s");
            await Task.Delay(200);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
